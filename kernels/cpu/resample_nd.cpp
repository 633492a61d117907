// Separable N-d resampling: per spatial axis a table of taps (source index
// and weight per output index), built as PyTorch 1.13's UpSample kernels
// build theirs, then applied axis by axis. Nearest modes copy elements
// (any dtype); weighted modes accumulate in the input's float type.
#include "kernels/cpu/resample_nd.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/check.h"

namespace wick::kernels {
namespace {

std::string shapeStr(IntArrayRef s) { return fmt::format("[{}]", fmt::join(s, ", ")); }

struct Taps {
  int64_t width = 1;             // taps per output index
  std::vector<int64_t> index;    // [out * width]
  std::vector<double> weight;    // [out * width]
};

// PyTorch's area_pixel_compute_scale, in the accumulation type T.
template <typename T>
T areaScale(int64_t in, int64_t out, bool alignCorners, std::optional<double> scale) {
  if (alignCorners) return out > 1 ? static_cast<T>(in - 1) / static_cast<T>(out - 1) : T(0);
  if (scale && *scale > 0) return static_cast<T>(1.0 / *scale);
  return static_cast<T>(in) / static_cast<T>(out);
}

template <typename T>
T sourceIndex(T scale, int64_t dst, bool alignCorners, bool cubic) {
  if (alignCorners) return scale * static_cast<T>(dst);
  T src = scale * (static_cast<T>(dst) + T(0.5)) - T(0.5);
  return (!cubic && src < T(0)) ? T(0) : src;
}

double cubic1(double x, double a) { return ((a + 2) * x - (a + 3)) * x * x + 1; }
double cubic2(double x, double a) { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a; }

template <typename T>
Taps axisTaps(ResampleMode mode, int64_t in, int64_t out, bool alignCorners, std::optional<double> scale) {
  Taps t;
  switch (mode) {
    case ResampleMode::Nearest:
    case ResampleMode::NearestExact: {
      // Indices in float whatever the dtype, as PyTorch.
      float s = scale && *scale > 0 ? static_cast<float>(1.0 / *scale) : static_cast<float>(in) / static_cast<float>(out);
      for (int64_t o = 0; o < out; ++o) {
        float src = mode == ResampleMode::Nearest ? floorf(static_cast<float>(o) * s)
                                                  : floorf(static_cast<float>((o + 0.5) * s));
        t.index.push_back(std::min(static_cast<int64_t>(src), in - 1));
        t.weight.push_back(1.0);
      }
      return t;
    }
    case ResampleMode::Linear: {
      t.width = 2;
      T s = areaScale<T>(in, out, alignCorners, scale);
      for (int64_t o = 0; o < out; ++o) {
        if (in == out && !alignCorners) {
          t.index.insert(t.index.end(), {o, o});
          t.weight.insert(t.weight.end(), {1.0, 0.0});
          continue;
        }
        T real = sourceIndex<T>(s, o, alignCorners, false);
        int64_t i0 = static_cast<int64_t>(real);
        int64_t i1 = i0 + (i0 < in - 1 ? 1 : 0);
        T l1 = std::min(std::max(real - static_cast<T>(i0), T(0)), T(1));
        T l0 = T(1) - l1;
        t.index.insert(t.index.end(), {i0, i1});
        t.weight.insert(t.weight.end(), {static_cast<double>(l0), static_cast<double>(l1)});
      }
      return t;
    }
    case ResampleMode::Cubic: {
      t.width = 4;
      T s = areaScale<T>(in, out, alignCorners, scale);
      const double a = -0.75;
      for (int64_t o = 0; o < out; ++o) {
        T real = sourceIndex<T>(s, o, alignCorners, true);
        int64_t i = static_cast<int64_t>(std::floor(real));
        T f = real - static_cast<T>(i);
        double x = static_cast<double>(f);
        double w[4] = {cubic2(x + 1, a), cubic1(x, a), cubic1(1 - x, a), cubic2(2 - x, a)};
        for (int k = 0; k < 4; ++k) {
          t.index.push_back(std::min(std::max<int64_t>(i - 1 + k, 0), in - 1));
          t.weight.push_back(static_cast<double>(static_cast<T>(w[k])));
        }
      }
      return t;
    }
    case ResampleMode::LinearAntialias:
    case ResampleMode::CubicAntialias: {
      const bool cubic = mode == ResampleMode::CubicAntialias;
      const double interp = cubic ? 4 : 2;
      T s = areaScale<T>(in, out, alignCorners, scale);
      T support = s >= T(1) ? static_cast<T>(interp * 0.5) * s : static_cast<T>(interp * 0.5);
      t.width = static_cast<int64_t>(std::ceil(static_cast<double>(support))) * 2 + 1;
      auto filter = [cubic](T x) -> T {
        if (x < 0) x = -x;
        if (!cubic) return x < 1 ? T(1) - x : T(0);
        const T a = T(-0.5);
        if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
        if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
        return T(0);
      };
      T invscale = s >= T(1) ? T(1) / s : T(1);
      for (int64_t o = 0; o < out; ++o) {
        T center = s * (static_cast<T>(o) + T(0.5));
        int64_t xmin = std::max<int64_t>(static_cast<int64_t>(center - support + T(0.5)), 0);
        int64_t xsize = std::min<int64_t>(static_cast<int64_t>(center + support + T(0.5)), in) - xmin;
        xsize = std::min(xsize, t.width);
        std::vector<T> w(static_cast<size_t>(t.width), T(0));
        T total = 0;
        for (int64_t j = 0; j < xsize; ++j) {
          w[j] = filter((static_cast<T>(j + xmin) - center + T(0.5)) * invscale);
          total += w[j];
        }
        for (int64_t j = 0; j < t.width; ++j) {
          if (j < xsize && total != T(0)) w[j] /= total;
          t.index.push_back(std::min(xmin + j, in - 1));
          t.weight.push_back(static_cast<double>(j < xsize ? w[j] : T(0)));
        }
      }
      return t;
    }
    case ResampleMode::AdaptiveAvg: {
      int64_t widest = 0;
      std::vector<std::pair<int64_t, int64_t>> ranges;
      for (int64_t o = 0; o < out; ++o) {
        int64_t st = (o * in) / out;
        int64_t en = ((o + 1) * in + out - 1) / out;
        ranges.emplace_back(st, en);
        widest = std::max(widest, en - st);
      }
      t.width = widest;
      for (auto [st, en] : ranges) {
        for (int64_t j = 0; j < widest; ++j) {
          t.index.push_back(std::min(st + j, in - 1));
          t.weight.push_back(st + j < en ? 1.0 / static_cast<double>(en - st) : 0.0);
        }
      }
      return t;
    }
  }
  return t;
}

// x: contiguous [outer, in, inner] -> [outer, out, inner].
template <typename T>
void applyWeighted(const T* x, T* y, int64_t outer, int64_t in, int64_t inner, const Taps& t, int64_t out) {
  std::vector<T> w(t.weight.begin(), t.weight.end());
  for (int64_t a = 0; a < outer; ++a) {
    const T* xa = x + a * in * inner;
    T* ya = y + a * out * inner;
    for (int64_t o = 0; o < out; ++o) {
      T* yo = ya + o * inner;
      for (int64_t b = 0; b < inner; ++b) yo[b] = T(0);
      for (int64_t k = 0; k < t.width; ++k) {
        T wk = w[o * t.width + k];
        if (wk == T(0)) continue;
        const T* xs = xa + t.index[o * t.width + k] * inner;
        for (int64_t b = 0; b < inner; ++b) yo[b] += wk * xs[b];
      }
    }
  }
}

void applyNearest(const char* x, char* y, int64_t outer, int64_t in, int64_t inner, const Taps& t, int64_t out,
                  int64_t es) {
  const size_t row = static_cast<size_t>(inner * es);
  for (int64_t a = 0; a < outer; ++a)
    for (int64_t o = 0; o < out; ++o)
      std::memcpy(y + (a * out + o) * inner * es, x + (a * in + t.index[o]) * inner * es, row);
}

}  // namespace

DimVector resampleOutputSize(const char* op, const Tensor& input, int64_t spatialDims,
                             const std::optional<DimVector>& outputSize,
                             const std::optional<std::vector<double>>& scaleFactors) {
  WICK_CHECK(outputSize.has_value() != scaleFactors.has_value(),
             "{}: must specify exactly one of output_size and scale_factors", op);
  WICK_CHECK(input.dim() == spatialDims + 2, "{}: expected a {}-D input (N, C, {} spatial dims), got {}", op,
             spatialDims + 2, spatialDims, shapeStr(input.sizes()));
  if (outputSize) return *outputSize;
  WICK_CHECK(static_cast<int64_t>(scaleFactors->size()) == spatialDims, "{}: scale_factors must have {} values, got {}",
             op, spatialDims, scaleFactors->size());
  DimVector r;
  for (int64_t i = 0; i < spatialDims; ++i)
    r.push_back(static_cast<int64_t>(std::floor(static_cast<double>(input.size(2 + i)) * (*scaleFactors)[i])));
  return r;
}

Tensor resample(const char* op, const Tensor& input, int64_t spatialDims, IntArrayRef outputSize,
                ResampleMode mode, bool alignCorners, const std::vector<std::optional<double>>& scales) {
  WICK_CHECK(input.dim() == spatialDims + 2, "{}: expected a {}-D input (N, C, {} spatial dims), got {}", op,
             spatialDims + 2, spatialDims, shapeStr(input.sizes()));
  WICK_CHECK(static_cast<int64_t>(outputSize.size()) == spatialDims, "{}: output_size must have {} values, got {}", op,
             spatialDims, shapeStr(outputSize));
  for (int64_t i = 0; i < spatialDims; ++i) {
    WICK_CHECK(outputSize[i] > 0 && input.size(2 + i) > 0,
               "{}: input and output sizes should be greater than 0, but got input {} and output {}", op,
               shapeStr(input.sizes()), shapeStr(outputSize));
  }
  const bool nearest = mode == ResampleMode::Nearest || mode == ResampleMode::NearestExact;
  WICK_CHECK(nearest || input.dtype() == DType::Float32 || input.dtype() == DType::Float64,
             "{}: not implemented for dtype {}", op, dtypeName(input.dtype()));
  Tensor cur = input.contiguous();
  DimVector shape(cur.sizes());
  for (int64_t d = 0; d < spatialDims; ++d) {
    const int64_t axis = 2 + d;
    const int64_t in = shape[axis], out = outputSize[d];
    if (mode == ResampleMode::AdaptiveAvg && in == out) continue;
    int64_t outer = 1, inner = 1;
    for (int64_t i = 0; i < axis; ++i) outer *= shape[i];
    for (int64_t i = axis + 1; i < static_cast<int64_t>(shape.size()); ++i) inner *= shape[i];
    std::optional<double> sc = d < static_cast<int64_t>(scales.size()) ? scales[d] : std::nullopt;
    shape[axis] = out;
    Tensor next = Tensor::empty(shape, cur.dtype());
    if (next.numel() > 0) {
      if (nearest) {
        Taps t = axisTaps<float>(mode, in, out, alignCorners, sc);
        applyNearest(static_cast<const char*>(cur.rawData()), static_cast<char*>(next.rawData()), outer, in, inner, t,
                     out, cur.elementSize());
      } else if (cur.dtype() == DType::Float32) {
        Taps t = axisTaps<float>(mode, in, out, alignCorners, sc);
        applyWeighted(cur.data<float>(), next.data<float>(), outer, in, inner, t, out);
      } else {
        Taps t = axisTaps<double>(mode, in, out, alignCorners, sc);
        applyWeighted(cur.data<double>(), next.data<double>(), outer, in, inner, t, out);
      }
    }
    cur = next;
  }
  return cur.isSameTensor(input) ? input.clone() : cur;
}

}  // namespace wick::kernels

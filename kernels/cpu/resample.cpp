// Upsampling (nearest, bilinear) and the channel reshuffles (pixel_shuffle,
// channel_shuffle), following PyTorch's source-index arithmetic exactly so
// results match bit for bit where PyTorch's do.
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "core/parallel.h"
#include "kernels/cpu/cnn_common.h"
#include "kernels/cpu/pooling.h"

namespace wick::kernels {
namespace {

void check4d(const char* op, const Tensor& input, IntArrayRef outputSize) {
  checkFloating(op, input);
  WICK_CHECK(input.dim() == 4, "{}: expected a 4-D input (N, C, H, W), got {}", op,
             shapeStr(input.sizes()));
  WICK_CHECK(outputSize.size() == 2, "{}: output_size must have 2 values, got {}", op,
             shapeStr(outputSize));
  WICK_CHECK(input.size(1) > 0 && input.size(2) > 0 && input.size(3) > 0 && outputSize[0] > 0 &&
                 outputSize[1] > 0,
             "{}: input {} and output {} sizes must be greater than 0", op,
             shapeStr(input.sizes()), shapeStr(outputSize));
}

// PyTorch's compute_scales_value: 1/scale when the user gave one, else
// in/out; kept in the op's compute type like PyTorch.
template <typename T>
T scaleValue(std::optional<double> scale, int64_t in, int64_t out) {
  return scale && *scale > 0 ? static_cast<T>(1.0 / *scale)
                             : static_cast<T>(in) / static_cast<T>(out);
}

template <typename T>
T areaScale(int64_t in, int64_t out, bool alignCorners, std::optional<double> scale) {
  if (alignCorners) return out > 1 ? static_cast<T>(in - 1) / static_cast<T>(out - 1) : T(0);
  return scaleValue<T>(scale, in, out);
}

// For each output position: the two source indices and the second one's weight.
template <typename T>
struct LinearTaps {
  std::vector<int64_t> i0, i1;
  std::vector<T> l1;
};

template <typename T>
LinearTaps<T> linearTaps(int64_t in, int64_t out, bool alignCorners, std::optional<double> scale) {
  LinearTaps<T> t;
  T sc = areaScale<T>(in, out, alignCorners, scale);
  for (int64_t o = 0; o < out; ++o) {
    T real = alignCorners ? sc * static_cast<T>(o)
                          : std::max(sc * (static_cast<T>(o) + T(0.5)) - T(0.5), T(0));
    int64_t i = std::min(static_cast<int64_t>(real), in - 1);
    T lambda = std::min(std::max(real - static_cast<T>(i), T(0)), T(1));
    t.i0.push_back(i);
    t.i1.push_back(std::min(i + 1, in - 1));
    t.l1.push_back(lambda);
  }
  return t;
}

}  // namespace

DimVector upsampleOutputSize(const char* op, const Tensor& input,
                             const std::optional<DimVector>& outputSize,
                             const std::optional<std::vector<double>>& scaleFactors) {
  WICK_CHECK(outputSize.has_value() != scaleFactors.has_value(),
             "{}: must specify exactly one of output_size and scale_factors", op);
  if (outputSize) return *outputSize;
  WICK_CHECK(scaleFactors->size() == 2, "{}: scale_factors must have 2 values, got {}", op,
             scaleFactors->size());
  WICK_CHECK(input.dim() == 4, "{}: expected a 4-D input (N, C, H, W), got {}", op,
             shapeStr(input.sizes()));
  DimVector r;
  for (int i = 0; i < 2; ++i)
    r.push_back(static_cast<int64_t>(static_cast<double>(input.size(2 + i)) * (*scaleFactors)[i]));
  return r;
}

Tensor upsampleNearest2d(const char* op, const Tensor& input, IntArrayRef outputSize,
                         std::optional<double> scaleH, std::optional<double> scaleW) {
  check4d(op, input, outputSize);
  int64_t H = input.size(2), W = input.size(3), OH = outputSize[0], OW = outputSize[1];
  int64_t planes = input.size(0) * input.size(1);
  Tensor x = input.contiguous();
  Tensor out = Tensor::empty({input.size(0), input.size(1), OH, OW}, input.dtype());
  if (planes == 0) return out;
  // PyTorch computes nearest indices in float whatever the dtype.
  float sh = scaleValue<float>(scaleH, H, OH), sw = scaleValue<float>(scaleW, W, OW);
  std::vector<int64_t> srcH(OH), srcW(OW);
  for (int64_t i = 0; i < OH; ++i)
    srcH[i] = std::min(static_cast<int64_t>(std::floor(static_cast<float>(i) * sh)), H - 1);
  for (int64_t i = 0; i < OW; ++i)
    srcW[i] = std::min(static_cast<int64_t>(std::floor(static_cast<float>(i) * sw)), W - 1);
  WICK_DISPATCH_FLOATING_CNN(input.dtype(), op, {
    const scalar_t* px = x.data<scalar_t>();
    scalar_t* po = out.data<scalar_t>();
    parallelFor(0, planes, std::max<int64_t>(1, 16384 / (OH * OW)), [&](int64_t p0, int64_t p1) {
      for (int64_t p = p0; p < p1; ++p)
        for (int64_t oy = 0; oy < OH; ++oy) {
          const scalar_t* row = px + (p * H + srcH[oy]) * W;
          scalar_t* dst = po + (p * OH + oy) * OW;
          for (int64_t ox = 0; ox < OW; ++ox) dst[ox] = row[srcW[ox]];
        }
    });
  });
  return out;
}

Tensor upsampleBilinear2d(const char* op, const Tensor& input, IntArrayRef outputSize,
                          bool alignCorners, std::optional<double> scaleH,
                          std::optional<double> scaleW) {
  check4d(op, input, outputSize);
  int64_t H = input.size(2), W = input.size(3), OH = outputSize[0], OW = outputSize[1];
  int64_t planes = input.size(0) * input.size(1);
  Tensor x = input.contiguous();
  Tensor out = Tensor::empty({input.size(0), input.size(1), OH, OW}, input.dtype());
  if (planes == 0) return out;
  WICK_DISPATCH_FLOATING_CNN(input.dtype(), op, {
    auto th = linearTaps<scalar_t>(H, OH, alignCorners, scaleH);
    auto tw = linearTaps<scalar_t>(W, OW, alignCorners, scaleW);
    const scalar_t* px = x.data<scalar_t>();
    scalar_t* po = out.data<scalar_t>();
    // Rows are interpolated horizontally once and kept while consecutive
    // output rows reuse them (upsampling reads each input row 2-3 times);
    // the vertical blend is then a unit-stride vectorized loop.
    parallelFor(0, planes, std::max<int64_t>(1, 8192 / (OH * OW)), [&](int64_t p0, int64_t p1) {
      std::vector<scalar_t> rowA(OW), rowB(OW);
      for (int64_t p = p0; p < p1; ++p) {
        int64_t idxA = -1, idxB = -1;
        auto horizontal = [&](int64_t iy, scalar_t* dst) {
          const scalar_t* r = px + (p * H + iy) * W;
          for (int64_t ox = 0; ox < OW; ++ox) {
            scalar_t w1 = tw.l1[ox], w0 = scalar_t(1) - w1;
            dst[ox] = w0 * r[tw.i0[ox]] + w1 * r[tw.i1[ox]];
          }
        };
        for (int64_t oy = 0; oy < OH; ++oy) {
          int64_t y0 = th.i0[oy], y1 = th.i1[oy];
          if (idxA != y0) {
            if (idxB == y0) {
              std::swap(rowA, rowB);
              std::swap(idxA, idxB);
            } else {
              horizontal(y0, rowA.data());
              idxA = y0;
            }
          }
          if (idxB != y1) {
            horizontal(y1, rowB.data());
            idxB = y1;
          }
          scalar_t h1 = th.l1[oy], h0 = scalar_t(1) - h1;
          const scalar_t* a = rowA.data();
          const scalar_t* b = rowB.data();
          scalar_t* dst = po + (p * OH + oy) * OW;
          for (int64_t ox = 0; ox < OW; ++ox) dst[ox] = h0 * a[ox] + h1 * b[ox];
        }
      }
    });
  });
  return out;
}

Tensor pixelShuffle(const char* op, const Tensor& input, int64_t r) {
  WICK_CHECK(input.dim() >= 3, "{}: expected an input with at least 3 dims, got {}", op,
             shapeStr(input.sizes()));
  WICK_CHECK(r > 0, "{}: upscale_factor must be greater than 0, got {}", op, r);
  int64_t c = input.size(-3), h = input.size(-2), w = input.size(-1);
  WICK_CHECK(c % (r * r) == 0,
             "{}: expected the channels of input {} to be divisible by upscale_factor^2 = {}", op,
             shapeStr(input.sizes()), r * r);
  Tensor x = input.contiguous();
  int64_t oc = c / (r * r), lead = input.numel() / std::max<int64_t>(c * h * w, 1);
  // (lead, oc, r1, r2, h, w) read as (lead, oc, h, r1, w, r2).
  Tensor view = x.asStrided({lead, oc, h, r, w, r},
                            {c * h * w, r * r * h * w, w, r * h * w, 1, h * w}, x.storageOffset());
  DimVector outShape(input.sizes());
  outShape[outShape.size() - 3] = oc;
  outShape[outShape.size() - 2] = h * r;
  outShape[outShape.size() - 1] = w * r;
  Tensor out = Tensor::empty(outShape, input.dtype());
  if (out.numel() > 0)
    out.asStrided({lead, oc, h, r, w, r}, contiguousStrides({lead, oc, h, r, w, r}), 0)
        .copyFrom(view);
  return out;
}

Tensor channelShuffle(const char* op, const Tensor& input, int64_t groups) {
  WICK_CHECK(input.dim() >= 3, "{}: expected an input with at least 3 dims, got {}", op,
             shapeStr(input.sizes()));
  WICK_CHECK(groups > 0, "{}: number of groups must be positive, got {}", op, groups);
  int64_t n = input.size(0), c = input.size(1);
  WICK_CHECK(c % groups == 0, "{}: number of channels {} must be divisible by groups {}", op, c,
             groups);
  Tensor x = input.contiguous();
  int64_t inner = n * c > 0 ? input.numel() / (n * c) : 0, cg = c / groups;
  // (n, groups, cg, inner) read as (n, cg, groups, inner).
  Tensor view = x.asStrided({n, cg, groups, inner}, {c * inner, inner, cg * inner, 1},
                            x.storageOffset());
  Tensor out = Tensor::empty(input.sizes(), input.dtype());
  if (out.numel() > 0)
    out.asStrided({n, cg, groups, inner}, contiguousStrides({n, cg, groups, inner}), 0)
        .copyFrom(view);
  return out;
}

}  // namespace wick::kernels

// The portable convolution path: im2col + GEMM for convolution and
// GEMM + col2im for transposed convolution, float32 and float64. Used for
// float64, and for float32 when oneDNN is not built in.
#include <algorithm>
#include <vector>

#include "core/parallel.h"
#include "kernels/cpu/cnn_gemm.h"
#include "kernels/cpu/conv_internal.h"

namespace wick::kernels::conv {
namespace {

// col[(c*kh + i)*kw + j][oy*ow + ox] = x[c][oy*sh - ph + i*dh][ox*sw - pw + j*dw]
template <typename T>
void im2col(const T* x, int64_t channels, const Conv2dShape& s, T* col) {
  int64_t rows = channels * s.kh * s.kw, plane = s.oh * s.ow;
  parallelFor(0, rows, std::max<int64_t>(1, 4096 / std::max<int64_t>(plane, 1)), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      int64_t c = r / (s.kh * s.kw), i = (r / s.kw) % s.kh, j = r % s.kw;
      const T* xc = x + c * s.h * s.w;
      T* dst = col + r * plane;
      for (int64_t oy = 0; oy < s.oh; ++oy) {
        int64_t iy = oy * s.sh - s.ph + i * s.dh;
        T* drow = dst + oy * s.ow;
        if (iy < 0 || iy >= s.h) {
          std::fill(drow, drow + s.ow, T(0));
          continue;
        }
        const T* xrow = xc + iy * s.w;
        for (int64_t ox = 0; ox < s.ow; ++ox) {
          int64_t ix = ox * s.sw - s.pw + j * s.dw;
          drow[ox] = (ix >= 0 && ix < s.w) ? xrow[ix] : T(0);
        }
      }
    }
  });
}

// The adjoint of im2col for the transposed convolution: input position
// (iy, ix) scatters into output (iy*sh - ph + i*dh, ix*sw - pw + j*dw).
template <typename T>
void col2im(const T* col, int64_t channels, const Conv2dShape& s, T* y) {
  int64_t plane = s.h * s.w;
  parallelFor(0, channels, 1, [&](int64_t c0, int64_t c1) {
    for (int64_t c = c0; c < c1; ++c) {
      T* yc = y + c * s.oh * s.ow;
      for (int64_t i = 0; i < s.kh; ++i)
        for (int64_t j = 0; j < s.kw; ++j) {
          const T* src = col + ((c * s.kh + i) * s.kw + j) * plane;
          for (int64_t iy = 0; iy < s.h; ++iy) {
            int64_t oy = iy * s.sh - s.ph + i * s.dh;
            if (oy < 0 || oy >= s.oh) continue;
            for (int64_t ix = 0; ix < s.w; ++ix) {
              int64_t ox = ix * s.sw - s.pw + j * s.dw;
              if (ox >= 0 && ox < s.ow) yc[oy * s.ow + ox] += src[iy * s.w + ix];
            }
          }
        }
    }
  });
}

template <typename T>
void addBias(T* y, const T* bias, int64_t channels, int64_t plane) {
  if (!bias) return;
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t p = 0; p < plane; ++p) y[c * plane + p] += bias[c];
}

// Depthwise (one input channel per group): direct loops beat im2col, whose
// GEMMs have a reduction of only kh*kw. For each tap, the valid output
// columns are computed once so the inner loop has no bounds checks.
template <typename T>
void depthwiseDirect(const T* x, const T* w, const T* b, T* y, const Conv2dShape& s) {
  int64_t mult = s.o / s.c, plane = s.oh * s.ow;
  parallelFor(0, s.n * s.o, std::max<int64_t>(1, 4096 / std::max<int64_t>(plane * s.kh * s.kw, 1)),
              [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      int64_t n = r / s.o, o = r % s.o;
      const T* xc = x + (n * s.c + o / mult) * s.h * s.w;
      const T* wo = w + o * s.kh * s.kw;
      T* yo = y + r * plane;
      std::fill(yo, yo + plane, b ? b[o] : T(0));
      for (int64_t j = 0; j < s.kw; ++j) {
        // ox with 0 <= ox*sw - pw + j*dw < w
        int64_t off = j * s.dw - s.pw;
        int64_t lo = off >= 0 ? 0 : (-off + s.sw - 1) / s.sw;
        int64_t hi = s.w - off <= 0 ? 0 : std::min(s.ow, (s.w - off - 1) / s.sw + 1);
        if (lo >= hi) continue;
        for (int64_t i = 0; i < s.kh; ++i) {
          T wv = wo[i * s.kw + j];
          for (int64_t oy = 0; oy < s.oh; ++oy) {
            int64_t iy = oy * s.sh - s.ph + i * s.dh;
            if (iy < 0 || iy >= s.h) continue;
            const T* xr = xc + iy * s.w + off;
            T* yr = yo + oy * s.ow;
            for (int64_t ox = lo; ox < hi; ++ox) yr[ox] += wv * xr[ox * s.sw];
          }
        }
      }
    }
  });
}

template <typename T>
void convForward(const Tensor& input, const Tensor& weight, const Tensor& bias, const Tensor& out,
                 const Conv2dShape& s) {
  const T* x = input.data<T>();
  const T* w = weight.data<T>();
  const T* b = bias.defined() ? bias.data<T>() : nullptr;
  T* y = out.data<T>();
  int64_t cg = s.c / s.groups, og = s.o / s.groups;
  if (cg == 1 && s.groups > 1) return depthwiseDirect(x, w, b, y, s);
  int64_t k = cg * s.kh * s.kw, plane = s.oh * s.ow;
  bool pointwise = s.kh == 1 && s.kw == 1 && s.sh == 1 && s.sw == 1 && s.ph == 0 && s.pw == 0;
  std::vector<T> col(pointwise ? 0 : static_cast<size_t>(k * plane));
  for (int64_t n = 0; n < s.n; ++n)
    for (int64_t g = 0; g < s.groups; ++g) {
      const T* xg = x + (n * s.c + g * cg) * s.h * s.w;
      const T* src = xg;
      if (!pointwise) {
        im2col(xg, cg, s, col.data());
        src = col.data();
      }
      T* yg = y + (n * s.o + g * og) * plane;
      cnn::gemm(false, false, og, plane, k, w + g * og * k, k, src, plane, yg, plane, false);
      addBias(yg, b ? b + g * og : nullptr, og, plane);
    }
}

template <typename T>
void convTransposed(const Tensor& input, const Tensor& weight, const Tensor& bias,
                    const Tensor& out, const Conv2dShape& s) {
  const T* x = input.data<T>();
  const T* w = weight.data<T>();
  const T* b = bias.defined() ? bias.data<T>() : nullptr;
  T* y = out.data<T>();
  int64_t cg = s.c / s.groups, og = s.o / s.groups;
  int64_t rows = og * s.kh * s.kw, plane = s.h * s.w, outPlane = s.oh * s.ow;
  std::vector<T> col(static_cast<size_t>(rows * plane));
  std::fill(y, y + s.n * s.o * outPlane, T(0));
  for (int64_t n = 0; n < s.n; ++n)
    for (int64_t g = 0; g < s.groups; ++g) {
      const T* xg = x + (n * s.c + g * cg) * plane;
      // weight slice for group g: (cg, og*kh*kw), used transposed.
      cnn::gemm(true, false, rows, plane, cg, w + g * cg * rows, rows, xg, plane, col.data(),
                plane, false);
      T* yg = y + (n * s.o + g * og) * outPlane;
      col2im(col.data(), og, s, yg);
      addBias(yg, b ? b + g * og : nullptr, og, outPlane);
    }
}

}  // namespace

void gemmConv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, const Tensor& out,
                const Conv2dShape& s) {
  if (input.dtype() == DType::Float64) {
    if (s.transposed) convTransposed<double>(input, weight, bias, out, s);
    else convForward<double>(input, weight, bias, out, s);
  } else {
    if (s.transposed) convTransposed<float>(input, weight, bias, out, s);
    else convForward<float>(input, weight, bias, out, s);
  }
}

}  // namespace wick::kernels::conv

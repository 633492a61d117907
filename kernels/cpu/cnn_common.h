// Helpers shared by the CNN kernels (convolution, normalization, pooling,
// activations): argument expansion, shape arithmetic and dtype checks that
// throw wick::Error naming the op.
#pragma once

#include <string>

#include "core/check.h"
#include "wick/tensor.h"

namespace wick::kernels {

// "[1, 3, 224, 224]"
inline std::string shapeStr(IntArrayRef s) {
  std::string r = "[";
  for (size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
  return r + "]";
}

// Expands an int[N] argument: one value repeats N times (PyTorch accepts
// `stride=2` for int[2]); an empty list gives `dflt` when allowed.
inline DimVector expandParam(const char* op, const char* what, IntArrayRef v, size_t n) {
  WICK_CHECK(v.size() == 1 || v.size() == n, "{}: {} must have 1 or {} values, got {}", op, what,
             n, shapeStr(v));
  DimVector r;
  for (size_t i = 0; i < n; ++i) r.push_back(v.size() == 1 ? v[0] : v[i]);
  return r;
}

// Float32 and float64 are the CNN kernels' dtypes.
inline void checkFloating(const char* op, const Tensor& t, const char* what = "input") {
  WICK_CHECK(t.dtype() == DType::Float32 || t.dtype() == DType::Float64,
             "{}: {} must be float32 or float64, got {}", op, what, dtypeName(t.dtype()));
  WICK_CHECK(t.device().type == DeviceType::CPU, "{}: {} must be a CPU tensor", op, what);
}

inline void checkSameDType(const char* op, const Tensor& a, const Tensor& b, const char* what) {
  WICK_CHECK(a.dtype() == b.dtype(), "{}: {} has dtype {} but the input has dtype {}", op, what,
             dtypeName(b.dtype()), dtypeName(a.dtype()));
}

// Output length of a sliding window (pooling and convolution share it).
inline int64_t windowOutputSize(int64_t in, int64_t kernel, int64_t pad, int64_t stride,
                                int64_t dilation, bool ceilMode) {
  int64_t span = in + 2 * pad - dilation * (kernel - 1) - 1;
  int64_t num = span + (ceilMode ? stride - 1 : 0);
  // Floor division: a negative span must give an output size <= 0.
  int64_t out = (num >= 0 ? num / stride : -((-num + stride - 1) / stride)) + 1;
  // ceil_mode: the last window must start inside the input or left padding.
  if (ceilMode && out > 0 && (out - 1) * stride >= in + pad) --out;
  return out;
}

}  // namespace wick::kernels

// float32 / float64 dispatch for the CNN kernels: binds scalar_t.
#define WICK_DISPATCH_FLOATING_CNN(dtype, opname, ...)                                  \
  [&] {                                                                                 \
    switch (dtype) {                                                                    \
      case ::wick::DType::Float32: {                                                    \
        using scalar_t = float;                                                         \
        __VA_ARGS__;                                                                    \
        break;                                                                          \
      }                                                                                 \
      case ::wick::DType::Float64: {                                                    \
        using scalar_t = double;                                                        \
        __VA_ARGS__;                                                                    \
        break;                                                                          \
      }                                                                                 \
      default:                                                                          \
        WICK_FAIL("{}: expected a float32 or float64 tensor, got {}", opname,           \
                  ::wick::dtypeName(dtype));                                            \
    }                                                                                   \
  }()

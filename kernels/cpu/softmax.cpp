// softmax / log_softmax: max-subtracted (numerically stable), in parallel
// over the rows outside `dim`; float32 uses the vectorized exp loops.
// A row whose max is not finite (it holds a NaN or +inf, or is all -inf)
// comes out as NaN, as in PyTorch (x - max is NaN somewhere in the row).
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/parallel.h"
#include "kernels/cpu/activation.h"
#include "kernels/cpu/activation_table.h"
#include "kernels/cpu/cnn_common.h"

namespace wick::kernels {
namespace {

// Softmax over the middle dim of a contiguous (outer, len, inner) buffer.
void softmaxFloat(const float* x, float* y, int64_t outer, int64_t len, int64_t inner, bool log) {
  const act::Table& t = act::table();
  if (inner == 1) {
    parallelFor(0, outer, std::max<int64_t>(1, 4096 / len), [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {
        const float* in = x + r * len;
        float* out = y + r * len;
        float m = t.rowMax(in, len);
        if (!std::isfinite(m)) {
          std::fill(out, out + len, std::numeric_limits<float>::quiet_NaN());
          continue;
        }
        float sum = t.expSubSum(out, in, m, len);
        if (log) {
          float shift = m + std::log(sum);
          for (int64_t i = 0; i < len; ++i) out[i] = in[i] - shift;
        } else {
          float inv = 1.0f / sum;
          for (int64_t i = 0; i < len; ++i) out[i] *= inv;
        }
      }
    });
    return;
  }
  parallelFor(0, outer, std::max<int64_t>(1, 4096 / (len * inner)), [&](int64_t r0, int64_t r1) {
    std::vector<float> mx(inner), sum(inner);
    for (int64_t r = r0; r < r1; ++r) {
      const float* in = x + r * len * inner;
      float* out = y + r * len * inner;
      std::copy(in, in + inner, mx.begin());
      for (int64_t d = 1; d < len; ++d) t.colMax(mx.data(), in + d * inner, inner);
      std::fill(sum.begin(), sum.end(), 0.0f);
      for (int64_t d = 0; d < len; ++d)
        t.colExpSubAccumulate(out + d * inner, in + d * inner, mx.data(), sum.data(), inner);
      for (int64_t i = 0; i < inner; ++i)
        if (!std::isfinite(mx[i])) sum[i] = std::numeric_limits<float>::quiet_NaN();
      if (log) {
        for (int64_t i = 0; i < inner; ++i) mx[i] += std::log(sum[i]);
        for (int64_t d = 0; d < len; ++d)
          for (int64_t i = 0; i < inner; ++i) out[d * inner + i] = in[d * inner + i] - mx[i];
      } else {
        for (int64_t i = 0; i < inner; ++i) sum[i] = 1.0f / sum[i];
        for (int64_t d = 0; d < len; ++d)
          for (int64_t i = 0; i < inner; ++i) out[d * inner + i] *= sum[i];
      }
    }
  });
}

template <typename T>
void softmaxScalar(const T* x, T* y, int64_t outer, int64_t len, int64_t inner, bool log) {
  parallelFor(0, outer * inner, std::max<int64_t>(1, 4096 / len), [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      int64_t o = r / inner, i = r % inner;
      const T* in = x + o * len * inner + i;
      T* out = y + o * len * inner + i;
      T m = -std::numeric_limits<T>::infinity();
      for (int64_t d = 0; d < len; ++d) m = std::isnan(in[d * inner]) ? in[d * inner] : std::max(m, in[d * inner]);
      T sum = 0;
      for (int64_t d = 0; d < len; ++d) sum += std::exp(in[d * inner] - m);
      if (!std::isfinite(m)) sum = std::numeric_limits<T>::quiet_NaN();
      T logSum = std::log(sum);
      for (int64_t d = 0; d < len; ++d)
        out[d * inner] = log ? in[d * inner] - m - logSum : std::exp(in[d * inner] - m) / sum;
    }
  });
}

}  // namespace

Tensor softmax(const char* op, const Tensor& self, int64_t dim, std::optional<DType> dtype,
               bool log) {
  Tensor x = dtype ? self.to(*dtype) : self;
  checkFloating(op, x);
  int64_t rank = std::max<int64_t>(x.dim(), 1);
  int64_t d = wrapDim(dim, rank, op);
  Tensor in = x.contiguous();
  Tensor out = Tensor::empty(x.sizes(), x.dtype());
  if (x.numel() == 0) return out;
  int64_t len = x.dim() == 0 ? 1 : x.size(d);
  int64_t inner = 1;
  for (int64_t i = d + 1; i < x.dim(); ++i) inner *= x.size(i);
  int64_t outer = x.numel() / (len * inner);
  if (x.dtype() == DType::Float32)
    softmaxFloat(in.data<float>(), out.data<float>(), outer, len, inner, log);
  else
    softmaxScalar(in.data<double>(), out.data<double>(), outer, len, inner, log);
  return out;
}

}  // namespace wick::kernels

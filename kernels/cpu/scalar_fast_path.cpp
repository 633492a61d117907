// tryTinyScalarArith: see scalar_fast_path.h.
#include "kernels/cpu/scalar_fast_path.h"

namespace wick::kernels {
namespace {

constexpr int64_t kMaxElements = 64;

template <typename T>
Tensor run(ScalarArith op, const Tensor& self, Scalar other, Scalar alpha) {
  Tensor out = Tensor::empty(self.sizes(), self.dtype());
  const T* x = static_cast<const T*>(self.rawData());
  T* y = static_cast<T*>(out.rawData());
  int64_t n = self.numel();
  // The general kernels compute in T (float stays float), so this does too.
  T b = other.to<T>();
  switch (op) {
    case ScalarArith::Add: {
      T ab = alpha.to<T>() * b;
      for (int64_t i = 0; i < n; ++i) y[i] = x[i] + ab;
      break;
    }
    case ScalarArith::Mul:
      for (int64_t i = 0; i < n; ++i) y[i] = x[i] * b;
      break;
  }
  return out;
}

}  // namespace

Tensor tryTinyScalarArith(ScalarArith op, const Tensor& self, Scalar other, Scalar alpha) {
  if (!self.defined() || !self.isContiguous() || self.numel() > kMaxElements || !self.device().isCpu()) return {};
  if (alpha.isBool() || other.isBool()) return {};
  switch (self.dtype()) {
    case DType::Float32: return run<float>(op, self, other, alpha);
    case DType::Float64: return run<double>(op, self, other, alpha);
    default: return {};
  }
}

}  // namespace wick::kernels

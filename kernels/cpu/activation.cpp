// Activation kernels (see activation.h): float32 through the per-ISA
// loops of activation_loops.h, float64 (and the log1p-based float32 ops)
// through scalar std:: math; contiguous chunks in parallel.
#include "kernels/cpu/activation.h"

#include <cmath>

#include "core/parallel.h"
#include "kernels/cpu/activation_table.h"
#include "kernels/cpu/cnn_common.h"

namespace wick::kernels {
namespace act {

const Table& table() {
  static const Table& t = [&]() -> const Table& {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
      return avx512Table();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return avx2Table();
    return defaultTable();
  }();
  return t;
}

}  // namespace act

namespace {

constexpr int64_t kGrain = 32768;

// The scalar definition of every kind (float64, and the float32 kinds
// without a vector loop); matches PyTorch's formulas.
template <typename T>
T scalarActivation(Activation kind, T x, const ActivationParams& p) {
  switch (kind) {
    case Activation::Hardswish: return x * std::min(std::max(x + T(3), T(0)), T(6)) / T(6);
    case Activation::Hardsigmoid: return std::min(std::max(x + T(3), T(0)), T(6)) / T(6);
    case Activation::Hardtanh: return std::min(std::max(x, T(p.a)), T(p.b));
    case Activation::LeakyRelu: return x > T(0) ? x : x * T(p.a);
    case Activation::Elu:
      return x > T(0) ? x * T(p.b) : (std::exp(x * T(p.c)) - T(1)) * T(p.a * p.b);
    case Activation::Softplus:
      return x * T(p.a) > T(p.b) ? x : std::log1p(std::exp(x * T(p.a))) / T(p.a);
    case Activation::Mish: return x * std::tanh(std::log1p(std::exp(x)));
    case Activation::LogSigmoid: return std::min(x, T(0)) - std::log1p(std::exp(-std::abs(x)));
  }
  return x;
}

int vectorLoop(Activation kind) {
  switch (kind) {
    case Activation::Hardswish: return static_cast<int>(act::Loop::Hardswish);
    case Activation::Hardsigmoid: return static_cast<int>(act::Loop::Hardsigmoid);
    case Activation::Hardtanh: return static_cast<int>(act::Loop::Hardtanh);
    case Activation::LeakyRelu: return static_cast<int>(act::Loop::LeakyRelu);
    case Activation::Elu: return static_cast<int>(act::Loop::Elu);
    case Activation::Mish: return static_cast<int>(act::Loop::Mish);
    default: return -1;
  }
}

// out = f(in) over contiguous buffers of n elements.
void run(const char* op, Activation kind, const Tensor& in, const Tensor& out,
         const ActivationParams& p) {
  int64_t n = in.numel();
  if (n == 0) return;
  if (in.dtype() == DType::Float32) {
    const float* x = in.data<float>();
    float* y = out.data<float>();
    int loop = vectorLoop(kind);
    float fp[3] = {static_cast<float>(p.a), static_cast<float>(p.b), static_cast<float>(p.c)};
    if (loop >= 0) {
      auto fn = act::table().unary[loop];
      parallelFor(0, n, kGrain, [&](int64_t b, int64_t e) { fn(y + b, x + b, e - b, fp); });
      return;
    }
  }
  WICK_DISPATCH_FLOATING_CNN(in.dtype(), op, {
    const scalar_t* x = in.data<scalar_t>();
    scalar_t* y = out.data<scalar_t>();
    parallelFor(0, n, kGrain / 4, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) y[i] = scalarActivation<scalar_t>(kind, x[i], p);
    });
  });
}

void checkParams(const char* op, Activation kind, const ActivationParams& p) {
  if (kind == Activation::Hardtanh)
    WICK_CHECK(p.a <= p.b, "{}: min_val {} cannot be greater than max_val {}", op, p.a, p.b);
  if (kind == Activation::Softplus)
    WICK_CHECK(p.a != 0, "{}: beta must be non-zero", op);
}

}  // namespace

ActivationParams seluParams() {
  return {1.6732632423543772848170429916717, 1.0507009873554804934193349852946, 1.0};
}

ActivationParams celuParams(double alpha) {
  WICK_CHECK(alpha != 0, "aten::celu: ZeroDivisionError: alpha must be non-zero");
  return {alpha, 1.0, 1.0 / alpha};
}

Tensor activation(const char* op, Activation kind, const Tensor& self, ActivationParams p) {
  checkFloating(op, self, "self");
  checkParams(op, kind, p);
  Tensor x = self.contiguous();
  Tensor out = Tensor::empty(self.sizes(), self.dtype());
  run(op, kind, x, out, p);
  return out;
}

Tensor activationInPlace(const char* op, Activation kind, const Tensor& self, ActivationParams p) {
  checkFloating(op, self, "self");
  checkParams(op, kind, p);
  if (self.isContiguous()) {
    run(op, kind, self, self, p);
  } else {
    Tensor x = self.contiguous();
    run(op, kind, x, x, p);
    self.copyFrom(x);
  }
  return self;
}

}  // namespace wick::kernels

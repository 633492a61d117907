// One-operand math and activations: neg, abs, exp, log, sqrt, rsqrt, sin,
// cos, tanh, sigmoid, erf, relu, silu, gelu.
#include <cmath>

#include "core/check.h"
#include "core/dispatch.h"
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/float_kernels.h"
#include "kernels/cpu/loops.h"

namespace wick::kernels {
namespace {

// Ops whose integer inputs produce float32 (like PyTorch's
// promote_integer_inputs_to_float).
bool promotesToFloat(UnaryOp op) {
  switch (op) {
    case UnaryOp::Neg:
    case UnaryOp::Abs:
    case UnaryOp::Relu:
    case UnaryOp::Silu:
    case UnaryOp::GeluErf:
    case UnaryOp::GeluTanh:
      return false;
    default:
      return true;
  }
}

bool tableOp(UnaryOp op, FloatUnary* out) {
  switch (op) {
    case UnaryOp::Exp: *out = FloatUnary::Exp; return true;
    case UnaryOp::Tanh: *out = FloatUnary::Tanh; return true;
    case UnaryOp::Sigmoid: *out = FloatUnary::Sigmoid; return true;
    case UnaryOp::Relu: *out = FloatUnary::Relu; return true;
    case UnaryOp::Silu: *out = FloatUnary::Silu; return true;
    case UnaryOp::GeluErf: *out = FloatUnary::GeluErf; return true;
    case UnaryOp::GeluTanh: *out = FloatUnary::GeluTanh; return true;
    default: return false;
  }
}

template <typename T>
T floatOp(UnaryOp op, T x) {
  constexpr T kSqrt1_2 = T(0.70710678118654752440);
  constexpr T kSqrt2OverPi = T(0.79788456080286535588);
  switch (op) {
    case UnaryOp::Neg: return -x;
    case UnaryOp::Abs: return std::abs(x);
    case UnaryOp::Exp: return std::exp(x);
    case UnaryOp::Log: return std::log(x);
    case UnaryOp::Sqrt: return std::sqrt(x);
    case UnaryOp::Rsqrt: return T(1) / std::sqrt(x);
    case UnaryOp::Sin: return std::sin(x);
    case UnaryOp::Cos: return std::cos(x);
    case UnaryOp::Tanh: return std::tanh(x);
    case UnaryOp::Sigmoid: return T(1) / (T(1) + std::exp(-x));
    case UnaryOp::Erf: return std::erf(x);
    case UnaryOp::Relu: return std::isnan(x) ? x : (x > T(0) ? x : T(0));
    case UnaryOp::Silu: return x / (T(1) + std::exp(-x));
    case UnaryOp::GeluErf: return x * T(0.5) * (T(1) + std::erf(x * kSqrt1_2));
    case UnaryOp::GeluTanh:
      return T(0.5) * x * (T(1) + std::tanh(kSqrt2OverPi * (x + T(0.044715) * x * x * x)));
  }
  return x;
}

template <typename T>
T intOp(UnaryOp op, T x) {
  switch (op) {
    case UnaryOp::Neg: return static_cast<T>(-static_cast<std::make_unsigned_t<T>>(x));
    case UnaryOp::Abs:
      if constexpr (std::is_signed_v<T>) return x < 0 ? static_cast<T>(-static_cast<std::make_unsigned_t<T>>(x)) : x;
      else return x;
    case UnaryOp::Relu:
      if constexpr (std::is_signed_v<T>) return x > 0 ? x : T(0);
      else return x;
    default: return x;
  }
}

void checkSupported(UnaryOp op, DType t) {
  const char* name = unaryOpName(op);
  if (t == DType::Bool) {
    WICK_CHECK(op != UnaryOp::Neg,
               "{}: negation, the `-` operator, on a bool tensor is not supported; to invert a "
               "mask, use the `~` or `logical_not()` operator instead",
               name);
    WICK_CHECK(op != UnaryOp::Relu && op != UnaryOp::Abs, "{}: bool tensors are not supported",
               name);
  }
  if (op == UnaryOp::Silu || op == UnaryOp::GeluErf || op == UnaryOp::GeluTanh)
    WICK_CHECK(isFloating(t), "{}: expected a floating-point tensor, got {}", name, dtypeName(t));
}

Tensor runUnary(UnaryOp op, const Tensor& self, const Tensor& out, bool inPlace) {
  const char* name = unaryOpName(op);
  checkSupported(op, self.dtype());
  IterConfig cfg(name);
  cfg.input(self);
  if (promotesToFloat(op)) cfg.promoteIntegerToFloat();
  if (out.defined()) cfg.output(out);
  if (inPlace) cfg.inPlace();
  TensorIterator it = cfg.build();
  FloatUnary fop;
  if (tableOp(op, &fop) && tryFloatUnary(it, fop)) return it.finish();
  WICK_DISPATCH_ALL(it.computeDType(), name, {
    if constexpr (std::is_same_v<scalar_t, bool>) {
      cpuKernel(it, [](bool x) -> bool { return x; });
    } else if constexpr (std::is_integral_v<scalar_t>) {
      cpuKernel(it, [op](scalar_t x) -> scalar_t { return intOp(op, x); });
    } else {
      using acc_t = OpMathT<scalar_t>;
      cpuKernel(it, [op](scalar_t x) -> scalar_t {
        return static_cast<scalar_t>(floatOp<acc_t>(op, static_cast<acc_t>(x)));
      });
    }
  });
  return it.finish();
}

}  // namespace

const char* unaryOpName(UnaryOp op) {
  switch (op) {
    case UnaryOp::Neg: return "aten::neg";
    case UnaryOp::Abs: return "aten::abs";
    case UnaryOp::Exp: return "aten::exp";
    case UnaryOp::Log: return "aten::log";
    case UnaryOp::Sqrt: return "aten::sqrt";
    case UnaryOp::Rsqrt: return "aten::rsqrt";
    case UnaryOp::Sin: return "aten::sin";
    case UnaryOp::Cos: return "aten::cos";
    case UnaryOp::Tanh: return "aten::tanh";
    case UnaryOp::Sigmoid: return "aten::sigmoid";
    case UnaryOp::Erf: return "aten::erf";
    case UnaryOp::Relu: return "aten::relu";
    case UnaryOp::Silu: return "aten::silu";
    case UnaryOp::GeluErf:
    case UnaryOp::GeluTanh: return "aten::gelu";
  }
  return "aten::unary";
}

UnaryOp geluKind(std::string_view approximate) {
  if (approximate == "none") return UnaryOp::GeluErf;
  if (approximate == "tanh") return UnaryOp::GeluTanh;
  WICK_FAIL("aten::gelu: approximate argument must be either none or tanh, got '{}'", approximate);
}

Tensor unary(UnaryOp op, const Tensor& self, const Tensor& out) {
  return runUnary(op, self, out, false);
}

Tensor unaryInPlace(UnaryOp op, const Tensor& self) { return runUnary(op, self, self, true); }

}  // namespace wick::kernels

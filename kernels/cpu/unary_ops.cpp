// One-operand math and activations: neg, abs, exp, log, sqrt, rsqrt, sin,
// cos, tanh, sigmoid, erf, relu, silu, gelu, floor, ceil, round, trunc,
// sign, reciprocal, exp2, expm1, log1p, log2, log10. Each op is a
// compile-time case of the loop, so the per-element code has no switch.
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
    case UnaryOp::Floor:
    case UnaryOp::Ceil:
    case UnaryOp::Round:
    case UnaryOp::Trunc:
    case UnaryOp::Sign:
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
    case UnaryOp::Floor: *out = FloatUnary::Floor; return true;
    case UnaryOp::Ceil: *out = FloatUnary::Ceil; return true;
    case UnaryOp::Round: *out = FloatUnary::Round; return true;
    case UnaryOp::Trunc: *out = FloatUnary::Trunc; return true;
    case UnaryOp::Sign: *out = FloatUnary::Sign; return true;
    case UnaryOp::Reciprocal: *out = FloatUnary::Reciprocal; return true;
    case UnaryOp::Log: *out = FloatUnary::Log; return true;
    case UnaryOp::Log2: *out = FloatUnary::Log2; return true;
    case UnaryOp::Log10: *out = FloatUnary::Log10; return true;
    case UnaryOp::Log1p: *out = FloatUnary::Log1p; return true;
    case UnaryOp::Exp2: *out = FloatUnary::Exp2; return true;
    case UnaryOp::Expm1: *out = FloatUnary::Expm1; return true;
    case UnaryOp::Erf: *out = FloatUnary::Erf; return true;
    default: return false;
  }
}

template <UnaryOp Op, typename T>
T floatOp(T x) {
  constexpr T kSqrt1_2 = T(0.70710678118654752440);
  constexpr T kSqrt2OverPi = T(0.79788456080286535588);
  if constexpr (Op == UnaryOp::Neg) return -x;
  else if constexpr (Op == UnaryOp::Abs) return std::abs(x);
  else if constexpr (Op == UnaryOp::Exp) return std::exp(x);
  else if constexpr (Op == UnaryOp::Log) return std::log(x);
  else if constexpr (Op == UnaryOp::Sqrt) return std::sqrt(x);
  else if constexpr (Op == UnaryOp::Rsqrt) return T(1) / std::sqrt(x);
  else if constexpr (Op == UnaryOp::Sin) return std::sin(x);
  else if constexpr (Op == UnaryOp::Cos) return std::cos(x);
  else if constexpr (Op == UnaryOp::Tanh) return std::tanh(x);
  else if constexpr (Op == UnaryOp::Sigmoid) return T(1) / (T(1) + std::exp(-x));
  else if constexpr (Op == UnaryOp::Erf) return std::erf(x);
  else if constexpr (Op == UnaryOp::Relu) return std::isnan(x) ? x : (x > T(0) ? x : T(0));
  else if constexpr (Op == UnaryOp::Silu) return x / (T(1) + std::exp(-x));
  else if constexpr (Op == UnaryOp::GeluErf) return x * T(0.5) * (T(1) + std::erf(x * kSqrt1_2));
  else if constexpr (Op == UnaryOp::GeluTanh)
    return T(0.5) * x * (T(1) + std::tanh(kSqrt2OverPi * (x + T(0.044715) * x * x * x)));
  else if constexpr (Op == UnaryOp::Floor) return std::floor(x);
  else if constexpr (Op == UnaryOp::Ceil) return std::ceil(x);
  else if constexpr (Op == UnaryOp::Round) return std::nearbyint(x);  // half to even
  else if constexpr (Op == UnaryOp::Trunc) return std::trunc(x);
  else if constexpr (Op == UnaryOp::Sign) return std::isnan(x) ? T(0) : T((x > T(0)) - (x < T(0)));
  else if constexpr (Op == UnaryOp::Reciprocal) return T(1) / x;
  else if constexpr (Op == UnaryOp::Exp2) return std::exp2(x);
  else if constexpr (Op == UnaryOp::Expm1) return std::expm1(x);
  else if constexpr (Op == UnaryOp::Log1p) return std::log1p(x);
  else if constexpr (Op == UnaryOp::Log2) return std::log2(x);
  else return std::log10(x);
}

// Integer inputs of the ops that keep integer dtypes; the others are
// promoted to float before they get here.
template <UnaryOp Op, typename T>
T intOp(T x) {
  using U = std::make_unsigned_t<T>;
  if constexpr (Op == UnaryOp::Neg) return static_cast<T>(-static_cast<U>(x));
  else if constexpr (Op == UnaryOp::Abs) {
    if constexpr (std::is_signed_v<T>) return x < 0 ? static_cast<T>(-static_cast<U>(x)) : x;
    else return x;
  } else if constexpr (Op == UnaryOp::Relu) {
    if constexpr (std::is_signed_v<T>) return x > 0 ? x : T(0);
    else return x;
  } else if constexpr (Op == UnaryOp::Sign) {
    if constexpr (std::is_signed_v<T>) return static_cast<T>((x > 0) - (x < 0));
    else return static_cast<T>(x > 0);
  } else {
    return x;  // floor, ceil, round, trunc, silu/gelu (refused earlier)
  }
}

// Calls f(std::integral_constant<UnaryOp, op>) for the runtime op.
template <typename F>
void withUnaryOp(UnaryOp op, const F& f) {
#define WICK_UNARY_CASE(N) \
  case UnaryOp::N: return f(std::integral_constant<UnaryOp, UnaryOp::N>{});
  switch (op) {
    WICK_UNARY_CASE(Neg) WICK_UNARY_CASE(Abs) WICK_UNARY_CASE(Exp) WICK_UNARY_CASE(Log)
    WICK_UNARY_CASE(Sqrt) WICK_UNARY_CASE(Rsqrt) WICK_UNARY_CASE(Sin) WICK_UNARY_CASE(Cos)
    WICK_UNARY_CASE(Tanh) WICK_UNARY_CASE(Sigmoid) WICK_UNARY_CASE(Erf) WICK_UNARY_CASE(Relu)
    WICK_UNARY_CASE(Silu) WICK_UNARY_CASE(GeluErf) WICK_UNARY_CASE(GeluTanh)
    WICK_UNARY_CASE(Floor) WICK_UNARY_CASE(Ceil) WICK_UNARY_CASE(Round) WICK_UNARY_CASE(Trunc)
    WICK_UNARY_CASE(Sign) WICK_UNARY_CASE(Reciprocal) WICK_UNARY_CASE(Exp2)
    WICK_UNARY_CASE(Expm1) WICK_UNARY_CASE(Log1p) WICK_UNARY_CASE(Log2) WICK_UNARY_CASE(Log10)
  }
#undef WICK_UNARY_CASE
}

void checkSupported(UnaryOp op, DType t) {
  const char* name = unaryOpName(op);
  if (t == DType::Bool) {
    WICK_CHECK(op != UnaryOp::Neg,
               "{}: negation, the `-` operator, on a bool tensor is not supported; to invert a "
               "mask, use the `~` or `logical_not()` operator instead",
               name);
    WICK_CHECK(op != UnaryOp::Relu && op != UnaryOp::Abs && op != UnaryOp::Floor &&
                   op != UnaryOp::Ceil && op != UnaryOp::Round && op != UnaryOp::Trunc,
               "{}: bool tensors are not supported", name);
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
    } else {
      withUnaryOp(op, [&](auto opc) {
        constexpr UnaryOp O = decltype(opc)::value;
        if constexpr (std::is_integral_v<scalar_t>) {
          cpuKernel(it, [](scalar_t x) -> scalar_t { return intOp<O>(x); });
        } else {
          using acc_t = OpMathT<scalar_t>;
          cpuKernel(it, [](scalar_t x) -> scalar_t {
            return static_cast<scalar_t>(floatOp<O, acc_t>(static_cast<acc_t>(x)));
          });
        }
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
    case UnaryOp::Floor: return "aten::floor";
    case UnaryOp::Ceil: return "aten::ceil";
    case UnaryOp::Round: return "aten::round";
    case UnaryOp::Trunc: return "aten::trunc";
    case UnaryOp::Sign: return "aten::sign";
    case UnaryOp::Reciprocal: return "aten::reciprocal";
    case UnaryOp::Exp2: return "aten::exp2";
    case UnaryOp::Expm1: return "aten::expm1";
    case UnaryOp::Log1p: return "aten::log1p";
    case UnaryOp::Log2: return "aten::log2";
    case UnaryOp::Log10: return "aten::log10";
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

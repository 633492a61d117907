// Arithmetic on two operands: add, sub, mul, div (true, trunc, floor) and
// pow, each with out= and in-place forms.
#include <cmath>

#include "core/check.h"
#include "core/dispatch.h"
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/float_kernels.h"
#include "kernels/cpu/loops.h"

namespace wick::kernels {
namespace {

TensorIterator buildBinary(const char* op, const Input& a, const Input& b, const Tensor& out,
                           bool inPlace, bool intToFloat = false) {
  IterConfig cfg(op);
  cfg.input(a).input(b);
  if (out.defined()) cfg.output(out);
  if (inPlace) cfg.inPlace();
  if (intToFloat) cfg.promoteIntegerToFloat();
  return cfg.build();
}

void checkAlpha(const char* op, DType t, Scalar alpha) {
  WICK_CHECK(isFloating(t) || !alpha.isFloat(),
             "{}: for integral input tensors, argument alpha must not be a floating point number",
             op);
  WICK_CHECK(!(alpha.isBool() && t != DType::Bool),
             "{}: boolean alpha only supported for boolean results", op);
}

// out = a + alpha * b on the iterator's compute dtype.
void addKernel(const char* op, const TensorIterator& it, Scalar alpha) {
  checkAlpha(op, it.computeDType(), alpha);
  if (it.computeDType() == DType::Float32 && tryFloatBinary(it, FloatBinary::Add, alpha.to<float>())) return;
  WICK_DISPATCH_ALL(it.computeDType(), op, {
    using acc_t = OpMathT<scalar_t>;
    if constexpr (std::is_same_v<scalar_t, bool>) {
      bool al = alpha.toBool();
      cpuKernel(it, [al](bool x, bool y) -> bool { return x || (al && y); });
    } else {
      acc_t al = alpha.to<acc_t>();
      cpuKernel(it, [al](scalar_t x, scalar_t y) -> scalar_t {
        return static_cast<scalar_t>(wrappingAdd(static_cast<acc_t>(x), wrappingMul(al, static_cast<acc_t>(y))));
      });
    }
  });
}

void checkSubOperands(const char* op, const Input& a, const Input& b) {
  bool ba = a.tensor.dtype() == DType::Bool, bb = b.tensor.dtype() == DType::Bool;
  WICK_CHECK(!(ba && bb),
             "{}: subtraction, the `-` operator, with two bool tensors is not supported; use the "
             "`^` or `logical_xor()` operator instead",
             op);
  WICK_CHECK(!(ba || bb),
             "{}: subtraction, the `-` operator, with a bool tensor is not supported; to invert a "
             "mask, use the `~` or `logical_not()` operator instead",
             op);
}

void mulKernel(const TensorIterator& it) {
  if (it.computeDType() == DType::Float32 && tryFloatBinary(it, FloatBinary::Mul, 1.f)) return;
  WICK_DISPATCH_ALL(it.computeDType(), "aten::mul", {
    using acc_t = OpMathT<scalar_t>;
    if constexpr (std::is_same_v<scalar_t, bool>) {
      cpuKernel(it, [](bool x, bool y) -> bool { return x && y; });
    } else {
      cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t {
        return static_cast<scalar_t>(wrappingMul(static_cast<acc_t>(x), static_cast<acc_t>(y)));
      });
    }
  });
}

enum class DivMode { True, Trunc, Floor };

DivMode parseDivMode(std::optional<std::string_view> mode) {
  if (!mode) return DivMode::True;
  if (*mode == "trunc") return DivMode::Trunc;
  if (*mode == "floor") return DivMode::Floor;
  WICK_FAIL("aten::div: expected rounding_mode to be one of None, 'trunc', or 'floor' but found '{}'",
            *mode);
}

// Python-style floor division on floats, as at::native::div_floor_floating.
template <typename T>
T floorDivFloat(T a, T b) {
  if (b == 0) return a / b;
  T mod = std::fmod(a, b);
  T d = (a - mod) / b;
  if (mod != 0 && (b < 0) != (mod < 0)) d -= 1;
  if (d != 0) {
    T fd = std::floor(d);
    if (d - fd > T(0.5)) fd += 1;
    return fd;
  }
  return std::copysign(T(0), a / b);
}

template <typename T>
T intDiv(T a, T b, DivMode mode) {
  if (b == 0) WICK_FAIL("aten::div: ZeroDivisionError (integer division by zero)");
  if constexpr (std::is_signed_v<T>) {
    // The one overflowing quotient (min / -1) traps on x86; it wraps in PyTorch.
    if (b == -1) return static_cast<T>(-static_cast<std::make_unsigned_t<T>>(a));
    if (mode == DivMode::Floor && (a < 0) != (b < 0)) {
      T q = a / b;
      return a % b != 0 ? static_cast<T>(q - 1) : q;
    }
  }
  return static_cast<T>(a / b);
}

void divKernel(const TensorIterator& it, DivMode mode) {
  if (mode == DivMode::True && it.computeDType() == DType::Float32 &&
      tryFloatBinary(it, FloatBinary::Div, 1.f))
    return;
  WICK_DISPATCH_ALL(it.computeDType(), "aten::div", {
    using acc_t = OpMathT<scalar_t>;
    if constexpr (std::is_same_v<acc_t, float> || std::is_same_v<acc_t, double>) {
      if (mode == DivMode::True) {
        cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t {
          return static_cast<scalar_t>(static_cast<acc_t>(x) / static_cast<acc_t>(y));
        });
      } else if (mode == DivMode::Trunc) {
        cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t {
          return static_cast<scalar_t>(std::trunc(static_cast<acc_t>(x) / static_cast<acc_t>(y)));
        });
      } else {
        cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t {
          return static_cast<scalar_t>(floorDivFloat<acc_t>(x, y));
        });
      }
    } else if constexpr (std::is_same_v<scalar_t, bool>) {
      cpuKernel(it, [](bool x, bool y) -> bool {
        if (!y) WICK_FAIL("aten::div: ZeroDivisionError (integer division by zero)");
        return x;
      });
    } else {
      cpuKernel(it, [mode](scalar_t x, scalar_t y) -> scalar_t { return intDiv(x, y, mode); });
    }
  });
}

// Python's modulo: the result takes the divisor's sign.
void remainderKernel(const TensorIterator& it, const char* op) {
  WICK_CHECK(it.computeDType() != DType::Bool, "{}: bool tensors are not supported", op);
  WICK_DISPATCH_ALL(it.computeDType(), op, {
    using acc_t = OpMathT<scalar_t>;
    if constexpr (std::is_floating_point_v<acc_t>) {
      cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t {
        acc_t a = static_cast<acc_t>(x), b = static_cast<acc_t>(y);
        acc_t mod = std::fmod(a, b);
        if (mod != 0 && ((b < 0) != (mod < 0))) mod += b;
        return static_cast<scalar_t>(mod);
      });
    } else if constexpr (!std::is_same_v<scalar_t, bool>) {
      cpuKernel(it, [](scalar_t a, scalar_t b) -> scalar_t {
        if (b == 0) WICK_FAIL("aten::remainder: ZeroDivisionError (integer modulo by zero)");
        if constexpr (std::is_signed_v<scalar_t>) {
          if (b == -1) return 0;  // min % -1 traps on x86
        }
        scalar_t mod = static_cast<scalar_t>(a % b);
        if (mod != 0 && ((b < 0) != (mod < 0))) mod = static_cast<scalar_t>(mod + b);
        return mod;
      });
    }
  });
}

template <typename T>
T intPow(T base, T exp) {
  if constexpr (std::is_signed_v<T>) {
    if (exp < 0) {
      if (base == 1) return 1;
      if (base == -1) return (exp & 1) ? T(-1) : T(1);
      return 0;
    }
  }
  // Unsigned arithmetic: overflow wraps as in PyTorch instead of being UB.
  uint64_t r = 1, b = static_cast<uint64_t>(base);
  uint64_t e = static_cast<uint64_t>(exp);
  while (e) {
    if (e & 1) r *= b;
    e >>= 1;
    b *= b;
  }
  return static_cast<T>(r);
}

// PyTorch refuses an integer tensor raised to a negative integer Scalar
// (a tensor exponent is allowed and gives 0, 1 or -1).
void checkPowOperands(const char* op, const Input& a, const Input& b) {
  if (!b.wrapped || a.wrapped || !isIntegral(a.tensor.dtype(), false)) return;
  if (isIntegral(b.tensor.dtype(), false))
    WICK_CHECK(b.tensor.item().toInt() >= 0, "{}: integers to negative integer powers are not allowed", op);
}

void powKernel(const TensorIterator& it) {
  WICK_DISPATCH_ALL(it.computeDType(), "aten::pow", {
    using acc_t = OpMathT<scalar_t>;
    if constexpr (std::is_same_v<scalar_t, bool>) {
      cpuKernel(it, [](bool x, bool y) -> bool { return x || !y; });
    } else if constexpr (std::is_integral_v<scalar_t>) {
      cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t { return intPow(x, y); });
    } else {
      cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t {
        return static_cast<scalar_t>(std::pow(static_cast<acc_t>(x), static_cast<acc_t>(y)));
      });
    }
  });
}

}  // namespace

Scalar negatedAlpha(Scalar alpha) {
  return alpha.isFloat() ? Scalar(-alpha.toDouble()) : Scalar(-alpha.toInt());
}

Tensor add(const Input& a, const Input& b, Scalar alpha, const Tensor& out) {
  TensorIterator it = buildBinary("aten::add", a, b, out, false);
  addKernel("aten::add", it, alpha);
  return it.finish();
}

Tensor addInPlace(const Tensor& self, const Input& b, Scalar alpha) {
  TensorIterator it = buildBinary("aten::add_", self, b, self, true);
  addKernel("aten::add_", it, alpha);
  return it.finish();
}

Tensor sub(const Input& a, const Input& b, Scalar alpha, const Tensor& out) {
  checkSubOperands("aten::sub", a, b);
  TensorIterator it = buildBinary("aten::sub", a, b, out, false);
  addKernel("aten::sub", it, negatedAlpha(alpha));
  return it.finish();
}

Tensor subInPlace(const Tensor& self, const Input& b, Scalar alpha) {
  checkSubOperands("aten::sub_", self, b);
  TensorIterator it = buildBinary("aten::sub_", self, b, self, true);
  addKernel("aten::sub_", it, negatedAlpha(alpha));
  return it.finish();
}

Tensor mul(const Input& a, const Input& b, const Tensor& out) {
  TensorIterator it = buildBinary("aten::mul", a, b, out, false);
  mulKernel(it);
  return it.finish();
}

Tensor mulInPlace(const Tensor& self, const Input& b) {
  TensorIterator it = buildBinary("aten::mul_", self, b, self, true);
  mulKernel(it);
  return it.finish();
}

Tensor div(const Input& a, const Input& b, std::optional<std::string_view> roundingMode,
           const Tensor& out) {
  DivMode mode = parseDivMode(roundingMode);
  TensorIterator it = buildBinary("aten::div", a, b, out, false, mode == DivMode::True);
  divKernel(it, mode);
  return it.finish();
}

Tensor divInPlace(const Tensor& self, const Input& b, std::optional<std::string_view> roundingMode) {
  DivMode mode = parseDivMode(roundingMode);
  TensorIterator it = buildBinary("aten::div_", self, b, self, true, mode == DivMode::True);
  divKernel(it, mode);
  return it.finish();
}

Tensor remainder(const Input& a, const Input& b, const Tensor& out) {
  TensorIterator it = buildBinary("aten::remainder", a, b, out, false);
  remainderKernel(it, "aten::remainder");
  return it.finish();
}

Tensor remainderInPlace(const Tensor& self, const Input& b) {
  TensorIterator it = buildBinary("aten::remainder_", self, b, self, true);
  remainderKernel(it, "aten::remainder_");
  return it.finish();
}

Tensor pow(const Input& a, const Input& b, const Tensor& out) {
  checkPowOperands("aten::pow", a, b);
  TensorIterator it = buildBinary("aten::pow", a, b, out, false);
  powKernel(it);
  return it.finish();
}

Tensor powInPlace(const Tensor& self, const Input& b) {
  checkPowOperands("aten::pow_", self, b);
  TensorIterator it = buildBinary("aten::pow_", self, b, self, true);
  powKernel(it);
  return it.finish();
}

}  // namespace wick::kernels

// The remaining elementwise math: round(decimals), isnan/isinf/isfinite,
// fmod, atan2, lerp, addcmul and addcdiv, each with out= and in-place forms.
#include <cmath>

#include "core/check.h"
#include "core/dispatch.h"
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/float_kernels.h"
#include "kernels/cpu/loops.h"

namespace wick::kernels {
namespace {

IterConfig& withOut(IterConfig& cfg, const Tensor& out, bool inPlace) {
  if (out.defined()) cfg.output(out);
  if (inPlace) cfg.inPlace();
  return cfg;
}

void checkFloating(const char* op, DType t) {
  WICK_CHECK(isFloating(t), "{}: expected a floating-point tensor, got {}", op, dtypeName(t));
}

}  // namespace

Tensor roundDecimals(const Tensor& self, int64_t decimals, const Tensor& out, bool inPlace) {
  const char* op = inPlace ? "aten::round_" : "aten::round";
  checkFloating(op, self.dtype());
  IterConfig cfg(op);
  cfg.input(self);
  TensorIterator it = withOut(cfg, inPlace ? self : out, inPlace).build();
  // As PyTorch: scale by 10^|decimals|, round half to even, scale back.
  const bool negative = decimals < 0;
  const double tenPow = std::pow(10.0, static_cast<double>(negative ? -decimals : decimals));
  WICK_DISPATCH_FLOATING(it.computeDType(), op, {
    using acc_t = OpMathT<scalar_t>;
    const acc_t p = static_cast<acc_t>(tenPow);
    if (negative) {
      cpuKernel(it, [p](scalar_t x) -> scalar_t {
        return static_cast<scalar_t>(std::nearbyint(static_cast<acc_t>(x) / p) * p);
      });
    } else {
      cpuKernel(it, [p](scalar_t x) -> scalar_t {
        return static_cast<scalar_t>(std::nearbyint(static_cast<acc_t>(x) * p) / p);
      });
    }
  });
  return it.finish();
}

Tensor floatClass(FloatClass op, const Tensor& self, const Tensor& out) {
  static constexpr const char* kNames[] = {"aten::isnan", "aten::isinf", "aten::isfinite",
                                           "aten::isposinf", "aten::isneginf"};
  const char* name = kNames[static_cast<int>(op)];
  IterConfig cfg(name);
  cfg.input(self).resultDType(DType::Bool);
  if (out.defined()) cfg.output(out);
  TensorIterator it = cfg.build();
  WICK_DISPATCH_ALL(it.computeDType(), name, {
    using acc_t = OpMathT<scalar_t>;
    if constexpr (std::is_floating_point_v<acc_t>) {
      switch (op) {
        case FloatClass::IsNan: cpuKernel(it, [](scalar_t x) -> bool { acc_t v = x; return v != v; }); break;
        case FloatClass::IsInf:
          cpuKernel(it, [](scalar_t x) -> bool { return std::abs(static_cast<acc_t>(x)) == INFINITY; });
          break;
        case FloatClass::IsFinite:
          cpuKernel(it, [](scalar_t x) -> bool { acc_t v = x; return v - v == acc_t(0); });
          break;
        case FloatClass::IsPosInf:
          cpuKernel(it, [](scalar_t x) -> bool { return static_cast<acc_t>(x) == INFINITY; });
          break;
        case FloatClass::IsNegInf:
          cpuKernel(it, [](scalar_t x) -> bool { return static_cast<acc_t>(x) == -INFINITY; });
          break;
      }
    } else {
      // Integers and bool are always finite.
      const bool finite = op == FloatClass::IsFinite;
      cpuKernel(it, [finite](scalar_t) -> bool { return finite; });
    }
  });
  return it.finish();
}

Tensor fmod(const Input& a, const Input& b, const Tensor& out, bool inPlace) {
  const char* op = inPlace ? "aten::fmod_" : "aten::fmod";
  IterConfig cfg(op);
  cfg.input(a).input(b);
  TensorIterator it = withOut(cfg, inPlace ? a.tensor : out, inPlace).build();
  WICK_CHECK(it.computeDType() != DType::Bool, "{}: unsupported dtype Bool", op);
  WICK_DISPATCH_ALL(it.computeDType(), op, {
    using acc_t = OpMathT<scalar_t>;
    if constexpr (std::is_floating_point_v<acc_t>) {
      cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t {
        return static_cast<scalar_t>(std::fmod(static_cast<acc_t>(x), static_cast<acc_t>(y)));
      });
    } else if constexpr (!std::is_same_v<scalar_t, bool>) {
      cpuKernel(it, [op](scalar_t x, scalar_t y) -> scalar_t {
        if (y == 0) WICK_FAIL("{}: ZeroDivisionError (integer modulo by zero)", op);
        if constexpr (std::is_signed_v<scalar_t>) {
          if (y == -1) return 0;  // min % -1 traps on x86
        }
        return static_cast<scalar_t>(x % y);
      });
    }
  });
  return it.finish();
}

Tensor atan2(const Tensor& a, const Tensor& b, const Tensor& out, bool inPlace) {
  const char* op = inPlace ? "aten::atan2_" : "aten::atan2";
  IterConfig cfg(op);
  cfg.input(a).input(b).promoteIntegerToFloat();
  TensorIterator it = withOut(cfg, inPlace ? a : out, inPlace).build();
  if (tryFloatBinary(it, FloatBinary::Atan2, 0.f)) return it.finish();
  WICK_DISPATCH_FLOATING(it.computeDType(), op, {
    using acc_t = OpMathT<scalar_t>;
    cpuKernel(it, [](scalar_t y, scalar_t x) -> scalar_t {
      return static_cast<scalar_t>(std::atan2(static_cast<acc_t>(y), static_cast<acc_t>(x)));
    });
  });
  return it.finish();
}

namespace {

// PyTorch's lerp: the formula anchored at the nearer end keeps the result
// exact at weight 0 and 1.
template <typename T>
T lerpValue(T self, T end, T w) {
  return std::abs(w) < T(0.5) ? self + w * (end - self) : end - (end - self) * (T(1) - w);
}

}  // namespace

Tensor lerp(const Tensor& self, const Tensor& end, const Input& weight, const Tensor& out, bool inPlace) {
  const char* op = inPlace ? "aten::lerp_" : "aten::lerp";
  checkFloating(op, self.dtype());
  WICK_CHECK(end.dtype() == self.dtype(), "{}: expected dtype {} for `end` but got dtype {}", op,
             dtypeName(self.dtype()), dtypeName(end.dtype()));
  IterConfig cfg(op);
  cfg.input(self).input(end);
  const bool scalarWeight = weight.wrapped;
  if (!scalarWeight) {
    WICK_CHECK(weight.tensor.dtype() == self.dtype(), "{}: expected dtype {} for `weight` but got dtype {}",
               op, dtypeName(self.dtype()), dtypeName(weight.tensor.dtype()));
    cfg.input(weight.tensor);
  }
  cfg.computeDType(self.dtype());
  TensorIterator it = withOut(cfg, inPlace ? self : out, inPlace).build();
  WICK_DISPATCH_FLOATING(self.dtype(), op, {
    using acc_t = OpMathT<scalar_t>;
    if (scalarWeight) {
      const acc_t w = static_cast<acc_t>(weight.tensor.item().toDouble());
      cpuKernel(it, [w](scalar_t a, scalar_t b) -> scalar_t {
        return static_cast<scalar_t>(lerpValue<acc_t>(a, b, w));
      });
    } else {
      cpuKernel(it, [](scalar_t a, scalar_t b, scalar_t w) -> scalar_t {
        return static_cast<scalar_t>(lerpValue<acc_t>(a, b, w));
      });
    }
  });
  return it.finish();
}

namespace {

Tensor addcop(bool isDiv, const Tensor& self, const Tensor& t1, const Tensor& t2, Scalar value,
              const Tensor& out, bool inPlace) {
  const char* op = isDiv ? (inPlace ? "aten::addcdiv_" : "aten::addcdiv")
                         : (inPlace ? "aten::addcmul_" : "aten::addcmul");
  if (isDiv) {
    WICK_CHECK(!(isIntegral(t1.dtype(), true) && isIntegral(t2.dtype(), true)),
               "{}: integer division with addcdiv is not supported (tensor1 {} and tensor2 {}); "
               "use true division (tensor1 / tensor2) or floor_divide",
               op, dtypeName(t1.dtype()), dtypeName(t2.dtype()));
  }
  IterConfig cfg(op);
  cfg.input(self).input(t1).input(t2);
  TensorIterator it = withOut(cfg, inPlace ? self : out, inPlace).build();
  const DType ct = it.computeDType();
  WICK_CHECK(ct != DType::Bool, "{}: unsupported dtype Bool", op);
  // An integer result takes value converted to its type (PyTorch: 2.7 -> 2).
  WICK_DISPATCH_ALL(ct, op, {
    if constexpr (!std::is_same_v<scalar_t, bool>) {
      using acc_t = OpMathT<scalar_t>;
      const acc_t v = value.to<acc_t>();
      if (isDiv) {
        cpuKernel(it, [v](scalar_t s, scalar_t a, scalar_t b) -> scalar_t {
          return static_cast<scalar_t>(static_cast<acc_t>(s) +
                                       v * (static_cast<acc_t>(a) / static_cast<acc_t>(b)));
        });
      } else {
        cpuKernel(it, [v](scalar_t s, scalar_t a, scalar_t b) -> scalar_t {
          return static_cast<scalar_t>(static_cast<acc_t>(s) +
                                       v * static_cast<acc_t>(a) * static_cast<acc_t>(b));
        });
      }
    }
  });
  return it.finish();
}

}  // namespace

Tensor addcmul(const Tensor& self, const Tensor& t1, const Tensor& t2, Scalar value, const Tensor& out,
               bool inPlace) {
  return addcop(false, self, t1, t2, value, out, inPlace);
}

Tensor addcdiv(const Tensor& self, const Tensor& t1, const Tensor& t2, Scalar value, const Tensor& out,
               bool inPlace) {
  return addcop(true, self, t1, t2, value, out, inPlace);
}

}  // namespace wick::kernels

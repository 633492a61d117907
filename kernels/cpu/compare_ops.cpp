// Comparisons, logical ops, where, clamp, fill_ and copy_.
#include <cmath>

#include "core/check.h"
#include "core/dispatch.h"
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/loops.h"

namespace wick::kernels {
namespace {

template <typename T>
bool applyCompare(CompareOp op, T x, T y) {
  switch (op) {
    case CompareOp::Eq: return x == y;
    case CompareOp::Ne: return x != y;
    case CompareOp::Lt: return x < y;
    case CompareOp::Le: return x <= y;
    case CompareOp::Gt: return x > y;
    case CompareOp::Ge: return x >= y;
  }
  return false;
}

Tensor runCompare(CompareOp op, const Input& a, const Input& b, const Tensor& out, bool inPlace) {
  const char* name = compareOpName(op);
  IterConfig cfg(name);
  cfg.input(a).input(b).resultDType(DType::Bool);
  if (out.defined()) cfg.output(out);
  if (inPlace) cfg.inPlace();
  TensorIterator it = cfg.build();
  WICK_DISPATCH_ALL(it.computeDType(), name, {
    using acc_t = OpMathT<scalar_t>;
    cpuKernel(it, [op](scalar_t x, scalar_t y) -> bool {
      return applyCompare<acc_t>(op, static_cast<acc_t>(x), static_cast<acc_t>(y));
    });
  });
  return it.finish();
}

Tensor runLogical(LogicalOp op, const Tensor& a, const Tensor& b, const Tensor& out, bool inPlace) {
  const char* name = logicalOpName(op);
  IterConfig cfg(name);
  cfg.inputAs(a, DType::Bool).inputAs(b, DType::Bool).computeDType(DType::Bool);
  if (out.defined()) cfg.output(out);
  if (inPlace) cfg.inPlace();
  TensorIterator it = cfg.build();
  switch (op) {
    case LogicalOp::And: cpuKernel(it, [](bool x, bool y) -> bool { return x && y; }); break;
    case LogicalOp::Or: cpuKernel(it, [](bool x, bool y) -> bool { return x || y; }); break;
    case LogicalOp::Xor: cpuKernel(it, [](bool x, bool y) -> bool { return x != y; }); break;
  }
  return it.finish();
}

Tensor runLogicalNot(const Tensor& a, const Tensor& out, bool inPlace) {
  IterConfig cfg("aten::logical_not");
  cfg.inputAs(a, DType::Bool).computeDType(DType::Bool);
  if (out.defined()) cfg.output(out);
  if (inPlace) cfg.inPlace();
  TensorIterator it = cfg.build();
  cpuKernel(it, [](bool x) -> bool { return !x; });
  return it.finish();
}

template <typename T>
T clampValue(T x, T lo, T hi, bool hasLo, bool hasHi) {
  if constexpr (std::is_floating_point_v<T>) {
    if (std::isnan(x)) return x;
  }
  if (hasLo) x = x < lo ? lo : x;
  if (hasHi) x = x > hi ? hi : x;
  return x;
}

Tensor runClamp(const char* name, const Tensor& self, const std::optional<Input>& min,
                const std::optional<Input>& max, const Tensor& out, bool inPlace) {
  WICK_CHECK(min || max, "{}: at least one of 'min' or 'max' must not be None", name);
  // Scalar bounds never widen a floating self; tensor bounds always promote.
  DType ct = self.dtype();
  bool scalarBounds = (!min || min->wrapped) && (!max || max->wrapped);
  if (!scalarBounds || !isFloating(ct)) {
    ResultTypeState st;
    st.update(self);
    if (min) st.update(*min);
    if (max) st.update(*max);
    ct = st.result();
  }
  WICK_CHECK(ct != DType::Bool, "{}: bool tensors are not supported", name);
  IterConfig cfg(name);
  cfg.input(self).computeDType(ct);
  if (min) cfg.input(*min);
  if (max) cfg.input(*max);
  if (out.defined()) cfg.output(out);
  if (inPlace) cfg.inPlace();
  TensorIterator it = cfg.build();
  WICK_DISPATCH_ALL(ct, name, {
    using acc_t = OpMathT<scalar_t>;
    if (min && max) {
      cpuKernel(it, [](scalar_t x, scalar_t lo, scalar_t hi) -> scalar_t {
        return static_cast<scalar_t>(clampValue<acc_t>(x, lo, hi, true, true));
      });
    } else if (min) {
      cpuKernel(it, [](scalar_t x, scalar_t lo) -> scalar_t {
        return static_cast<scalar_t>(clampValue<acc_t>(x, lo, lo, true, false));
      });
    } else {
      cpuKernel(it, [](scalar_t x, scalar_t hi) -> scalar_t {
        return static_cast<scalar_t>(clampValue<acc_t>(x, hi, hi, false, true));
      });
    }
  });
  return it.finish();
}

}  // namespace

const char* compareOpName(CompareOp op) {
  switch (op) {
    case CompareOp::Eq: return "aten::eq";
    case CompareOp::Ne: return "aten::ne";
    case CompareOp::Lt: return "aten::lt";
    case CompareOp::Le: return "aten::le";
    case CompareOp::Gt: return "aten::gt";
    case CompareOp::Ge: return "aten::ge";
  }
  return "aten::compare";
}

const char* logicalOpName(LogicalOp op) {
  switch (op) {
    case LogicalOp::And: return "aten::logical_and";
    case LogicalOp::Or: return "aten::logical_or";
    case LogicalOp::Xor: return "aten::logical_xor";
  }
  return "aten::logical";
}

Tensor compare(CompareOp op, const Input& a, const Input& b, const Tensor& out) {
  return runCompare(op, a, b, out, false);
}
Tensor compareInPlace(CompareOp op, const Tensor& self, const Input& b) {
  return runCompare(op, self, b, self, true);
}
Tensor logical(LogicalOp op, const Tensor& a, const Tensor& b, const Tensor& out) {
  return runLogical(op, a, b, out, false);
}
Tensor logicalInPlace(LogicalOp op, const Tensor& self, const Tensor& b) {
  return runLogical(op, self, b, self, true);
}
Tensor logicalNot(const Tensor& a, const Tensor& out) { return runLogicalNot(a, out, false); }
Tensor logicalNotInPlace(const Tensor& self) { return runLogicalNot(self, self, true); }

Tensor where(const Tensor& condition, const Input& a, const Input& b, const Tensor& out) {
  WICK_CHECK(condition.dtype() == DType::Bool || condition.dtype() == DType::UInt8,
             "aten::where: expected condition to be a boolean tensor, but got a tensor with dtype {}",
             dtypeName(condition.dtype()));
  IterConfig cfg("aten::where");
  cfg.inputAs(condition, DType::Bool).input(a).input(b);
  if (out.defined()) cfg.output(out);
  TensorIterator it = cfg.build();
  WICK_DISPATCH_ALL(it.computeDType(), "aten::where", {
    cpuKernel(it, [](bool c, scalar_t x, scalar_t y) -> scalar_t { return c ? x : y; });
  });
  return it.finish();
}

Tensor clamp(const Tensor& self, const std::optional<Input>& min, const std::optional<Input>& max,
             const Tensor& out) {
  return runClamp("aten::clamp", self, min, max, out, false);
}

Tensor clampInPlace(const Tensor& self, const std::optional<Input>& min,
                    const std::optional<Input>& max) {
  return runClamp("aten::clamp_", self, min, max, self, true);
}

Tensor clampOneSide(const char* name, const Tensor& self, const std::optional<Input>& min,
                    const std::optional<Input>& max, const Tensor& out, bool inPlace) {
  return runClamp(name, self, min, max, inPlace ? self : out, inPlace);
}

Tensor maximum(const Tensor& a, const Tensor& b, bool isMax, const Tensor& out) {
  const char* name = isMax ? "aten::maximum" : "aten::minimum";
  IterConfig cfg(name);
  cfg.input(a).input(b);
  if (out.defined()) cfg.output(out);
  TensorIterator it = cfg.build();
  WICK_DISPATCH_ALL(it.computeDType(), name, {
    using acc_t = OpMathT<scalar_t>;
    cpuKernel(it, [isMax](scalar_t x, scalar_t y) -> scalar_t {
      acc_t u = static_cast<acc_t>(x), v = static_cast<acc_t>(y);
      if constexpr (std::is_floating_point_v<acc_t>) {
        if (std::isnan(u) || std::isnan(v)) return static_cast<scalar_t>(std::isnan(u) ? u : v);
      }
      return static_cast<scalar_t>(isMax ? (u > v ? u : v) : (u < v ? u : v));
    });
  });
  return it.finish();
}

Tensor maskedFill(const Tensor& self, const Tensor& mask, const Input& value, bool inPlace) {
  const char* name = inPlace ? "aten::masked_fill_" : "aten::masked_fill";
  WICK_CHECK(mask.dtype() == DType::Bool,
             "{}: only supports boolean masks, but got mask with dtype {}", name, dtypeName(mask.dtype()));
  WICK_CHECK(value.wrapped || value.tensor.dim() == 0,
             "{}: only supports a 0-dimensional value tensor, but got tensor with {} dimension(s)", name,
             value.tensor.dim());
  // The value converts to self's dtype whatever its own type (PyTorch
  // fills an int tensor with 0.5 as 0).
  IterConfig cfg(name);
  cfg.inputAs(mask, DType::Bool).inputAs(self, self.dtype()).inputAs(value, self.dtype());
  cfg.computeDType(self.dtype());
  if (inPlace) cfg.output(self).inPlace();
  TensorIterator it = cfg.build();
  WICK_DISPATCH_ALL(self.dtype(), name, {
    cpuKernel(it, [](bool m, scalar_t x, scalar_t v) -> scalar_t { return m ? v : x; });
  });
  return it.finish();
}

Tensor fillInPlace(const Tensor& self, Scalar value) {
  self.copyFrom(Tensor::scalar(value, isFloating(self.dtype()) ? DType::Float64 : self.dtype()));
  return self;
}

Tensor copyInPlace(const Tensor& self, const Tensor& src) {
  if (self.isSameTensor(src)) return self;
  // A source overlapping self is copied out first so reads see old values.
  self.copyFrom(self.sharesStorage(src) ? src.clone() : src);
  return self;
}

}  // namespace wick::kernels

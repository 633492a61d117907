// Elementwise tensor ops: arithmetic, math, activations, comparisons,
// logical ops, where and clamp. Every function follows PyTorch's
// broadcasting and type promotion; `out` undefined allocates the result,
// `out` given writes it there (resizing it when its shape differs), and the
// *_ forms write into self.
#pragma once

#include <optional>
#include <string_view>

#include "kernels/cpu/type_promotion.h"
#include "wick/tensor.h"

namespace wick::kernels {

Tensor add(const Input& a, const Input& b, Scalar alpha = 1, const Tensor& out = {});
Tensor sub(const Input& a, const Input& b, Scalar alpha = 1, const Tensor& out = {});
Tensor mul(const Input& a, const Input& b, const Tensor& out = {});
// roundingMode: none (true division), "trunc" or "floor".
Tensor div(const Input& a, const Input& b, std::optional<std::string_view> roundingMode = {},
           const Tensor& out = {});
Tensor pow(const Input& a, const Input& b, const Tensor& out = {});
// Python's a % b (the sign of b); integer b == 0 is an error.
Tensor remainder(const Input& a, const Input& b, const Tensor& out = {});

// In-place forms: the result must be castable to self's dtype and have
// self's shape.
Tensor addInPlace(const Tensor& self, const Input& b, Scalar alpha = 1);
Tensor subInPlace(const Tensor& self, const Input& b, Scalar alpha = 1);
Tensor mulInPlace(const Tensor& self, const Input& b);
Tensor divInPlace(const Tensor& self, const Input& b,
                  std::optional<std::string_view> roundingMode = {});
Tensor powInPlace(const Tensor& self, const Input& b);
Tensor remainderInPlace(const Tensor& self, const Input& b);

enum class UnaryOp {
  Neg, Abs, Exp, Log, Sqrt, Rsqrt, Sin, Cos, Tanh, Sigmoid, Erf, Relu, Silu, GeluErf, GeluTanh,
  // Rounding and sign keep integer dtypes (floor of an int is itself).
  Floor, Ceil, Round, Trunc, Sign,
  Reciprocal, Exp2, Expm1, Log1p, Log2, Log10,
};
// The op's aten name ("aten::exp").
const char* unaryOpName(UnaryOp op);
Tensor unary(UnaryOp op, const Tensor& self, const Tensor& out = {});
Tensor unaryInPlace(UnaryOp op, const Tensor& self);
// approximate: "none" or "tanh".
UnaryOp geluKind(std::string_view approximate);
// round(self, decimals): half to even at 10^-decimals (floating only).
Tensor roundDecimals(const Tensor& self, int64_t decimals, const Tensor& out = {}, bool inPlace = false);

// isnan / isinf / isfinite: a bool tensor of self's shape.
enum class FloatClass { IsNan, IsInf, IsFinite, IsPosInf, IsNegInf };
Tensor floatClass(FloatClass op, const Tensor& self, const Tensor& out = {});

// Binary math: C's fmod (the sign of a; integer b == 0 is an error) and
// atan2 (integers promote to float32).
Tensor fmod(const Input& a, const Input& b, const Tensor& out = {}, bool inPlace = false);
Tensor atan2(const Tensor& a, const Tensor& b, const Tensor& out = {}, bool inPlace = false);
// lerp: self + weight * (end - self), floating self and end of one dtype;
// weight a Scalar or a tensor broadcasting with them.
Tensor lerp(const Tensor& self, const Tensor& end, const Input& weight, const Tensor& out = {},
            bool inPlace = false);
// addcmul: self + value * t1 * t2; addcdiv: self + value * t1 / t2
// (integer t1 / t2 refused, as in PyTorch).
Tensor addcmul(const Tensor& self, const Tensor& t1, const Tensor& t2, Scalar value,
               const Tensor& out = {}, bool inPlace = false);
Tensor addcdiv(const Tensor& self, const Tensor& t1, const Tensor& t2, Scalar value,
               const Tensor& out = {}, bool inPlace = false);

// -alpha for sub / rsub, keeping alpha's kind (int or float).
Scalar negatedAlpha(Scalar alpha);

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge };
const char* compareOpName(CompareOp op);
Tensor compare(CompareOp op, const Input& a, const Input& b, const Tensor& out = {});
Tensor compareInPlace(CompareOp op, const Tensor& self, const Input& b);

enum class LogicalOp { And, Or, Xor };
const char* logicalOpName(LogicalOp op);
Tensor logical(LogicalOp op, const Tensor& a, const Tensor& b, const Tensor& out = {});
Tensor logicalInPlace(LogicalOp op, const Tensor& self, const Tensor& b);
Tensor logicalNot(const Tensor& a, const Tensor& out = {});
Tensor logicalNotInPlace(const Tensor& self);

enum class BitwiseOp { And, Or, Xor, LShift, RShift };
const char* bitwiseOpName(BitwiseOp op);
// Integer and bool operands only (after promotion); shifts take integers
// only, and a shift count outside [0, bits) gives 0 (left) or the sign
// fill (right) instead of x86's wrapped count.
Tensor bitwise(BitwiseOp op, const Input& a, const Input& b, const Tensor& out = {});
Tensor bitwiseInPlace(BitwiseOp op, const Tensor& self, const Input& b);
Tensor bitwiseNot(const Tensor& self, const Tensor& out = {}, bool inPlace = false);

// where(condition, a, b): a where condition is true, else b.
Tensor where(const Tensor& condition, const Input& a, const Input& b, const Tensor& out = {});

// clamp with optional bounds (at least one given). Scalars take part in
// promotion for integer self (int tensor clamped by 0.5 gives float32).
Tensor clamp(const Tensor& self, const std::optional<Input>& min, const std::optional<Input>& max,
             const Tensor& out = {});
Tensor clampInPlace(const Tensor& self, const std::optional<Input>& min,
                    const std::optional<Input>& max);

// clamp_min / clamp_max: clamp with one bound, promoting like clamp.
Tensor clampOneSide(const char* name, const Tensor& self, const std::optional<Input>& min,
                    const std::optional<Input>& max, const Tensor& out, bool inPlace);

// Elementwise max / min with promotion; NaN propagates.
Tensor maximum(const Tensor& a, const Tensor& b, bool isMax, const Tensor& out = {});
// self where mask is false, value where it is true; mask (bool) broadcasts
// with self (in place: to self's shape); value is a Scalar or 0-dim tensor
// converted to self's dtype.
Tensor maskedFill(const Tensor& self, const Tensor& mask, const Input& value, bool inPlace = false);

// self.fill_(value) and self.copy_(src) (src broadcasts to self).
Tensor fillInPlace(const Tensor& self, Scalar value);
Tensor copyInPlace(const Tensor& self, const Tensor& src);

}  // namespace wick::kernels

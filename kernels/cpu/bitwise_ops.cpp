// Bitwise and/or/xor/not on integer and bool tensors and shifts on integer
// tensors (TorchScript's `a & b`, `a | b`, `a ^ b`, `~a`, `a << b`, `a >> b`).
#include "core/check.h"
#include "core/dispatch.h"
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/loops.h"

namespace wick::kernels {
namespace {

Tensor runBitwise(BitwiseOp op, const Input& a, const Input& b, const Tensor& out, bool inPlace) {
  const char* name = bitwiseOpName(op);
  IterConfig cfg(name);
  cfg.input(a).input(b);
  if (out.defined()) cfg.output(out);
  if (inPlace) cfg.inPlace();
  TensorIterator it = cfg.build();
  WICK_CHECK(isIntegral(it.computeDType(), true), "{}: expected integer or bool operands, got {}", name,
             dtypeName(it.computeDType()));
  const bool shift = op == BitwiseOp::LShift || op == BitwiseOp::RShift;
  WICK_CHECK(!(shift && it.computeDType() == DType::Bool), "{}: unsupported dtype Bool", name);
  WICK_DISPATCH_INTEGRAL(it.computeDType(), name, {
    constexpr int kBits = static_cast<int>(sizeof(scalar_t) * 8);
    switch (op) {
      case BitwiseOp::And:
        cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t { return static_cast<scalar_t>(x & y); });
        break;
      case BitwiseOp::Or:
        cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t { return static_cast<scalar_t>(x | y); });
        break;
      case BitwiseOp::Xor:
        cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t { return static_cast<scalar_t>(x ^ y); });
        break;
      case BitwiseOp::LShift:
        if constexpr (!std::is_same_v<scalar_t, bool>) {
          cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t {
            using U = std::make_unsigned_t<scalar_t>;
            const int64_t n = static_cast<int64_t>(y);
            return n < 0 || n >= kBits ? scalar_t(0) : static_cast<scalar_t>(static_cast<U>(x) << n);
          });
        }
        break;
      case BitwiseOp::RShift:
        if constexpr (!std::is_same_v<scalar_t, bool>) {
          cpuKernel(it, [](scalar_t x, scalar_t y) -> scalar_t {
            const int64_t n = static_cast<int64_t>(y);
            if (n < 0 || n >= kBits) return x < scalar_t(0) ? static_cast<scalar_t>(-1) : scalar_t(0);
            return static_cast<scalar_t>(x >> n);
          });
        }
        break;
    }
  });
  return it.finish();
}

}  // namespace

const char* bitwiseOpName(BitwiseOp op) {
  switch (op) {
    case BitwiseOp::And: return "aten::bitwise_and";
    case BitwiseOp::Or: return "aten::bitwise_or";
    case BitwiseOp::Xor: return "aten::bitwise_xor";
    case BitwiseOp::LShift: return "aten::bitwise_left_shift";
    case BitwiseOp::RShift: return "aten::bitwise_right_shift";
  }
  return "aten::bitwise";
}

Tensor bitwise(BitwiseOp op, const Input& a, const Input& b, const Tensor& out) {
  return runBitwise(op, a, b, out, false);
}

Tensor bitwiseInPlace(BitwiseOp op, const Tensor& self, const Input& b) {
  return runBitwise(op, self, b, self, true);
}

Tensor bitwiseNot(const Tensor& self, const Tensor& out, bool inPlace) {
  const char* name = "aten::bitwise_not";
  WICK_CHECK(isIntegral(self.dtype(), true), "{}: expected an integer or bool tensor, got {}", name,
             dtypeName(self.dtype()));
  IterConfig cfg(name);
  cfg.input(self);
  if (out.defined()) cfg.output(out);
  if (inPlace) cfg.inPlace();
  TensorIterator it = cfg.build();
  WICK_DISPATCH_INTEGRAL(it.computeDType(), name, {
    if constexpr (std::is_same_v<scalar_t, bool>) cpuKernel(it, [](bool x) -> bool { return !x; });
    else cpuKernel(it, [](scalar_t x) -> scalar_t { return static_cast<scalar_t>(~x); });
  });
  return it.finish();
}

}  // namespace wick::kernels

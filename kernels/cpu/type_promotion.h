// PyTorch's result-type rules for elementwise ops (torch.result_type) and
// the cast check that guards out= and in-place results.
#pragma once

#include <span>

#include "wick/scalar.h"
#include "wick/tensor.h"

namespace wick::kernels {

// An elementwise input: a tensor, or a Python number. A number is held as a
// 0-dim int64/float64/bool tensor (so float64 math sees its full value) and
// takes part in promotion as a "wrapped number": it never raises the
// category-internal width of a tensor operand.
struct Input {
  Input(const Tensor& t) : tensor(t) {}  // NOLINT: implicit, like at::Tensor
  Input(Scalar s);                        // NOLINT
  Input(int64_t v) : Input(Scalar(v)) {}  // NOLINT
  Input(int v) : Input(Scalar(v)) {}      // NOLINT
  Input(double v) : Input(Scalar(v)) {}   // NOLINT
  Input(bool v) : Input(Scalar(v)) {}     // NOLINT

  Tensor tensor;
  bool wrapped = false;
};

// Accumulates operands like at::native::ResultTypeState.
class ResultTypeState {
 public:
  void update(const Input& in);
  void update(const Tensor& t) { update(Input(t)); }
  // The promoted type; Float32 default when nothing was added.
  DType result() const;

 private:
  static constexpr int kUndefined = -1;
  int dim_ = kUndefined;
  int zero_ = kUndefined;
  int wrapped_ = kUndefined;
};

// torch.result_type over all inputs.
DType resultType(std::span<const Input> inputs);
DType resultType(const Input& a, const Input& b);

// c10::canCast: floating to integral and non-bool to bool are refused.
bool canCast(DType from, DType to);

}  // namespace wick::kernels

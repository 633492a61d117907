// A fast path for arithmetic between a tiny floating tensor and a scalar.
//
// Loops over one-element tensors (`x = x * 0.5 + 1` in a TorchScript loop)
// spend far more in building an iterator and wrapping the scalar in a
// tensor than in the arithmetic. For contiguous float32/float64 tensors of
// up to kMaxElements, the result dtype is the tensor's whatever the scalar
// (PyTorch's wrapped-number rule), so the op is one allocation and a loop.
#pragma once

#include "wick/tensor.h"

namespace wick::kernels {

enum class ScalarArith { Add, Mul };

// self + alpha * other or self * other, or an undefined
// tensor when the fast path does not apply (the caller takes the general
// path, which also reports any error).
Tensor tryTinyScalarArith(ScalarArith op, const Tensor& self, Scalar other, Scalar alpha = 1);

}  // namespace wick::kernels

// einsum: Einstein summation over any number of operands, through bmm.
#pragma once

#include <string_view>
#include <vector>

#include "wick/tensor.h"

namespace wick::kernels {

// PyTorch's einsum: subscripts a-z/A-Z, one "..." per operand (broadcast,
// aligned right), repeated subscripts within an operand take diagonals,
// an implicit output is the ellipsis followed by the subscripts used once,
// in order (A-Z before a-z). Operands contract left to right; each pair is
// one bmm. Errors name the equation.
Tensor einsum(std::string_view equation, const std::vector<Tensor>& operands);

}  // namespace wick::kernels

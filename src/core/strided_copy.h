// Strided N-d copy with dtype conversion: the primitive under contiguous(),
// clone(), to() and copy_().
#pragma once

#include "wick/tensor.h"

namespace wick {

// Copies `sizes` elements from src (laid out by srcStrides, in elements) to
// dst (dstStrides), converting srcType to dstType as PyTorch's copy_ does
// (float to int truncates; anything to bool is `!= 0`).
void stridedCopy(void* dst, DType dstType, IntArrayRef dstStrides, const void* src, DType srcType,
                 IntArrayRef srcStrides, IntArrayRef sizes);

}  // namespace wick

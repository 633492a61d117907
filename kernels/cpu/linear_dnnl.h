// Private to the linear kernels: float32 `input @ weight.T + bias` (and an
// epilogue) on oneDNN's matmul primitive with the weight packed once. The
// packed copy is cached by the weight's storage and never refreshed: only
// for weights that are never written in place (linearWithEpilogue).
#pragma once

#include <cstddef>

#include "kernels/cpu/epilogue.h"
#include "wick/tensor.h"

namespace wick::kernels::linear_dnnl {

// The result, or an undefined tensor when this path does not take the
// problem (not float32 on CPU, no oneDNN, a weight seen only once so far,
// or oneDNN offering only a reference kernel): the caller runs the GEMM
// path. With `epilogue`, `*applied` says whether the primitive applied it.
Tensor run(const Tensor& input, const Tensor& weight, const Tensor& bias, const Epilogue* epilogue = nullptr,
           bool* applied = nullptr);
void clearCache();
size_t cacheSize();  // weights with a packed plan

}  // namespace wick::kernels::linear_dnnl

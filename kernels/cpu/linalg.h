// Matrix products: mm, bmm, matmul (every rank combination, with batch
// broadcasting), addmm and linear. float32 goes through oneDNN's sgemm,
// float64 through the BLAS opened on first use (kernels/cpu/blas.h); other
// dtypes (and builds without them) use a built-in loop.
#pragma once

#include "kernels/cpu/epilogue.h"
#include "wick/scalar.h"
#include "wick/tensor.h"

namespace wick::kernels {

Tensor mm(const Tensor& a, const Tensor& b, const Tensor& out = {});
Tensor bmm(const Tensor& a, const Tensor& b, const Tensor& out = {});
Tensor matmul(const Tensor& a, const Tensor& b, const Tensor& out = {});
// beta * self + alpha * (mat1 @ mat2); self broadcasts to the product's
// shape and is ignored when beta is 0.
Tensor addmm(const Tensor& self, const Tensor& mat1, const Tensor& mat2, Scalar beta = 1,
             Scalar alpha = 1, const Tensor& out = {});
// input @ weight.T + bias.
Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias = {},
              const Tensor& out = {});

// linear() followed by `epilogue` where oneDNN's matmul applies it in the
// same primitive (float32, a residual of exactly the output's sizes);
// `*applied` says whether it did; when false the result is the plain
// linear() and the caller applies the epilogue itself. From its second
// call a weight runs on a copy packed for oneDNN and cached by storage, so
// `weight` must never be written in place: the JIT calls it (through
// wick::linear_fused) only for frozen constants. An empty epilogue is
// fine: that is linear() on the packed weight.
Tensor linearWithEpilogue(const Tensor& input, const Tensor& weight, const Tensor& bias, const Epilogue& epilogue,
                          bool* applied);

// C (m x n) = alpha * A (m x k) @ B (k x n) + beta * C, on 2-D strided
// tensors of one dtype; C must not overlap A or B. Beta 0 ignores C's
// contents.
void gemm(const Tensor& a, const Tensor& b, const Tensor& c, Scalar alpha, Scalar beta);

// True when this build calls a BLAS (opened on first use) for float64.
bool hasBlas();

}  // namespace wick::kernels

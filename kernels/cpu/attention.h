// Scaled dot-product attention, softmax(scale * q @ k^T + mask) @ v over
// batched heads: the core that aten::scaled_dot_product_attention and the
// fused multi-head attention ops (src/runtime/ops/aten_attention.cpp) share.
// One GEMM per (batch, head) for the scores and one for the context, both
// OpenBLAS; the softmax is kernels::softmax.
#pragma once

#include "wick/tensor.h"

namespace wick::kernels {

// How a mask tensor reads: added to the scores (float), or boolean with
// true meaning "attends" (scaled_dot_product_attention) or "masked out"
// (the fused MHA ops' key-padding and attention masks).
enum class AttentionMask { None, Additive, Keep, Drop };

struct AttentionOptions {
  double scale = 1.0;
  // A top-left aligned lower-triangular mask (query i attends keys <= i).
  bool causal = false;
  // Rows whose every key is masked out give zeros instead of NaN (the
  // fused MHA ops' masked softmax; scaled_dot_product_attention since 2.5).
  bool zeroMaskedRows = false;
};

// q [..., L, E], k [..., S, E], v [..., S, Ev] with equal leading dims;
// the mask broadcasts to [..., L, S]. Returns [..., L, Ev] in q's dtype
// (float32 or float64); when weights is given it receives the softmaxed
// scores [..., L, S].
Tensor attention(const char* op, const Tensor& q, const Tensor& k, const Tensor& v, const Tensor& mask,
                 AttentionMask maskKind, const AttentionOptions& options, Tensor* weights = nullptr);

}  // namespace wick::kernels

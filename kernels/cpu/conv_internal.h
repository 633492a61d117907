// Private to the convolution kernels: the normalized 2-D problem that the
// oneDNN and the im2col + GEMM paths both consume.
#pragma once

#include <cstdint>

#include "kernels/cpu/convolution.h"
#include "wick/tensor.h"

namespace wick::kernels::conv {

// A 2-D (transposed) convolution on contiguous NCHW tensors. For a
// transposed convolution C/H/W describe the input and the weight is
// (C, O/groups, KH, KW).
struct Conv2dShape {
  int64_t n, c, h, w;     // input
  int64_t o, oh, ow;      // output
  int64_t kh, kw;
  int64_t sh, sw, ph, pw, dh, dw;
  int64_t oph, opw;       // output padding (transposed)
  int64_t groups;
  bool transposed;
};

// Whether a 4-D tensor is dense in channels-last order (NHWC memory) and
// not also plain contiguous.
bool isChannelsLast(const Tensor& t);

// Runs the convolution on oneDNN into `out` (sized; contiguous or
// channels-last, and so may `input` and the residual be); false
// when oneDNN is not built in or does not take this problem. With an
// epilogue (its residual contiguous, of out's sizes, float32) `*applied`
// says whether the primitive applied it too; oneDNN may decline one that
// only its reference kernels take.
bool dnnlConv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, const Tensor& out,
                const Conv2dShape& s, bool cacheWeights, const Epilogue* epilogue = nullptr,
                bool* applied = nullptr);
void dnnlClearCache();
// Sets oneDNN's OpenMP thread count for the calling thread (see
// conv_dnnl.cpp); a no-op without oneDNN.
void dnnlSyncThreads();
void dnnlForget(const Tensor& weight);
size_t dnnlCacheSize();
size_t dnnlWinogradPlans();
bool dnnlAvailable();

// im2col + GEMM (or GEMM + col2im when transposed), float32 or float64.
void gemmConv2d(const Tensor& input, const Tensor& weight, const Tensor& bias, const Tensor& out,
                const Conv2dShape& s);

}  // namespace wick::kernels::conv

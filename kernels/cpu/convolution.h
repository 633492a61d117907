// Convolution and transposed convolution over 1-D and 2-D inputs (NCL,
// NCHW, or unbatched CL / CHW), float32 through oneDNN when built with it,
// float64 (and float32 without oneDNN) through im2col + GEMM.
#pragma once

#include <string_view>

#include "kernels/cpu/epilogue.h"
#include "wick/tensor.h"

namespace wick::kernels {

struct ConvParams {
  // One value per spatial dim, or one value for all of them.
  DimVector stride{1};
  DimVector padding{0};
  DimVector dilation{1};
  DimVector outputPadding{0};
  bool transposed = false;
  int64_t groups = 1;
};

struct ConvOptions {
  // Keep oneDNN's reordered copy of the weight (and its primitive) for
  // reuse while the weight's storage stays the same. In-place writes into
  // a cached weight's storage are not seen; models do not make them.
  bool cacheWeights = true;
  // False runs float32 on the im2col + GEMM path too (tests, benchmarks).
  bool allowDnnl = true;
  // Return a batched 2-D float32 result in channels-last strides (NHWC
  // memory, NCHW sizes) when oneDNN computes it: its kernels work in that
  // layout, so the result needs no reorder, and a convolution reading it
  // needs none either. Only for results nothing but convolutions read
  // (the JIT's fuse_epilogues pass decides).
  bool channelsLast = false;
};

// aten::convolution. `op` names the calling op in errors. `bias` may be
// undefined.
Tensor convolution(const char* op, const Tensor& input, const Tensor& weight, const Tensor& bias,
                   const ConvParams& params, ConvOptions options = {});

// convolution() followed by `epilogue` where oneDNN can apply it in the
// same pass: float32 on oneDNN, a float32 residual of exactly the output's
// sizes. `*applied` says whether it did; when false the result is the plain
// convolution and the caller applies the epilogue itself.
Tensor convolutionWithEpilogue(const char* op, const Tensor& input, const Tensor& weight,
                               const Tensor& bias, const ConvParams& params,
                               const Epilogue& epilogue, bool* applied,
                               ConvOptions options = {});

// conv1d/conv2d with padding="same" or "valid".
Tensor convolutionPaddingMode(const char* op, const Tensor& input, const Tensor& weight,
                              const Tensor& bias, IntArrayRef stride, std::string_view padding,
                              IntArrayRef dilation, int64_t groups);

// Drops every cached oneDNN weight (tests and benchmarks).
void clearConvolutionCache();
// Drops the cached plans of `weight`'s storage: for a caller that knows the
// weight will not be convolved with again (the JIT after folding a batch
// norm into a copy of it), so its prepared copy does not stay resident.
void forgetConvolutionWeight(const Tensor& weight);
// Number of weights in the cache.
size_t convolutionCacheSize();
// Number of cached plans that run oneDNN's Winograd kernels: a 3x3
// stride-1 float32 convolution with >= 24 channels in and out and >= 14x14
// output pixels turns Winograd after its 8th cached call (WICK_WINOGRAD).
size_t convolutionWinogradPlans();
// True when float32 convolution runs on oneDNN.
bool convolutionUsesDnnl();

}  // namespace wick::kernels

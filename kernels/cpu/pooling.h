// Pooling, resampling and padding kernels over (N, C, H, W) or unbatched
// (C, H, W) inputs; the 1-D forms are the 2-D ones with H = 1. Pooling and
// resampling take float32 and float64; the shuffles and paddings move any
// dtype.
#pragma once

#include <optional>
#include <string_view>
#include <utility>

#include "wick/scalar.h"
#include "wick/tensor.h"

namespace wick::kernels {

struct PoolParams {
  DimVector kernel, stride, padding, dilation{1};
  bool ceilMode = false;
  bool countIncludePad = true;         // avg pooling only
  std::optional<int64_t> divisorOverride;  // avg pooling only
};

// Returns (values, indices); indices (int64, flat h*W + w within the
// plane) only when wantIndices. spatialDims is 1 or 2.
std::pair<Tensor, Tensor> maxPool(const char* op, const Tensor& input, const PoolParams& p,
                                  int spatialDims, bool wantIndices);
Tensor avgPool(const char* op, const Tensor& input, const PoolParams& p, int spatialDims);
Tensor adaptiveAvgPool(const char* op, const Tensor& input, IntArrayRef outputSize,
                       int spatialDims);
std::pair<Tensor, Tensor> adaptiveMaxPool(const char* op, const Tensor& input,
                                          IntArrayRef outputSize, int spatialDims);

// upsample_nearest2d / upsample_bilinear2d on 4-D input. scales are the
// user's scale factors (used for the source index when given, as PyTorch).
Tensor upsampleNearest2d(const char* op, const Tensor& input, IntArrayRef outputSize,
                         std::optional<double> scaleH, std::optional<double> scaleW);
Tensor upsampleBilinear2d(const char* op, const Tensor& input, IntArrayRef outputSize,
                          bool alignCorners, std::optional<double> scaleH,
                          std::optional<double> scaleW);
// The .vec overloads' output size: exactly one of outputSize and
// scaleFactors is given.
DimVector upsampleOutputSize(const char* op, const Tensor& input,
                             const std::optional<DimVector>& outputSize,
                             const std::optional<std::vector<double>>& scaleFactors);

Tensor pixelShuffle(const char* op, const Tensor& input, int64_t upscale);
Tensor channelShuffle(const char* op, const Tensor& input, int64_t groups);

enum class PadMode { Constant, Reflect, Replicate, Circular };
// pad pairs apply from the last dim backwards, like F.pad. Constant mode
// pads any dims (negative pads crop); the others pad the last 1 or 2 dims.
Tensor pad(const char* op, const Tensor& input, IntArrayRef pad, PadMode mode, Scalar value = 0);
// "constant", "reflect", "replicate", "circular".
PadMode padModeFromString(const char* op, std::string_view mode);

}  // namespace wick::kernels

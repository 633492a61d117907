// Separable resampling over the last 1-3 dims of an (N, C, spatial...)
// tensor: the interpolation modes F.interpolate reaches beyond the 2-D
// nearest/bilinear kernels of pooling.h (nearest and nearest-exact in
// 1-3 D, linear/trilinear, bicubic, antialiased bilinear/bicubic) and
// adaptive average pooling in 3-D. Each axis is resampled in turn by a
// table of (index, weight) taps computed the way PyTorch computes them.
#pragma once

#include <optional>
#include <vector>

#include "wick/tensor.h"

namespace wick::kernels {

enum class ResampleMode { Nearest, NearestExact, Linear, Cubic, LinearAntialias, CubicAntialias, AdaptiveAvg };

// `scales[i]` is the user's scale factor for spatial dim i (PyTorch's
// scales_h/...; used as 1/scale for the source coordinates), or none.
// Nearest modes work on every dtype; the others on float32/float64.
Tensor resample(const char* op, const Tensor& input, int64_t spatialDims, IntArrayRef outputSize,
                ResampleMode mode, bool alignCorners, const std::vector<std::optional<double>>& scales);

// The .vec overloads: exactly one of outputSize and scaleFactors; the
// scales the kernel uses are the factors (or none).
DimVector resampleOutputSize(const char* op, const Tensor& input, int64_t spatialDims,
                             const std::optional<DimVector>& outputSize,
                             const std::optional<std::vector<double>>& scaleFactors);

}  // namespace wick::kernels

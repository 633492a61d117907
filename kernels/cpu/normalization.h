// Normalization kernels: batch norm (inference with running statistics,
// and training with batch statistics), layer norm, group norm and
// instance norm, float32 and float64, parallel over rows.
#pragma once

#include <tuple>

#include "wick/tensor.h"

namespace wick::kernels {

// Returns (output, save_mean, save_invstd) like aten::native_batch_norm:
// the batch statistics in training mode, empty tensors in evaluation mode.
// Training mode updates running_mean / running_var in place when given.
std::tuple<Tensor, Tensor, Tensor> batchNorm(const char* op, const Tensor& input,
                                             const Tensor& weight, const Tensor& bias,
                                             const Tensor& runningMean, const Tensor& runningVar,
                                             bool training, double momentum, double eps);

// Returns (output, mean, rstd); mean and rstd have the input's leading
// dims followed by ones for the normalized dims.
std::tuple<Tensor, Tensor, Tensor> layerNorm(const char* op, const Tensor& input,
                                             IntArrayRef normalizedShape, const Tensor& weight,
                                             const Tensor& bias, double eps);

Tensor groupNorm(const char* op, const Tensor& input, int64_t groups, const Tensor& weight,
                 const Tensor& bias, double eps);

Tensor instanceNorm(const char* op, const Tensor& input, const Tensor& weight, const Tensor& bias,
                    const Tensor& runningMean, const Tensor& runningVar, bool useInputStats,
                    double momentum, double eps);

}  // namespace wick::kernels

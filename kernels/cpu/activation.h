// Activation kernels (hardswish, hardsigmoid, hardtanh, leaky_relu, elu and
// its selu/celu forms, softplus, mish, log_sigmoid) and softmax /
// log_softmax; float32 runs on AVX2 / AVX-512 loops when the CPU has them.
#pragma once

#include <optional>

#include "wick/tensor.h"

namespace wick::kernels {

enum class Activation { Hardswish, Hardsigmoid, Hardtanh, LeakyRelu, Elu, Softplus, Mish, LogSigmoid };

// The parameters each kind reads: Hardtanh (a = min, b = max), LeakyRelu
// (a = negative slope), Elu (a = alpha, b = scale, c = input scale),
// Softplus (a = beta, b = threshold).
struct ActivationParams {
  double a = 0, b = 0, c = 0;
};

// selu and celu as elu parameters.
ActivationParams seluParams();
ActivationParams celuParams(double alpha);

Tensor activation(const char* op, Activation kind, const Tensor& self, ActivationParams p = {});
// Writes into self (any strides) and returns it.
Tensor activationInPlace(const char* op, Activation kind, const Tensor& self,
                         ActivationParams p = {});

// softmax / log_softmax over `dim`, computed in `dtype` when given.
Tensor softmax(const char* op, const Tensor& self, int64_t dim, std::optional<DType> dtype,
               bool log);

}  // namespace wick::kernels

// Tensor factories: full/zeros/ones/empty, arange, and random tensors from
// a seedable generator.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>

#include "wick/scalar.h"
#include "wick/tensor.h"

namespace wick::kernels {

// full(size, value) without a dtype: int64 for an int, float32 for a
// float, bool for a bool (PyTorch 1.13).
Tensor full(IntArrayRef sizes, Scalar value, std::optional<DType> dtype = {});
// arange(start, end, step): the dtype defaults to int64 when every bound is
// an int and float32 otherwise.
Tensor arange(Scalar start, Scalar end, Scalar step = 1, std::optional<DType> dtype = {});

// A xoshiro256** generator behind a mutex: one stream shared by rand and
// randn, reproducible after seed().
class Generator {
 public:
  explicit Generator(uint64_t seed = 67280421310721ull) { this->seed(seed); }
  void seed(uint64_t s);
  // Uniform in [0, 1) with the mantissa width of float or double.
  void fillUniform(const Tensor& t);
  // Standard normal (Box-Muller).
  void fillNormal(const Tensor& t);

 private:
  uint64_t next();
  std::mutex mu_;
  uint64_t s_[4];
};

// The process-wide generator used by rand/randn.
Generator& defaultGenerator();

// Floating dtypes only.
Tensor rand(IntArrayRef sizes, DType dtype = DType::Float32);
Tensor randn(IntArrayRef sizes, DType dtype = DType::Float32);

}  // namespace wick::kernels

// Float32 fast paths for the hottest elementwise ops, compiled once per ISA
// (baseline, AVX2, AVX-512) and chosen at run time with
// __builtin_cpu_supports.
#pragma once

#include <cstdint>

#include "kernels/cpu/tensor_iterator.h"

namespace wick::kernels {

// Add computes a + alpha * b (sub passes -alpha).
enum class FloatBinary { Add, Mul, Div, Atan2, kCount };
enum class FloatUnary {
  Exp, Tanh, Sigmoid, Relu, Silu, GeluErf, GeluTanh,
  Floor, Ceil, Round, Trunc, Sign, Reciprocal, Log, Log2, Log10, Log1p, Exp2, Expm1, Erf, kCount
};

// One ISA's loops. Binary layouts: 0 both contiguous, 1 a is a broadcast
// scalar, 2 b is a broadcast scalar.
struct FloatKernelTable {
  using BinaryFn = void (*)(float* out, const float* a, const float* b, int64_t n, float alpha);
  using UnaryFn = void (*)(float* out, const float* a, int64_t n);
  BinaryFn binary[static_cast<int>(FloatBinary::kCount)][3];
  UnaryFn unary[static_cast<int>(FloatUnary::kCount)];
  const char* isa;
};

// The table for the running CPU.
const FloatKernelTable& floatKernels();
// Name of the ISA floatKernels() picked: "avx512", "avx2" or "default".
const char* floatKernelIsa();

// Run a float32 op on an iterator whose compute and result dtypes are
// float32, using the table for unit-stride and scalar-broadcast runs. False
// when the iterator is not float32 (the caller falls back).
bool tryFloatBinary(const TensorIterator& it, FloatBinary op, float alpha);
bool tryFloatUnary(const TensorIterator& it, FloatUnary op);

namespace isa {
const FloatKernelTable& defaultTable();
const FloatKernelTable& avx2Table();
const FloatKernelTable& avx512Table();
}  // namespace isa

}  // namespace wick::kernels

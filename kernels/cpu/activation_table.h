// The per-ISA table of float32 activation loops (activation_loops.h).
#pragma once

#include <cstdint>

namespace wick::kernels::act {

// Elementwise loops: out[i] = f(in[i]) with parameters p (see
// ActivationParams, as float).
enum class Loop { Hardswish, Hardsigmoid, Hardtanh, LeakyRelu, Elu, Mish, kCount };

struct Table {
  using UnaryFn = void (*)(float* out, const float* in, int64_t n, const float* params);
  UnaryFn unary[static_cast<int>(Loop::kCount)];
  float (*expSubSum)(float* out, const float* in, float sub, int64_t n);
  float (*rowMax)(const float* in, int64_t n);
  void (*colMax)(float* acc, const float* in, int64_t n);
  void (*colExpSubAccumulate)(float* out, const float* in, const float* sub, float* sum, int64_t n);
  const char* isa;
};

// The table for the running CPU.
const Table& table();

const Table& defaultTable();
const Table& avx2Table();
const Table& avx512Table();

}  // namespace wick::kernels::act

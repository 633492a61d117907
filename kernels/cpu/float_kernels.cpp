// The baseline float32 fast paths, the run-time ISA choice, and the glue
// that runs a table loop over a TensorIterator.
#include "kernels/cpu/float_kernels.h"

#include <algorithm>

#include "kernels/cpu/float_kernels_impl.h"

namespace wick::kernels {

namespace isa {
const FloatKernelTable& defaultTable() {
  static const FloatKernelTable t = makeTable("default");
  return t;
}
}  // namespace isa

namespace {

// Elements gathered per call when operands are not unit-stride.
constexpr int64_t kBlock = 256;

const FloatKernelTable& pickTable() {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq"))
    return isa::avx512Table();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return isa::avx2Table();
  return isa::defaultTable();
}
}  // namespace

const FloatKernelTable& floatKernels() {
  static const FloatKernelTable& t = pickTable();
  return t;
}

const char* floatKernelIsa() { return floatKernels().isa; }

bool tryFloatBinary(const TensorIterator& it, FloatBinary op, float alpha) {
  if (it.computeDType() != DType::Float32 || it.resultDType() != DType::Float32 ||
      it.ntensors() != 3)
    return false;
  const FloatKernelTable::BinaryFn* fns = floatKernels().binary[static_cast<int>(op)];
  it.forEach([&](char** data, const int64_t* s, int64_t n) {
    auto* out = reinterpret_cast<float*>(data[0]);
    auto* a = reinterpret_cast<const float*>(data[1]);
    auto* b = reinterpret_cast<const float*>(data[2]);
    if (s[0] == 4 && s[1] == 4 && s[2] == 4) return fns[0](out, a, b, n, alpha);
    if (s[0] == 4 && s[1] == 0 && s[2] == 4) return fns[1](out, a, b, n, alpha);
    if (s[0] == 4 && s[1] == 4 && s[2] == 0) return fns[2](out, a, b, n, alpha);
    // Other strides: gather a block, run the same vector loop, scatter,
    // so strided results match contiguous ones bit for bit.
    float xb[kBlock], yb[kBlock], ob[kBlock];
    for (int64_t b = 0; b < n; b += kBlock) {
      const int64_t m = std::min<int64_t>(kBlock, n - b);
      for (int64_t i = 0; i < m; ++i) {
        xb[i] = *reinterpret_cast<const float*>(data[1] + (b + i) * s[1]);
        yb[i] = *reinterpret_cast<const float*>(data[2] + (b + i) * s[2]);
      }
      fns[0](ob, xb, yb, m, alpha);
      for (int64_t i = 0; i < m; ++i) *reinterpret_cast<float*>(data[0] + (b + i) * s[0]) = ob[i];
    }
  });
  return true;
}

bool tryFloatUnary(const TensorIterator& it, FloatUnary op) {
  if (it.computeDType() != DType::Float32 || it.resultDType() != DType::Float32 ||
      it.ntensors() != 2)
    return false;
  const FloatKernelTable::UnaryFn fn = floatKernels().unary[static_cast<int>(op)];
  it.forEach([&](char** data, const int64_t* s, int64_t n) {
    if (s[0] == 4 && s[1] == 4)
      return fn(reinterpret_cast<float*>(data[0]), reinterpret_cast<const float*>(data[1]), n);
    float xb[kBlock], ob[kBlock];
    for (int64_t b = 0; b < n; b += kBlock) {
      const int64_t m = std::min<int64_t>(kBlock, n - b);
      for (int64_t i = 0; i < m; ++i) xb[i] = *reinterpret_cast<const float*>(data[1] + (b + i) * s[1]);
      fn(ob, xb, m);
      for (int64_t i = 0; i < m; ++i) *reinterpret_cast<float*>(data[0] + (b + i) * s[0]) = ob[i];
    }
  });
  return true;
}

}  // namespace wick::kernels

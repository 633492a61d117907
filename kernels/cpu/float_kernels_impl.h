// The loops behind FloatKernelTable, included once per ISA translation unit
// (float_kernels.cpp, float_kernels_avx2.cpp, float_kernels_avx512.cpp) so
// the compiler vectorizes each for its target. Everything here has internal
// linkage, so the copies never clash.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#include "kernels/cpu/float_kernels.h"
#include "kernels/cpu/math_functions.h"

namespace wick::kernels {
namespace {

template <FloatBinary Op>
inline float applyBinary(float a, float b, float alpha) {
  if constexpr (Op == FloatBinary::Add) return a + alpha * b;
  else if constexpr (Op == FloatBinary::Mul) return a * b;
  else if constexpr (Op == FloatBinary::Div) return a / b;
  else return math::atan2f(a, b);
}

template <FloatBinary Op, int Layout>
void binaryLoop(float* __restrict out, const float* a, const float* b, int64_t n, float alpha) {
  if constexpr (Layout == 1) {
    const float x = a[0];
    for (int64_t i = 0; i < n; ++i) out[i] = applyBinary<Op>(x, b[i], alpha);
  } else if constexpr (Layout == 2) {
    const float y = b[0];
    for (int64_t i = 0; i < n; ++i) out[i] = applyBinary<Op>(a[i], y, alpha);
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = applyBinary<Op>(a[i], b[i], alpha);
  }
}

// In-place calls pass out == a, so the unary loops must not assume
// restrict; the compiler adds a runtime overlap check.
template <FloatUnary Op>
void unaryLoop(float* out, const float* a, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const float x = a[i];
    if constexpr (Op == FloatUnary::Exp) out[i] = math::expf(x);
    else if constexpr (Op == FloatUnary::Tanh) out[i] = math::tanhf(x);
    else if constexpr (Op == FloatUnary::Sigmoid) out[i] = math::sigmoidf(x);
    else if constexpr (Op == FloatUnary::Relu) {
      // NaN propagates like PyTorch's clamp_min.
      out[i] = math::select(x > 0.f || x != x, x, 0.f);
    }
    else if constexpr (Op == FloatUnary::Silu) out[i] = x * math::sigmoidf(x);
    else if constexpr (Op == FloatUnary::GeluErf) out[i] = math::geluErff(x);
    else if constexpr (Op == FloatUnary::GeluTanh) out[i] = math::geluTanhf(x);
    else if constexpr (Op == FloatUnary::Floor) out[i] = math::floorf(x);
    else if constexpr (Op == FloatUnary::Ceil) out[i] = math::ceilf(x);
    else if constexpr (Op == FloatUnary::Round) out[i] = __builtin_nearbyintf(x);  // half to even
    else if constexpr (Op == FloatUnary::Trunc) out[i] = math::truncf(x);
    else if constexpr (Op == FloatUnary::Sign) {
      // NaN gives 0, like PyTorch.
      out[i] = math::select(x > 0.f, 1.f, 0.f) - math::select(x < 0.f, 1.f, 0.f);
    }
    else if constexpr (Op == FloatUnary::Reciprocal) out[i] = 1.f / x;
    else if constexpr (Op == FloatUnary::Log) out[i] = math::logf(x);
    else if constexpr (Op == FloatUnary::Log2) out[i] = math::log2f(x);
    else if constexpr (Op == FloatUnary::Log10) out[i] = math::log10f(x);
    else if constexpr (Op == FloatUnary::Log1p) out[i] = math::log1pf(x);
    else if constexpr (Op == FloatUnary::Exp2) out[i] = math::exp2f(x);
    else if constexpr (Op == FloatUnary::Erf) out[i] = math::erff(x);
    else out[i] = math::expm1f(x);
  }
}

template <FloatBinary Op>
constexpr void fillBinary(FloatKernelTable& t) {
  t.binary[static_cast<int>(Op)][0] = &binaryLoop<Op, 0>;
  t.binary[static_cast<int>(Op)][1] = &binaryLoop<Op, 1>;
  t.binary[static_cast<int>(Op)][2] = &binaryLoop<Op, 2>;
}

inline FloatKernelTable makeTable(const char* isaName) {
  FloatKernelTable t{};
  fillBinary<FloatBinary::Add>(t);
  fillBinary<FloatBinary::Mul>(t);
  fillBinary<FloatBinary::Div>(t);
  fillBinary<FloatBinary::Atan2>(t);
  t.unary[static_cast<int>(FloatUnary::Exp)] = &unaryLoop<FloatUnary::Exp>;
  t.unary[static_cast<int>(FloatUnary::Tanh)] = &unaryLoop<FloatUnary::Tanh>;
  t.unary[static_cast<int>(FloatUnary::Sigmoid)] = &unaryLoop<FloatUnary::Sigmoid>;
  t.unary[static_cast<int>(FloatUnary::Relu)] = &unaryLoop<FloatUnary::Relu>;
  t.unary[static_cast<int>(FloatUnary::Silu)] = &unaryLoop<FloatUnary::Silu>;
  t.unary[static_cast<int>(FloatUnary::GeluErf)] = &unaryLoop<FloatUnary::GeluErf>;
  t.unary[static_cast<int>(FloatUnary::GeluTanh)] = &unaryLoop<FloatUnary::GeluTanh>;
  t.unary[static_cast<int>(FloatUnary::Floor)] = &unaryLoop<FloatUnary::Floor>;
  t.unary[static_cast<int>(FloatUnary::Ceil)] = &unaryLoop<FloatUnary::Ceil>;
  t.unary[static_cast<int>(FloatUnary::Round)] = &unaryLoop<FloatUnary::Round>;
  t.unary[static_cast<int>(FloatUnary::Trunc)] = &unaryLoop<FloatUnary::Trunc>;
  t.unary[static_cast<int>(FloatUnary::Sign)] = &unaryLoop<FloatUnary::Sign>;
  t.unary[static_cast<int>(FloatUnary::Reciprocal)] = &unaryLoop<FloatUnary::Reciprocal>;
  t.unary[static_cast<int>(FloatUnary::Log)] = &unaryLoop<FloatUnary::Log>;
  t.unary[static_cast<int>(FloatUnary::Log2)] = &unaryLoop<FloatUnary::Log2>;
  t.unary[static_cast<int>(FloatUnary::Log10)] = &unaryLoop<FloatUnary::Log10>;
  t.unary[static_cast<int>(FloatUnary::Log1p)] = &unaryLoop<FloatUnary::Log1p>;
  t.unary[static_cast<int>(FloatUnary::Exp2)] = &unaryLoop<FloatUnary::Exp2>;
  t.unary[static_cast<int>(FloatUnary::Expm1)] = &unaryLoop<FloatUnary::Expm1>;
  t.unary[static_cast<int>(FloatUnary::Erf)] = &unaryLoop<FloatUnary::Erf>;
  t.isa = isaName;
  return t;
}

}  // namespace
}  // namespace wick::kernels

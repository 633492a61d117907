// The float32 activation and softmax loops, written so the compiler
// vectorizes them: included once per ISA (activation_kernels*.cpp), each
// inside its own namespace, and picked at run time by activation.cpp.
// exp is a branch-free polynomial (Cephes' expf, about 1 ulp), because
// std::exp calls do not vectorize.
#pragma once

#include <cstdint>
#include <cstring>

#include "kernels/cpu/activation_table.h"

namespace wick::kernels::act {
namespace WICK_ACT_ISA {

inline float fastExp(float x) {
  x = x < 88.3762626647949f ? x : 88.3762626647949f;
  x = x > -87.3365447504f ? x : -87.3365447504f;
  // n = round(x / ln 2) by the add-magic-number trick, which vectorizes
  // without SSE4.1's roundps.
  float n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  float r = x - n * 0.693359375f + n * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  int32_t bits = (static_cast<int32_t>(n) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, 4);
  return p * scale;
}

inline void hardswish(float* out, const float* in, int64_t n, const float*) {
  for (int64_t i = 0; i < n; ++i) {
    float x = in[i], t = x + 3.0f;
    t = t < 0.0f ? 0.0f : (t > 6.0f ? 6.0f : t);
    out[i] = x * t / 6.0f;
  }
}

inline void hardsigmoid(float* out, const float* in, int64_t n, const float*) {
  for (int64_t i = 0; i < n; ++i) {
    float t = in[i] + 3.0f;
    t = t < 0.0f ? 0.0f : (t > 6.0f ? 6.0f : t);
    out[i] = t / 6.0f;
  }
}

inline void hardtanh(float* out, const float* in, int64_t n, const float* p) {
  float lo = p[0], hi = p[1];
  for (int64_t i = 0; i < n; ++i) {
    float x = in[i];
    out[i] = x < lo ? lo : (x > hi ? hi : x);
  }
}

inline void leakyRelu(float* out, const float* in, int64_t n, const float* p) {
  float slope = p[0];
  for (int64_t i = 0; i < n; ++i) out[i] = in[i] > 0.0f ? in[i] : in[i] * slope;
}

inline void elu(float* out, const float* in, int64_t n, const float* p) {
  float negCoef = p[0] * p[1], posCoef = p[1], inScale = p[2];
  for (int64_t i = 0; i < n; ++i) {
    float x = in[i];
    float neg = (fastExp(x * inScale) - 1.0f) * negCoef;
    out[i] = x > 0.0f ? x * posCoef : neg;
  }
}

// x * tanh(log1p(e^x)) = x * m / (m + 2) with m = e^x (e^x + 2).
inline void mish(float* out, const float* in, int64_t n, const float*) {
  for (int64_t i = 0; i < n; ++i) {
    float x = in[i], e = fastExp(x), m = e * (e + 2.0f);
    out[i] = x > 20.0f ? x : x * m / (m + 2.0f);
  }
}

// Reductions keep kLanes partial results so that the compiler vectorizes
// them without reassociating floats itself (no -ffast-math).
constexpr int kLanes = 16;

// Returns sum(out) where out = exp(in - sub).
inline float expSubSum(float* out, const float* in, float sub, int64_t n) {
  float acc[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int j = 0; j < kLanes; ++j) {
      float e = fastExp(in[i + j] - sub);
      out[i + j] = e;
      acc[j] += e;
    }
  float sum = 0.0f;
  for (; i < n; ++i) {
    out[i] = fastExp(in[i] - sub);
    sum += out[i];
  }
  for (int j = 0; j < kLanes; ++j) sum += acc[j];
  return sum;
}

// max(a, b) that keeps a NaN of either side (a NaN accumulator stays NaN):
// softmax must see a row's NaN in its max (PyTorch gives a NaN row).
inline float nanMax(float acc, float x) { return (x > acc || x != x) ? x : acc; }

inline float rowMax(const float* in, int64_t n) {
  float acc[kLanes];
  for (int j = 0; j < kLanes; ++j) acc[j] = in[0];
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int j = 0; j < kLanes; ++j) acc[j] = nanMax(acc[j], in[i + j]);
  float m = in[0];
  for (; i < n; ++i) m = nanMax(m, in[i]);
  for (int j = 0; j < kLanes; ++j) m = nanMax(m, acc[j]);
  return m;
}

// Column-wise steps for softmax over a non-last dim (unit-stride inner).
inline void colMax(float* acc, const float* in, int64_t n) {
  for (int64_t i = 0; i < n; ++i) acc[i] = nanMax(acc[i], in[i]);
}
inline void colExpSubAccumulate(float* out, const float* in, const float* sub, float* sum,
                                int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    out[i] = fastExp(in[i] - sub[i]);
    sum[i] += out[i];
  }
}

inline const Table& makeTable(const char* name) {
  static const Table t{{hardswish, hardsigmoid, hardtanh, leakyRelu, elu, mish},
                       expSubSum,
                       rowMax,
                       colMax,
                       colExpSubAccumulate,
                       name};
  return t;
}

}  // namespace WICK_ACT_ISA
}  // namespace wick::kernels::act

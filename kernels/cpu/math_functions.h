// Branch-free float32 math (exp, tanh, sigmoid, erf, GELU, log, atan) written so the
// compiler can vectorize loops calling them. Accuracy: within a few ulp of
// the correctly rounded result over the whole range (erf: 2e-7 absolute).
// The functions have internal linkage because each ISA translation unit
// compiles its own copy; a shared inline copy could be one built for a
// wider ISA than the CPU has.
#pragma once

#include <cstdint>
#include <cstring>

namespace wick::kernels::math {
namespace {

inline float bitsToFloat(int32_t b) {
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}

inline int32_t floatToBits(float f) {
  int32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}

// c ? a : b as a bitwise blend. A plain ?: whose arms do arithmetic is not
// if-converted by GCC under the default -ftrapping-math, which keeps the
// whole loop scalar; the blend always vectorizes.
inline float select(bool c, float a, float b) {
  const int32_t m = -static_cast<int32_t>(c);
  return bitsToFloat((m & floatToBits(a)) | (~m & floatToBits(b)));
}

inline float absf(float x) { return bitsToFloat(floatToBits(x) & 0x7fffffff); }

// floor, ceil and trunc from round-to-nearest: GCC vectorizes nearbyint
// (vroundps / vrndscaleps) under the default -ftrapping-math but not
// floor/ceil/trunc. copysign keeps the sign of zero results (ceil(-0.5) is
// -0); NaN and inf pass through.
inline float floorf(float x) {
  const float t = __builtin_nearbyintf(x);
  return __builtin_copysignf(select(t > x, t - 1.f, t), x);
}
inline float ceilf(float x) {
  const float t = __builtin_nearbyintf(x);
  return __builtin_copysignf(select(t < x, t + 1.f, t), x);
}
inline float truncf(float x) { return __builtin_copysignf(floorf(absf(x)), x); }

// Cephes expf: exp(x) = 2^n * exp(r), |r| <= ln2/2, with a degree-6
// polynomial for exp(r). 2^n is applied in two halves so that results in
// the subnormal range and up to FLT_MAX stay exact in their exponent.
inline float expf(float x) {
  float xc = select(x > 88.7228394f, 88.7228394f, x);
  xc = select(xc < -103.972084f, -103.972084f, xc);
  // Round to nearest by adding and removing 1.5 * 2^23: plain arithmetic,
  // so the loop stays free of branches and vectorizes.
  const float fx = (xc * 1.44269504088896341f + 12582912.f) - 12582912.f;
  float r = xc - fx * 0.693359375f;
  r = r - fx * -2.12194440e-4f;
  float p = 1.9875691500E-4f;
  p = p * r + 1.3981999507E-3f;
  p = p * r + 8.3334519073E-3f;
  p = p * r + 4.1665795894E-2f;
  p = p * r + 1.6666665459E-1f;
  p = p * r + 5.0000001201E-1f;
  float y = p * r * r + r + 1.f;
  const int32_t n = static_cast<int32_t>(fx);
  const int32_t n1 = n >> 1;
  const int32_t n2 = n - n1;
  y = y * bitsToFloat((n1 + 127) << 23) * bitsToFloat((n2 + 127) << 23);
  y = select(x > 88.7228394f, __builtin_inff(), y);
  y = select(x < -103.972084f, 0.f, y);
  return select(x != x, x, y);
}

// Cephes tanhf: a polynomial below 0.625, 1 - 2 / (exp(2|x|) + 1) above.
inline float tanhf(float x) {
  const float ax = absf(x);
  const float z = x * x;
  float p = -5.70498872745E-3f;
  p = p * z + 2.06390887954E-2f;
  p = p * z - 5.37397155531E-2f;
  p = p * z + 1.33314422036E-1f;
  p = p * z - 3.33332819422E-1f;
  const float small = p * z * x + x;
  const float e = expf(2.f * select(ax > 10.f, 10.f, ax));
  float big = 1.f - 2.f / (e + 1.f);
  big = select(x < 0.f, -big, big);
  const float r = select(ax < 0.625f, small, big);
  return select(x != x, x, r);
}

inline float sigmoidf(float x) { return 1.f / (1.f + expf(-x)); }

// 2^x: 2^round(x) times exp of the small exact remainder, scaled in two
// halves like expf so subnormal results keep their exponent.
inline float exp2f(float x) {
  const float xc = select(x > 128.f, 128.f, select(x < -150.f, -150.f, x));
  const float n = (xc + 12582912.f) - 12582912.f;  // round to nearest
  float y = expf((xc - n) * 0.693147180559945309f);
  const int32_t ni = static_cast<int32_t>(n);
  const int32_t n1 = ni >> 1;
  y = y * bitsToFloat((n1 + 127) << 23) * bitsToFloat((ni - n1 + 127) << 23);
  y = select(x >= 128.f, __builtin_inff(), y);
  y = select(x < -150.f, 0.f, y);
  return select(x != x, x, y);
}

// Cephes logf split in two: x = 2^e * m with m in [sqrt(1/2), sqrt(2)),
// returns ln(m) and sets e. Only for finite x > 0; callers patch the rest.
inline float logMantissa(float x, float* e) {
  const bool sub = x < 1.17549435e-38f;
  const int32_t bits = floatToBits(select(sub, x * 8388608.f, x));
  const float m = bitsToFloat((bits & 0x007fffff) | 0x3f000000);  // [0.5, 1)
  const bool small = m < 0.707106781186547524f;
  const float f = select(small, m + m - 1.f, m - 1.f);
  *e = static_cast<float>(((bits >> 23) & 0xff) - 126) - select(sub, 23.f, 0.f) - select(small, 1.f, 0.f);
  const float z = f * f;
  float y = 7.0376836292E-2f;
  y = y * f - 1.1514610310E-1f;
  y = y * f + 1.1676998740E-1f;
  y = y * f - 1.2420140846E-1f;
  y = y * f + 1.4249322787E-1f;
  y = y * f - 1.6668057665E-1f;
  y = y * f + 2.0000714765E-1f;
  y = y * f - 2.4999993993E-1f;
  y = y * f + 3.3333331174E-1f;
  return f + (y * f * z - 0.5f * z);
}

// NaN for x < 0 and NaN, -inf at 0, inf at inf; r elsewhere.
inline float logSpecials(float x, float r) {
  r = select(x == __builtin_inff(), x, r);
  r = select(x == 0.f, -__builtin_inff(), r);
  return select((x < 0.f) | (x != x), __builtin_nanf(""), r);
}

inline float logf(float x) {
  float e;
  const float lm = logMantissa(x, &e);
  // ln 2 in two parts so e * ln2 adds without rounding error.
  return logSpecials(x, (lm + e * -2.12194440e-4f) + e * 0.693359375f);
}

inline float log2f(float x) {
  float e;
  const float lm = logMantissa(x, &e);
  return logSpecials(x, e + lm * 1.44269504088896341f);
}

inline float log10f(float x) {
  float e;
  const float lm = logMantissa(x, &e);
  return logSpecials(x, e * 0.301029995663981195f + lm * 0.434294481903251828f);
}

// log1p with Goldberg's correction: log(u) * x / (u - 1) for u = 1 + x
// cancels the rounding of u.
inline float log1pf(float x) {
  const float u = 1.f + x;
  const float d = u - 1.f;
  const float r = logf(u) * (x / select(d == 0.f, 1.f, d));
  float y = select(d == 0.f, x, r);
  y = select(x == __builtin_inff(), x, y);
  return select(x != x, x, y);
}

// Cephes atanf: reduced to |x| <= tan(pi/8) by pi/2 - atan(1/x) and
// pi/4 + atan((x-1)/(x+1)), then an odd polynomial.
inline float atanf(float x) {
  const float ax = absf(x);
  const bool big = ax > 2.414213562373095f;
  const bool mid = (ax > 0.4142135623730950f) & !big;
  const float t = select(big, -1.f / select(big, ax, 1.f), select(mid, (ax - 1.f) / (ax + 1.f), ax));
  const float y0 = select(big, 1.5707963267948966f, select(mid, 0.7853981633974483f, 0.f));
  const float z = t * t;
  float p = 8.05374449538e-2f;
  p = p * z - 1.38776856032e-1f;
  p = p * z + 1.99777106478e-1f;
  p = p * z - 3.33329491539e-1f;
  const float r = y0 + (p * z * t + t);
  return __builtin_copysignf(r, x);
}

// atan2 with C's special cases (signed zeros, infinities, NaN).
inline float atan2f(float y, float x) {
  constexpr float kPi = 3.14159265358979323846f;
  const bool xneg = floatToBits(x) < 0;  // sign bit, so -0 counts as negative
  float r = atanf(y / x);
  r = select(xneg, r + __builtin_copysignf(kPi, y), r);
  // 0/0 and inf/inf are NaN in the quotient; C defines them.
  const bool zeros = (x == 0.f) & (y == 0.f);
  r = select(zeros, select(xneg, __builtin_copysignf(kPi, y), __builtin_copysignf(0.f, y)), r);
  const bool infs = (absf(x) == __builtin_inff()) & (absf(y) == __builtin_inff());
  r = select(infs, __builtin_copysignf(select(xneg, 0.75f * kPi, 0.25f * kPi), y), r);
  return select((x != x) | (y != y), x + y, r);
}

// expm1 with Kahan's correction: (u - 1) * x / log(u) for u = exp(x).
inline float expm1f(float x) {
  const float u = expf(x);
  const float d = u - 1.f;
  const float l = logf(u);
  float y = d * (x / select(l == 0.f, 1.f, l));
  y = select(u == 1.f, x, y);
  y = select(d == -1.f, -1.f, y);
  y = select(x > 88.f, u - 1.f, y);
  return select(x != x, x, y);
}

// erf: Cephes erff's odd polynomial on |x| < 1 (relative accuracy near 0),
// Abramowitz-Stegun 7.1.26 above (absolute error 1.5e-7 where erf is near 1).
inline float erff(float x) {
  const float ax = absf(x);
  const float z = x * x;
  float p = 7.853861353153693E-5f;
  p = p * z - 8.010193625184903E-4f;
  p = p * z + 5.188327685732524E-3f;
  p = p * z - 2.685381193529856E-2f;
  p = p * z + 1.128358514861418E-1f;
  p = p * z - 3.761262582423300E-1f;
  p = p * z + 1.128379165726710E0f;
  const float small = x * p;
  const float t = 1.f / (1.f + 0.3275911f * ax);
  float r = 1.061405429f;
  r = r * t - 1.453152027f;
  r = r * t + 1.421413741f;
  r = r * t - 0.284496736f;
  r = r * t + 0.254829592f;
  float big = 1.f - r * t * expf(-z);
  big = select(x < 0.f, -big, big);
  const float res = select(ax < 1.f, small, big);
  return select(x != x, x, res);
}

inline float geluErff(float x) { return 0.5f * x * (1.f + erff(x * 0.70710678118654752f)); }

inline float geluTanhf(float x) {
  const float inner = 0.7978845608028654f * (x + 0.044715f * x * x * x);
  return 0.5f * x * (1.f + tanhf(inner));
}

}  // namespace
}  // namespace wick::kernels::math

// Factories and the random generator.
#include "kernels/cpu/creation.h"

#include <cmath>

#include "core/check.h"
#include "core/dispatch.h"

namespace wick::kernels {

Tensor full(IntArrayRef sizes, Scalar value, std::optional<DType> dtype) {
  return Tensor::full(sizes, value, dtype ? *dtype : value.defaultDType());
}

Tensor arange(Scalar start, Scalar end, Scalar step, std::optional<DType> dtype) {
  DType dt = dtype ? *dtype
                   : (start.isFloat() || end.isFloat() || step.isFloat() ? DType::Float32 : DType::Int64);
  const double s = start.toDouble(), e = end.toDouble(), st = step.toDouble();
  WICK_CHECK(std::isfinite(s) && std::isfinite(e), "aten::arange: unsupported range: {} -> {}", s, e);
  WICK_CHECK(st != 0, "aten::arange: step must be nonzero");
  WICK_CHECK((st > 0 && e >= s) || (st < 0 && e <= s),
             "aten::arange: upper bound and larger bound inconsistent with step sign");
  int64_t n;
  if (isFloating(dt) || start.isFloat() || end.isFloat() || step.isFloat()) {
    n = static_cast<int64_t>(std::ceil((e - s) / st));
  } else {
    // Exact integer ceil division avoids double rounding on large bounds.
    int64_t a = start.toInt(), b = end.toInt(), c = step.toInt();
    int64_t span = b - a;
    n = c > 0 ? (span + c - 1) / c : (span + c + 1) / c;
  }
  WICK_CHECK(n >= 0, "aten::arange: invalid number of elements {}", n);
  Tensor t = Tensor::empty({n}, dt);
  WICK_DISPATCH_ALL(dt, "aten::arange", {
    scalar_t* p = static_cast<scalar_t*>(t.rawData());
    if constexpr (std::is_integral_v<scalar_t> && !std::is_same_v<scalar_t, bool>) {
      if (!start.isFloat() && !step.isFloat()) {
        int64_t a = start.toInt(), c = step.toInt();
        for (int64_t i = 0; i < n; ++i) p[i] = static_cast<scalar_t>(a + i * c);
        return;
      }
    }
    // Values are start + i * step computed in double, then rounded once.
    for (int64_t i = 0; i < n; ++i) p[i] = static_cast<scalar_t>(s + static_cast<double>(i) * st);
  });
  return t;
}

namespace {
uint64_t splitmix(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

void Generator::seed(uint64_t s) {
  std::lock_guard<std::mutex> g(mu_);
  for (uint64_t& w : s_) w = splitmix(s);
}

uint64_t Generator::next() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

void Generator::fillUniform(const Tensor& t) {
  WICK_CHECK(t.isContiguous(), "rand: expected a contiguous tensor");
  std::lock_guard<std::mutex> g(mu_);
  const int64_t n = t.numel();
  WICK_DISPATCH_FLOATING(t.dtype(), "aten::rand", {
    scalar_t* p = static_cast<scalar_t*>(t.rawData());
    for (int64_t i = 0; i < n; ++i) {
      if constexpr (std::is_same_v<scalar_t, double>) {
        p[i] = static_cast<double>(next() >> 11) * 0x1.0p-53;
      } else {
        // 24 bits: every value is exact in float, and strictly below 1.
        p[i] = static_cast<scalar_t>(static_cast<float>(next() >> 40) * 0x1.0p-24f);
      }
    }
  });
}

void Generator::fillNormal(const Tensor& t) {
  WICK_CHECK(t.isContiguous(), "randn: expected a contiguous tensor");
  std::lock_guard<std::mutex> g(mu_);
  const int64_t n = t.numel();
  WICK_DISPATCH_FLOATING(t.dtype(), "aten::randn", {
    scalar_t* p = static_cast<scalar_t*>(t.rawData());
    for (int64_t i = 0; i < n; i += 2) {
      // u1 in (0, 1] keeps log finite.
      double u1 = (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53;
      double u2 = static_cast<double>(next() >> 11) * 0x1.0p-53;
      double r = std::sqrt(-2.0 * std::log(u1));
      double a = 2.0 * M_PI * u2;
      p[i] = static_cast<scalar_t>(r * std::cos(a));
      if (i + 1 < n) p[i + 1] = static_cast<scalar_t>(r * std::sin(a));
    }
  });
}

Generator& defaultGenerator() {
  static Generator g;
  return g;
}

Tensor rand(IntArrayRef sizes, DType dtype) {
  WICK_CHECK(isFloating(dtype), "aten::rand: expected a floating-point dtype, got {}", dtypeName(dtype));
  Tensor t = Tensor::empty(sizes, dtype);
  defaultGenerator().fillUniform(t);
  return t;
}

Tensor randn(IntArrayRef sizes, DType dtype) {
  WICK_CHECK(isFloating(dtype), "aten::randn: expected a floating-point dtype, got {}", dtypeName(dtype));
  Tensor t = Tensor::empty(sizes, dtype);
  defaultGenerator().fillNormal(t);
  return t;
}

}  // namespace wick::kernels

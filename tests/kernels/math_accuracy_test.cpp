// The vectorized float32 log, log2, log10, log1p, exp2, expm1 and rounding
// loops against double-precision libm over their whole range (subnormals,
// values next to 1, overflow and underflow, inf and NaN).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "kernels/cpu/elementwise.h"
#include "wick/tensor.h"

namespace wick::testing {
namespace {

namespace k = kernels;

std::vector<float> samples(float lo, float hi, int n) {
  std::vector<float> v;
  for (int i = 0; i <= n; ++i) v.push_back(lo + (hi - lo) * static_cast<float>(i) / static_cast<float>(n));
  return v;
}

void expectClose(k::UnaryOp op, const std::vector<float>& xs, const std::function<double(double)>& ref,
                 double ulps = 4) {
  Tensor x = Tensor::fromVector(xs);
  Tensor y = k::unary(op, x);
  const float* py = y.data<float>();
  for (size_t i = 0; i < xs.size(); ++i) {
    const double want = ref(static_cast<double>(xs[i]));
    const float wantF = static_cast<float>(want);
    const float got = py[i];
    if (std::isnan(wantF)) {
      EXPECT_TRUE(std::isnan(got)) << k::unaryOpName(op) << "(" << xs[i] << ") = " << got;
    } else if (std::isinf(wantF)) {
      EXPECT_EQ(got, wantF) << k::unaryOpName(op) << "(" << xs[i] << ")";
    } else {
      const double tol = ulps * std::max(std::abs(want) * 1.2e-7, 1.5e-45);
      EXPECT_NEAR(got, want, tol) << k::unaryOpName(op) << "(" << xs[i] << ")";
    }
  }
}

std::vector<float> positives() {
  std::vector<float> v = {0.f, -0.f, 1.f, 2.f, 8.f, 0.5f, 1e-45f, 1e-40f, 1.17549435e-38f, 3.4e38f,
                          INFINITY, -1.f, -INFINITY, NAN};
  for (float e = -44; e <= 38; e += 0.37f) v.push_back(std::pow(10.f, e));
  for (int i = -200; i <= 200; ++i) v.push_back(1.f + static_cast<float>(i) * 1.1920929e-7f);
  return v;
}

TEST(VectorMath, Logs) {
  std::vector<float> v = positives();
  expectClose(k::UnaryOp::Log, v, [](double x) { return std::log(x); });
  expectClose(k::UnaryOp::Log2, v, [](double x) { return std::log2(x); });
  expectClose(k::UnaryOp::Log10, v, [](double x) { return std::log10(x); });
}

TEST(VectorMath, Log1p) {
  std::vector<float> v = samples(-0.999f, 10.f, 4001);
  for (float t : {0.f, -0.f, 1e-10f, -1e-10f, 1e-30f, 3e-8f, -1.f, -2.f, 1e30f, INFINITY, -INFINITY, NAN}) v.push_back(t);
  for (float e = -38; e <= 38; e += 0.5f) v.push_back(std::pow(10.f, e));
  expectClose(k::UnaryOp::Log1p, v, [](double x) { return std::log1p(x); });
}

TEST(VectorMath, Exp2AndExpm1) {
  std::vector<float> v = samples(-160.f, 130.f, 5801);
  for (float t : {0.f, -0.f, 1e-10f, -1e-10f, 127.99f, 128.f, -149.f, -126.5f, INFINITY, -INFINITY, NAN}) v.push_back(t);
  expectClose(k::UnaryOp::Exp2, v, [](double x) { return std::exp2(x); });
  std::vector<float> m = samples(-100.f, 90.f, 3801);
  for (float t : {0.f, -0.f, 1e-10f, -1e-10f, 3e-8f, -3e-8f, 1e-3f, -1e-3f, 0.3f, -0.3f, INFINITY, -INFINITY, NAN})
    m.push_back(t);
  expectClose(k::UnaryOp::Expm1, m, [](double x) { return std::expm1(x); }, 6);
}

TEST(VectorMath, RoundingKeepsSignOfZero) {
  std::vector<float> v = {-0.5f, -0.3f, -0.f, 0.f, 0.3f, 0.5f, -0.7f, 2.5f, -2.5f, 8388609.f, -8388609.f, 1e30f};
  for (auto [op, fn] : std::vector<std::pair<k::UnaryOp, double (*)(double)>>{
           {k::UnaryOp::Floor, std::floor}, {k::UnaryOp::Ceil, std::ceil}, {k::UnaryOp::Trunc, std::trunc},
           {k::UnaryOp::Round, std::nearbyint}}) {
    Tensor y = k::unary(op, Tensor::fromVector(v));
    for (size_t i = 0; i < v.size(); ++i) {
      const float want = static_cast<float>(fn(v[i]));
      EXPECT_EQ(y.data<float>()[i], want) << k::unaryOpName(op) << "(" << v[i] << ")";
      EXPECT_EQ(std::signbit(y.data<float>()[i]), std::signbit(want)) << k::unaryOpName(op) << "(" << v[i] << ")";
    }
  }
}

}  // namespace
}  // namespace wick::testing

namespace wick::testing {
namespace {

TEST(VectorMath, Atan2SpecialCasesAndRange) {
  std::vector<float> ys, xs;
  const std::vector<float> specials = {0.f, -0.f, 1.f, -1.f, 1e-30f, -1e-30f, 3e38f, -3e38f,
                                       INFINITY, -INFINITY, NAN, 0.5f, -2.5f};
  for (float y : specials)
    for (float x : specials) ys.push_back(y), xs.push_back(x);
  for (int i = 0; i < 4000; ++i) {
    ys.push_back(std::sin(static_cast<float>(i) * 0.37f) * std::pow(10.f, static_cast<float>(i % 13 - 6)));
    xs.push_back(std::cos(static_cast<float>(i) * 0.91f) * std::pow(10.f, static_cast<float>(i % 7 - 3)));
  }
  Tensor r = kernels::atan2(Tensor::fromVector(ys), Tensor::fromVector(xs));
  for (size_t i = 0; i < ys.size(); ++i) {
    const float want = static_cast<float>(std::atan2(static_cast<double>(ys[i]), static_cast<double>(xs[i])));
    const float got = r.data<float>()[i];
    if (std::isnan(want)) {
      EXPECT_TRUE(std::isnan(got)) << "atan2(" << ys[i] << ", " << xs[i] << ")";
    } else {
      EXPECT_NEAR(got, want, 4 * 1.2e-7 * std::abs(want) + 1e-45) << "atan2(" << ys[i] << ", " << xs[i] << ")";
      EXPECT_EQ(std::signbit(got), std::signbit(want)) << "atan2(" << ys[i] << ", " << xs[i] << ")";
    }
  }
}

}  // namespace
}  // namespace wick::testing

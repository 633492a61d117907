// Accuracy of the LLVM backend's inline transcendentals (jit/llvm/llvm_math.cpp):
// maximum error in ulps against long double libm, float32 and float64, over
// each function's domain, plus NaN / inf / overflow / signed-zero cases.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>

#include "jit/backend.h"
#include "jit/kir/kernel_ir.h"

namespace wick::jit {
namespace {

using namespace kir;

struct Fn {
  UnaryOp op;
  const char* name;
  long double (*ref)(long double);
  double lo, hi;      // sampled domain (plus log-uniform magnitudes within it)
  double maxUlpF, maxUlpD;  // the bound the test enforces
};

long double sigmoidRef(long double x) { return 1.0L / (1.0L + expl(-x)); }

const Fn kFns[] = {
    {UnaryOp::Exp, "exp", expl, -110, 90, 1.5, 1.5},
    {UnaryOp::Exp2, "exp2", exp2l, -155, 130, 1.5, 1.5},
    {UnaryOp::Expm1, "expm1", expm1l, -20, 90, 2.5, 2.5},
    {UnaryOp::Log, "log", logl, 0, 3e38, 1, 1},
    {UnaryOp::Log2, "log2", log2l, 0, 3e38, 2, 2},
    {UnaryOp::Log10, "log10", log10l, 0, 3e38, 2, 2},
    {UnaryOp::Log1p, "log1p", log1pl, -1, 3e38, 2, 2},
    {UnaryOp::Tanh, "tanh", tanhl, -20, 20, 3.5, 3.5},
    {UnaryOp::Sigmoid, "sigmoid", sigmoidRef, -105, 40, 2.5, 2.5},
    {UnaryOp::Erf, "erf", erfl, -7, 7, 2, 2},
    {UnaryOp::Erfc, "erfc", erfcl, -7, 28, 4, 4.5},
};

std::shared_ptr<CompiledKernel> compileUnary(Backend* be, UnaryOp op, DType dt) {
  Kernel k;
  k.name = "ulp";
  int x = k.addBuffer("x", dt, false), y = k.addBuffer("y", dt, true);
  k.outerExtent = var(k.addIntParam("n"));
  ExprPtr i = var(k.outer);
  k.body = store(y, i, unary(op, load(k, x, i)));
  return be->compile(k);
}

// Error of `got` in units of the last place of the correctly rounded `ref`.
template <typename T>
double ulpError(T got, long double ref) {
  if (std::isnan(ref)) return std::isnan(got) ? 0 : INFINITY;
  if (std::isnan(got)) return INFINITY;
  T r = static_cast<T>(ref);
  if (std::isinf(r) || std::isinf(got)) return got == r ? 0 : INFINITY;
  int e;
  std::frexp(static_cast<long double>(r), &e);
  int minExp = std::numeric_limits<T>::min_exponent;
  e = std::max(e, minExp);
  long double ulp = std::ldexp(1.0L, e - std::numeric_limits<T>::digits);
  return static_cast<double>(std::fabs(static_cast<long double>(got) - ref) / ulp);
}

template <typename T>
std::vector<T> inputs(const Fn& f, int n) {
  std::mt19937_64 g(42);
  std::vector<T> xs;
  std::uniform_real_distribution<double> uni(f.lo, f.hi);
  std::uniform_real_distribution<double> mag(-40, 40);
  for (int q = 0; q < n; ++q) xs.push_back(static_cast<T>(uni(g)));
  // Log-uniform magnitudes, both signs, kept in the domain.
  for (int q = 0; q < n; ++q) {
    double v = std::pow(10.0, mag(g)) * (q & 1 ? -1 : 1);
    if (v >= f.lo && v <= f.hi) xs.push_back(static_cast<T>(v));
  }
  // Near the interesting points: 0, +-1, the piece boundaries.
  for (double c : {0.0, 0.5, 1.0, 1.25, 2.0, 4.0, -0.5, -1.0, 0.34657359, -0.34657359})
    for (int q = -200; q <= 200; ++q) {
      T v = static_cast<T>(c) + static_cast<T>(q) * std::numeric_limits<T>::epsilon() * 64;
      if (v >= f.lo && v <= f.hi) xs.push_back(v);
    }
  return xs;
}

template <typename T>
void checkUlps(Backend* be, const Fn& f, DType dt, double bound) {
  auto ck = compileUnary(be, f.op, dt);
  std::vector<T> xs = inputs<T>(f, 200000);
  std::vector<T> ys(xs.size());
  int64_t n = xs.size();
  std::vector<void*> bufs = {xs.data(), ys.data()};
  ck->fn(bufs.data(), &n, nullptr, 0, n);
  double worst = 0;
  T worstX = 0;
  for (int64_t q = 0; q < n; ++q) {
    double e = ulpError(ys[q], f.ref(static_cast<long double>(xs[q])));
    if (e > worst) worst = e, worstX = xs[q];
  }
  std::printf("  %-8s %-7s max error %.3f ulp (at %.9g)\n", f.name, dt == DType::Float32 ? "float32" : "float64",
              worst, double(worstX));
  EXPECT_LE(worst, bound) << f.name << " at " << worstX;
}

TEST(LlvmMath, MaxUlpErrorFloat32AndFloat64) {
  Backend* be = backendFor("llvm");
  if (!be) GTEST_SKIP() << "built without LLVM";
  for (const Fn& f : kFns) {
    checkUlps<float>(be, f, DType::Float32, f.maxUlpF);
    checkUlps<double>(be, f, DType::Float64, f.maxUlpD);
  }
}

template <typename T>
void checkSpecials(Backend* be, const Fn& f, DType dt) {
  auto ck = compileUnary(be, f.op, dt);
  const T inf = std::numeric_limits<T>::infinity(), nan = std::numeric_limits<T>::quiet_NaN();
  std::vector<T> xs = {nan, inf, -inf, T(0), T(-0.0), std::numeric_limits<T>::max(), std::numeric_limits<T>::lowest(),
                       std::numeric_limits<T>::denorm_min(), -std::numeric_limits<T>::denorm_min(),
                       std::numeric_limits<T>::min(), T(1000), T(-1000), T(-1), T(-2)};
  std::vector<T> ys(xs.size());
  int64_t n = xs.size();
  std::vector<void*> bufs = {xs.data(), ys.data()};
  ck->fn(bufs.data(), &n, nullptr, 0, n);
  for (size_t q = 0; q < xs.size(); ++q) {
    long double ref = f.ref(static_cast<long double>(xs[q]));
    T want = static_cast<T>(ref);
    if (std::isnan(want)) {
      EXPECT_TRUE(std::isnan(ys[q])) << f.name << "(" << xs[q] << ") = " << ys[q];
    } else if (std::isinf(want) || want == 0) {
      EXPECT_EQ(ys[q], want) << f.name << "(" << xs[q] << ")";
      if (want == 0 && xs[q] == 0) EXPECT_EQ(std::signbit(ys[q]), std::signbit(want)) << f.name << "(" << xs[q] << ")";
    } else {
      EXPECT_LE(ulpError(ys[q], ref), 4) << f.name << "(" << xs[q] << ") = " << ys[q] << " want " << want;
    }
  }
}

TEST(LlvmMath, NanInfOverflowAndSignedZero) {
  Backend* be = backendFor("llvm");
  if (!be) GTEST_SKIP() << "built without LLVM";
  for (const Fn& f : kFns) {
    checkSpecials<float>(be, f, DType::Float32);
    checkSpecials<double>(be, f, DType::Float64);
  }
}

}  // namespace
}  // namespace wick::jit

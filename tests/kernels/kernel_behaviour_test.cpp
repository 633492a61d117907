// Behaviour the PyTorch fixtures do not show: views share storage, large
// inputs take the parallel and vectorized paths and still agree with a
// scalar reference, every ISA table gives the same results, the random
// generator is seedable, and bad input gives a wick::Error.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "core/parallel.h"
#include "kernels/cpu/creation.h"
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/float_kernels.h"
#include "kernels/cpu/linalg.h"
#include "kernels/cpu/reduction.h"
#include "kernels/cpu/shape.h"
#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

namespace k = kernels;

Tensor iota(int64_t n, DType dt = DType::Float32) {
  return k::arange(Scalar(int64_t{0}), Scalar(n), Scalar(int64_t{1}), dt);
}

TEST(ShapeViews, ShareStorage) {
  Tensor x = iota(24).asStrided({2, 3, 4}, {12, 4, 1}, 0);
  for (const Tensor& v : {k::view(x, {6, 4}), k::permute(x, {2, 0, 1}), k::transpose(x, 0, 1),
                          k::unsqueeze(x, 1), k::squeeze(k::unsqueeze(x, 0)), k::select(x, 1, 2),
                          k::slice(x, 2, 1, 3, 1), k::expand(k::select(x, 0, 0), {5, 3, 4}),
                          k::flatten(x, 0, 1), k::reshape(x, {4, 6})})
    EXPECT_TRUE(v.sharesStorage(x));
  // A transposed tensor cannot be flattened by a view: reshape copies.
  Tensor t = k::transpose(x, 1, 2);
  Tensor r = k::reshape(t, {24});
  EXPECT_FALSE(r.sharesStorage(x));
  EXPECT_EQ(r.at(1).toDouble(), 4.0);
  // Writes through a view reach the base.
  k::fillInPlace(k::select(x, 0, 1), 7);
  EXPECT_EQ(x.at(12).toDouble(), 7.0);
}

TEST(ShapeViews, ViewThroughRegistryAliases) {
  Tensor x = iota(6);
  Stack s = runOp("aten::view", {x, IValue(makeList({IValue(int64_t{2}), IValue(int64_t{3})}))});
  EXPECT_TRUE(s.back().toTensor().sharesStorage(x));
}

TEST(ElementwiseLarge, ParallelAddMatchesScalarLoop) {
  const int64_t n = 1 << 20;  // above the grain: runs on the pool
  Tensor a = k::randn({n});
  Tensor b = k::randn({n});
  Tensor r = k::add(a, b, 0.5);
  const float *pa = a.data<float>(), *pb = b.data<float>(), *pr = r.data<float>();
  for (int64_t i = 0; i < n; i += 997) ASSERT_FLOAT_EQ(pr[i], pa[i] + 0.5f * pb[i]) << i;
  // Broadcast row against a strided (transposed) operand.
  Tensor m = k::reshape(a, {1024, 1024});
  Tensor row = k::slice(b, 0, 0, 1024, 1);
  Tensor s = k::sub(k::transpose(m, 0, 1), row);
  EXPECT_FLOAT_EQ(s.at(3 * 1024 + 5).toDouble(), pa[5 * 1024 + 3] - pb[5]);
}

TEST(ElementwiseLarge, EveryIsaTableAgrees) {
  std::vector<float> v;
  for (int i = -5000; i <= 5000; ++i) v.push_back(static_cast<float>(i) * 0.0123f);
  v.push_back(NAN);
  v.push_back(INFINITY);
  v.push_back(-INFINITY);
  const int64_t n = static_cast<int64_t>(v.size());
  std::vector<const k::FloatKernelTable*> tables = {&k::isa::defaultTable()};
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) tables.push_back(&k::isa::avx2Table());
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq"))
    tables.push_back(&k::isa::avx512Table());
  std::vector<float> ref(v.size()), got(v.size());
  for (int op = 0; op < static_cast<int>(k::FloatUnary::kCount); ++op) {
    tables[0]->unary[op](ref.data(), v.data(), n);
    for (const auto* t : tables) {
      t->unary[op](got.data(), v.data(), n);
      for (int64_t i = 0; i < n; ++i) {
        if (std::isinf(ref[i])) {
          EXPECT_EQ(got[i], ref[i]) << t->isa << " op " << op << " at " << v[i];
        } else if (std::isnan(ref[i])) {
          EXPECT_TRUE(std::isnan(got[i])) << t->isa << " op " << op << " at " << v[i];
        } else {
          EXPECT_NEAR(got[i], ref[i], 1e-6f * std::max(1.f, std::abs(ref[i]))) << t->isa << " op " << op << " at " << v[i];
        }
      }
    }
  }
  SUCCEED() << "chosen ISA: " << k::floatKernelIsa();
}

// The vectorizable float32 math against double-precision libm.
TEST(ElementwiseLarge, Float32MathAccuracy) {
  Tensor x = k::arange(Scalar(-40.0), Scalar(40.0), Scalar(0.01), DType::Float32);
  Tensor xd = x.to(DType::Float64);
  struct Check {
    k::UnaryOp op;
    double (*ref)(double);
  } checks[] = {
      {k::UnaryOp::Exp, [](double v) { return std::exp(v); }},
      {k::UnaryOp::Tanh, [](double v) { return std::tanh(v); }},
      {k::UnaryOp::Sigmoid, [](double v) { return 1 / (1 + std::exp(-v)); }},
      {k::UnaryOp::Erf, [](double v) { return std::erf(v); }},
      {k::UnaryOp::GeluErf, [](double v) { return 0.5 * v * (1 + std::erf(v / std::sqrt(2.0))); }},
  };
  for (const auto& c : checks) {
    Tensor r = k::unary(c.op, x);
    for (int64_t i = 0; i < x.numel(); ++i) {
      double e = c.ref(xd.at(i).toDouble());
      if (std::isinf(e) || std::abs(e) > 3e38) continue;
      ASSERT_NEAR(r.at(i).toDouble(), e, 1e-6 * std::abs(e) + 1e-6) << k::unaryOpName(c.op) << " at " << xd.at(i).toDouble();
    }
  }
}

TEST(ReductionLarge, ParallelSumsAreExactOnIntegers) {
  const int64_t n = 3'000'000;  // several chunks of the reduction grain
  Tensor x = iota(n, DType::Int64);
  EXPECT_EQ(k::sum(x).item().toInt(), n * (n - 1) / 2);
  Tensor f = Tensor::full({n}, 1, DType::Float32);
  EXPECT_EQ(k::sum(f).item().toDouble(), static_cast<double>(n));
  EXPECT_NEAR(k::mean(f).item().toDouble(), 1.0, 1e-12);
  Tensor m = k::reshape(iota(n, DType::Float64), {3, n / 3});
  Tensor am = k::argmax(m, 1, false);
  EXPECT_EQ(am.at(2).toInt(), n / 3 - 1);
  EXPECT_EQ(k::amax(m, {0, 1}).item().toDouble(), static_cast<double>(n - 1));
  // Many short rows: parallel over rows.
  Tensor rows = k::reshape(Tensor::full({n}, 2, DType::Int32), {n / 4, 4});
  Tensor rs = k::sum(rows, {1});
  EXPECT_EQ(rs.dtype(), DType::Int64);
  EXPECT_EQ(rs.at(n / 4 - 1).toInt(), 8);
  EXPECT_TRUE(k::all(Tensor::full({n}, 1, DType::Bool)).item().toBool());
}

TEST(LinalgLarge, BlasAndFallbackAgree) {
  const int64_t m = 67, kk = 129, n = 33;
  Tensor a = k::reshape(k::rand({m * kk}, DType::Float64), {m, kk});
  Tensor b = k::reshape(k::rand({kk * n}, DType::Float64), {kk, n});
  Tensor c = k::mm(a, b);
  // Float32 inputs through the fallback path (a strided output forces it).
  Tensor a32 = a.to(DType::Float32), b32 = b.to(DType::Float32);
  Tensor wide = Tensor::zeros({m, 2 * n}, DType::Float32);
  Tensor c32 = k::slice(wide, 1, 0, std::nullopt, 2);
  k::gemm(a32, b32, c32, 1, 0);
  for (int64_t i = 0; i < m * n; i += 7) {
    double e = 0;
    for (int64_t p = 0; p < kk; ++p) e += a.at((i / n) * kk + p).toDouble() * b.at(p * n + i % n).toDouble();
    ASSERT_NEAR(c.at(i).toDouble(), e, 1e-10);
    ASSERT_NEAR(c32.at(i).toDouble(), e, 1e-4);
  }
}

TEST(Random, SeedableAndPlausible) {
  k::defaultGenerator().seed(42);
  Tensor a = k::randn({10000});
  k::defaultGenerator().seed(42);
  Tensor b = k::randn({10000});
  EXPECT_EQ(k::sum(k::compare(k::CompareOp::Eq, a, b)).item().toInt(), 10000);
  EXPECT_NEAR(k::mean(a).item().toDouble(), 0.0, 0.05);
  EXPECT_NEAR(k::mean(k::mul(a, a)).item().toDouble(), 1.0, 0.05);
  Tensor u = k::rand({10000}, DType::Float64);
  EXPECT_GE(k::amin(u).item().toDouble(), 0.0);
  EXPECT_LT(k::amax(u).item().toDouble(), 1.0);
  EXPECT_NEAR(k::mean(u).item().toDouble(), 0.5, 0.02);
  Stack s = runOp("aten::randn", {IValue(makeList({IValue(int64_t{2}), IValue(int64_t{3})})), IValue(), IValue(),
                                  IValue(), IValue()});
  EXPECT_EQ(s.back().toTensor().sizes().vec(), (std::vector<int64_t>{2, 3}));
  Stack like = runOp("aten::randn_like", {Tensor::zeros({4}, DType::Float64), IValue(), IValue(), IValue(),
                                          IValue(), IValue()});
  EXPECT_EQ(like.back().toTensor().dtype(), DType::Float64);
  EXPECT_NE(opError("aten::randn", {IValue(makeList({IValue(int64_t{2})})), IValue(int64_t{4}), IValue(),
                                    IValue(), IValue()}),
            "");
}

TEST(Creation, EmptyHasShapeAndDtype) {
  Stack s = runOp("aten::empty.memory_format", {IValue(makeList({IValue(int64_t{3}), IValue(int64_t{0})})),
                                                IValue(int64_t{4}), IValue(), IValue(), IValue(), IValue()});
  Tensor t = s.back().toTensor();
  EXPECT_EQ(t.dtype(), DType::Int64);
  EXPECT_EQ(t.numel(), 0);
  Stack e = runOp("aten::empty_like", {Tensor::zeros({2, 2}, DType::Int8), IValue(), IValue(), IValue(),
                                       IValue(), IValue()});
  EXPECT_EQ(e.back().toTensor().dtype(), DType::Int8);
  EXPECT_NE(opError("aten::zeros", {IValue(makeList({IValue(int64_t{2})})), IValue(), IValue(),
                                    IValue(Device(DeviceType::CUDA, 0)), IValue()})
                .find("not supported"),
            std::string::npos);
}

TEST(BadInput, ErrorsNameTheOp) {
  Tensor x = Tensor::zeros({2, 3}, DType::Float32);
  EXPECT_NE(opError("aten::add.Tensor", {x, Tensor::zeros({4}, DType::Float32), IValue(int64_t{1})})
                .find("aten::add: shapes [2, 3] and [4] do not broadcast"),
            std::string::npos);
  EXPECT_NE(opError("aten::sum.dim_IntList", {x, IValue(makeList({IValue(int64_t{5})})), IValue(false), IValue()}), "");
  EXPECT_NE(opError("aten::select.int", {x, IValue(int64_t{0}), IValue(int64_t{-3})}), "");
  EXPECT_NE(opError("aten::slice.Tensor", {x, IValue(int64_t{7}), IValue(), IValue(), IValue(int64_t{1})}), "");
  EXPECT_NE(opError("aten::view", {x, IValue(makeList({IValue(int64_t{-1}), IValue(int64_t{0})}))}), "");
  EXPECT_NE(opError("aten::expand", {x, IValue(makeList({IValue(int64_t{3})})), IValue(false)}), "");
  EXPECT_NE(opError("aten::zeros", {IValue(makeList({IValue(int64_t{-2})})), IValue(), IValue(), IValue(), IValue()}), "");
  EXPECT_NE(opError("aten::to.dtype", {x, IValue(int64_t{9}), IValue(false), IValue(false), IValue()})
                .find("unsupported dtype"),
            std::string::npos);
  EXPECT_NE(opError("aten::mm", {Tensor::zeros({2, 2}, DType::Bool), Tensor::zeros({2, 2}, DType::Bool)}), "");
  EXPECT_NE(opError("aten::cat", {IValue(makeList({}))}), "");
  EXPECT_NE(opError("aten::stack", {IValue(makeList({})), IValue(int64_t{0})}), "");
  EXPECT_NE(opError("aten::div.Tensor_mode", {Tensor::full({1}, INT64_MIN, DType::Int64),
                                              Tensor::full({1}, 0, DType::Int64), IValue(std::string("floor"))}),
            "");
  // INT64_MIN / -1 wraps instead of trapping.
  Stack s = runOp("aten::div.Tensor_mode", {Tensor::full({1}, INT64_MIN, DType::Int64),
                                            Tensor::full({1}, -1, DType::Int64), IValue(std::string("trunc"))});
  EXPECT_EQ(s.back().toTensor().at(0).toInt(), INT64_MIN);
}

TEST(Registry, InPlaceIntoNonContiguousSelf) {
  Tensor base = k::reshape(iota(12), {3, 4});
  Tensor t = k::transpose(base, 0, 1);
  runOp("aten::mul_.Scalar", {t, IValue(2.0)});
  EXPECT_EQ(base.at(5).toDouble(), 10.0);
  runOp("aten::relu_", {k::slice(base, 1, 0, 4, 2)});
  EXPECT_EQ(base.at(2).toDouble(), 4.0);
}

}  // namespace
}  // namespace wick::testing

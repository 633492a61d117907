// prod, argmin, any, var/std, norms and logsumexp through the registry
// against PyTorch 1.13's results (tests/data/kernels/reduction_more.txt,
// made by scripts/make_kernel_fixtures.py), plus long rows that take the
// chunked parallel path, checked against closed forms, and large inputs
// of the new elementwise ops against a scalar reference.
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/cpu/creation.h"
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/reduction.h"
#include "kernels/cpu/shape.h"
#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

namespace k = kernels;

class ReductionMoreFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ReductionMoreFixture, MatchesPyTorch) { runFixtureCase(fixtureCase("reduction_more.txt", GetParam())); }

INSTANTIATE_TEST_SUITE_P(PyTorch, ReductionMoreFixture, ::testing::ValuesIn(fixtureCaseNames("reduction_more.txt")),
                         [](const auto& info) { return info.param; });

Tensor iota(int64_t n, DType dt) { return k::arange(Scalar(int64_t{0}), Scalar(n), Scalar(int64_t{1}), dt); }

// Rows longer than the reduction chunk (32768) are split and merged.
constexpr int64_t kLong = 100003;

TEST(ReductionLongRows, VarOfArangeMatchesClosedForm) {
  Tensor x = k::reshape(iota(2 * kLong, DType::Float32), {2, kLong});
  Tensor v = k::var(x, {1}, k::VarOptions{});
  const double n = static_cast<double>(kLong);
  const double expected = n * (n + 1) / 12.0;  // unbiased variance of 0..n-1
  EXPECT_NEAR(v.at(0).toDouble(), expected, expected * 1e-6);
  EXPECT_NEAR(v.at(1).toDouble(), expected, expected * 1e-6);
  auto [sd, mean] = k::varMean(x, {1}, k::VarOptions{1, false, true});
  EXPECT_NEAR(sd.at(0).toDouble(), std::sqrt(expected), std::sqrt(expected) * 1e-6);
  EXPECT_NEAR(mean.at(1).toDouble(), n + (n - 1) / 2, 1e-2);
}

TEST(ReductionLongRows, LogSumExpNormProdAny) {
  Tensor zeros = Tensor::zeros({2, kLong}, DType::Float32);
  Tensor lse = k::logsumexp(zeros, {1});
  EXPECT_NEAR(lse.at(0).toDouble(), std::log(static_cast<double>(kLong)), 1e-5);
  Tensor ones = Tensor::full({kLong}, 1.0, DType::Float32);
  EXPECT_NEAR(k::norm("aten::norm", ones, 2.0).item().toDouble(), std::sqrt(static_cast<double>(kLong)), 1e-3);
  EXPECT_EQ(k::norm("aten::norm", ones, 0.0).item().toDouble(), static_cast<double>(kLong));
  Tensor halves = Tensor::full({kLong}, 1.00001, DType::Float64);
  EXPECT_NEAR(k::prod(halves).item().toDouble(), std::pow(1.00001, static_cast<double>(kLong)), 1e-9);
  Tensor mask = Tensor::zeros({kLong}, DType::Bool);
  EXPECT_FALSE(k::any(mask).item().toBool());
  static_cast<bool*>(mask.rawData())[kLong - 1] = true;
  EXPECT_TRUE(k::any(mask).item().toBool());
}

TEST(ScanLarge, CumsumAlongEachDim) {
  // [4, 1000, 300]: the middle dim scans over blocks of the inner dim.
  Tensor x = Tensor::full({4, 1000, 300}, 1.0, DType::Float32);
  Tensor c1 = k::cumsum(x, 1);
  EXPECT_EQ(c1.at(999 * 300 + 299).toDouble(), 1000.0);
  Tensor c2 = k::cumsum(x, -1);
  EXPECT_EQ(c2.at(3 * 300000 + 299).toDouble(), 300.0);
  Tensor c0 = k::cumsum(x, 0);
  EXPECT_EQ(c0.at(3 * 300000 + 5).toDouble(), 4.0);
}

TEST(SortLarge, SortsEveryRowInParallel) {
  Tensor x = k::randn({64, 2000});
  auto [v, i] = k::sort(x, 1, true);
  const float* pv = v.data<float>();
  const int64_t* pi = i.data<int64_t>();
  const float* px = x.data<float>();
  for (int64_t r = 0; r < 64; ++r)
    for (int64_t j = 0; j < 2000; ++j) {
      if (j) ASSERT_GE(pv[r * 2000 + j - 1], pv[r * 2000 + j]);
      ASSERT_EQ(pv[r * 2000 + j], px[r * 2000 + pi[r * 2000 + j]]);
    }
  auto [tv, ti] = k::topk(x, 10, 1);
  for (int64_t r = 0; r < 64; ++r)
    for (int64_t j = 0; j < 10; ++j) ASSERT_EQ(tv.at(r * 10 + j).toDouble(), pv[r * 2000 + j]);
}

TEST(MathLarge, RoundingAndFmodMatchScalarReference) {
  const int64_t n = 1 << 18;  // above the elementwise grain: parallel and vectorized
  Tensor x = k::mul(k::randn({n}), 50.0);
  const float* px = x.data<float>();
  Tensor fl = k::unary(k::UnaryOp::Floor, x), ce = k::unary(k::UnaryOp::Ceil, x);
  Tensor ro = k::unary(k::UnaryOp::Round, x), tr = k::unary(k::UnaryOp::Trunc, x);
  Tensor sg = k::unary(k::UnaryOp::Sign, x), fm = k::fmod(x, 3.5);
  for (int64_t i = 0; i < n; i += 101) {
    ASSERT_EQ(fl.data<float>()[i], std::floor(px[i]));
    ASSERT_EQ(ce.data<float>()[i], std::ceil(px[i]));
    ASSERT_EQ(ro.data<float>()[i], std::nearbyint(px[i]));
    ASSERT_EQ(tr.data<float>()[i], std::trunc(px[i]));
    ASSERT_EQ(sg.data<float>()[i], px[i] > 0 ? 1.f : (px[i] < 0 ? -1.f : 0.f));
    ASSERT_EQ(fm.data<float>()[i], std::fmod(px[i], 3.5f));
  }
}

TEST(MathErrors, UnsupportedDtypeNamesOpAndDtype) {
  EXPECT_NE(opError("aten::floor", {Tensor::zeros({3}, DType::Bool)}).find("aten::floor"), std::string::npos);
  std::string e = opError("aten::std.dim", {Tensor::zeros({3}, DType::Int32), IValue(), IValue(true), IValue(false)});
  EXPECT_NE(e.find("aten::std"), std::string::npos) << e;
  EXPECT_NE(e.find("int32"), std::string::npos) << e;
  e = opError("aten::lerp.Scalar", {Tensor::zeros({3}, DType::Int64), Tensor::zeros({3}, DType::Int64), IValue(0.5)});
  EXPECT_NE(e.find("aten::lerp"), std::string::npos) << e;
  EXPECT_NE(e.find("int64"), std::string::npos) << e;
  e = opError("aten::topk", {Tensor::zeros({2, 3}, DType::Float32), IValue(int64_t{4}), IValue(int64_t{-1}), IValue(true),
                             IValue(true)});
  EXPECT_NE(e.find("k (4)"), std::string::npos) << e;
  EXPECT_NE(e.find("size 3"), std::string::npos) << e;
}

}  // namespace
}  // namespace wick::testing

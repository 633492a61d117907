// The tiny-tensor/scalar fast path gives exactly what the general
// elementwise path gives, and steps aside where it does not apply.
#include <gtest/gtest.h>

#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/scalar_fast_path.h"

namespace wick::kernels {
namespace {

void expectSame(const Tensor& a, const Tensor& b) {
  ASSERT_EQ(a.dtype(), b.dtype());
  ASSERT_EQ(a.sizes(), b.sizes());
  for (int64_t i = 0; i < a.numel(); ++i) EXPECT_EQ(a.at(i).toDouble(), b.at(i).toDouble()) << i;
}

TEST(ScalarFastPath, MatchesTheGeneralPath) {
  for (DType dt : {DType::Float32, DType::Float64}) {
    Tensor x = Tensor::fromVector<double>({0.1, -2.5, 3.0e7, 1.0 / 3.0}, {2, 2}).to(dt);
    for (Scalar other : {Scalar(0.5), Scalar(int64_t{3}), Scalar(1e-3)}) {
      for (Scalar alpha : {Scalar(int64_t{1}), Scalar(-2.5)}) {
        Tensor fast = tryTinyScalarArith(ScalarArith::Add, x, other, alpha);
        ASSERT_TRUE(fast.defined());
        expectSame(fast, add(x, other, alpha));
      }
      Tensor fast = tryTinyScalarArith(ScalarArith::Mul, x, other);
      ASSERT_TRUE(fast.defined());
      expectSame(fast, mul(x, other));
    }
  }
  Tensor s = Tensor::scalar(Scalar(2.0));
  expectSame(tryTinyScalarArith(ScalarArith::Mul, s, Scalar(0.5)), mul(s, Scalar(0.5)));
}

TEST(ScalarFastPath, StepsAside) {
  Tensor ints = Tensor::fromVector<int64_t>({1, 2});
  EXPECT_FALSE(tryTinyScalarArith(ScalarArith::Add, ints, Scalar(0.5)).defined());  // promotes to float
  Tensor big = Tensor::zeros({1000}, DType::Float32);
  EXPECT_FALSE(tryTinyScalarArith(ScalarArith::Mul, big, Scalar(2.0)).defined());
  Tensor t = Tensor::zeros({2, 3}, DType::Float32);
  Tensor tt = t.asStrided({3, 2}, {1, 3}, 0);
  EXPECT_FALSE(tryTinyScalarArith(ScalarArith::Mul, tt, Scalar(2.0)).defined());
  EXPECT_FALSE(tryTinyScalarArith(ScalarArith::Add, t, Scalar(true)).defined());
}

}  // namespace
}  // namespace wick::kernels

// Scalar ops called directly through the registry. Expected values are what
// PyTorch 1.13's TorchScript returns for the same expressions (noted where
// it differs from Python).
#include <gtest/gtest.h>

#include <cmath>

#include "tests/runtime/runtime_test_util.h"

namespace wick {
namespace {

using testing::callOp;
using testing::callOpAll;
using testing::errorOf;

int64_t I(const std::string& op, std::vector<IValue> args) { return callOp(op, std::move(args)).toInt(); }
double F(const std::string& op, std::vector<IValue> args) { return callOp(op, std::move(args)).toDouble(); }
bool B(const std::string& op, std::vector<IValue> args) { return callOp(op, std::move(args)).toBool(); }

TEST(ScalarOps, IntArithmetic) {
  EXPECT_EQ(I("aten::add.int", {3, 4}), 7);
  EXPECT_EQ(I("aten::sub.int", {3, 4}), -1);
  EXPECT_EQ(I("aten::mul.int", {-3, 4}), -12);
  // int64 wraps rather than trapping.
  EXPECT_EQ(I("aten::add.int", {INT64_MAX, 1}), INT64_MIN);
  EXPECT_EQ(I("aten::neg.int", {5}), -5);
  EXPECT_EQ(I("prim::abs.int", {-5}), 5);
  EXPECT_EQ(I("prim::min.int", {3, -2}), -2);
  EXPECT_EQ(I("prim::max.int", {3, -2}), 3);
}

TEST(ScalarOps, FloorDivisionAndModuloFollowPython) {
  // torch.jit.script: 7 // -2 == -4, -7 // 2 == -4, 7 % -2 == -1, -7 % 2 == 1
  EXPECT_EQ(I("aten::floordiv.int", {7, -2}), -4);
  EXPECT_EQ(I("aten::floordiv.int", {-7, 2}), -4);
  EXPECT_EQ(I("aten::floordiv.int", {7, 2}), 3);
  EXPECT_EQ(I("aten::remainder.int", {7, -2}), -1);
  EXPECT_EQ(I("aten::remainder.int", {-7, 2}), 1);
  EXPECT_EQ(I("aten::remainder.int", {7, 3}), 1);
  EXPECT_EQ(I("aten::floordiv.int", {INT64_MIN, -1}), INT64_MIN);
  EXPECT_NE(errorOf([] { callOp("aten::floordiv.int", {1, 0}); }).find("ZeroDivisionError"), std::string::npos);
  EXPECT_NE(errorOf([] { callOp("aten::remainder.int", {1, 0}); }).find("ZeroDivisionError"), std::string::npos);
  // 7.5 // -2.0 == -4.0, 7.5 % -2.0 == -0.5, -7.5 % 2.0 == 0.5
  EXPECT_EQ(F("aten::floordiv.float", {7.5, -2.0}), -4.0);
  EXPECT_EQ(F("aten::remainder.float", {7.5, -2.0}), -0.5);
  EXPECT_EQ(F("aten::remainder.float", {-7.5, 2.0}), 0.5);
  EXPECT_EQ(F("aten::remainder.int_float", {7, 2.5}), 2.0);
  EXPECT_EQ(F("aten::floordiv.float_int", {-7.0, 2}), -4.0);
  // PyTorch gives inf and nan for float division by zero, not an error.
  EXPECT_TRUE(std::isinf(F("aten::floordiv.float", {1.0, 0.0})));
  EXPECT_TRUE(std::isnan(F("aten::remainder.float", {1.0, 0.0})));
}

TEST(ScalarOps, TrueDivisionAndPow) {
  EXPECT_EQ(F("aten::div.int", {7, 2}), 3.5);   // 7 / 2 == 3.5
  EXPECT_TRUE(std::isinf(F("aten::div.int", {1, 0})));  // PyTorch: inf
  EXPECT_EQ(F("aten::div", {IValue(1), IValue(4.0)}), 0.25);
  EXPECT_EQ(F("aten::pow.int", {2, 10}), 1024.0);  // int ** int is a float
  EXPECT_EQ(F("aten::pow.int", {2, -1}), 0.5);
  EXPECT_NE(errorOf([] { callOp("aten::pow.int", {0, -1}); }).find("negative power"), std::string::npos);
  EXPECT_EQ(I("aten::pow.int_to_int", {3, 4}), 81);
  EXPECT_TRUE(std::isnan(F("aten::pow.float", {-8.0, 1.0 / 3})));
}

TEST(ScalarOps, MixedAndScalarOverloadsPromote) {
  EXPECT_EQ(F("aten::add.int_float", {1, 2.5}), 3.5);
  EXPECT_EQ(F("aten::mul.float_int", {2.5, 2}), 5.0);
  IValue s = callOp("aten::add", {IValue(2), IValue(3)});
  ASSERT_TRUE(s.isInt());  // Scalar + Scalar stays int for ints
  EXPECT_EQ(s.toInt(), 5);
  IValue f = callOp("aten::mul", {IValue(2), IValue(1.5)});
  ASSERT_TRUE(f.isDouble());
  EXPECT_EQ(f.toDouble(), 3.0);
  EXPECT_EQ(callOp("aten::neg.Scalar", {IValue(2.5)}).toDouble(), -2.5);
  EXPECT_EQ(callOp("prim::abs.Scalar", {IValue(-3)}).toInt(), 3);
  EXPECT_EQ(F("prim::max.float_int", {1.5, 2}), 2.0);
}

TEST(ScalarOps, Comparisons) {
  EXPECT_TRUE(B("aten::lt.int", {1, 2}));
  EXPECT_FALSE(B("aten::ge.int", {1, 2}));
  EXPECT_TRUE(B("aten::eq.int_float", {2, 2.0}));
  EXPECT_TRUE(B("aten::ne.float", {2.0, 2.5}));
  EXPECT_TRUE(B("aten::le.float_int", {2.0, 2}));
  EXPECT_TRUE(B("aten::gt", {IValue(3.5), IValue(3)}));
  EXPECT_TRUE(B("aten::eq.str", {"ab", "ab"}));
  EXPECT_TRUE(B("aten::lt.str", {"ab", "b"}));
  EXPECT_TRUE(B("aten::eq.bool", {true, true}));
  EXPECT_TRUE(B("aten::ne.bool", {true, false}));
}

TEST(ScalarOps, Logic) {
  EXPECT_FALSE(B("aten::__not__", {true}));
  EXPECT_TRUE(B("aten::__and__.bool", {true, true}));
  EXPECT_FALSE(B("aten::__and__.bool", {true, false}));
  EXPECT_TRUE(B("aten::__or__.bool", {false, true}));
  EXPECT_TRUE(B("aten::__xor__.bool", {false, true}));
  EXPECT_EQ(I("aten::__and__.int", {6, 3}), 2);
  EXPECT_EQ(I("aten::__or__.int", {6, 3}), 7);
}

TEST(ScalarOps, Casts) {
  EXPECT_EQ(I("aten::Int.float", {-1.7}), -1);  // int(-1.7) == -1
  EXPECT_EQ(I("aten::Int.bool", {true}), 1);
  EXPECT_EQ(I("aten::Int.str", {"42"}), 42);
  EXPECT_EQ(I("aten::Int.Scalar", {IValue(2.9)}), 2);
  EXPECT_NE(errorOf([] { callOp("aten::Int.str", {"x"}); }).find("invalid literal"), std::string::npos);
  EXPECT_NE(errorOf([] { callOp("aten::Int.float", {NAN}); }).find("cannot convert"), std::string::npos);
  EXPECT_EQ(F("aten::Float.int", {3}), 3.0);
  EXPECT_EQ(F("aten::Float.str", {"2.5"}), 2.5);
  EXPECT_EQ(F("aten::Float.bool", {true}), 1.0);
  EXPECT_TRUE(B("aten::Bool.int", {3}));
  EXPECT_FALSE(B("aten::Bool.float", {0.0}));

  Tensor t = Tensor::scalar(Scalar(2.5));
  EXPECT_EQ(F("aten::Float.Tensor", {t}), 2.5);
  EXPECT_EQ(I("aten::Int.Tensor", {t}), 2);
  EXPECT_TRUE(B("aten::Bool.Tensor", {t}));
  IValue s = callOp("aten::ScalarImplicit", {t});
  EXPECT_EQ(s.toScalar().toDouble(), 2.5);
  Tensor many = Tensor::full({2}, Scalar(1.0), DType::Float32);
  EXPECT_NE(errorOf([&] { callOp("aten::Float.Tensor", {many}); }).find("2 elements"), std::string::npos);
  EXPECT_NE(errorOf([&] { callOp("aten::ScalarImplicit", {many}); }).find("dimension"), std::string::npos);

  EXPECT_EQ(F("aten::FloatImplicit", {t}), 2.5);
  EXPECT_EQ(I("aten::IntImplicit", {Tensor::scalar(Scalar(int64_t(4)))}), 4);
  EXPECT_THROW(callOp("aten::IntImplicit", {t}), Error);  // a float tensor
  EXPECT_EQ(F("aten::Float.Scalar", {IValue(3)}), 3.0);

  IValue nt = callOp("prim::NumToTensor.Scalar", {IValue(3)});
  EXPECT_EQ(nt.toTensor().dim(), 0);
  EXPECT_EQ(nt.toTensor().dtype(), DType::Int64);
  EXPECT_EQ(nt.toTensor().item().toInt(), 3);
  EXPECT_EQ(callOp("prim::NumToTensor.bool", {true}).toTensor().dtype(), DType::Bool);
}

TEST(ScalarOps, MathFunctions) {
  EXPECT_DOUBLE_EQ(F("aten::sqrt.int", {2}), 1.4142135623730951);  // math.sqrt(2)
  EXPECT_EQ(I("aten::floor.float", {-1.5}), -2);
  EXPECT_EQ(I("aten::ceil.float", {-1.5}), -1);
  EXPECT_EQ(I("aten::floor.int", {3}), 3);
  EXPECT_EQ(F("aten::round.float", {2.5}), 2.0);  // round half to even
  EXPECT_EQ(F("aten::round.float", {3.5}), 4.0);
  EXPECT_DOUBLE_EQ(F("aten::exp.float", {1.0}), std::exp(1.0));
  EXPECT_DOUBLE_EQ(F("aten::log.int", {8}), std::log(8.0));
  EXPECT_EQ(F("aten::fabs.int", {-3}), 3.0);
  EXPECT_TRUE(B("aten::isnan.float", {NAN}));
  EXPECT_TRUE(B("aten::isinf.float", {INFINITY}));
  EXPECT_EQ(I("aten::factorial.int", {5}), 120);
  EXPECT_EQ(I("aten::gcd.int", {12, 18}), 6);
  std::vector<IValue> dm = callOpAll("aten::divmod.int", {7, -2});
  ASSERT_EQ(dm.size(), 1u);
  EXPECT_EQ(dm[0].tupleRef().elements[0].toInt(), -4);
  EXPECT_EQ(dm[0].tupleRef().elements[1].toInt(), -1);
}

}  // namespace
}  // namespace wick

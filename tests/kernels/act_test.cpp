// Activation, softmax and dropout ops through the registry: PyTorch
// fixtures, numerical edge cases and error messages.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kernels/cpu/activation.h"
#include "tests/kernels/cnn_fixture_util.h"
#include "wick/error.h"

namespace wick::cnntest {
namespace {

class ActFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ActFixture, MatchesPyTorch) { runCnnCase(cnnCase("act.bin", GetParam())); }

INSTANTIATE_TEST_SUITE_P(ActPyTorch, ActFixture, ::testing::ValuesIn(cnnCaseNames("act.bin")),
                         [](const auto& info) { return info.param; });

std::string errorOf(const std::string& op, Stack args) {
  try {
    callOp(op, std::move(args));
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// The vectorized float32 loops against the float64 scalar definitions on
// a wide range, including the exp clamp limits and long rows (so every
// ISA's main loop and tail run).
TEST(ActVectorLoops, MatchFloat64Reference) {
  std::vector<float> v;
  for (int i = -2000; i <= 2000; ++i) v.push_back(static_cast<float>(i) * 0.05f);
  v.push_back(-120.f);
  v.push_back(120.f);
  Tensor x = Tensor::fromVector(v);
  using kernels::Activation;
  for (auto [kind, p] : {std::pair{Activation::Elu, kernels::ActivationParams{1.3, 1.1, 0.7}},
                         std::pair{Activation::Mish, kernels::ActivationParams{}},
                         std::pair{Activation::Hardswish, kernels::ActivationParams{}}}) {
    Tensor got = kernels::activation("test", kind, x, p);
    Tensor want = kernels::activation("test", kind, x.to(DType::Float64), p).to(DType::Float32);
    expectClose(got, want, 1e-5, 1e-6, "activation " + std::to_string(static_cast<int>(kind)));
  }
}

TEST(ActSoftmax, StableAndNormalized) {
  Tensor x = Tensor::fromVector<float>({1000.f, 1001.f, -1000.f, 0.f}, {1, 4});
  Tensor y = callOp("aten::softmax.int", {x, int64_t{1}, IValue()})[0].toTensor();
  double sum = 0;
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(std::isfinite(y.at(i).toDouble()));
    sum += y.at(i).toDouble();
  }
  EXPECT_NEAR(sum, 1.0, 1e-6);
  Tensor ly = callOp("aten::log_softmax.int", {x, int64_t{-1}, IValue()})[0].toTensor();
  EXPECT_NEAR(ly.at(2).toDouble(), -2001.3132616875, 1e-3);
}

TEST(ActSoftmax, EmptyAndBadDim) {
  Tensor e = Tensor::zeros({0, 3}, DType::Float32);
  EXPECT_EQ(callOp("aten::softmax.int", {e, int64_t{1}, IValue()})[0].toTensor().numel(), 0);
  std::string msg = errorOf("aten::softmax.int", {Tensor::zeros({2, 3}, DType::Float32), int64_t{2}, IValue()});
  EXPECT_NE(msg.find("aten::softmax"), std::string::npos) << msg;
  msg = errorOf("aten::softmax.int", {Tensor::zeros({2, 3}, DType::Int64), int64_t{1}, IValue()});
  EXPECT_NE(msg.find("float32 or float64"), std::string::npos) << msg;
}

TEST(ActDropout, TrainingIsAnError) {
  Tensor x = Tensor::zeros({2, 3}, DType::Float32);
  std::string msg = errorOf("aten::dropout", {x, 0.5, true});
  EXPECT_NE(msg.find("aten::dropout"), std::string::npos) << msg;
  EXPECT_NE(msg.find("inference"), std::string::npos) << msg;
  msg = errorOf("aten::feature_alpha_dropout_", {x, 0.5, true});
  EXPECT_NE(msg.find("aten::feature_alpha_dropout"), std::string::npos) << msg;
  msg = errorOf("aten::dropout", {x, 1.5, false});
  EXPECT_NE(msg.find("between 0 and 1"), std::string::npos) << msg;
  Stack out = callOp("aten::dropout", {x, 0.5, false});
  EXPECT_TRUE(out[0].toTensor().isSameTensor(x));
}

TEST(ActErrors, BadArguments) {
  Tensor x = Tensor::zeros({2, 3}, DType::Float32);
  std::string msg = errorOf("aten::hardtanh", {x, 2.0, 1.0});
  EXPECT_NE(msg.find("cannot be greater than max_val"), std::string::npos) << msg;
  msg = errorOf("aten::leaky_relu", {Tensor::zeros({2}, DType::Int64), 0.1});
  EXPECT_NE(msg.find("aten::leaky_relu"), std::string::npos) << msg;
  EXPECT_NE(msg.find("int64"), std::string::npos) << msg;
  msg = errorOf("aten::celu", {x, 0.0});
  EXPECT_NE(msg.find("alpha must be non-zero"), std::string::npos) << msg;
}

}  // namespace
}  // namespace wick::cnntest

// Normalization ops through the registry: PyTorch fixtures, the in-place
// running-statistics update of training mode, and error messages.
#include <gtest/gtest.h>

#include "tests/kernels/cnn_fixture_util.h"
#include "wick/error.h"

namespace wick::cnntest {
namespace {

class NormFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(NormFixture, MatchesPyTorch) { runCnnCase(cnnCase("norm.bin", GetParam())); }

INSTANTIATE_TEST_SUITE_P(NormPyTorch, NormFixture, ::testing::ValuesIn(cnnCaseNames("norm.bin")),
                         [](const auto& info) { return info.param; });

IValue ints(std::vector<int64_t> v) {
  std::vector<IValue> e(v.begin(), v.end());
  return IValue(makeRef<ListObj>(std::move(e)));
}

std::string errorOf(const std::string& op, Stack args) {
  try {
    callOp(op, std::move(args));
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(NormRunningStats, TrainingUpdatesRunningStats) {
  Tensor x = Tensor::fromVector<float>({1, 2, 3, 4, 10, 20, 30, 40}, {2, 2, 2});
  Tensor rm = Tensor::zeros({2}, DType::Float32), rv = Tensor::full({2}, 1.0, DType::Float32);
  callOp("aten::batch_norm", {x, IValue(), IValue(), rm, rv, true, 0.5, 1e-5, true});
  // Channel 0 holds {1, 2, 10, 20}: mean 8.25, squared deviations 232.75.
  EXPECT_NEAR(rm.at(0).toDouble(), 4.125, 1e-5);
  EXPECT_NEAR(rv.at(0).toDouble(), 0.5 + 0.5 * 232.75 / 3, 1e-4);
}

TEST(NormErrors, BadShapes) {
  Tensor x = Tensor::zeros({2, 3, 4}, DType::Float32);
  std::string msg = errorOf("aten::layer_norm", {x, ints({5}), IValue(), IValue(), 1e-5, true});
  EXPECT_NE(msg.find("aten::layer_norm"), std::string::npos) << msg;
  EXPECT_NE(msg.find("[2, 3, 4]"), std::string::npos) << msg;
  msg = errorOf("aten::group_norm", {x, int64_t{2}, IValue(), IValue(), 1e-5, true});
  EXPECT_NE(msg.find("divisible by num_groups"), std::string::npos) << msg;
  msg = errorOf("aten::batch_norm", {x, Tensor::zeros({4}, DType::Float32), IValue(), IValue(),
                                     IValue(), true, 0.1, 1e-5, true});
  EXPECT_NE(msg.find("weight of 3 elements"), std::string::npos) << msg;
  msg = errorOf("aten::batch_norm", {x, IValue(), IValue(), IValue(), IValue(), false, 0.1, 1e-5, true});
  EXPECT_NE(msg.find("evaluation mode"), std::string::npos) << msg;
  msg = errorOf("aten::batch_norm", {Tensor::zeros({2, 3}, DType::Int64), IValue(), IValue(),
                                     IValue(), IValue(), true, 0.1, 1e-5, true});
  EXPECT_NE(msg.find("float32 or float64"), std::string::npos) << msg;
}

TEST(NormEmpty, EmptyBatch) {
  Stack out = callOp("aten::batch_norm", {Tensor::zeros({0, 3, 4}, DType::Float32), IValue(),
                                          IValue(), IValue(), IValue(), true, 0.1, 1e-5, true});
  EXPECT_EQ(out[0].toTensor().sizes().vec(), (std::vector<int64_t>{0, 3, 4}));
}

}  // namespace
}  // namespace wick::cnntest

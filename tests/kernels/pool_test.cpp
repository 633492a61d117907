// Pooling, upsampling, shuffle and padding ops through the registry:
// PyTorch fixtures and error messages.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/kernels/cnn_fixture_util.h"
#include "wick/error.h"

namespace wick::cnntest {
namespace {

class PoolFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(PoolFixture, MatchesPyTorch) { runCnnCase(cnnCase("pool.bin", GetParam())); }

INSTANTIATE_TEST_SUITE_P(PoolPyTorch, PoolFixture, ::testing::ValuesIn(cnnCaseNames("pool.bin")),
                         [](const auto& info) { return info.param; });

IValue ints(std::vector<int64_t> v) {
  std::vector<IValue> e(v.begin(), v.end());
  return IValue(makeRef<ListObj>(std::move(e)));
}

void expectError(const std::string& op, Stack args, std::initializer_list<const char*> parts) {
  try {
    callOp(op, std::move(args));
    ADD_FAILURE() << op << ": expected an error";
  } catch (const Error& e) {
    std::string msg = e.what();
    for (const char* p : parts) EXPECT_NE(msg.find(p), std::string::npos) << msg;
  }
}

TEST(PoolErrors, MaxPoolParameters) {
  Tensor x = Tensor::zeros({1, 2, 5, 5}, DType::Float32);
  expectError("aten::max_pool2d", {x, ints({3}), ints({2}), ints({2}), ints({1}), false},
              {"aten::max_pool2d", "at most half of kernel size"});
  expectError("aten::max_pool2d", {x, ints({0, 2}), ints({}), ints({0}), ints({1}), false},
              {"kernel_size must be positive"});
  expectError("aten::max_pool2d", {x, ints({6}), ints({1}), ints({0}), ints({1}), false},
              {"output size", "too small"});
  expectError("aten::max_pool2d", {Tensor::zeros({5, 5}, DType::Float32), ints({2}), ints({}),
                                   ints({0}), ints({1}), false},
              {"3-D (unbatched) or 4-D (batched)", "[5, 5]"});
  expectError("aten::max_pool2d", {Tensor::zeros({1, 2, 5, 5}, DType::Int32), ints({2}), ints({}),
                                   ints({0}), ints({1}), false},
              {"float32 or float64"});
  expectError("aten::max_pool2d", {Tensor::zeros({1, 0, 5, 5}, DType::Float32), ints({2}),
                                   ints({}), ints({0}), ints({1}), false},
              {"non-zero sizes"});
}

TEST(PoolErrors, AvgAndAdaptive) {
  Tensor x = Tensor::zeros({1, 2, 5, 5}, DType::Float32);
  expectError("aten::avg_pool2d", {x, ints({2}), ints({}), ints({0}), false, true, int64_t{0}},
              {"divisor must be not zero"});
  expectError("aten::adaptive_avg_pool2d", {x, ints({2, 2, 2})}, {"output_size must have 2"});
}

TEST(PoolErrors, UpsampleAndPad) {
  Tensor x = Tensor::zeros({1, 2, 5, 5}, DType::Float32);
  expectError("aten::upsample_nearest2d.vec", {x, IValue(), IValue()}, {"exactly one"});
  expectError("aten::upsample_bilinear2d", {Tensor::zeros({2, 5, 5}, DType::Float32),
                                            ints({4, 4}), false, IValue(), IValue()},
              {"4-D input"});
  expectError("aten::reflection_pad2d", {x, ints({5, 0, 0, 0})},
              {"aten::reflection_pad2d", "less than the corresponding input dimension"});
  expectError("aten::constant_pad_nd", {x, ints({1, 2, 3}), 0.0}, {"must be even"});
  expectError("aten::constant_pad_nd", {x, ints({-3, -3}), 0.0}, {"non-negative"});
  expectError("aten::pad", {x, ints({1, 1}), IValue("reflect"), 1.0}, {"doesn't take in value"});
  expectError("aten::pad", {x, ints({1, 1}), IValue("wrap"), IValue()}, {"unknown padding mode"});
  expectError("aten::pixel_shuffle", {Tensor::zeros({1, 6, 2, 2}, DType::Float32), int64_t{2}},
              {"divisible by upscale_factor^2"});
}

TEST(PoolNaN, MaxPoolPropagatesNaN) {
  float nan = std::numeric_limits<float>::quiet_NaN();
  Tensor x = Tensor::fromVector<float>({1, nan, 3, 4, 5, 6, 7, 8, 9}, {1, 1, 3, 3});
  for (const char* op : {"aten::max_pool2d", "aten::max_pool2d_with_indices"}) {
    Stack out = callOp(op, {x, ints({2}), ints({1}), ints({0}), ints({1}), false});
    Tensor y = out[0].toTensor();
    EXPECT_TRUE(std::isnan(y.at(0).toDouble())) << op;
    EXPECT_TRUE(std::isnan(y.at(1).toDouble())) << op;
    EXPECT_EQ(y.at(2).toDouble(), 8.0) << op;
    EXPECT_EQ(y.at(3).toDouble(), 9.0) << op;
    if (out.size() == 2) EXPECT_EQ(out[1].toTensor().at(0).toInt(), 1);
  }
}

TEST(PoolEmpty, EmptyBatch) {
  Stack out = callOp("aten::max_pool2d", {Tensor::zeros({0, 2, 6, 6}, DType::Float32), ints({2}),
                                          ints({}), ints({0}), ints({1}), false});
  EXPECT_EQ(out[0].toTensor().sizes().vec(), (std::vector<int64_t>{0, 2, 3, 3}));
  out = callOp("aten::adaptive_avg_pool2d", {Tensor::zeros({0, 2, 6, 6}, DType::Float32), ints({1, 1})});
  EXPECT_EQ(out[0].toTensor().sizes().vec(), (std::vector<int64_t>{0, 2, 1, 1}));
}

}  // namespace
}  // namespace wick::cnntest

namespace wick::cnntest {
namespace {

// A channels-last input (oneDNN convolutions return NHWC memory) takes the
// NHWC path: same values as on the contiguous copy, NaN propagation,
// padding, stride and dilation, and the output keeps the channels-last layout.
TEST(PoolChannelsLast, MaxPoolMatchesContiguous) {
  struct Case {
    int64_t n, c, h, w;
    std::vector<int64_t> k, s, p, d;
    bool ceil;
  };
  std::vector<Case> cases = {
      {1, 64, 12, 12, {3}, {2}, {1}, {1}, false},  // resnet's stem pool
      {2, 5, 7, 9, {2, 3}, {1, 2}, {1, 1}, {1}, true},
      {1, 17, 8, 8, {3}, {2}, {1}, {2}, false},
  };
  for (const Case& cs : cases) {
    Tensor nhwc = Tensor::empty({cs.n, cs.h, cs.w, cs.c}, DType::Float32);
    float* v = nhwc.data<float>();
    uint32_t state = 12345;
    for (int64_t i = 0; i < nhwc.numel(); ++i) {
      state = state * 1664525u + 1013904223u;
      v[i] = static_cast<float>(state >> 8) / 16777216.0f - 0.5f;
    }
    v[3] = std::numeric_limits<float>::quiet_NaN();
    Tensor x = nhwc.asStrided({cs.n, cs.c, cs.h, cs.w}, {cs.h * cs.w * cs.c, 1, cs.w * cs.c, cs.c}, 0);
    ASSERT_FALSE(x.isContiguous());
    auto run = [&](const Tensor& in) {
      return callOp("aten::max_pool2d", {in, ints(cs.k), ints(cs.s), ints(cs.p), ints(cs.d), cs.ceil})[0].toTensor();
    };
    Tensor got = run(x);
    Tensor want = run(x.contiguous());
    ASSERT_EQ(std::vector<int64_t>(got.sizes().begin(), got.sizes().end()),
              std::vector<int64_t>(want.sizes().begin(), want.sizes().end()));
    EXPECT_EQ(got.strides()[1], 1) << "channels-last layout kept";
    Tensor g = got.contiguous();
    for (int64_t i = 0; i < want.numel(); ++i) {
      float a = g.data<float>()[i], b = want.data<float>()[i];
      if (std::isnan(b)) EXPECT_TRUE(std::isnan(a)) << i;
      else EXPECT_EQ(a, b) << i;
    }
  }
}

}  // namespace
}  // namespace wick::cnntest

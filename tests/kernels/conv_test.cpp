// Convolution ops through the registry: PyTorch fixtures, error messages
// for bad shapes and parameters, and the oneDNN weight cache.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "kernels/cpu/convolution.h"
#include "tests/kernels/cnn_fixture_util.h"
#include "wick/error.h"

namespace wick::cnntest {
namespace {

class ConvFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ConvFixture, MatchesPyTorch) { runCnnCase(cnnCase("conv.bin", GetParam())); }

INSTANTIATE_TEST_SUITE_P(ConvPyTorch, ConvFixture, ::testing::ValuesIn(cnnCaseNames("conv.bin")),
                         [](const auto& info) { return info.param; });

IValue ints(std::vector<int64_t> v) {
  std::vector<IValue> e(v.begin(), v.end());
  return IValue(makeRef<ListObj>(std::move(e)));
}

Tensor randn(IntArrayRef sizes, DType dtype = DType::Float32) {
  Tensor t = Tensor::empty(sizes, DType::Float32);
  float* p = t.data<float>();
  uint32_t s = 12345;
  for (int64_t i = 0; i < t.numel(); ++i) {
    s = s * 1664525u + 1013904223u;
    p[i] = static_cast<float>(s >> 8) / 16777216.0f - 0.5f;
  }
  return t.to(dtype);
}

// Calls aten::conv2d and returns the error message ("" when it succeeds).
std::string conv2dError(const Tensor& x, const Tensor& w, IValue bias, std::vector<int64_t> stride,
                        std::vector<int64_t> pad, std::vector<int64_t> dil, int64_t groups) {
  try {
    callOp("aten::conv2d", {x, w, bias, ints(stride), ints(pad), ints(dil), groups});
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

void expectError(const std::string& msg, std::initializer_list<const char*> parts) {
  EXPECT_FALSE(msg.empty()) << "expected an error";
  for (const char* p : parts) EXPECT_NE(msg.find(p), std::string::npos) << msg;
}

TEST(ConvErrors, ChannelMismatchNamesShapes) {
  expectError(conv2dError(randn({1, 3, 8, 8}), randn({4, 2, 3, 3}), IValue(), {1}, {0}, {1}, 1),
              {"aten::conv2d", "[1, 3, 8, 8]", "[4, 2, 3, 3]", "2 channels"});
  expectError(conv2dError(randn({1, 4, 8, 8}), randn({3, 2, 3, 3}), IValue(), {1}, {0}, {1}, 2),
              {"aten::conv2d", "divisible by groups=2"});
}

TEST(ConvErrors, BadRanks) {
  expectError(conv2dError(randn({8, 8}), randn({4, 2, 3, 3}), IValue(), {1}, {0}, {1}, 1),
              {"aten::conv2d", "4-D (batched) or 3-D (unbatched)", "[8, 8]"});
  expectError(conv2dError(randn({1, 2, 8, 8}), randn({4, 2}), IValue(), {1}, {0}, {1}, 1),
              {"aten::conv2d", "weight of shape [4, 2]"});
}

TEST(ConvErrors, BadParameters) {
  Tensor x = randn({1, 2, 8, 8}), w = randn({4, 2, 3, 3});
  expectError(conv2dError(x, w, IValue(), {0, 1}, {0}, {1}, 1), {"stride must be positive", "[0, 1]"});
  expectError(conv2dError(x, w, IValue(), {1}, {-1}, {1}, 1), {"padding must be non-negative"});
  expectError(conv2dError(x, w, IValue(), {1}, {0}, {0}, 1), {"dilation must be positive"});
  expectError(conv2dError(x, w, IValue(), {1}, {0}, {1}, 0), {"groups must be positive"});
  expectError(conv2dError(x, w, IValue(), {1, 1, 1}, {0}, {1}, 1), {"stride must have 1 or 2 values"});
  expectError(conv2dError(x, w, randn({3}), {1}, {0}, {1}, 1), {"bias of shape [4]", "[3]"});
}

TEST(ConvErrors, KernelLargerThanInput) {
  expectError(conv2dError(randn({1, 2, 4, 4}), randn({4, 2, 3, 3}), IValue(), {1}, {0}, {2}, 1),
              {"aten::conv2d", "smaller than the kernel", "[1, 2, 4, 4]"});
}

TEST(ConvErrors, DTypes) {
  expectError(conv2dError(randn({1, 2, 8, 8}, DType::Int64), randn({4, 2, 3, 3}, DType::Int64),
                          IValue(), {1}, {0}, {1}, 1),
              {"aten::conv2d", "float32 or float64", "int64"});
  expectError(conv2dError(randn({1, 2, 8, 8}), randn({4, 2, 3, 3}, DType::Float64), IValue(), {1},
                          {0}, {1}, 1),
              {"aten::conv2d", "weight has dtype float64"});
}

TEST(ConvErrors, PaddingModes) {
  try {
    callOp("aten::conv2d.padding", {randn({1, 2, 8, 8}), randn({4, 2, 3, 3}), IValue(), ints({2}),
                                    IValue("same"), ints({1}), int64_t{1}});
    ADD_FAILURE() << "strided same padding must fail";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not supported for strided"), std::string::npos);
  }
  EXPECT_THROW(callOp("aten::conv2d.padding", {randn({1, 2, 8, 8}), randn({4, 2, 3, 3}), IValue(),
                                               ints({1}), IValue("full"), ints({1}), int64_t{1}}),
               Error);
}

TEST(ConvErrors, TransposedOutputPadding) {
  EXPECT_THROW(callOp("aten::conv_transpose2d.input",
                      {randn({1, 2, 4, 4}), randn({2, 3, 3, 3}), IValue(), ints({2}), ints({0}),
                       ints({2}), int64_t{1}, ints({1})}),
               Error);
}

// The cached path must give the same result as building everything anew,
// and a new weight storage must not reuse the old prepared weight.
TEST(ConvCache, CachedMatchesUncachedAndInvalidates) {
  kernels::clearConvolutionCache();
  Tensor x = randn({1, 8, 12, 12}), w = randn({16, 8, 3, 3}), b = randn({16});
  kernels::ConvParams p;
  p.padding = DimVector{1};
  Tensor ref = kernels::convolution("test", x, w, b, p, {.cacheWeights = false});
  Tensor first = kernels::convolution("test", x, w, b, p, {.cacheWeights = true});
  Tensor second = kernels::convolution("test", x, w, b, p, {.cacheWeights = true});
  expectClose(first, ref, 0, 0, "first cached call");
  expectClose(second, ref, 0, 0, "second cached call");
  if (kernels::convolutionUsesDnnl()) EXPECT_EQ(kernels::convolutionCacheSize(), 1u);
  // Another input shape with the same weight rebuilds the plan.
  Tensor x2 = randn({2, 8, 7, 9});
  expectClose(kernels::convolution("test", x2, w, b, p, {.cacheWeights = true}),
              kernels::convolution("test", x2, w, b, p, {.cacheWeights = false}), 0, 0, "new input shape");
  // A different weight (new storage) gets its own entry.
  Tensor w2 = randn({16, 8, 3, 3}).clone();
  float* pw = w2.data<float>();
  for (int64_t i = 0; i < w2.numel(); ++i) pw[i] *= 2;
  expectClose(kernels::convolution("test", x, w2, b, p, {.cacheWeights = true}),
              kernels::convolution("test", x, w2, b, p, {.cacheWeights = false}), 0, 0, "second weight");
  // Forgetting one weight drops its plans only.
  size_t before = kernels::convolutionCacheSize();
  kernels::forgetConvolutionWeight(w2);
  if (kernels::convolutionUsesDnnl()) EXPECT_EQ(kernels::convolutionCacheSize(), before - 1);
  kernels::forgetConvolutionWeight(Tensor());  // undefined: nothing to forget
  kernels::clearConvolutionCache();
  EXPECT_EQ(kernels::convolutionCacheSize(), 0u);
}

// Many threads running the same cached weight (one Module serving
// concurrent forward calls), with input shapes that force plan rebuilds.
TEST(ConvCache, ConcurrentCallsAgree) {
  kernels::clearConvolutionCache();
  Tensor w = randn({16, 8, 3, 3}), b = randn({16});
  kernels::ConvParams p;
  p.padding = DimVector{1};
  Tensor xa = randn({1, 8, 10, 10}), xb = randn({2, 8, 6, 7});
  Tensor ra = kernels::convolution("test", xa, w, b, p, {.cacheWeights = false});
  Tensor rb = kernels::convolution("test", xb, w, b, p, {.cacheWeights = false});
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        bool useA = (i + t) % 2 == 0;
        Tensor y = kernels::convolution("test", useA ? xa : xb, w, b, p);
        Tensor want = useA ? ra : rb;
        for (int64_t k = 0; k < y.numel(); ++k)
          if (y.data<float>()[k] != want.data<float>()[k]) {
            ++failures[t];
            break;
          }
      }
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

// A hot 3x3 stride-1 convolution turns Winograd (conv_dnnl.cpp's
// winogradPays) and keeps agreeing with the direct kernel and the GEMM
// path: plain, with a residual + ReLU epilogue, and channels-last.
TEST(ConvWinograd, HotPlanTurnsWinogradAndAgrees) {
  if (!kernels::convolutionUsesDnnl()) GTEST_SKIP() << "built without oneDNN";
  kernels::clearConvolutionCache();
  Tensor x = randn({2, 32, 16, 16}), w = randn({48, 32, 3, 3}), b = randn({48}), r = randn({2, 48, 16, 16});
  kernels::ConvParams p;
  p.padding = DimVector{1};
  Tensor direct = kernels::convolution("test", x, w, b, p, {.cacheWeights = false});
  Tensor gemm = kernels::convolution("test", x, w, b, p, {.allowDnnl = false});
  expectClose(direct, gemm, 1e-5, 1e-5, "direct vs gemm");
  kernels::Epilogue epi;
  epi.residual = r;
  epi.activation = kernels::EpilogueActivation::Relu;
  Tensor wantEpi = direct.clone();
  for (int64_t i = 0; i < wantEpi.numel(); ++i)
    wantEpi.data<float>()[i] = std::max(0.0f, wantEpi.data<float>()[i] + r.data<float>()[i]);
  Tensor xl = Tensor::emptyStrided({2, 32, 16, 16}, {32 * 16 * 16, 1, 16 * 32, 32}, DType::Float32);
  for (int64_t n = 0; n < 2; ++n)  // channels-last copy of x
    for (int64_t c = 0; c < 32; ++c)
      for (int64_t hw = 0; hw < 16 * 16; ++hw)
        xl.data<float>()[n * 32 * 256 + hw * 32 + c] = x.data<float>()[(n * 32 + c) * 256 + hw];
  Tensor w2 = w.clone(), w3 = w.clone();
  for (int call = 1; call <= 12; ++call) {
    std::string at = "call " + std::to_string(call);
    expectClose(kernels::convolution("test", x, w, b, p), direct, 1e-5, 1e-5, at);
    bool applied = false;
    Tensor y = kernels::convolutionWithEpilogue("test", x, w2, b, p, epi, &applied);
    if (applied) expectClose(y, wantEpi, 1e-5, 1e-5, at + " with epilogue");
    expectClose(kernels::convolution("test", xl, w3, b, p, {.channelsLast = true}), direct, 1e-5, 1e-5,
                at + " channels-last");
  }
  EXPECT_EQ(kernels::convolutionWinogradPlans(), 3u) << "three hot plans should have turned Winograd";
  // Too small an output (8x8 < 14x14) stays direct however hot.
  kernels::clearConvolutionCache();
  Tensor small = randn({1, 32, 8, 8});
  for (int call = 0; call < 10; ++call) kernels::convolution("test", small, w, b, p);
  EXPECT_EQ(kernels::convolutionWinogradPlans(), 0u);
  kernels::clearConvolutionCache();
}

// The portable path (the only one in builds without oneDNN) against the
// default one, which the fixtures check against PyTorch.
TEST(ConvGemmPath, MatchesDefaultPath) {
  struct Shape {
    std::vector<int64_t> x, w;
    int64_t stride, pad, dil, groups;
    bool transposed;
  };
  std::vector<Shape> shapes{{{2, 8, 11, 9}, {6, 8, 3, 3}, 1, 1, 1, 1, false},
                            {{1, 8, 10, 10}, {8, 1, 3, 3}, 2, 1, 1, 8, false},
                            {{2, 4, 9, 11}, {8, 1, 3, 3}, 1, 2, 2, 4, false},
                            {{1, 3, 7, 7}, {3, 1, 5, 5}, 3, 1, 1, 3, false},
                            {{1, 6, 9, 9}, {4, 3, 5, 3}, 2, 2, 2, 2, false},
                            {{1, 6, 12, 12}, {12, 6, 1, 1}, 1, 0, 1, 1, false},
                            {{2, 6, 5, 4}, {6, 2, 3, 3}, 2, 1, 1, 3, true}};
  for (const auto& sh : shapes) {
    kernels::ConvParams p;
    p.stride = DimVector{sh.stride};
    p.padding = DimVector{sh.pad};
    p.dilation = DimVector{sh.dil};
    p.groups = sh.groups;
    p.transposed = sh.transposed;
    Tensor x = randn(sh.x), w = randn(sh.w);
    Tensor b = randn({sh.transposed ? sh.w[1] * sh.groups : sh.w[0]});
    expectClose(kernels::convolution("test", x, w, b, p, {.allowDnnl = false}),
                kernels::convolution("test", x, w, b, p), 1e-4, 1e-5, "gemm vs default");
  }
}

}  // namespace
}  // namespace wick::cnntest

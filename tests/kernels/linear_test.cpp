// linearWithEpilogue's float32 path on oneDNN's matmul
// (kernels/cpu/linear_dnnl), which wick::linear_fused calls for frozen
// weights: a weight's first call runs on sgemm, later calls on its packed
// plan; every call, layout and epilogue agrees with a float64 reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "kernels/cpu/linalg.h"
#include "kernels/cpu/linear_dnnl.h"
#include "kernels/cpu/shape.h"
#include "wick/tensor.h"

namespace wick::kernels {
namespace {

// linear() on the packed path (an empty epilogue).
Tensor packedLinear(const Tensor& x, const Tensor& w, const Tensor& b) {
  bool applied = false;
  return linearWithEpilogue(x, w, b, Epilogue{}, &applied);
}

Tensor pattern(IntArrayRef sizes, uint32_t seed) {
  Tensor t = Tensor::empty(sizes, DType::Float32);
  float* p = t.data<float>();
  for (int64_t i = 0; i < t.numel(); ++i) {
    seed = seed * 1664525u + 1013904223u;
    p[i] = static_cast<float>(seed >> 8) / 16777216.0f - 0.5f;
  }
  return t;
}

// input [.., k] (any strides), weight [n, k] (any strides), bias [n] or
// undefined: the float64 reference, contiguous [.., n].
std::vector<double> reference(const Tensor& input, const Tensor& weight, const Tensor& bias) {
  Tensor x = input.contiguous(), w = weight.contiguous();
  int64_t n = w.size(0), k = w.size(1), m = x.numel() / k;
  std::vector<double> y(static_cast<size_t>(m * n));
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double acc = bias.defined() ? bias.contiguous().data<float>()[j] : 0.0;
      for (int64_t c = 0; c < k; ++c) acc += double(x.data<float>()[i * k + c]) * w.data<float>()[j * k + c];
      y[static_cast<size_t>(i * n + j)] = acc;
    }
  return y;
}

void expectNear(const Tensor& actual, const std::vector<double>& want, const std::string& what) {
  Tensor a = actual.contiguous();
  ASSERT_EQ(static_cast<size_t>(a.numel()), want.size()) << what;
  for (size_t i = 0; i < want.size(); ++i)
    ASSERT_NEAR(a.data<float>()[i], want[i], 1e-4 + 1e-4 * std::abs(want[i])) << what << " at " << i;
}

TEST(LinearDnnl, EveryCallAndLayoutMatchesTheReference) {
  linear_dnnl::clearCache();
  struct Case {
    std::vector<int64_t> x;
    int64_t n;
    bool bias, transposedWeight;
  };
  std::vector<Case> cases{{{8, 32}, 48, true, false},   {{2, 5, 32}, 16, true, false},
                          {{1, 64}, 100, false, false}, {{33, 17}, 9, true, true},
                          {{17}, 4, true, false},       {{3, 0, 8}, 5, true, false}};
  uint32_t seed = 1;
  for (const Case& c : cases) {
    int64_t k = c.x.back();
    Tensor w = c.transposedWeight ? transpose(pattern({k, c.n}, seed++), 0, 1) : pattern({c.n, k}, seed++);
    Tensor b = c.bias ? pattern({c.n}, seed++) : Tensor();
    Tensor x = pattern(c.x, seed++);
    std::vector<double> want = reference(x, w, b);
    for (int call = 0; call < 3; ++call)
      expectNear(packedLinear(x, w, b), want, "shape case " + std::to_string(seed) + " call " + std::to_string(call));
  }
  // A non-contiguous input, and a second row count for one weight.
  Tensor w = pattern({24, 16}, 99), b = pattern({24}, 98);
  Tensor xt = transpose(pattern({16, 6}, 97), 0, 1);  // [6, 16], strides (1, 6)
  Tensor x2 = pattern({11, 16}, 96);
  for (int call = 0; call < 3; ++call) {
    expectNear(packedLinear(xt, w, b), reference(xt, w, b), "transposed input");
    expectNear(packedLinear(x2, w, b), reference(x2, w, b), "second row count");
    expectNear(linear(x2, w, b), reference(x2, w, b), "aten::linear (sgemm)");
  }
  if (linear_dnnl::cacheSize() == 0) GTEST_SKIP() << "built without oneDNN: the GEMM path ran every call";
}

TEST(LinearDnnl, FirstCallOfAWeightRunsOnSgemm) {
  linear_dnnl::clearCache();
  Tensor w = pattern({8, 8}, 5), x = pattern({4, 8}, 6);
  EXPECT_FALSE(linear_dnnl::run(x, w, Tensor()).defined()) << "a weight seen once stays on sgemm";
  Tensor second = linear_dnnl::run(x, w, Tensor());
  if (!second.defined()) GTEST_SKIP() << "built without oneDNN";
  expectNear(second, reference(x, w, Tensor()), "second call");
  EXPECT_EQ(linear_dnnl::cacheSize(), 1u);
  // Not float32, or shapes that do not fit: declined, for the caller's checks.
  EXPECT_FALSE(linear_dnnl::run(x.to(DType::Float64), w.to(DType::Float64), Tensor()).defined());
  EXPECT_FALSE(linear_dnnl::run(pattern({4, 7}, 7), w, Tensor()).defined());
  EXPECT_FALSE(linear_dnnl::run(x, w, pattern({3}, 8)).defined());
}

TEST(LinearDnnl, EpiloguesAreAppliedOrLeftToTheCaller) {
  linear_dnnl::clearCache();
  Tensor w = pattern({32, 16}, 11), b = pattern({32}, 12), x = pattern({2, 3, 16}, 13), r = pattern({2, 3, 32}, 14);
  std::vector<double> lin = reference(x, w, b);
  auto act = [](EpilogueActivation a, double v) {
    switch (a) {
      case EpilogueActivation::Relu: return std::max(v, 0.0);
      case EpilogueActivation::GeluErf: return 0.5 * v * (1 + std::erf(v / std::sqrt(2.0)));
      case EpilogueActivation::Silu: return v / (1 + std::exp(-v));
      default: return v;
    }
  };
  int appliedCount = 0;
  for (EpilogueActivation a : {EpilogueActivation::None, EpilogueActivation::Relu, EpilogueActivation::GeluErf, EpilogueActivation::Silu})
    for (bool residual : {false, true}) {
      Epilogue epi;
      epi.activation = a;
      if (residual) epi.residual = r;
      std::vector<double> want(lin.size());
      for (size_t i = 0; i < lin.size(); ++i) want[i] = act(a, lin[i] + (residual ? r.data<float>()[i] : 0.0));
      for (int call = 0; call < 3; ++call) {
        bool applied = false;
        Tensor y = linear_dnnl::run(x, w, b, &epi, &applied);
        if (!y.defined()) continue;  // the first call of the weight
        std::string what = "activation " + std::to_string(int(a)) + (residual ? " + residual" : "");
        appliedCount += applied ? 1 : 0;
        if (applied) expectNear(y, want, what);
        else expectNear(y, lin, what + " (not applied: the plain product)");
      }
    }
  if (linear_dnnl::cacheSize() > 0) EXPECT_GT(appliedCount, 0) << "oneDNN applied no epilogue";
  // A residual of another shape is not the primitive's.
  Epilogue bad;
  bad.residual = pattern({3, 32}, 15);
  EXPECT_FALSE(linear_dnnl::run(x, w, b, &bad).defined());
}

// One module serving many threads: they share each weight's plans.
TEST(LinearDnnl, ConcurrentCallsAgree) {
  linear_dnnl::clearCache();
  Tensor w = pattern({64, 32}, 21), b = pattern({64}, 22);
  Tensor xa = pattern({5, 32}, 23), xb = pattern({9, 32}, 24);
  std::vector<double> ra = reference(xa, w, b), rb = reference(xb, w, b);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        bool useA = (i + t) % 2 == 0;
        Tensor y = packedLinear(useA ? xa : xb, w, b);
        const std::vector<double>& want = useA ? ra : rb;
        for (int64_t j = 0; j < y.numel(); ++j)
          if (std::abs(y.data<float>()[j] - want[static_cast<size_t>(j)]) > 1e-4 + 1e-4 * std::abs(want[j])) {
            ++failures[t];
            break;
          }
      }
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace wick::kernels

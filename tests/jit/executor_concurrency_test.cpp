// Many threads calling one executor at once, across its tiers.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/jit/executor_test_util.h"

namespace wick::jit {
namespace {

TEST(ExecutorConcurrency, EightThreadsShapesChangingUnderThem) {
  auto reference = testing::compileGraphText(testing::kSiluAddGraph);
  auto executor = makeExecutor(testing::compileGraphText(testing::kSiluAddGraph), "silu_add",
                               testing::interpOptions(/*profilingRuns=*/2, /*maxSpecializations=*/3));
  constexpr int kThreads = 8, kCalls = 40;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        int64_t rows = 1 + (t + i) % 5;
        Tensor x = (i % 7 == 3) ? testing::transposedTensor(rows, 6) : testing::patternTensor({rows, 6}, DType::Float32, t);
        Tensor expected = reference->run({IValue(x)})[0].toTensor();
        Tensor actual = executor->run({IValue(x)})[0].toTensor();
        bool same = expected.sizes() == actual.sizes();
        for (int64_t k = 0; same && k < expected.numel(); ++k)
          same = std::abs(expected.at(k).toDouble() - actual.at(k).toDouble()) < 1e-5;
        if (!same) mismatches.fetch_add(1);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
  MethodStats s = executor->stats();
  EXPECT_EQ(s.calls, kThreads * kCalls);
  EXPECT_EQ(s.interpreterCalls + s.profilingCalls + s.optimizedCalls, s.calls);
  EXPECT_GT(s.optimizedCalls, 0);
  EXPECT_LE(s.specializations, 3);
  EXPECT_LE(s.dynamicKernels, 3);
  EXPECT_EQ(s.compileFailures, 0);
}

}  // namespace
}  // namespace wick::jit

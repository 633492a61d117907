// The executor's tiers and pipeline settings, and its installation into the
// runtime (GraphFunction runs through it).
#include <gtest/gtest.h>

#include "jit/fuser.h"
#include "jit/optimize.h"
#include "tests/jit/executor_test_util.h"
#include "wick/graph_function.h"

namespace wick::jit {
namespace {

using testing::expectSameValues;
using testing::patternTensor;

TEST(ExecutorPipeline, FuserNoneOptimizesWithoutGroups) {
  ExecutorOptions o = testing::interpOptions();
  o.fuser = "none";
  auto reference = testing::compileGraphText(testing::kSiluAddGraph);
  auto executor = makeExecutor(testing::compileGraphText(testing::kSiluAddGraph), "f", o);
  for (int i = 0; i < 3; ++i) {
    Tensor x = patternTensor({2, 5});
    expectSameValues(reference->run({IValue(x)})[0], executor->run({IValue(x)})[0], "call");
  }
  MethodStats s = executor->stats();
  EXPECT_EQ(s.profilingCalls, 1);
  EXPECT_EQ(s.optimizedCalls, 2);
  EXPECT_EQ(s.fusionGroups, 0);
  EXPECT_EQ(s.guardChecks, 0);
}

TEST(ExecutorPipeline, ZeroProfilingRunsOptimizesOnTheFirstCall) {
  auto executor = makeExecutor(testing::compileGraphText(testing::kSiluAddGraph), "f", testing::interpOptions(0));
  executor->run({IValue(patternTensor({3, 3}))});
  MethodStats s = executor->stats();
  EXPECT_EQ(s.profilingCalls, 0);
  EXPECT_EQ(s.optimizedAtCall, 1);
  EXPECT_EQ(s.specializations, 1);
}

TEST(ExecutorPipeline, OptimizedGraphAcceptsWhatTheOriginalAccepts) {
  auto code = testing::compileGraphText(testing::kSiluAddGraph);
  std::unordered_map<const ir::Value*, ir::TensorInfo> seen;
  ir::TensorInfo info;
  info.dtype = DType::Float32;
  info.sizes = std::vector<std::optional<int64_t>>{2, 3};
  seen[code->graph().inputs()[0]] = info;
  OptimizeOptions o;
  o.profile = &seen;
  auto g = optimizeGraph(code->graph(), o);
  ASSERT_EQ(fusionGroups(*g).size(), 1u);
  // Plain types outside the groups, profiled ones inside.
  EXPECT_FALSE(g->inputs()[0]->type()->tensorInfo());
  const auto& sub = fusionSubgraph(*fusionGroups(*g)[0]);
  ASSERT_TRUE(sub->inputs()[0]->type()->tensorInfo());
}

TEST(ExecutorPipeline, GraphFunctionRunsThroughTheInstalledExecutor) {
  installExecutor();
  auto fn = GraphFunction::fromText(testing::kSiluAddGraph);
  auto reference = testing::compileGraphText(testing::kSiluAddGraph);
  for (int i = 0; i < 3; ++i) {
    Tensor x = patternTensor({2, 4});
    expectSameValues(reference->run({IValue(x)})[0], fn({IValue(x)})[0], "call");
  }
  MethodStats s = fn.stats();
  EXPECT_EQ(s.calls, 3);
  // WICK_JIT=1 is the default; the test command may set WICK_JIT=0.
  if (s.interpreterCalls == 3) GTEST_SKIP() << "WICK_JIT=0";
  EXPECT_EQ(s.profilingCalls, 1);
  EXPECT_EQ(s.optimizedCalls, 2);
}

}  // namespace
}  // namespace wick::jit

// Profiling: tensor facts recorded per value and merged across calls.
#include <gtest/gtest.h>

#include "ir/parser.h"
#include "jit/profile.h"
#include "tests/jit/executor_test_util.h"

namespace wick::jit {
namespace {

using testing::patternTensor;

TEST(ExecutorProfile, MergeKeepsWhatCallsAgreeOn) {
  ir::TensorInfo a = tensorInfoOf(patternTensor({2, 3}));
  ir::TensorInfo b = tensorInfoOf(patternTensor({4, 3}));
  ir::TensorInfo m = mergeTensorInfo(a, b);
  ASSERT_TRUE(m.dtype && m.sizes && m.device);
  EXPECT_EQ(*m.dtype, DType::Float32);
  EXPECT_FALSE((*m.sizes)[0]);  // varied: symbolic
  EXPECT_EQ((*m.sizes)[1], 3);
  ASSERT_TRUE(m.strides);
  EXPECT_EQ((*m.strides)[0], 3);  // both row-major with 3 columns
  EXPECT_EQ((*m.strides)[1], 1);
  ir::TensorInfo t = mergeTensorInfo(tensorInfoOf(patternTensor({3, 3})), tensorInfoOf(testing::transposedTensor(3, 3)));
  EXPECT_EQ(t.sizes, (std::vector<std::optional<int64_t>>{3, 3}));
  EXPECT_FALSE((*t.strides)[0]);  // the layouts differ
  EXPECT_FALSE((*t.strides)[1]);

  ir::TensorInfo c = mergeTensorInfo(a, tensorInfoOf(patternTensor({2, 3, 1}, DType::Float64)));
  EXPECT_FALSE(c.dtype);
  EXPECT_FALSE(c.sizes);  // rank changed
}

TEST(ExecutorProfile, RunsMergeIntoSymbolicDims) {
  auto code = testing::compileGraphText(testing::kSiluAddGraph);
  const ir::Graph& g = code->graph();
  Profile profile(g, FuserOptions{});
  EXPECT_GT(profile.numWatched(), 0u);
  for (int64_t rows : {2, 5}) {
    std::vector<IValue> in{IValue(patternTensor({rows, 8}))};
    ProfilingRun run(profile);
    run.recordInputs(g, in);
    code->run(in, &run);
    profile.merge(run);
  }
  EXPECT_EQ(profile.runs(), 2);
  auto seen = profile.snapshot();
  const ir::Value* x = g.inputs()[0];
  ASSERT_TRUE(seen.count(x));
  EXPECT_FALSE((*seen[x].sizes)[0]);
  EXPECT_EQ((*seen[x].sizes)[1], 8);
  const ir::Value* y = g.outputs()[0];
  ASSERT_TRUE(seen.count(y));
  EXPECT_EQ(*seen[y].dtype, DType::Float32);

  // Applied to a copy, the facts become value types.
  auto copy = g.copy();
  EXPECT_GT(applyProfile(seen, g, *copy), 2u);
  const ir::TensorInfo* info = copy->inputs()[0]->type()->tensorInfo();
  ASSERT_TRUE(info && info->sizes);
  EXPECT_FALSE((*info->sizes)[0]);
  eraseTensorInfo(*copy);
  EXPECT_FALSE(copy->inputs()[0]->type()->tensorInfo());
}

}  // namespace
}  // namespace wick::jit

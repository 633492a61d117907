// Guards and deoptimization: new shapes, dtypes and layouts either get a
// kernel of their own or run in the interpreter, and results never change.
#include <gtest/gtest.h>

#include <stdexcept>

#include "jit/backend.h"
#include "tests/jit/executor_test_util.h"

namespace wick::jit {
namespace {

using testing::expectSameValues;
using testing::patternTensor;

struct Harness {
  std::shared_ptr<const Code> reference = testing::compileGraphText(testing::kSiluAddGraph);
  std::unique_ptr<GraphExecutor> executor;
  explicit Harness(const ExecutorOptions& o)
      : executor(makeExecutor(testing::compileGraphText(testing::kSiluAddGraph), "silu_add", o)) {}
  void call(const Tensor& x, const std::string& what) {
    std::vector<IValue> expected = reference->run({IValue(x)});
    std::vector<IValue> actual = executor->run({IValue(x)});
    ASSERT_EQ(actual.size(), 1u);
    expectSameValues(expected[0], actual[0], what);
  }
};

TEST(ExecutorGuard, NewShapesDtypesAndLayoutsStayCorrect) {
  Harness h(testing::interpOptions());
  h.call(patternTensor({4, 8}), "profiling call");
  MethodStats s = h.executor->stats();
  EXPECT_EQ(s.profilingCalls, 1);
  EXPECT_EQ(s.optimizedCalls, 0);

  h.call(patternTensor({4, 8}), "first optimized call");
  s = h.executor->stats();
  EXPECT_EQ(s.optimizedCalls, 1);
  EXPECT_EQ(s.optimizedAtCall, 2);
  EXPECT_EQ(s.fusionGroups, 1);
  EXPECT_EQ(s.specializations, 1);
  EXPECT_EQ(s.guardFailures, 0);

  h.call(patternTensor({4, 8}, DType::Float32, 1.0), "same shape again");
  s = h.executor->stats();
  EXPECT_EQ(s.guardChecks, 1);
  EXPECT_EQ(s.guardFailures, 0);
  EXPECT_EQ(s.kernelsCompiled(), 1);

  h.call(patternTensor({5, 8}), "new shape");
  h.call(patternTensor({4, 8}, DType::Float64), "new dtype");
  h.call(testing::transposedTensor(4, 8), "non-contiguous");
  s = h.executor->stats();
  EXPECT_EQ(s.guardFailures, 3);
  EXPECT_EQ(s.specializations, 4);
  EXPECT_EQ(s.compileFailures, 0);
  EXPECT_EQ(s.fallbackRuns, 0);
  EXPECT_EQ(s.kernels.size(), 4u);

  // Every shape seen so far hits its own kernel now.
  h.call(patternTensor({5, 8}), "new shape again");
  h.call(testing::transposedTensor(4, 8), "non-contiguous again");
  s = h.executor->stats();
  EXPECT_EQ(s.guardFailures, 3);
  EXPECT_EQ(s.kernelsCompiled(), 4);
}

TEST(ExecutorGuard, MaxSpecializationsThenOneDynamicKernel) {
  Harness h(testing::interpOptions(/*profilingRuns=*/1, /*maxSpecializations=*/2));
  for (int64_t rows = 1; rows <= 6; ++rows) h.call(patternTensor({rows, 3}), "rows " + std::to_string(rows));
  MethodStats s = h.executor->stats();
  EXPECT_EQ(s.specializations, 2);
  EXPECT_EQ(s.dynamicKernels, 1);
  int64_t failures = s.guardFailures;
  // The dynamic kernel serves every later shape of this dtype and rank.
  for (int64_t rows = 7; rows <= 9; ++rows) h.call(patternTensor({rows, 5}), "rows " + std::to_string(rows));
  s = h.executor->stats();
  EXPECT_EQ(s.guardFailures, failures);
  EXPECT_EQ(s.kernelsCompiled(), 3);
}

TEST(ExecutorGuard, SymbolicProfileCompilesDynamicFirst) {
  Harness h(testing::interpOptions(/*profilingRuns=*/2));
  h.call(patternTensor({2, 3}), "profile 1");
  h.call(patternTensor({3, 3}), "profile 2");
  h.call(patternTensor({4, 3}), "optimized");
  h.call(patternTensor({6, 3}), "optimized, other shape");
  MethodStats s = h.executor->stats();
  EXPECT_EQ(s.profilingCalls, 2);
  EXPECT_EQ(s.dynamicKernels, 1);
  EXPECT_EQ(s.specializations, 0);
  EXPECT_EQ(s.guardFailures, 0);
}

class FailingBackend final : public Backend {
 public:
  const char* name() const override { return "failing"; }
  std::shared_ptr<CompiledKernel> compile(const kir::Kernel&, const CompileOptions&) override {
    ++attempts;
    throw Error("failing backend: no code today");
  }
  int attempts = 0;
};

TEST(ExecutorGuard, FailedCompileFallsBackForGood) {
  FailingBackend backend;
  ExecutorOptions o = testing::interpOptions();
  o.backend = &backend;
  Harness h(o);
  for (int i = 0; i < 4; ++i) h.call(patternTensor({3, 4}), "call " + std::to_string(i));
  h.call(patternTensor({7, 4}), "new shape");
  MethodStats s = h.executor->stats();
  EXPECT_EQ(s.fusionGroups, 1);
  EXPECT_EQ(s.compileFailures, 1);
  EXPECT_EQ(backend.attempts, 1);
  EXPECT_EQ(s.fallbackRuns, 4);
  EXPECT_EQ(s.kernelsCompiled(), 0);
}

// A group identical to one already compiled (another method, another
// module loaded twice) shares its code: counted as a kernel, marked reused,
// so `wick bench`'s median compile time per group is over real compiles.
TEST(ExecutorTelemetry, KernelsSharingCompiledCodeAreMarkedReused) {
  if (!backendFor("llvm")) GTEST_SKIP() << "built without LLVM";
  ExecutorOptions o = testing::interpOptions();
  o.fuser = "llvm";
  auto first = makeExecutor(testing::compileGraphText(testing::kSiluAddGraph), "first", o);
  auto second = makeExecutor(testing::compileGraphText(testing::kSiluAddGraph), "second", o);
  Tensor x = testing::patternTensor({3, 5, 7});
  for (int i = 0; i < 2; ++i) first->run({IValue(x)});
  for (int i = 0; i < 2; ++i) second->run({IValue(x)});
  MethodStats a = first->stats(), b = second->stats();
  ASSERT_EQ(a.kernelsCompiled(), 1);
  ASSERT_EQ(b.kernelsCompiled(), 1);
  ASSERT_EQ(b.kernels.size(), 1u);
  EXPECT_EQ(b.kernelsReused, 1);  // `first` holds the code, so the cache has it
  EXPECT_TRUE(b.kernels[0].reused);
  EXPECT_EQ(a.kernelsReused, a.kernels[0].reused ? 1 : 0);
}

}  // namespace
}  // namespace wick::jit

// Freezing of eval-mode modules and conv + batch-norm folding (jit/freeze.h),
// on modules scripts/make_freeze_fixtures.py writes with PyTorch (skipped
// where /usr/bin/python3 has no torch). Results are compared with the same
// archive run by the interpreter alone.
#include <gtest/gtest.h>

#include <cstdlib>
#include <atomic>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "core/flags.h"
#include "ir/type.h"
#include "jit/executor.h"
#include "kernels/cpu/convolution.h"
#include "jit/freeze.h"
#include "passes/constant_propagation.h"
#include "passes/dead_code_elimination.h"
#include "serialize/torch_save.h"
#include "tests/jit/executor_test_util.h"
#include "wick/error.h"
#include "wick/module.h"

namespace wick::jit {
namespace {

namespace fs = std::filesystem;

struct FixtureFolder {
  fs::path path = fs::path(WICK_TEST_GEN_DIR) / ("freeze_" + std::to_string(::getpid()));
  ~FixtureFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

const std::string& fixtureDir() {
  static FixtureFolder folder;
  static const std::string dir = [] {
    fs::create_directories(folder.path);
    std::string cmd = "/usr/bin/python3 " + std::string(WICK_TEST_DATA_DIR) +
                      "/../../scripts/make_freeze_fixtures.py " + folder.path.string() + " > /dev/null 2>&1";
    return std::system(cmd.c_str()) == 0 ? folder.path.string() : std::string();
  }();
  return dir;
}

#define REQUIRE_FIXTURES() \
  if (fixtureDir().empty()) GTEST_SKIP() << "/usr/bin/python3 cannot make fixtures (no torch)"

std::vector<IValue> argsOf(const std::string& name) {
  return serialize::loadTorchSaved(fixtureDir() + "/" + name + ".args.pt").toTuple()->elements;
}

Module loadFixture(const std::string& name, bool eval) {
  Module m = load(fixtureDir() + "/" + name + ".pt");
  if (eval) m.eval();
  return m;
}

// A method's executor is made on its first call, by the factory installed
// then: nullptr gives the interpreter alone.
IValue callInterpreted(const Module& m, const std::vector<IValue>& args) {
  setGraphExecutorFactory(nullptr);
  IValue out = m.forward(args);
  installExecutor();
  return out;
}
IValue callJit(const Module& m, const std::vector<IValue>& args) {
  installExecutor();
  return m.forward(args);
}

// The forward graph of `m` (compiled by a first call), copied.
std::shared_ptr<ir::Graph> forwardGraph(const Module& m) {
  auto* cls = dynamic_cast<const ir::ClassType*>(m.object()->type.get());
  ir::Function* fn = cls ? cls->findMethod("forward") : nullptr;
  EXPECT_NE(fn, nullptr);
  return fn->graph()->copy();
}

int64_t count(const ir::Block* b, const std::string& kind, const std::string& attrName = "") {
  int64_t n = 0;
  for (const ir::Node* node : *b) {
    if (node->kind().qualString() == kind && (attrName.empty() || node->s("name") == attrName)) ++n;
    for (const ir::Block* sub : node->blocks()) n += count(sub, kind, attrName);
  }
  return n;
}

void expectClose(const IValue& expected, const IValue& actual, const std::string& what) {
  ASSERT_TRUE(expected.isTensor() && actual.isTensor()) << what;
  Tensor e = expected.toTensor().contiguous(), a = actual.toTensor().contiguous();
  ASSERT_EQ(e.sizes().vec(), a.sizes().vec()) << what;
  for (int64_t i = 0; i < e.numel(); ++i) {
    double x = e.at(i).toDouble(), y = a.at(i).toDouble();
    ASSERT_NEAR(x, y, 1e-4 + 1e-4 * std::abs(x)) << what << " at " << i;
  }
}

// Runs `name` `calls` times through the interpreter and through the JIT
// executor (two loads, so each mutates its own state) and compares.
void expectJitMatchesInterpreter(const std::string& name, bool eval, int calls) {
  Module reference = loadFixture(name, eval), jitted = loadFixture(name, eval);
  auto args = argsOf(name);
  for (int i = 0; i < calls; ++i)
    expectClose(callInterpreted(reference, args), callJit(jitted, args), name + " call " + std::to_string(i));
}

TEST(Freeze, FlagTurnsItOff) {
  EXPECT_TRUE(Flags::parse({}).freeze);
  EXPECT_FALSE(Flags::parse({{"WICK_FREEZE", "0"}}).freeze);
  EXPECT_FALSE(ExecutorOptions::fromFlags(Flags::parse({{"WICK_FREEZE", "0"}})).freeze);
  EXPECT_THROW(Flags::parse({{"WICK_FREEZE", "yes"}}), Error);
  EXPECT_NO_THROW(Flags::parse({{"WICK_LOG", "freeze=2,fold_conv_bn"}}));
}

TEST(Freeze, ConvBnMatchesTheInterpreter) {
  REQUIRE_FIXTURES();
  expectJitMatchesInterpreter("conv_bn", /*eval=*/true, 4);
}

TEST(Freeze, FoldsConvBatchNormPairsWhoseConvHasOneUse) {
  REQUIRE_FIXTURES();
  Module m = loadFixture("conv_bn", true);
  auto args = argsOf("conv_bn");
  kernels::clearConvolutionCache();
  IValue expected = callInterpreted(m, args);
  size_t prepared = kernels::convolutionCacheSize();  // oneDNN's copies of the 4 weights
  auto g = forwardGraph(m);
  ASSERT_TRUE(canFreeze(IValue(m.object())));
  FreezeStats s = freezeModule(*g, *m.object());
  EXPECT_GT(s.frozen, 0);
  // Only the norms' num_batches_tracked (add_ in their training branch).
  EXPECT_EQ(s.written, 4);
  EXPECT_EQ(count(g->block(), "prim::GetAttr", "num_batches_tracked"), 4);
  EXPECT_EQ(count(g->block(), "prim::GetAttr", "weight"), 0);
  passes::propagateConstants(*g);
  EXPECT_EQ(count(g->block(), "aten::batch_norm"), 4);
  EXPECT_EQ(foldConvBatchNorm(*g), 3);
  // The three unfolded weights' prepared copies are dropped with them.
  if (kernels::convolutionUsesDnnl()) EXPECT_EQ(kernels::convolutionCacheSize(), prepared - 3);
  passes::eliminateDeadCode(*g);
  // The fourth conv's output is also added to the norm's: not folded.
  EXPECT_EQ(count(g->block(), "aten::batch_norm"), 1);
  // The frozen, folded graph computes what the module does.
  auto code = Code::compile(g);
  std::vector<IValue> in{IValue(m.object())};
  in.insert(in.end(), args.begin(), args.end());
  expectClose(expected, code->run(in)[0], "frozen graph");
}

TEST(Freeze, TrainingModulesAreNotFrozen) {
  REQUIRE_FIXTURES();
  Module m = loadFixture("conv_bn_train", /*eval=*/false);
  EXPECT_FALSE(canFreeze(IValue(m.object())));
  // One submodule still training is enough.
  m.eval();
  EXPECT_TRUE(canFreeze(IValue(m.object())));
  m.submodule("bn3").object()->setAttr("training", IValue(true));
  EXPECT_FALSE(canFreeze(IValue(m.object())));
  // Training mode runs (and updates the running stats) as the interpreter does.
  expectJitMatchesInterpreter("conv_bn_train", /*eval=*/false, 4);
}

TEST(Freeze, TwoObjectsOfOneClassKeepTheirOwnWeights) {
  REQUIRE_FIXTURES();
  Module reference = loadFixture("twin", true), jitted = loadFixture("twin", true);
  auto args = argsOf("twin");
  // a and b share Block.forward's executor; whichever optimizes first is
  // frozen, the other must not run with its constants.
  for (int i = 0; i < 4; ++i) {
    for (const char* sub : {"a", "b"}) {
      IValue expected = callInterpreted(reference.submodule(sub), args);
      IValue actual = callJit(jitted.submodule(sub), args);
      expectClose(expected, actual, std::string(sub) + " call " + std::to_string(i));
    }
  }
  IValue a = jitted.submodule("a").forward(args), b = jitted.submodule("b").forward(args);
  EXPECT_NE(a.toTensor().at(0).toDouble(), b.toTensor().at(0).toDouble());
  expectClose(callInterpreted(reference, args), callJit(jitted, args), "twin");
}

TEST(Freeze, ObjectsOfOneClassFromManyThreads) {
  REQUIRE_FIXTURES();
  Module reference = loadFixture("twin", true), jitted = loadFixture("twin", true);
  auto args = argsOf("twin");
  IValue expected[2] = {callInterpreted(reference.submodule("a"), args), callInterpreted(reference.submodule("b"), args)};
  installExecutor();
  Module subs[2] = {jitted.submodule("a"), jitted.submodule("b")};
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        int which = (t + i) % 2;
        Tensor e = expected[which].toTensor(), a = subs[which].forward(args).toTensor();
        for (int64_t k = 0; k < e.numel(); ++k)
          if (std::abs(e.at(k).toDouble() - a.at(k).toDouble()) > 1e-4) {
            mismatches.fetch_add(1);
            break;
          }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Freeze, WrittenAndMutatedAttributesStayAttributes) {
  REQUIRE_FIXTURES();
  Module m = loadFixture("mutating", true);
  callInterpreted(m, argsOf("mutating"));
  auto g = forwardGraph(m);
  FreezeStats s = freezeModule(*g, *m.object());
  EXPECT_GT(s.frozen, 0);
  EXPECT_GT(s.written, 0);
  // w (add_), running_mean (add_) and count (prim::SetAttr) stay reads.
  EXPECT_GT(count(g->block(), "prim::GetAttr", "w"), 0);
  EXPECT_GT(count(g->block(), "prim::GetAttr", "running_mean"), 0);
  EXPECT_GT(count(g->block(), "prim::GetAttr", "count"), 0);
  // The conv weight is frozen, but the norm's mean is not a constant: no fold.
  EXPECT_EQ(count(g->block(), "prim::GetAttr", "weight"), 0);
  passes::propagateConstants(*g);
  EXPECT_EQ(foldConvBatchNorm(*g), 0);
  // Each call sees the state the previous one left.
  expectJitMatchesInterpreter("mutating", /*eval=*/true, 4);
}

}  // namespace
}  // namespace wick::jit

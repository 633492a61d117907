// wick::load and wick::Module on archives that scripts/make_fixtures.py
// writes with PyTorch (skipped where /usr/bin/python3 has no torch).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "serialize/torch_save.h"
#include "wick/error.h"
#include "wick/module.h"

namespace wick {
namespace {

namespace fs = std::filesystem;

// A folder of its own per process (ctest runs each test as a process, some
// at once), removed at exit.
struct FixtureFolder {
  fs::path path = fs::path(WICK_TEST_GEN_DIR) / ("module_load_" + std::to_string(::getpid()));
  ~FixtureFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Makes the fixtures once per process; empty when torch is missing.
const std::string& fixtureDir() {
  static FixtureFolder folder;
  static const std::string dir = [] {
    const fs::path& d = folder.path;
    fs::create_directories(d);
    std::string cmd = "/usr/bin/python3 " + std::string(WICK_TEST_DATA_DIR) + "/../../scripts/make_fixtures.py " +
                      d.string() + " mlp submodule helpers > /dev/null 2>&1";
    return std::system(cmd.c_str()) == 0 ? d.string() : std::string();
  }();
  return dir;
}

#define REQUIRE_FIXTURES()                                                       \
  if (fixtureDir().empty()) GTEST_SKIP() << "/usr/bin/python3 cannot make fixtures (no torch)"

std::vector<IValue> argsOf(const std::string& name) {
  IValue saved = serialize::loadTorchSaved(fixtureDir() + "/" + name + ".args.pt");
  return saved.toTuple()->elements;
}

double maxDiff(const Tensor& a, const Tensor& b) {
  Tensor x = a.contiguous(), y = b.contiguous();
  EXPECT_EQ(x.numel(), y.numel());
  double d = 0;
  for (int64_t i = 0; i < x.numel(); ++i) d = std::max(d, double(std::abs(x.data<float>()[i] - y.data<float>()[i])));
  return d;
}

TEST(ModuleLoad, ForwardMatchesTorchScript) {
  REQUIRE_FIXTURES();
  Module m = load(fixtureDir() + "/mlp.pt");
  m.eval();
  IValue expected = serialize::loadTorchSaved(fixtureDir() + "/mlp.expected.pt");
  IValue y = m.forward(argsOf("mlp"));
  EXPECT_LT(maxDiff(y.toTensor(), expected.toTensor()), 1e-5);
  EXPECT_EQ(m.typeName(), "__torch__.Mlp");
}

TEST(ModuleLoad, NamedParametersWalkSubmodulesInOrder) {
  REQUIRE_FIXTURES();
  Module m = load(fixtureDir() + "/mlp.pt");
  auto params = m.named_parameters();
  std::vector<std::string> names;
  for (auto& [name, t] : params) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}));
  EXPECT_EQ(params[0].second.size(0), 16);
  EXPECT_TRUE(m.named_parameters(false).empty());
}

TEST(ModuleLoad, EvalClearsTrainingEverywhere) {
  REQUIRE_FIXTURES();
  Module m = load(fixtureDir() + "/submodule.pt");
  m.eval();
  EXPECT_FALSE(m.attr("training").toBool());
  EXPECT_FALSE(m.submodule("inner").attr("training").toBool());
}

TEST(ModuleLoad, OtherMethodsAndDefaults) {
  REQUIRE_FIXTURES();
  Module m = load(fixtureDir() + "/helpers.pt");
  Tensor x = argsOf("helpers")[0].toTensor();
  // scaled(x, scale=3.0, shift=False): the defaults fill in.
  Tensor y = m.runMethod("scaled", {IValue(x)}).toTensor();
  EXPECT_NEAR(y.contiguous().data<float>()[0], 3 * x.contiguous().data<float>()[0], 1e-5);
  EXPECT_TRUE(m.hasMethod("scaled"));
  EXPECT_FALSE(m.hasMethod("nope"));
}

TEST(ModuleLoad, ErrorsNameTheProblem) {
  REQUIRE_FIXTURES();
  Module m = load(fixtureDir() + "/helpers.pt");
  try {
    m.runMethod("nope", {});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("has no method 'nope'"), std::string::npos) << e.what();
  }
  try {
    m.forward({});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("takes 1 arguments besides self, 0 given"), std::string::npos) << e.what();
  }
  EXPECT_THROW(load(fixtureDir() + "/missing.pt"), Error);
}

TEST(ModuleLoad, ManyThreadsCallForwardAtOnce) {
  REQUIRE_FIXTURES();
  Module m = load(fixtureDir() + "/submodule.pt");
  m.eval();
  std::vector<IValue> args = argsOf("submodule");
  Tensor expected = serialize::loadTorchSaved(fixtureDir() + "/submodule.expected.pt").toTensor();
  std::vector<double> diffs(4, 1.0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < diffs.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) diffs[t] = maxDiff(m.forward(args).toTensor(), expected);
    });
  }
  for (auto& th : threads) th.join();
  for (double d : diffs) EXPECT_LT(d, 1e-5);
}

}  // namespace
}  // namespace wick

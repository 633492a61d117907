// Deterministic mutations of the PyTorch fixtures: the parsers must either
// accept the text (and then lint and round-trip) or throw wick::Error, never
// crash or hang.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "ir/parser.h"
#include "ir/schema.h"

namespace wick::ir {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> fixtureTexts() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(fs::path(WICK_TEST_DATA_DIR) / "ir")) {
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string mutate(std::string s, std::mt19937& rng) {
  static const std::string kChars = "%()[]{}:,=#<>\"'\\.-_0123456789abcTensorblock\n -> ?*!|";
  auto pick = [&](size_t n) {
    return n == 0 ? size_t{0} : std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  };
  int edits = 1 + static_cast<int>(pick(4));
  for (int i = 0; i < edits && !s.empty(); ++i) {
    size_t pos = pick(s.size());
    switch (pick(5)) {
      case 0:
        s.erase(pos, 1 + pick(8));
        break;
      case 1:
        s.insert(pos, 1, kChars[pick(kChars.size())]);
        break;
      case 2:
        s[pos] = kChars[pick(kChars.size())];
        break;
      case 3:
        s.resize(pos);
        break;
      default: {
        size_t from = pick(s.size());
        s.insert(pos, s.substr(from, 1 + pick(40)));
      }
    }
  }
  return s;
}

// WICK_FUZZ_ITERS=N runs N mutations per fixture instead of 300.
int iterations() {
  const char* env = std::getenv("WICK_FUZZ_ITERS");
  return env ? std::atoi(env) : 300;
}

TEST(ParserFuzzTest, MutatedGraphsNeverCrash) {
  const char* seed = std::getenv("WICK_FUZZ_SEED");
  std::mt19937 rng(seed ? static_cast<unsigned>(std::atoi(seed)) : 1234u);
  size_t accepted = 0, rejected = 0;
  for (const std::string& text : fixtureTexts()) {
    for (int i = 0; i < iterations(); ++i) {
      std::string m = mutate(text, rng);
      try {
        auto g = parseGraph(m, "fuzz.txt");
        g->lint();
        std::string once = g->str(true);
        EXPECT_EQ(parseGraph(once)->str(true), once) << m;
        ++accepted;
      } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()).rfind("fuzz.txt:", 0), 0u) << e.what();
        ++rejected;
      }
    }
  }
  EXPECT_GT(rejected, 0u);
  EXPECT_GT(accepted, 0u);
}

TEST(ParserFuzzTest, MutatedSchemasNeverCrash) {
  std::mt19937 rng(99);
  const std::string base =
      "aten::f.o(Tensor(a!) self, int[2] s=[0,1], *, float? e=1e-05, str r=\"m\", t(c -> *) el, Tensor?[] i) "
      "-> (Tensor(a)[] values, Dict(str, t) d)";
  for (int i = 0; i < 2000; ++i) {
    std::string m = mutate(base, rng);
    try {
      FunctionSchema s = parseSchema(m);
      EXPECT_EQ(parseSchema(s.str()).str(), s.str()) << m;
    } catch (const Error&) {
    }
    try {
      parseType(m);
    } catch (const Error&) {
    }
  }
}

}  // namespace
}  // namespace wick::ir

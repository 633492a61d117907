// Every graph PyTorch 1.13 printed (tests/data/ir, made by
// scripts/make_ir_fixtures.py) parses, prints back as PyTorch printed it and
// round-trips.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ir/parser.h"

namespace wick::ir {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> splitLines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string line; std::getline(ss, line);) out.push_back(line);
  return out;
}

std::string stripComment(const std::string& line) {
  size_t hash = line.find(" # ");
  return hash == std::string::npos ? line : line.substr(0, hash);
}

std::string stripComments(const std::string& text) {
  std::string out;
  for (const std::string& l : splitLines(text)) out += stripComment(l) + "\n";
  return out;
}

std::vector<fs::path> fixtures() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(WICK_TEST_DATA_DIR) / "ir"))
    if (e.path().extension() == ".txt") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FixtureTest, ThereAreEnoughFixtures) { EXPECT_GE(fixtures().size(), 12u); }

TEST(FixtureTest, PrintsWhatPyTorchPrinted) {
  for (const fs::path& p : fixtures()) {
    SCOPED_TRACE(p.filename().string());
    std::string text = readFile(p);
    std::shared_ptr<Graph> g = parseGraph(text, p.filename().string());
    EXPECT_EQ(g->str(), stripComments(text));
  }
}

TEST(FixtureTest, SourceCommentsBecomeLocations) {
  for (const fs::path& p : fixtures()) {
    SCOPED_TRACE(p.filename().string());
    std::string text = readFile(p);
    std::vector<std::string> want = splitLines(text);
    std::vector<std::string> got = splitLines(parseGraph(text, p.filename().string())->str(true));
    ASSERT_EQ(got.size(), want.size());
    // Nodes PyTorch printed without a comment are located in the text.
    for (size_t i = 0; i < want.size(); ++i) {
      if (want[i].find(" # ") == std::string::npos)
        EXPECT_EQ(stripComment(got[i]), want[i]);
      else
        EXPECT_EQ(got[i], want[i]);
    }
  }
}

TEST(FixtureTest, RoundTripsAndCopies) {
  for (const fs::path& p : fixtures()) {
    SCOPED_TRACE(p.filename().string());
    std::shared_ptr<Graph> g = parseGraph(readFile(p), p.filename().string());
    std::string once = g->str(true);
    std::string twice = parseGraph(once)->str(true);
    EXPECT_EQ(once, twice);
    std::shared_ptr<Graph> c = g->copy();
    c->lint();
    EXPECT_EQ(c->str(true), once);
  }
}

}  // namespace
}  // namespace wick::ir

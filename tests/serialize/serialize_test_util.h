// Helpers shared by the serialize tests: fixture paths, file bytes, a
// ClassInfo for test class resolvers, and error expectations.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "wick/error.h"
#include "wick/ivalue.h"

namespace wick::serialize::testing {

// tests/data/serialize/<name>
std::string fixture(const std::string& name);
// A fresh path under the build's fixture folder.
std::string tempPath(const std::string& name);
std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& bytes);
// The repository root (for scripts/).
std::string repoRoot();
// True when /usr/bin/python3 can import torch.
bool haveTorch();

// A class with a fixed list of attributes, as a resolver would return.
class TestClass : public ClassInfo {
 public:
  TestClass(std::string name, std::vector<std::string> attrs)
      : name_(std::move(name)), attrs_(std::move(attrs)) {}
  const std::string& qualifiedName() const override { return name_; }
  size_t numAttributes() const override { return attrs_.size(); }
  const std::string& attributeName(size_t slot) const override { return attrs_[slot]; }
  int64_t findAttribute(std::string_view name) const override {
    for (size_t i = 0; i < attrs_.size(); ++i)
      if (attrs_[i] == name) return static_cast<int64_t>(i);
    return -1;
  }

 private:
  std::string name_;
  std::vector<std::string> attrs_;
};

}  // namespace wick::serialize::testing

// Expects `stmt` to throw wick::Error whose message contains `substr`.
#define EXPECT_WICK_ERROR(stmt, substr)                                              \
  do {                                                                               \
    try {                                                                            \
      stmt;                                                                          \
      ADD_FAILURE() << "expected wick::Error containing '" << (substr) << "'";      \
    } catch (const ::wick::Error& e) {                                               \
      EXPECT_NE(std::string(e.what()).find(substr), std::string::npos) << e.what(); \
    }                                                                                \
  } while (0)

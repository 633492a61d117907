// Fixture paths and file helpers for the serialize tests.
#include "serialize_test_util.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace wick::serialize::testing {

std::string fixture(const std::string& name) { return std::string(WICK_TEST_DATA_DIR) + "/serialize/" + name; }

std::string tempPath(const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(WICK_TEST_GEN_DIR) / "serialize";
  std::filesystem::create_directories(dir);
  std::filesystem::path p = dir / name;
  std::filesystem::remove(p);
  return p.string();
}

std::string readFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string repoRoot() {
  return std::filesystem::weakly_canonical(std::filesystem::path(WICK_TEST_DATA_DIR) / ".." / "..").string();
}

bool haveTorch() {
  static const bool have = std::system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") == 0;
  return have;
}

}  // namespace wick::serialize::testing

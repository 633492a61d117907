// The table of WICK_* flags and their validation.
#include "core/flags.h"

#include <fmt/format.h>

#include <cstdlib>
#include <thread>

#include "core/check.h"

extern char** environ;

namespace wick {
namespace {

struct FlagInfo {
  const char* name;
  const char* def;
  const char* help;
};

constexpr FlagInfo kFlags[] = {
    {"WICK_JIT", "1", "1: profile, then run optimized code; 0: the interpreter alone"},
    {"WICK_PROFILING_RUNS", "1", "profiled calls before a method is optimized (0-1000)"},
    {"WICK_FUSER", "llvm", "backend for fusion groups: llvm | interp (kernel IR evaluator) | none (no fusion)"},
    {"WICK_MAX_SPECIALIZATIONS", "8", "specializations per region before a dynamic-shape kernel (1-64)"},
    {"WICK_FREEZE", "1", "1: eval-mode modules' attributes become constants when optimized (conv + batch norm folded); 0: off"},
    {"WICK_WINOGRAD", "1", "1: hot float32 3x3 stride-1 convolutions (>= 24 channels in and out, >= 14x14 outputs) use oneDNN's Winograd; 0: direct only"},
    {"WICK_NUM_THREADS", "cores", "intra-op threads (1-1024)"},
    {"WICK_DONT_FUSE", "", "colon-separated operators the fuser leaves alone, e.g. aten::exp:aten::tanh"},
    {"WICK_LOG", "", "comma-separated components or passes to log, each optionally =LEVEL (1-3)"},
    {"WICK_DUMP", "", "comma-separated: ir, fused, kernel, llvm, asm, cuda, ptx"},
    {"WICK_DUMP_DIR", "", "folder for dumps (default: stderr)"},
};

int parseInt(const std::string& name, const std::string& v, int lo, int hi) {
  char* end = nullptr;
  errno = 0;
  long x = std::strtol(v.c_str(), &end, 10);
  WICK_CHECK(!v.empty() && end && *end == '\0' && errno == 0 && x >= lo && x <= hi,
             "invalid value '{}' for {}: expected an integer in [{}, {}]", v, name, lo, hi);
  return static_cast<int>(x);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t p = s.find(sep, start);
    if (p == std::string::npos) p = s.size();
    if (p > start) out.push_back(s.substr(start, p - start));
    start = p + 1;
  }
  return out;
}

}  // namespace

Flags Flags::parse(const std::vector<std::pair<std::string, std::string>>& env) {
  Flags f;
  unsigned hc = std::thread::hardware_concurrency();
  f.num_threads = hc ? static_cast<int>(hc) : 1;
  for (const auto& [name, value] : env) {
    if (name.rfind("WICK_", 0) != 0) continue;
    bool known = false;
    for (const auto& fi : kFlags) known |= name == fi.name;
    if (!known) {
      std::string names;
      for (const auto& fi : kFlags) names += std::string(names.empty() ? "" : ", ") + fi.name;
      WICK_FAIL("unknown flag {} in the environment; known flags: {}", name, names);
    }
    if (name == "WICK_JIT") {
      WICK_CHECK(value == "0" || value == "1", "invalid value '{}' for WICK_JIT: expected 0 or 1", value);
      f.jit = value == "1";
    } else if (name == "WICK_PROFILING_RUNS") {
      f.profiling_runs = parseInt(name, value, 0, 1000);
    } else if (name == "WICK_FUSER") {
      WICK_CHECK(value == "llvm" || value == "interp" || value == "none",
                 "invalid value '{}' for WICK_FUSER: expected llvm, interp or none", value);
      f.fuser = value;
    } else if (name == "WICK_MAX_SPECIALIZATIONS") {
      f.max_specializations = parseInt(name, value, 1, 64);
    } else if (name == "WICK_FREEZE") {
      WICK_CHECK(value == "0" || value == "1", "invalid value '{}' for WICK_FREEZE: expected 0 or 1", value);
      f.freeze = value == "1";
    } else if (name == "WICK_WINOGRAD") {
      WICK_CHECK(value == "0" || value == "1", "invalid value '{}' for WICK_WINOGRAD: expected 0 or 1", value);
      f.winograd = value == "1";
    } else if (name == "WICK_NUM_THREADS") {
      f.num_threads = parseInt(name, value, 1, 1024);
    } else if (name == "WICK_DONT_FUSE") {
      f.dont_fuse.clear();
      // Operator names contain "::", so split on single colons between names.
      std::string cur;
      for (size_t i = 0; i < value.size(); ++i) {
        if (value[i] == ':' && i + 1 < value.size() && value[i + 1] == ':') {
          cur += "::";
          ++i;
        } else if (value[i] == ':') {
          if (!cur.empty()) f.dont_fuse.push_back(cur);
          cur.clear();
        } else {
          cur += value[i];
        }
      }
      if (!cur.empty()) f.dont_fuse.push_back(cur);
      for (const auto& op : f.dont_fuse)
        WICK_CHECK(op.find("::") != std::string::npos,
                   "invalid entry '{}' in WICK_DONT_FUSE: expected a qualified name like aten::exp", op);
    } else if (name == "WICK_LOG") {
      // Components and passes that log (jit/optimize.cpp names the passes).
      static const char* names[] = {"all", "profile", "executor", "specialize", "dead_code_elimination",
                                    "common_subexpression_elimination", "constant_propagation", "peephole",
                                    "unroll_small_loops", "freeze", "fold_conv_bn", "fuse_epilogues", "fuser", "forget_profile", "lower",
                                    "llvm", "cuda"};
      for (const auto& item : split(value, ',')) {
        auto eq = item.find('=');
        if (eq != std::string::npos) parseInt("WICK_LOG level of " + item.substr(0, eq), item.substr(eq + 1), 1, 3);
        std::string component = item.substr(0, eq);
        bool ok = false;
        for (const char* n : names) ok |= component == n;
        if (!ok) {
          std::string known;
          for (const char* n : names) known += std::string(known.empty() ? "" : ", ") + n;
          WICK_FAIL("invalid entry '{}' in WICK_LOG: expected any of {}", component, known);
        }
      }
      f.log = value;
    } else if (name == "WICK_DUMP") {
      static const char* kinds[] = {"ir", "fused", "kernel", "llvm", "asm", "cuda", "ptx"};
      for (const auto& item : split(value, ',')) {
        bool ok = false;
        for (const char* k : kinds) ok |= item == k;
        WICK_CHECK(ok, "invalid entry '{}' in WICK_DUMP: expected any of ir, fused, kernel, llvm, asm, cuda, ptx", item);
        f.dump.push_back(item);
      }
    } else if (name == "WICK_DUMP_DIR") {
      f.dump_dir = value;
    }
  }
  return f;
}

const Flags& Flags::get() {
  static const Flags flags = [] {
    std::vector<std::pair<std::string, std::string>> env;
    for (char** e = environ; e && *e; ++e) {
      std::string kv(*e);
      auto eq = kv.find('=');
      if (eq == std::string::npos) continue;
      env.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
    return parse(env);
  }();
  return flags;
}

std::vector<std::pair<std::string, std::string>> Flags::inEffect() const {
  auto join = [](const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
    return s;
  };
  return {
      {"WICK_JIT", jit ? "1" : "0"},
      {"WICK_PROFILING_RUNS", std::to_string(profiling_runs)},
      {"WICK_FUSER", fuser},
      {"WICK_MAX_SPECIALIZATIONS", std::to_string(max_specializations)},
      {"WICK_FREEZE", freeze ? "1" : "0"},
      {"WICK_WINOGRAD", winograd ? "1" : "0"},
      {"WICK_NUM_THREADS", std::to_string(num_threads)},
      {"WICK_DONT_FUSE", join(dont_fuse, ":")},
      {"WICK_LOG", log},
      {"WICK_DUMP", join(dump, ",")},
      {"WICK_DUMP_DIR", dump_dir},
  };
}

std::string Flags::describe() {
  std::string s;
  for (const auto& fi : kFlags) s += fmt::format("  {:<26} default {:<6} {}\n", fi.name, fi.def[0] ? fi.def : "-", fi.help);
  return s;
}

}  // namespace wick

#include "jit/telemetry.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "core/flags.h"

namespace wick::jit {

void Telemetry::addOptimizeMs(double ms) {
  std::lock_guard<std::mutex> lock(mu_);
  optimizeMs_ += ms;
}

void Telemetry::addKernel(const std::string& name, double ms, bool dynamic, bool reused) {
  bump(dynamic ? dynamicKernels : specializations);
  if (reused) bump(kernelsReused);
  std::lock_guard<std::mutex> lock(mu_);
  kernelCompileMs_ += ms;
  kernels_.push_back({name, ms, dynamic, reused});
}

MethodStats Telemetry::snapshot(const std::string& method) const {
  auto get = [](const std::atomic<int64_t>& c) { return c.load(std::memory_order_relaxed); };
  MethodStats s;
  s.method = method;
  s.calls = get(calls);
  s.interpreterCalls = get(interpreterCalls);
  s.profilingCalls = get(profilingCalls);
  s.optimizedCalls = get(optimizedCalls);
  s.optimizedAtCall = get(optimizedAtCall);
  s.fusionGroups = get(fusionGroups);
  s.guardChecks = get(guardChecks);
  s.guardFailures = get(guardFailures);
  s.fallbackRuns = get(fallbackRuns);
  s.specializations = get(specializations);
  s.dynamicKernels = get(dynamicKernels);
  s.kernelsReused = get(kernelsReused);
  s.compileFailures = get(compileFailures);
  std::lock_guard<std::mutex> lock(mu_);
  s.optimizeMs = optimizeMs_;
  s.kernelCompileMs = kernelCompileMs_;
  s.kernels = kernels_;
  return s;
}

namespace {

// WICK_LOG parsed once: name -> level.
struct LogConfig {
  std::vector<std::pair<std::string, int>> entries;
  LogConfig() {
    const std::string& spec = Flags::get().log;
    size_t start = 0;
    while (start <= spec.size()) {
      size_t comma = spec.find(',', start);
      if (comma == std::string::npos) comma = spec.size();
      std::string item = spec.substr(start, comma - start);
      start = comma + 1;
      if (item.empty()) continue;
      int level = 1;
      if (size_t eq = item.find('='); eq != std::string::npos) {
        level = std::atoi(item.c_str() + eq + 1);
        item.resize(eq);
      }
      entries.emplace_back(item, level);
    }
  }
};

const LogConfig& logConfig() {
  static const LogConfig c;
  return c;
}

std::mutex& outputMutex() {
  static std::mutex m;
  return m;
}

}  // namespace

bool logEnabled(std::string_view component, int level) {
  for (const auto& [name, lv] : logConfig().entries)
    if ((name == component || name == "all") && level <= lv) return true;
  return false;
}

void logLine(std::string_view component, const std::string& text) {
  std::lock_guard<std::mutex> lock(outputMutex());
  std::fprintf(stderr, "[wick %.*s] %s\n", static_cast<int>(component.size()), component.data(), text.c_str());
}

bool dumpEnabled(std::string_view kind) {
  for (const auto& k : Flags::get().dump)
    if (k == kind) return true;
  return false;
}

void dump(std::string_view kind, const std::string& name, const std::string& text) {
  const std::string& dir = Flags::get().dump_dir;
  std::lock_guard<std::mutex> lock(outputMutex());
  if (dir.empty()) {
    std::fprintf(stderr, "=== WICK_DUMP=%.*s %s ===\n%s\n", static_cast<int>(kind.size()), kind.data(),
                 name.c_str(), text.c_str());
    return;
  }
  std::string file;
  for (char c : name) file += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
  std::ofstream out(fmt::format("{}/{}.{}.txt", dir, file, kind), std::ios::app);
  if (out) out << text << "\n";
  else std::fprintf(stderr, "wick: cannot write the %.*s dump of %s under %s\n", static_cast<int>(kind.size()),
                    kind.data(), name.c_str(), dir.c_str());
}

}  // namespace wick::jit

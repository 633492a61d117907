// The JIT's counters per method (Module::stats(), `wick run --stats`, `wick
// bench`), and its logging and dumps (WICK_LOG, WICK_DUMP, WICK_DUMP_DIR).
//
// Counters are relaxed atomics bumped on the hot path; times and the list of
// kernel compile times sit behind a mutex (they change only when compiling).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "wick/method_stats.h"

namespace wick::jit {

struct Telemetry {
  std::atomic<int64_t> calls{0}, interpreterCalls{0}, profilingCalls{0}, optimizedCalls{0};
  std::atomic<int64_t> optimizedAtCall{0};
  std::atomic<int64_t> fusionGroups{0};
  std::atomic<int64_t> guardChecks{0}, guardFailures{0}, fallbackRuns{0};
  std::atomic<int64_t> specializations{0}, dynamicKernels{0}, kernelsReused{0}, compileFailures{0};

  static void bump(std::atomic<int64_t>& c) { c.fetch_add(1, std::memory_order_relaxed); }
  void addOptimizeMs(double ms);
  void addKernel(const std::string& name, double ms, bool dynamic, bool reused = false);
  MethodStats snapshot(const std::string& method) const;

 private:
  mutable std::mutex mu_;
  double optimizeMs_ = 0;
  double kernelCompileMs_ = 0;
  std::vector<MethodStats::Kernel> kernels_;
};

// WICK_LOG: whether `component` (a pass or JIT component name: "executor",
// "fuser", "dead_code_elimination", ...) is logged at `level` (1-3; a bare
// name means 1, "all" names every component).
bool logEnabled(std::string_view component, int level = 1);
// One line on stderr: "[wick executor] text".
void logLine(std::string_view component, const std::string& text);

// WICK_DUMP: whether `kind` ("ir", "fused", "kernel", ...) is dumped.
bool dumpEnabled(std::string_view kind);
// Writes `text` to WICK_DUMP_DIR/<name>.<kind>.txt (name made file-safe;
// appended to, so successive dumps of one name stay in order), or to
// stderr under a header line when WICK_DUMP_DIR is unset.
void dump(std::string_view kind, const std::string& name, const std::string& text);

}  // namespace wick::jit

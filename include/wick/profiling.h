// Per-operator timing of the interpreter: which ops a model's time goes to.
// Off by default; `wick bench --profile` turns it on for the timed calls.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wick {

struct OpProfileEntry {
  std::string op;        // the node kind, e.g. "aten::conv2d"
  int64_t calls = 0;
  double total_ms = 0;   // wall time inside the op, all threads together
};

// Starts or stops recording (from any thread; calls in flight may be missed).
void setOpProfiling(bool on);
// What was recorded since the last reset, the most expensive op first.
std::vector<OpProfileEntry> opProfile();
void resetOpProfile();

// The CPU caching allocator's counters since start-up: a steady-state call
// should add cache hits only, never system allocations.
struct MemoryStats {
  int64_t system_allocs = 0;  // blocks that came from the system allocator
  int64_t cache_hits = 0;     // blocks reused from the cache
  int64_t allocated_bytes = 0;
  int64_t cached_bytes = 0;
};
MemoryStats memoryStats();

}  // namespace wick

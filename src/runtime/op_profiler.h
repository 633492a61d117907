// The interpreter's per-op timer behind wick/profiling.h: one relaxed load
// per op call when off. WICK_LOG=profile turns it on at start-up and prints
// the table on stderr at exit.
#pragma once

#include <atomic>
#include <cstdint>

namespace wick::ir {
class Node;
}

namespace wick::interp {

extern std::atomic<int> g_opProfiling;  // 0: WICK_LOG not read yet, 1: off, 2: on
bool initOpProfiling();

inline bool opProfilingOn() {
  int s = g_opProfiling.load(std::memory_order_relaxed);
  if (s == 1) [[likely]]
    return false;
  return s == 2 || initOpProfiling();
}
// Adds one call of `node` that took `ns` nanoseconds.
void recordOpTime(const ir::Node* node, int64_t ns);

}  // namespace wick::interp

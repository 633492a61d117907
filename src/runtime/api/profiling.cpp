// wick/profiling.h's allocator counters (the op timer is in op_profiler.cpp).
#include "core/allocator.h"
#include "wick/profiling.h"

namespace wick {

MemoryStats memoryStats() {
  AllocatorStats s = cpuAllocatorStats();
  return {s.system_allocs, s.cache_hits, s.allocated_bytes, s.cached_bytes};
}

}  // namespace wick

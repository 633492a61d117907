// The CPU caching allocator: 64-byte aligned blocks, recycled by size class
// so that steady-state calls never return to the system allocator.
#pragma once

#include <cstddef>
#include <cstdint>

namespace wick {

struct AllocatorStats {
  int64_t allocated_bytes = 0;  // handed out now
  int64_t cached_bytes = 0;     // held in free lists
  int64_t system_allocs = 0;    // calls that reached the system allocator
  int64_t cache_hits = 0;
};

// Returns a block of at least nbytes, aligned to 64 bytes. nbytes may be 0.
void* cpuAllocate(size_t nbytes);
// Returns a block obtained from cpuAllocate with the same nbytes.
void cpuFree(void* p, size_t nbytes);
// Releases every cached block to the system.
void cpuEmptyCache();
AllocatorStats cpuAllocatorStats();

}  // namespace wick

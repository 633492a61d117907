// Size-class caching allocator. Small blocks go through a per-thread cache
// (no lock on the hot path of the interpreter's scalar tensors); larger ones
// through a global cache under one mutex. The cache is bounded: above the
// limit, freed blocks go back to the system.
#include "core/allocator.h"

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

namespace wick {
namespace {

constexpr size_t kAlign = 64;
constexpr size_t kSmallLimit = 4096;           // bytes; per-thread cache below this
constexpr size_t kThreadCacheBlocks = 64;      // per small class and thread
constexpr size_t kMaxCachedBytes = size_t(2) << 30;  // global cache bound

// Size classes: multiples of 64 up to 4 KiB (64 classes), then four classes
// per power of two (at most 25% waste).
size_t classIndex(size_t n, size_t* rounded) {
  if (n <= kSmallLimit) {
    size_t c = (n + kAlign - 1) / kAlign;
    if (c == 0) c = 1;
    *rounded = c * kAlign;
    return c - 1;
  }
  int lg = 63 - __builtin_clzll(n - 1);  // 2^lg < n <= 2^(lg+1)
  size_t base = size_t(1) << lg;
  size_t step = base / 4;
  size_t k = (n - base + step - 1) / step;  // 1..4
  *rounded = base + k * step;
  return 64 + static_cast<size_t>(lg - 12) * 4 + (k - 1);
}
constexpr size_t kNumClasses = 64 + 52 * 4;

std::atomic<int64_t> g_allocated{0};
std::atomic<int64_t> g_system{0};
std::atomic<int64_t> g_hits{0};

struct GlobalCache {
  std::mutex mu;
  std::vector<void*> lists[kNumClasses];
  size_t cached_bytes = 0;

  ~GlobalCache() { releaseAll(); }
  void releaseAll() {
    std::lock_guard<std::mutex> g(mu);
    for (auto& l : lists) {
      for (void* p : l) std::free(p);
      l.clear();
    }
    cached_bytes = 0;
  }
};

GlobalCache& global() {
  static GlobalCache* g = new GlobalCache();  // never destroyed: outlives thread caches
  return *g;
}

void* systemAlloc(size_t rounded) {
  g_system.fetch_add(1, std::memory_order_relaxed);
  void* p = std::aligned_alloc(kAlign, rounded);
  if (!p) throw std::bad_alloc();
  return p;
}

// 0: not created yet, 1: alive, 2: destroyed. A plain int stays readable
// while the thread's other thread_locals (and, on the main thread, statics
// holding tensors) are destroyed, so frees after the cache died go to the
// global cache instead of a destroyed vector.
thread_local int t_cache_state = 0;

struct ThreadCache {
  std::vector<void*> lists[kSmallLimit / kAlign];
  ~ThreadCache() {
    t_cache_state = 2;
    for (auto& l : lists) {
      for (void* p : l) std::free(p);
      l.clear();
    }
  }
};

ThreadCache* threadCache() {
  if (t_cache_state == 2) return nullptr;
  thread_local ThreadCache cache;
  t_cache_state = 1;
  return &cache;
}

}  // namespace

void* cpuAllocate(size_t nbytes) {
  size_t rounded;
  size_t c = classIndex(nbytes, &rounded);
  g_allocated.fetch_add(static_cast<int64_t>(rounded), std::memory_order_relaxed);
  if (rounded <= kSmallLimit) {
    if (ThreadCache* tc = threadCache()) {
      auto& l = tc->lists[c];
      if (!l.empty()) {
        void* p = l.back();
        l.pop_back();
        return p;
      }
    }
  }
  {
    GlobalCache& g = global();
    std::lock_guard<std::mutex> lock(g.mu);
    auto& l = g.lists[c];
    if (!l.empty()) {
      void* p = l.back();
      l.pop_back();
      g.cached_bytes -= rounded;
      g_hits.fetch_add(1, std::memory_order_relaxed);
      return p;
    }
  }
  return systemAlloc(rounded);
}

void cpuFree(void* p, size_t nbytes) {
  if (!p) return;
  size_t rounded;
  size_t c = classIndex(nbytes, &rounded);
  g_allocated.fetch_sub(static_cast<int64_t>(rounded), std::memory_order_relaxed);
  if (rounded <= kSmallLimit) {
    if (ThreadCache* tc = threadCache()) {
      auto& l = tc->lists[c];
      if (l.size() < kThreadCacheBlocks) {
        l.push_back(p);
        return;
      }
    }
  }
  GlobalCache& g = global();
  {
    std::lock_guard<std::mutex> lock(g.mu);
    if (g.cached_bytes + rounded <= kMaxCachedBytes) {
      g.lists[c].push_back(p);
      g.cached_bytes += rounded;
      return;
    }
  }
  std::free(p);
}

void cpuEmptyCache() { global().releaseAll(); }

AllocatorStats cpuAllocatorStats() {
  AllocatorStats s;
  s.allocated_bytes = g_allocated.load();
  s.system_allocs = g_system.load();
  s.cache_hits = g_hits.load();
  GlobalCache& g = global();
  std::lock_guard<std::mutex> lock(g.mu);
  s.cached_bytes = static_cast<int64_t>(g.cached_bytes);
  return s;
}

}  // namespace wick

// Core runtime support: the caching allocator, the intra-op pool and the
// WICK_* flag table.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/allocator.h"
#include "core/flags.h"
#include "core/parallel.h"
#include "wick/error.h"
#include "wick/tensor.h"

namespace wick {
namespace {

TEST(Allocator, ReusesFreedBlocks) {
  void* a = cpuAllocate(1 << 20);
  cpuFree(a, 1 << 20);
  int64_t before = cpuAllocatorStats().system_allocs;
  void* b = cpuAllocate(1 << 20);
  EXPECT_EQ(cpuAllocatorStats().system_allocs, before);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(b) % 64, 0u);
  cpuFree(b, 1 << 20);
  void* z = cpuAllocate(0);
  EXPECT_NE(z, nullptr);
  cpuFree(z, 0);
}

TEST(Parallel, CoversTheRangeOnce) {
  std::vector<std::atomic<int>> hits(100000);
  parallelFor(0, 100000, 1000, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) hits[i].fetch_add(1);
  });
  for (auto& h : hits) ASSERT_EQ(h.load(), 1);
}

TEST(Parallel, RethrowsAndServesManyCallers) {
  EXPECT_THROW(parallelFor(0, 1 << 20, 1, [](int64_t b, int64_t) {
                 if (b == 0) throw Error("boom");
               }),
               Error);
  std::vector<std::thread> ts;
  std::atomic<int64_t> total{0};
  for (int t = 0; t < 8; ++t) {
    ts.emplace_back([&] {
      for (int r = 0; r < 50; ++r)
        parallelFor(0, 10000, 100, [&](int64_t b, int64_t e) { total.fetch_add(e - b); });
    });
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(total.load(), 8 * 50 * 10000);
}

TEST(Flags, DefaultsAndValidation) {
  Flags f = Flags::parse({});
  EXPECT_TRUE(f.jit);
  EXPECT_EQ(f.profiling_runs, 1);
  EXPECT_EQ(f.max_specializations, 8);
  EXPECT_GE(f.num_threads, 1);
  Flags g = Flags::parse({{"WICK_NUM_THREADS", "2"}, {"WICK_DONT_FUSE", "aten::exp:aten::tanh"},
                          {"WICK_DUMP", "ir,kernel"}, {"PATH", "/bin"}});
  EXPECT_EQ(g.num_threads, 2);
  EXPECT_EQ(g.dont_fuse, (std::vector<std::string>{"aten::exp", "aten::tanh"}));
  EXPECT_EQ(g.dump.size(), 2u);
  try {
    Flags::parse({{"WICK_JTI", "1"}});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown flag WICK_JTI"), std::string::npos);
  }
  EXPECT_THROW(Flags::parse({{"WICK_NUM_THREADS", "zero"}}), Error);
  EXPECT_THROW(Flags::parse({{"WICK_NUM_THREADS", "0"}}), Error);
  EXPECT_THROW(Flags::parse({{"WICK_JIT", "yes"}}), Error);
  EXPECT_THROW(Flags::parse({{"WICK_DUMP", "ir,bogus"}}), Error);
  EXPECT_THROW(Flags::parse({{"WICK_DONT_FUSE", "exp"}}), Error);
  EXPECT_EQ(Flags::parse({{"WICK_FUSER", "interp"}}).fuser, "interp");
  EXPECT_THROW(Flags::parse({{"WICK_FUSER", "gcc"}}), Error);
  EXPECT_EQ(Flags::parse({{"WICK_LOG", "executor=2,fuser"}}).log, "executor=2,fuser");
  EXPECT_THROW(Flags::parse({{"WICK_LOG", "executor,bogus_pass"}}), Error);
  EXPECT_TRUE(f.winograd);
  EXPECT_FALSE(Flags::parse({{"WICK_WINOGRAD", "0"}}).winograd);
  EXPECT_THROW(Flags::parse({{"WICK_WINOGRAD", "on"}}), Error);
}

}  // namespace
}  // namespace wick

namespace wick {
namespace {

// A static that still holds small tensors when the main thread's
// thread-local cache is destroyed: freeing them at exit must not touch the
// dead cache (run under ASan/valgrind this used to corrupt the heap).
struct HeldAtExit {
  std::vector<Tensor> tensors;
};
HeldAtExit& heldAtExit() {
  static HeldAtExit h;
  return h;
}

TEST(Allocator, StaticsMayFreeAfterTheThreadCacheDies) {
  for (int i = 0; i < 100; ++i) heldAtExit().tensors.push_back(Tensor::zeros({4}, DType::Float32));
  std::thread t([] {
    // Blocks allocated on a thread that exits go back through its cache.
    std::vector<Tensor> local;
    for (int i = 0; i < 100; ++i) local.push_back(Tensor::zeros({8}, DType::Float32));
    heldAtExit().tensors.push_back(local[0]);
  });
  t.join();
  EXPECT_EQ(heldAtExit().tensors.size(), 101u);
}

}  // namespace
}  // namespace wick

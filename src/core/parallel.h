// The intra-op thread pool: parallelFor splits a range across
// WICK_NUM_THREADS threads (the caller is one of them).
#pragma once

#include <cstdint>
#include <type_traits>
#include <utility>

#include "wick/threading.h"

namespace wick {

// A non-owning reference to a callable: no allocation per parallel region.
template <typename Sig>
class FunctionRef;
template <typename R, typename... Args>
class FunctionRef<R(Args...)> {
 public:
  template <typename F>
  FunctionRef(F&& f)  // NOLINT: implicit by design
      : obj_(const_cast<void*>(static_cast<const void*>(&f))),
        call_([](void* o, Args... a) -> R { return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<Args>(a)...); }) {}
  R operator()(Args... a) const { return call_(obj_, std::forward<Args>(a)...); }

 private:
  void* obj_;
  R (*call_)(void*, Args...);
};

// True inside a parallel region: nested regions run serially.
bool inParallelRegion();

// Calls fn(chunkBegin, chunkEnd) over [begin, end), in chunks of at least
// `grain` elements, on the pool. Runs inline when the range is below grain,
// inside another region, or when the pool is busy with another caller's
// region. The first exception thrown by a chunk is rethrown here.
void parallelFor(int64_t begin, int64_t end, int64_t grain, FunctionRef<void(int64_t, int64_t)> fn);

}  // namespace wick

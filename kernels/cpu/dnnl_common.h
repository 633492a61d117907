// Private to the oneDNN kernels (convolution, linear): the engine, the
// OpenMP thread count, and the cache of primitives with their weights
// already in oneDNN's layout. Include only where WICK_WITH_DNNL is set.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kernels/cpu/epilogue.h"
#include "wick/tensor.h"

namespace wick::kernels::dnnl_common {

dnnl::engine& cpuEngine();

// oneDNN's OpenMP threads follow WICK_NUM_THREADS (one thread when called
// from inside a Wick parallel region, which must not oversubscribe).
void syncThreadCount();

// The memory a primitive keeps for scratch and for reordered activations
// comes from Wick's caching allocator: oneDNN's own would malloc and free
// megabytes per call.
Tensor scratchBuffer(const dnnl::memory::desc& md);

// The post-ops a plan was asked for: which epilogue (a residual sum, then
// an activation). A plan says separately whether its primitive applies
// them; one built without them (oneDNN offered only a reference kernel
// with them) is still cached under the request, so the next call does not
// try again.
struct PostKey {
  bool residual = false;
  EpilogueActivation activation = EpilogueActivation::None;
  bool operator==(const PostKey&) const = default;
  bool empty() const { return !residual && activation == EpilogueActivation::None; }
};

// The epilogue's post-ops: the residual as a sum into dst (dst holds the
// residual when the primitive runs), then the activation with PyTorch's
// parameters.
dnnl::post_ops postOps(const PostKey& k);

// Whether oneDNN picked one of its reference (slow, portable) kernels.
template <typename PrimitiveDesc>
bool isReference(const PrimitiveDesc& pd) {
  return std::string(pd.impl_info_str()).rfind("ref", 0) == 0;
}

// Prepared plans per weight tensor, keyed by the weight's storage and view
// (the storage is held, so its address cannot be reused by another tensor
// while cached). A weight keeps up to kPlansPerWeight plans (input shapes,
// epilogues), the least recently used going first; weights whose storage
// only the cache still holds are dropped, then the least recently used
// beyond kCapacity. In-place writes into a cached weight are not seen;
// models do not make them. Plans are read-only once built, so threads
// share them without a lock.
template <typename Plan>
class WeightPlanCache {
 public:
  static constexpr size_t kCapacity = 256;
  static constexpr size_t kPlansPerWeight = 8;

  // The plan of `w` that `match` accepts, or null. Counts a call of `w`
  // (see calls()) either way.
  template <typename Match>
  std::shared_ptr<Plan> find(const Tensor& w, Match&& match, int64_t* calls = nullptr) {
    std::lock_guard<std::mutex> lock(mu_);
    Entry& e = entry(w);
    e.lastUse = ++clock_;
    ++e.calls;
    if (calls) *calls = e.calls;
    for (auto& p : e.plans)
      if (match(*p)) return p;
    return nullptr;
  }

  // Adds `plan` for `w`, or puts it in place of `replaced` when given.
  void insert(const Tensor& w, std::shared_ptr<Plan> plan, const Plan* replaced = nullptr) {
    std::lock_guard<std::mutex> lock(mu_);
    Entry& e = entry(w);
    e.lastUse = ++clock_;
    for (auto& p : e.plans)
      if (p.get() == replaced) {
        p = std::move(plan);
        return;
      }
    if (e.plans.size() >= kPlansPerWeight) e.plans.erase(e.plans.begin());
    e.plans.push_back(std::move(plan));
  }

  // A plan of `w` satisfying `pred`, to share its prepared weights.
  template <typename Pred>
  std::shared_ptr<Plan> any(const Tensor& w, Pred&& pred) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& e : entries_)
      if (same(e, w))
        for (auto& p : e.plans)
          if (pred(*p)) return p;
    return nullptr;
  }

  void erase(const Tensor& w) {
    std::lock_guard<std::mutex> lock(mu_);
    std::erase_if(entries_, [&](const Entry& e) { return e.storage.get() == w.storage().get(); });
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.clear();
  }
  // Weights with at least one plan.
  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<size_t>(
        std::count_if(entries_.begin(), entries_.end(), [](const Entry& e) { return !e.plans.empty(); }));
  }
  template <typename Pred>
  size_t countPlans(Pred&& pred) {
    std::lock_guard<std::mutex> lock(mu_);
    size_t n = 0;
    for (auto& e : entries_)
      for (auto& p : e.plans) n += pred(*p) ? 1 : 0;
    return n;
  }

 private:
  struct Entry {
    Storage storage;
    const void* data = nullptr;
    DimVector sizes, strides;
    std::vector<std::shared_ptr<Plan>> plans;
    uint64_t lastUse = 0;
    int64_t calls = 0;
  };

  static bool same(const Entry& e, const Tensor& w) {
    return e.storage.get() == w.storage().get() && e.data == w.rawData() && IntArrayRef(e.sizes) == w.sizes() &&
           IntArrayRef(e.strides) == w.strides();
  }

  Entry& entry(const Tensor& w) {
    for (auto& e : entries_)
      if (same(e, w)) return e;
    std::erase_if(entries_, [](const Entry& e) { return e.storage->useCount() <= 1; });
    if (entries_.size() >= kCapacity) {
      auto oldest = std::min_element(entries_.begin(), entries_.end(),
                                     [](const Entry& a, const Entry& b) { return a.lastUse < b.lastUse; });
      entries_.erase(oldest);
    }
    entries_.push_back({w.storage(), w.rawData(), DimVector(w.sizes()), DimVector(w.strides()), {}, 0, 0});
    return entries_.back();
  }

  std::mutex mu_;
  std::vector<Entry> entries_;
  uint64_t clock_ = 0;
};

}  // namespace wick::kernels::dnnl_common

// Tier 0's profile: what the interpreter saw of each tensor value that feeds
// or leaves a fusible op, merged across the profiled calls.
//
// For each such value: dtype, sizes, strides (elements) and device. Merging
// two observations keeps what they agree on: a dim whose size differs
// becomes symbolic (nullopt), a dtype or device that differs becomes
// unknown, a different rank forgets sizes and strides. The merged facts are
// ir::TensorInfo, the same form a Tensor type carries in the IR, so the
// optimizer applies a profile by refining value types.
//
//   jit::Profile profile(graph, fuserOptions);        // which values to watch
//   jit::ProfilingRun run(profile);                     // one call's observer
//   run.recordInputs(inputs);  code->run(inputs, &run);
//   profile.merge(run);                                 // thread-safe
#pragma once

#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ir/graph.h"
#include "jit/fuser.h"
#include "runtime/interpreter.h"

namespace wick::jit {

// The facts of one tensor.
ir::TensorInfo tensorInfoOf(const Tensor& t);
// What `a` and `b` agree on (see the header comment).
ir::TensorInfo mergeTensorInfo(const ir::TensorInfo& a, const ir::TensorInfo& b);

class ProfilingRun;

class Profile {
 public:
  // Watches the tensor values of `graph` (and its nested blocks) that are
  // inputs or outputs of nodes isFusible under `opts`.
  Profile(const ir::Graph& graph, const FuserOptions& opts);

  bool watches(const ir::Value* v) const { return watched_.count(v) != 0; }
  size_t numWatched() const { return watched_.size(); }
  // Merges one profiled call; thread-safe.
  void merge(const ProfilingRun& run);
  // Number of merged calls.
  int runs() const;
  // A copy of what was seen, keyed by values of the profiled graph.
  std::unordered_map<const ir::Value*, ir::TensorInfo> snapshot() const;

 private:
  const ir::Graph& graph_;
  std::unordered_set<const ir::Value*> watched_;
  mutable std::mutex mu_;
  std::unordered_map<const ir::Value*, ir::TensorInfo> seen_;
  int runs_ = 0;
};

// The observer of one profiled call (used by one thread).
class ProfilingRun final : public RunObserver {
 public:
  explicit ProfilingRun(const Profile& profile) : profile_(profile) {}
  // The graph's inputs, before the call.
  void recordInputs(const ir::Graph& graph, const std::vector<IValue>& inputs);
  void onNodeOutputs(const ir::Node& node, const IValue* outputs, size_t n) override;

 private:
  friend class Profile;
  void record(const ir::Value* v, const IValue& x);
  const Profile& profile_;
  std::unordered_map<const ir::Value*, ir::TensorInfo> seen_;
};

// Gives each value of `copy` (a structural copy of `original`, from
// Graph::copy) the Tensor type with the facts `seen` recorded for its
// counterpart. Returns how many values were refined.
size_t applyProfile(const std::unordered_map<const ir::Value*, ir::TensorInfo>& seen, const ir::Graph& original,
                    ir::Graph& copy);

// Replaces every Tensor type with facts by plain Tensor (recursively in
// blocks and, when `subgraphs`, in FusionGroup subgraphs), e.g. so that the
// interpreter accepts a group's inputs whatever their shape.
void eraseTensorInfo(ir::Graph& graph);

}  // namespace wick::jit

// Profiling: recording and merging tensor facts, applying them to a copy.
#include "jit/profile.h"

#include "core/check.h"

namespace wick::jit {

using ir::TensorInfo;

namespace {

std::vector<std::optional<int64_t>> known(IntArrayRef xs) {
  return std::vector<std::optional<int64_t>>(xs.begin(), xs.end());
}

using Dims = std::optional<std::vector<std::optional<int64_t>>>;

// Dims agree where both know the same value; a rank mismatch forgets all.
Dims mergeDims(const Dims& a, const Dims& b) {
  if (!a || !b || a->size() != b->size()) return std::nullopt;
  std::vector<std::optional<int64_t>> out(a->size());
  for (size_t i = 0; i < a->size(); ++i)
    if ((*a)[i] && (*b)[i] && *(*a)[i] == *(*b)[i]) out[i] = (*a)[i];
  return out;
}

template <typename T>
std::optional<T> mergeField(const std::optional<T>& a, const std::optional<T>& b) {
  if (a && b && *a == *b) return a;
  return std::nullopt;
}

void collectWatched(const ir::Block& b, const FuserOptions& opts, std::unordered_set<const ir::Value*>& out) {
  for (const ir::Node* n : b) {
    for (const ir::Block* inner : n->blocks()) collectWatched(*inner, opts, out);
    if (!n->blocks().empty() || !isFusible(*n, opts)) continue;
    for (const ir::Value* v : n->inputs()) out.insert(v);
    for (const ir::Value* v : n->outputs()) out.insert(v);
  }
}

void mapBlocks(const ir::Block& a, ir::Block& b, std::unordered_map<const ir::Value*, ir::Value*>& map) {
  WICK_ASSERT(a.inputs().size() == b.inputs().size(), "applyProfile: block parameters differ");
  for (size_t i = 0; i < a.inputs().size(); ++i) map[a.inputs()[i]] = b.inputs()[i];
  auto ia = a.begin();
  auto ib = b.begin();
  for (; ia != a.end() && ib != b.end(); ++ia, ++ib) {
    const ir::Node* na = *ia;
    ir::Node* nb = *ib;
    WICK_ASSERT(na->kind() == nb->kind() && na->outputs().size() == nb->outputs().size() &&
                    na->blocks().size() == nb->blocks().size(),
                "applyProfile: the copy differs from the profiled graph at {}", na->kind().qualString());
    for (size_t i = 0; i < na->outputs().size(); ++i) map[na->output(i)] = nb->output(i);
    for (size_t i = 0; i < na->blocks().size(); ++i) mapBlocks(*na->blocks()[i], *nb->blocks()[i], map);
  }
  WICK_ASSERT(ia == a.end() && ib == b.end(), "applyProfile: the copy has a different number of nodes");
}

void eraseIn(ir::Block& b) {
  auto erase = [](ir::Value* v) {
    if (v->type() && v->type()->kind() == ir::TypeKind::Tensor && v->type()->tensorInfo())
      v->setType(ir::Type::tensor());
  };
  for (ir::Value* v : b.inputs()) erase(v);
  for (ir::Node* n : b) {
    for (ir::Value* v : n->outputs()) erase(v);
    for (ir::Block* inner : n->blocks()) eraseIn(*inner);
  }
}

}  // namespace

TensorInfo tensorInfoOf(const Tensor& t) {
  TensorInfo info;
  info.dtype = t.dtype();
  info.sizes = known(t.sizes());
  info.strides = known(t.strides());
  info.device = t.device();
  return info;
}

TensorInfo mergeTensorInfo(const TensorInfo& a, const TensorInfo& b) {
  TensorInfo out;
  out.dtype = mergeField(a.dtype, b.dtype);
  out.sizes = mergeDims(a.sizes, b.sizes);
  out.strides = mergeDims(a.strides, b.strides);
  out.device = mergeField(a.device, b.device);
  out.requires_grad = mergeField(a.requires_grad, b.requires_grad);
  return out;
}

Profile::Profile(const ir::Graph& graph, const FuserOptions& opts) : graph_(graph) {
  collectWatched(*graph.block(), opts, watched_);
}

void Profile::merge(const ProfilingRun& run) {
  std::lock_guard<std::mutex> lock(mu_);
  if (runs_ == 0) {
    seen_ = run.seen_;
  } else {
    // A value seen in one call but not another (a branch not taken) keeps
    // what the calls that saw it agree on.
    for (const auto& [v, info] : run.seen_) {
      auto it = seen_.find(v);
      if (it == seen_.end()) seen_.emplace(v, info);
      else it->second = mergeTensorInfo(it->second, info);
    }
  }
  ++runs_;
}

int Profile::runs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return runs_;
}

std::unordered_map<const ir::Value*, TensorInfo> Profile::snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return seen_;
}

void ProfilingRun::record(const ir::Value* v, const IValue& x) {
  if (!x.isTensor() || !profile_.watches(v)) return;
  TensorInfo info = tensorInfoOf(x.toTensor());
  auto it = seen_.find(v);
  // A value inside a loop is seen once per iteration: merge those too.
  if (it == seen_.end()) seen_.emplace(v, std::move(info));
  else it->second = mergeTensorInfo(it->second, info);
}

void ProfilingRun::recordInputs(const ir::Graph& graph, const std::vector<IValue>& inputs) {
  for (size_t i = 0; i < inputs.size() && i < graph.inputs().size(); ++i) record(graph.inputs()[i], inputs[i]);
}

void ProfilingRun::onNodeOutputs(const ir::Node& node, const IValue* outputs, size_t n) {
  for (size_t i = 0; i < n && i < node.outputs().size(); ++i) record(node.output(i), outputs[i]);
}

size_t applyProfile(const std::unordered_map<const ir::Value*, TensorInfo>& seen, const ir::Graph& original,
                    ir::Graph& copy) {
  std::unordered_map<const ir::Value*, ir::Value*> map;
  mapBlocks(*original.block(), *copy.block(), map);
  size_t refined = 0;
  for (const auto& [v, info] : seen) {
    auto it = map.find(v);
    if (it == map.end() || info.empty()) continue;
    const ir::TypePtr& t = it->second->type();
    if (t && t->kind() != ir::TypeKind::Tensor) continue;  // e.g. Optional[Tensor]: leave alone
    it->second->setType(ir::Type::tensor(info));
    ++refined;
  }
  return refined;
}

void eraseTensorInfo(ir::Graph& graph) { eraseIn(*graph.block()); }

}  // namespace wick::jit

// The fusion pass (fuser.h).
//
// Each block is scanned in order. A fusible node starts a group, and the
// groups of its fusible producers in the same block are merged into it when
// that is legal: the producers' nodes move down to just before the
// consumer, which is allowed when no node they would pass uses their
// results (outside the merged group) and no node they would pass may
// mutate memory. Nodes only ever move later and keep their relative order,
// so every value is still defined before its uses. Each group's members
// therefore sit together, ending at its last member, where the FusionGroup
// node replaces them.
#include "jit/fuser.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/check.h"
#include "core/flags.h"
#include "jit/fusible_ops.h"
#include "runtime/operator.h"

namespace wick::jit {

using ir::Block;
using ir::Node;
using ir::TypeKind;
using ir::Value;

ir::Symbol fusionGroupSymbol() { return ir::Symbol(ir::Symbol::prim_FusionGroup); }

FuserOptions FuserOptions::fromFlags(const Flags& flags) {
  FuserOptions o;
  o.dontFuse = flags.dont_fuse;
  return o;
}

namespace {

bool isConstantLike(const Value* v) {
  const Node* p = v->node();
  if (p->kind() == ir::Symbol::prim_Constant) return true;
  if (p->kind() == ir::Symbol::prim_ListConstruct) {
    for (const Value* in : p->inputs())
      if (in->node()->kind() != ir::Symbol::prim_Constant) return false;
    return true;
  }
  return false;
}

bool isNumberType(TypeKind k) {
  return k == TypeKind::Int || k == TypeKind::Float || k == TypeKind::Bool || k == TypeKind::Number;
}

bool isDivisionLike(std::string_view name) {
  return name == "aten::floor_divide" || name == "aten::remainder" || name == "aten::fmod";
}

// Integer division fuses by a nonzero constant only (the lowering checks
// the divisor in the compute dtype): a zero divisor must raise.
bool constantNonzeroDivisor(const Node& n) {
  if (n.inputs().size() < 2) return false;
  const Node* p = n.input(1)->node();
  if (p->kind() != ir::Symbol::prim_Constant || !p->hasAttribute("value")) return false;
  IValue c = p->ival("value");
  return (c.isInt() && c.toInt() != 0) || (c.isBool() && c.toBool()) || c.isDouble();
}

struct Group {
  std::vector<Node*> members;  // in list order; contiguous, ending at anchor()
  Node* anchor() const { return members.back(); }
};

// The rank profiling recorded on a tensor value, if any.
std::optional<int> rankOf(const Value* v) {
  const ir::TensorInfo* ti = v->type()->tensorInfo();
  if (!ti || !ti->sizes) return std::nullopt;
  return static_cast<int>(ti->sizes->size());
}

std::optional<int64_t> constantInt(const Value* v) {
  const Node* p = v->node();
  if (p->kind() != ir::Symbol::prim_Constant || !p->hasAttribute("value")) return std::nullopt;
  IValue c = p->ival("value");
  if (c.isInt()) return c.toInt();
  return std::nullopt;
}

// What a reduction reads: its input's rank and the dims it reduces
// (sorted, non-negative), when profiling and constants tell. A kernel
// iterates one domain with one set of reduced dims, so reductions with
// different ones cannot share a group.
struct ReductionSig {
  int rank = 0;
  std::vector<int64_t> dims;
  bool operator==(const ReductionSig&) const = default;
};

std::optional<ReductionSig> reductionSig(const Node& n) {
  const FusibleOp* op = findFusibleOp(n.kind().qualString());
  if (!op || op->cls != FusibleOp::Reduction || n.inputs().empty()) return std::nullopt;
  std::optional<int> rank = rankOf(n.input(0));
  if (!rank) return std::nullopt;
  ReductionSig sig;
  sig.rank = *rank;
  std::string_view q = op->name;
  std::vector<int64_t> dims;
  bool all = false;
  if (q == "aten::softmax" || q == "aten::log_softmax") {
    std::optional<int64_t> d = n.inputs().size() > 1 ? constantInt(n.input(1)) : std::nullopt;
    if (!d) return std::nullopt;
    dims.push_back(*d);
  } else if (q == "aten::layer_norm") {
    const Node* p = n.inputs().size() > 1 ? n.input(1)->node() : nullptr;
    size_t len = 0;
    if (p && p->kind() == ir::Symbol::prim_ListConstruct) len = p->inputs().size();
    else if (p && p->kind() == ir::Symbol::prim_Constant && p->hasAttribute("value") && p->ival("value").isList())
      len = p->ival("value").toList()->elements.size();
    else return std::nullopt;
    for (size_t i = 0; i < len; ++i) dims.push_back(*rank - static_cast<int64_t>(len) + static_cast<int64_t>(i));
  } else if (n.inputs().size() < 2 || n.input(1)->type()->kind() == TypeKind::None ||
             n.input(1)->type()->kind() == TypeKind::Bool ||
             ((q == "aten::sum" || q == "aten::mean") && n.inputs().size() == 2)) {
    all = true;  // sum(self, dtype?) / var(self, unbiased) ...
  } else if (std::optional<int64_t> d = constantInt(n.input(1))) {
    dims.push_back(*d);
  } else {
    const Node* p = n.input(1)->node();
    if (p->kind() == ir::Symbol::prim_Constant && p->hasAttribute("value") && p->ival("value").isList()) {
      for (const IValue& e : p->ival("value").toList()->elements) dims.push_back(e.toInt());
    } else if (p->kind() == ir::Symbol::prim_ListConstruct) {
      for (const Value* e : p->inputs()) {
        std::optional<int64_t> d = constantInt(e);
        if (!d) return std::nullopt;
        dims.push_back(*d);
      }
    } else if (p->kind() == ir::Symbol::prim_Constant && (!p->hasAttribute("value") || p->ival("value").isNone())) {
      all = true;
    } else {
      return std::nullopt;
    }
    if (dims.empty()) all = true;
  }
  if (all) {
    dims.clear();
    for (int d = 0; d < *rank; ++d) dims.push_back(d);
  }
  for (int64_t& d : dims) {
    if (d < 0) d += std::max(*rank, 1);
    if (d < 0 || d >= std::max(*rank, 1)) return std::nullopt;
  }
  if (*rank == 0) dims.clear();
  std::sort(dims.begin(), dims.end());
  dims.erase(std::unique(dims.begin(), dims.end()), dims.end());
  sig.dims = dims;
  return sig;
}

class BlockFuser {
 public:
  BlockFuser(Block* block, const FuserOptions& opts) : block_(block), opts_(opts) {}

  void run() {
    std::vector<Node*> nodes = block_->nodes();
    for (size_t i = 0; i < nodes.size(); ++i) order_[nodes[i]] = i;
    for (Node* n : nodes) {
      for (Block* b : n->blocks()) BlockFuser(b, opts_).run();
      // A result nobody reads is left to dead-code elimination.
      if (isFusible(*n, opts_) && n->output()->hasUses() && !aliasEscapes(*n)) addNode(n);
    }
    std::vector<Group*> done;
    std::unordered_set<Group*> seen;
    for (Node* n : nodes) {
      auto it = groupOf_.find(n);
      if (it != groupOf_.end() && seen.insert(it->second).second) done.push_back(it->second);
    }
    for (Group* g : done)
      if (worthIt(*g)) materialize(*g);
  }

 private:
  // The node of this block that holds `n` (n itself, or the node whose
  // nested blocks contain it); nullptr outside this block.
  Node* inThisBlock(Node* n) const {
    while (n && n->owningBlock() != block_) {
      Block* b = n->owningBlock();
      n = b ? b->owningNode() : nullptr;
    }
    return n;
  }

  // A cast that may return its input itself (to/type_as of the same dtype)
  // joins a group only when every reader of its result can join too: a
  // fused cast always makes a copy.
  bool aliasEscapes(const Node& n) const {
    const FusibleOp* op = findFusibleOp(n.kind().qualString());
    if (!op->mayAlias) return false;
    const ir::TensorInfo* in = n.input(0)->type()->tensorInfo();
    const ir::TensorInfo* out = n.output()->type()->tensorInfo();
    if (in && out && in->dtype && out->dtype && *in->dtype != *out->dtype) return false;  // a real conversion
    for (const ir::Use& u : n.output()->uses())
      if (u.user->owningBlock() != block_ || !isFusible(*u.user, opts_)) return true;
    return false;
  }

  bool canMerge(const Group& g, const std::unordered_set<Node*>& into, Node* n) const {
    std::unordered_set<Node*> inG(g.members.begin(), g.members.end());
    std::unordered_set<Node*> users;
    for (Node* m : g.members)
      for (Value* o : m->outputs())
        for (const ir::Use& u : o->uses()) {
          Node* user = inThisBlock(u.user);
          if (user && !inG.count(user) && !into.count(user) && user != n) users.insert(user);
        }
    for (Node* x = g.anchor()->next(); x != n; x = x->next()) {
      if (into.count(x)) continue;
      if (users.count(x) || mayWriteMemory(*x)) return false;
    }
    return true;
  }

  void addNode(Node* n) {
    std::vector<Group*> producers;
    for (Value* v : n->inputs()) {
      auto it = groupOf_.find(v->node());
      if (it != groupOf_.end() && std::find(producers.begin(), producers.end(), it->second) == producers.end())
        producers.push_back(it->second);
    }
    groups_.push_back(std::make_unique<Group>());
    Group* cur = groups_.back().get();
    std::unordered_set<Node*> into;  // members merged so far (n excluded)
    // What profiling says about the reductions of the group being built:
    // producers that would mix reduction dims, or a domain wider than the
    // reductions read, stay apart (the lowering would refuse the group and
    // leave all of it to the interpreter).
    std::optional<ReductionSig> sig = reductionSig(*n);
    std::optional<int> outRank = rankOf(n->output());
    for (Group* g : producers) {
      if (!canMerge(*g, into, n)) continue;
      if (!compatibleReductions(*g, sig, outRank, n)) continue;
      for (Node* m : g->members)
        if (!sig)
          if (std::optional<ReductionSig> ms = reductionSig(*m)) sig = ms;
      for (Node* m : g->members) {
        into.insert(m);
        groupOf_[m] = cur;
      }
      // Move every merged member before n in original order (a valid
      // topological order), so the members stay contiguous.
      std::vector<Node*> all(into.begin(), into.end());
      std::sort(all.begin(), all.end(), [&](Node* a, Node* b) { return order_.at(a) < order_.at(b); });
      for (Node* m : all) m->moveBefore(n);
      cur->members = all;
    }
    cur->members.push_back(n);
    groupOf_[n] = cur;
  }

  // Whether the reductions of `g` and the group being built (`sig`: its
  // reduction, if known; `outRank`: the new node `n`'s output rank) can share a
  // kernel: one set of reduced dims, and no value wider than what the
  // reductions read. Unknown ranks merge (the lowering decides).
  static bool compatibleReductions(const Group& g, const std::optional<ReductionSig>& sig,
                                   std::optional<int> outRank, const Node* n) {
    std::optional<ReductionSig> gsig;
    int maxRank = -1;
    for (const Node* m : g.members) {
      std::optional<ReductionSig> ms = reductionSig(*m);
      if (ms) {
        if (gsig && !(*gsig == *ms)) return true;  // already mixed: the lowering decides
        gsig = ms;
      }
      if (std::optional<int> r = rankOf(m->output())) maxRank = std::max(maxRank, *r);
    }
    if (sig && gsig && !(*sig == *gsig)) return false;
    if (sig && maxRank > sig->rank) return false;
    if (gsig && outRank && *outRank > gsig->rank) return false;
    // A reduction without keepdim over dims other than the leading ones
    // leaves values whose dims no longer line up with the domain's when
    // broadcast (x - x.sum(-1) for a square x): such a value of `g` read by
    // `n` keeps `n` out.
    if (gsig && n) {
      bool misaligned = false;
      for (const Node* m : g.members) {
        std::optional<ReductionSig> ms = reductionSig(*m);
        std::optional<int> r = rankOf(m->output());
        if (!ms || !r || *r == ms->rank) continue;
        for (size_t i = 0; i < ms->dims.size(); ++i) misaligned |= ms->dims[i] != static_cast<int64_t>(i);
      }
      if (misaligned) {
        std::unordered_set<const Node*> inG(g.members.begin(), g.members.end());
        for (const Value* v : n->inputs()) {
          std::optional<int> r = rankOf(v);
          if (inG.count(v->node()) && r && *r < gsig->rank) return false;
        }
      }
    }
    return true;
  }

  bool worthIt(const Group& g) const {
    bool composite = false;
    std::unordered_set<const Node*> inG(g.members.begin(), g.members.end());
    for (const Node* m : g.members) {
      const FusibleOp* op = findFusibleOp(m->kind().qualString());
      if (op->composite) composite = true;
      if (op->mayAlias)
        for (const ir::Use& u : m->output()->uses())
          if (!inG.count(u.user)) return false;  // its result would lose its aliasing
    }
    return composite || static_cast<int>(g.members.size()) >= opts_.minGroupSize;
  }

  void materialize(const Group& g) {
    ir::Graph* graph = block_->owningGraph();
    auto sub = std::make_shared<ir::Graph>();
    std::unordered_set<const Node*> inG(g.members.begin(), g.members.end());
    std::unordered_map<Value*, Value*> map;
    std::vector<Value*> outerInputs;

    std::function<Value*(Value*)> mapValue = [&](Value* v) -> Value* {
      auto it = map.find(v);
      if (it != map.end()) return it->second;
      Value* s = nullptr;
      if (isConstantLike(v) && v->type()->kind() != TypeKind::Tensor) {
        Node* c = sub->createClone(v->node(), mapValue);
        sub->block()->appendNode(c);
        s = c->output();
      } else {
        s = sub->addInput();
        s->setType(v->type());
        outerInputs.push_back(v);
      }
      map[v] = s;
      return s;
    };
    for (Node* m : g.members) {
      Node* c = sub->createClone(m, mapValue);
      sub->block()->appendNode(c);
      for (size_t i = 0; i < m->outputs().size(); ++i) map[m->output(i)] = c->output(i);
    }
    std::vector<Value*> escaping;
    for (Node* m : g.members)
      for (Value* o : m->outputs()) {
        bool esc = false;
        for (const ir::Use& u : o->uses()) {
          Node* user = inThisBlock(u.user);
          if (!user || !inG.count(user)) esc = true;
        }
        if (esc) escaping.push_back(o);
      }
    for (Value* o : escaping) sub->registerOutput(map.at(o));

    Node* fg = graph->create(fusionGroupSymbol(), outerInputs, escaping.size());
    fg->setAttr("Subgraph", ir::Attribute{ir::Attribute::Kind::Graph, IValue(), nullptr, sub});
    fg->setLocation(g.anchor()->location());
    fg->insertAfter(g.anchor());
    for (size_t i = 0; i < escaping.size(); ++i) {
      fg->output(i)->setType(escaping[i]->type());
      escaping[i]->replaceAllUsesWith(fg->output(i));
    }
    for (auto it = g.members.rbegin(); it != g.members.rend(); ++it) (*it)->destroy();
  }

  Block* block_;
  const FuserOptions& opts_;
  std::unordered_map<const Node*, size_t> order_;
  std::unordered_map<const Node*, Group*> groupOf_;
  std::vector<std::unique_ptr<Group>> groups_;
};

void collectGroups(const Block* b, std::vector<Node*>& out) {
  for (Node* n : *b) {
    if (n->kind() == fusionGroupSymbol()) out.push_back(n);
    for (const Block* inner : n->blocks()) collectGroups(inner, out);
  }
}

}  // namespace

// Whether a node may write memory some other node reads (in-place ops,
// ops with a mutable schema, calls, attribute stores, blocks holding any).
bool mayWriteMemory(const ir::Node& n) {
  ir::Symbol k = n.kind();
  if (k == ir::Symbol::prim_SetAttr || k == ir::Symbol::prim_CallMethod || k == ir::Symbol::prim_CallFunction)
    return true;
  for (const ir::Block* b : n.blocks())
    for (const ir::Node* inner : *b)
      if (mayWriteMemory(*inner)) return true;
  if (k.ns() != "aten") return false;
  const std::string& q = k.qualString();
  if (q.size() > 1 && q.back() == '_' && q[q.size() - 2] != '_') return true;
  if (const Operator* op = operatorOf(n)) return op->schema.isMutable();
  // Unresolved: an overload of this arity that writes an argument (the
  // out= variants take one more argument than the functional form).
  for (const Operator* op : OperatorRegistry::global().overloads(k))
    if (op->schema.isMutable() && (op->schema.isVararg || op->schema.arguments.size() == n.inputs().size()))
      return true;
  return false;
}

bool excludedByDontFuse(const ir::Node& n, const FuserOptions& opts) {
  const std::string& q = n.kind().qualString();
  for (const std::string& d : opts.dontFuse) {
    if (d == q) return true;
    if (d.find("::") == std::string::npos && q.size() > d.size() + 2 && q.compare(q.size() - d.size(), d.size(), d) == 0 &&
        q.compare(q.size() - d.size() - 2, 2, "::") == 0)
      return true;
  }
  return false;
}

bool isFusible(const Node& node, const FuserOptions& opts) {
  if (!node.blocks().empty() || node.outputs().size() != 1) return false;
  if (node.output()->type()->kind() != TypeKind::Tensor) return false;
  const FusibleOp* op = findFusibleOp(node.kind().qualString());
  if (!op || excludedByDontFuse(node, opts)) return false;
  if (op->cls == FusibleOp::Reduction && !opts.fuseReductions) return false;
  bool anyTensor = false;
  for (size_t i = 0; i < node.inputs().size(); ++i) {
    const Value* v = node.input(i);
    TypeKind k = v->type()->kind();
    bool data = i < 32 && (op->dataArgs >> i) & 1u;
    if (isConstantLike(v)) {
      // A tensor constant (e.g. a frozen module's weight) becomes an input
      // of the group, like any other tensor; other constants are copied in.
      if (k != TypeKind::Tensor) continue;
      if (!data || v->node()->kind() != ir::Symbol::prim_Constant || !v->node()->hasAttribute("value")) return false;
      IValue c = v->node()->ival("value");
      if (!c.isTensor()) return false;
      const Tensor& t = c.toTensor();
      if (!t.device().isCpu() || t.dtype() == DType::Float16 || t.dtype() == DType::BFloat16) return false;
      if (isIntegral(t.dtype(), true) && isDivisionLike(op->name) && !constantNonzeroDivisor(node)) return false;
      continue;
    }
    if (!data) return false;
    if (k == TypeKind::Tensor) {
      anyTensor = true;
      if (opts.useProfiledTypes) {
        if (const ir::TensorInfo* ti = v->type()->tensorInfo()) {
          if (ti->device && !ti->device->isCpu()) return false;
          if (ti->dtype && (*ti->dtype == DType::Float16 || *ti->dtype == DType::BFloat16)) return false;
          if (ti->dtype && isIntegral(*ti->dtype, true) && isDivisionLike(op->name) && !constantNonzeroDivisor(node))
            return false;
        }
      }
    } else if (!isNumberType(k)) {
      return false;
    }
  }
  if (!anyTensor) return false;
  // Overloads the lowering does not take: round(decimals). to(other ...)
  // reads its second argument's dtype; every other to() overload has
  // constant arguments (the lowering takes those that stay on the CPU).
  std::string_view q = op->name;
  if (q == "aten::to" && node.inputs().size() >= 2 && node.input(1)->type()->kind() != TypeKind::Tensor &&
      !isConstantLike(node.input(1)))
    return false;
  if (q == "aten::to" && node.inputs().size() >= 2 && node.input(1)->type()->kind() == TypeKind::Tensor &&
      node.inputs().size() != 5)
    return false;
  // A memory_format (the last argument of to.dtype/device/dtype_layout)
  // other than contiguous (0) or preserve (3): the fused output is
  // contiguous.
  if (q == "aten::to" && node.inputs().size() >= 5) {
    const Node* last = node.inputs().back()->node();
    if (last->kind() == ir::Symbol::prim_Constant && last->hasAttribute("value")) {
      IValue f = last->ival("value");
      if (f.isInt() && f.toInt() != 0 && f.toInt() != 3) return false;
    }
  }
  if (q == "aten::round" && node.inputs().size() != 1) return false;
  if (opts.useProfiledTypes) {
    if (const ir::TensorInfo* ti = node.output()->type()->tensorInfo())
      if (ti->dtype && (*ti->dtype == DType::Float16 || *ti->dtype == DType::BFloat16)) return false;
  }
  return true;
}

void fuseGraph(ir::Graph& graph, const FuserOptions& opts) { BlockFuser(graph.block(), opts).run(); }

std::vector<Node*> fusionGroups(const ir::Graph& graph) {
  std::vector<Node*> out;
  collectGroups(graph.block(), out);
  return out;
}

const std::shared_ptr<ir::Graph>& fusionSubgraph(const Node& group) {
  WICK_CHECK(group.kind() == fusionGroupSymbol() && group.hasAttribute("Subgraph"),
             "fusionSubgraph: node {} is not a fusion group", group.kind().qualString());
  return group.attr("Subgraph").graph;
}

}  // namespace wick::jit

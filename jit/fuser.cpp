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

// Whether a node may write memory some other node reads (in-place ops,
// ops with a mutable schema, calls, attribute stores, blocks holding any).
bool mayMutate(const Node& n) {
  ir::Symbol k = n.kind();
  if (k == ir::Symbol::prim_SetAttr || k == ir::Symbol::prim_CallMethod || k == ir::Symbol::prim_CallFunction)
    return true;
  for (const Block* b : n.blocks())
    for (const Node* inner : *b)
      if (mayMutate(*inner)) return true;
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

bool excluded(const Node& n, const FuserOptions& opts) {
  const std::string& q = n.kind().qualString();
  for (const std::string& d : opts.dontFuse) {
    if (d == q) return true;
    if (d.find("::") == std::string::npos && q.size() > d.size() + 2 && q.compare(q.size() - d.size(), d.size(), d) == 0 &&
        q.compare(q.size() - d.size() - 2, 2, "::") == 0)
      return true;
  }
  return false;
}

struct Group {
  std::vector<Node*> members;  // in list order; contiguous, ending at anchor()
  Node* anchor() const { return members.back(); }
};

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
      if (users.count(x) || mayMutate(*x)) return false;
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
    for (Group* g : producers) {
      if (!canMerge(*g, into, n)) continue;
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

bool isFusible(const Node& node, const FuserOptions& opts) {
  if (!node.blocks().empty() || node.outputs().size() != 1) return false;
  if (node.output()->type()->kind() != TypeKind::Tensor) return false;
  const FusibleOp* op = findFusibleOp(node.kind().qualString());
  if (!op || excluded(node, opts)) return false;
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
      if (isIntegral(t.dtype(), true) && isDivisionLike(op->name)) return false;
      continue;
    }
    if (!data) return false;
    if (k == TypeKind::Tensor) {
      anyTensor = true;
      if (opts.useProfiledTypes) {
        if (const ir::TensorInfo* ti = v->type()->tensorInfo()) {
          if (ti->device && !ti->device->isCpu()) return false;
          if (ti->dtype && (*ti->dtype == DType::Float16 || *ti->dtype == DType::BFloat16)) return false;
          if (ti->dtype && isIntegral(*ti->dtype, true) && isDivisionLike(op->name)) return false;
        }
      }
    } else if (!isNumberType(k)) {
      return false;
    }
  }
  if (!anyTensor) return false;
  // Overloads the lowering does not take: to(device ...) / to(other ...),
  // round(decimals).
  std::string_view q = op->name;
  if (q == "aten::to" && (node.inputs().size() < 2 || node.input(1)->type()->kind() != TypeKind::Int)) return false;
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

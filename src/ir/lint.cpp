// Graph::lint: structural invariants (list links, use lists, dominance, the
// arity of If and Loop), reported by naming the first broken one.
#include <unordered_map>
#include <unordered_set>

#include "core/check.h"
#include "ir/graph.h"

namespace wick::ir {
namespace {

std::string valueName(const Value* v) {
  return "%" + (v->hasDebugName() ? v->debugName() : std::to_string(v->unique()));
}

std::string describe(const Node* n) {
  std::string outs;
  for (const Value* v : n->outputs()) outs += (outs.empty() ? "" : ", ") + valueName(v);
  return fmt::format("{}{}{}", outs, outs.empty() ? "" : " = ", n->kind().qualString());
}

class Linter {
 public:
  // Walks `b` in order, so a value is in scope from its definition to the
  // end of the block that defines it.
  void checkBlock(const Block* b, const Graph* g) {
    WICK_CHECK(b->owningGraph() == g, "lint: a block belongs to another graph");
    checkNodeValues(b->paramNode());
    for (const Value* v : b->inputs()) define(v);
    const Node* prev = b->paramNode();
    WICK_CHECK(prev->prev() == nullptr, "lint: a Param node has a predecessor");
    for (const Node* n = prev->next(); n != nullptr; prev = n, n = n->next()) {
      WICK_CHECK(n->prev() == prev, "lint: broken list links around {}", describe(n));
      WICK_CHECK(n->owningBlock() == b, "lint: {} is linked into a block it does not belong to", describe(n));
      WICK_CHECK(n->owningGraph() == g, "lint: {} belongs to another graph", describe(n));
      if (n == b->returnNode()) break;
      WICK_CHECK(n->kind() != Symbol(Symbol::prim_Param) && n->kind() != Symbol(Symbol::prim_Return),
                 "lint: {} appears inside a block", n->kind().qualString());
      checkNode(n);
    }
    WICK_CHECK(prev->next() == b->returnNode() || prev == b->returnNode(),
               "lint: a block's node list does not end at its Return node");
    checkInputs(b->returnNode());
  }

  // After the walk: uses point back at distinct input slots (checked per
  // value), so equal counts make uses and slots correspond one to one.
  void checkUseCounts() const {
    for (const auto& [v, count] : inputCounts_)
      WICK_CHECK(v->uses().size() == count, "lint: {} is read by {} inputs but has {} uses", valueName(v),
                 count, v->uses().size());
  }

 private:
  void define(const Value* v) {
    scope_.insert(v);
    definedOrder_.push_back(v);
  }

  void checkInputs(const Node* n) {
    for (size_t i = 0; i < n->inputs().size(); ++i) {
      const Value* v = n->input(i);
      WICK_CHECK(scope_.count(v) != 0,
                 "lint: {} uses {} (input {}) before it is defined or outside its scope", describe(n),
                 valueName(v), i);
      ++inputCounts_[v];
    }
  }

  void checkNodeValues(const Node* n) {
    for (size_t i = 0; i < n->outputs().size(); ++i) {
      const Value* v = n->output(i);
      WICK_CHECK(v->node() == n && v->offset() == i, "lint: output {} of {} has a wrong node or offset", i,
                 describe(n));
      WICK_CHECK(v->type() != nullptr, "lint: {} has no type", valueName(v));
      for (const Use& u : v->uses()) {
        WICK_CHECK(u.offset < u.user->inputs().size() && u.user->input(u.offset) == v,
                   "lint: a use of {} does not point back at it", valueName(v));
        WICK_CHECK(seenUses_.insert({u.user, u.offset}).second, "lint: {} has a duplicate use", valueName(v));
      }
      inputCounts_.try_emplace(v, 0);
      if (v->hasDebugName())
        WICK_CHECK(v->owningGraph()->findValue(v->debugName()) == v, "lint: the name {} is not registered",
                   valueName(v));
    }
  }

  void checkNode(const Node* n) {
    checkInputs(n);
    const Symbol k = n->kind();
    if (k == Symbol::prim_If) {
      WICK_CHECK(n->inputs().size() == 1 && n->blocks().size() == 2,
                 "lint: {} needs one condition and two blocks, has {} inputs and {} blocks", describe(n),
                 n->inputs().size(), n->blocks().size());
      for (const Block* b : n->blocks())
        WICK_CHECK(b->inputs().empty() && b->outputs().size() == n->outputs().size(),
                   "lint: the blocks of {} must take no parameters and return {} values", describe(n),
                   n->outputs().size());
    } else if (k == Symbol::prim_Loop) {
      WICK_CHECK(n->inputs().size() >= 2 && n->blocks().size() == 1,
                 "lint: {} needs a trip count, a condition and one block", describe(n));
      size_t carried = n->inputs().size() - 2;
      const Block* b = n->blocks()[0];
      WICK_CHECK(n->outputs().size() == carried && b->inputs().size() == carried + 1 &&
                     b->outputs().size() == carried + 1,
                 "lint: {} carries {} values but has {} outputs, {} block parameters and {} block returns",
                 describe(n), carried, n->outputs().size(), b->inputs().size(), b->outputs().size());
    } else if (k == Symbol::prim_Constant) {
      WICK_CHECK(n->inputs().empty() && n->outputs().size() == 1 && n->blocks().empty(),
                 "lint: {} must have no inputs, one output and no blocks", describe(n));
    }
    for (const Block* b : n->blocks()) {
      WICK_CHECK(b->owningNode() == n, "lint: a block of {} names another owner", describe(n));
      // Values of a nested block are visible only inside it.
      size_t mark = definedOrder_.size();
      checkBlock(b, n->owningGraph());
      while (definedOrder_.size() > mark) {
        scope_.erase(definedOrder_.back());
        definedOrder_.pop_back();
      }
    }
    checkNodeValues(n);
    for (const Value* v : n->outputs()) define(v);
  }

  struct UseHash {
    size_t operator()(const std::pair<const Node*, size_t>& u) const {
      return std::hash<const Node*>()(u.first) * 31 + u.second;
    }
  };

  std::unordered_set<const Value*> scope_;
  std::vector<const Value*> definedOrder_;
  std::unordered_map<const Value*, size_t> inputCounts_;
  std::unordered_set<std::pair<const Node*, size_t>, UseHash> seenUses_;
};

}  // namespace

void Graph::lint() const {
  WICK_CHECK(block_->owningNode() == nullptr, "lint: the top block has an owning node");
  Linter linter;
  linter.checkBlock(block_, this);
  linter.checkUseCounts();
}

}  // namespace wick::ir

// Dead code elimination over structured control flow, innermost first.
#include "passes/dead_code_elimination.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace wick::passes {
namespace {

using ir::Block;
using ir::Node;
using ir::Symbol;

// Builtins that mutate a list, dict or object argument but whose names do
// not end in '_'.
constexpr std::array<std::string_view, 26> kMutatingNames = {
    "append",      "extend",      "insert",     "pop",         "remove",   "clear",   "_set_item",
    "__setitem__", "__delitem__", "setdefault", "update",      "popitem",  "reverse", "sort",
    "__iadd__",    "__isub__",    "__imul__",   "__idiv__",    "__iand__", "__ior__", "__ixor__",
    "__ilshift__", "__irshift__", "warn",       "manual_seed", "sleep"};

// A node's blocks and subgraphs (prim::fork, fusion groups) count too.
bool hasSideEffectsDeep(const Node& n) {
  if (hasSideEffects(n)) return true;
  for (const Block* b : n.blocks())
    if (blockHasSideEffects(*b)) return true;
  for (const auto& [name, a] : n.attributes())
    if (a.kind == ir::Attribute::Kind::Graph && a.graph && blockHasSideEffects(*a.graph->block()))
      return true;
  return false;
}

// Drops If outputs nobody reads, with the values each branch returns for them.
void pruneIfOutputs(Node* n) {
  for (size_t i = n->outputs().size(); i-- > 0;) {
    if (n->output(i)->hasUses()) continue;
    for (Block* b : n->blocks()) b->eraseOutput(i);
    n->eraseOutput(i);
  }
}

void eliminateInBlock(Block* b) {
  std::vector<Node*> nodes = b->nodes();
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
    Node* n = *it;
    if (n->kind() == Symbol::prim_If) pruneIfOutputs(n);
    for (Block* inner : n->blocks()) eliminateInBlock(inner);
    bool used = std::any_of(n->outputs().begin(), n->outputs().end(),
                            [](const ir::Value* v) { return v->hasUses(); });
    if (!used && !hasSideEffectsDeep(*n)) n->destroy();
  }
}

}  // namespace

bool blockHasSideEffects(const Block& b) {
  for (const Node* inner : b)
    if (hasSideEffectsDeep(*inner)) return true;
  return false;
}

bool hasSideEffects(const Node& n) {
  switch (n.kind().id()) {
    case Symbol::prim_RaiseException:
    case Symbol::prim_SetAttr:
    case Symbol::prim_Print:
    case Symbol::prim_CallMethod:
    case Symbol::prim_CallFunction:
    case Symbol::prim_Enter:
    case Symbol::prim_Exit:
    case Symbol::prim_Param:
    case Symbol::prim_Return:
      return true;
    default:
      break;
  }
  std::string name = n.kind().unqualName();
  if (std::find(kMutatingNames.begin(), kMutatingNames.end(), name) != kMutatingNames.end()) return true;
  // In-place ops are spelled with a trailing '_'; dunders (__and__) are not.
  bool dunder = name.size() >= 4 && name.starts_with("__") && name.ends_with("__");
  return !dunder && name.ends_with('_');
}

void eliminateDeadCode(ir::Graph& graph) { eliminateInBlock(graph.block()); }

}  // namespace wick::passes

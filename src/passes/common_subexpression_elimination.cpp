#include "passes/common_subexpression_elimination.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "passes/dead_code_elimination.h"

namespace wick::passes {

namespace {

using ir::Block;
using ir::Node;
using ir::Symbol;
using ir::TypeKind;

constexpr std::array<std::string_view, 14> kNondeterministic = {
    "rand",    "randn",     "randint", "rand_like", "randn_like", "randint_like", "randperm",
    "dropout", "bernoulli", "normal",  "multinomial", "empty",    "empty_like",   "empty_strided"};

bool immutableType(const ir::TypePtr& t) {
  if (!t) return false;
  switch (t->kind()) {
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::Bool:
    case TypeKind::Number:
    case TypeKind::Str:
    case TypeKind::None:
    case TypeKind::Device:
    case TypeKind::Layout:
    case TypeKind::ScalarType:
    case TypeKind::MemoryFormat:
      return true;
    case TypeKind::Optional:
      return immutableType(t->containedTypes()[0]);
    default:
      return false;
  }
}

bool mutableContainer(const ir::TypePtr& t) {
  if (!t) return true;
  switch (t->kind()) {
    case TypeKind::List:
    case TypeKind::Dict:
    case TypeKind::Class:
    case TypeKind::Module:
    case TypeKind::Any:
    case TypeKind::Var:
    case TypeKind::Generator:
    case TypeKind::Storage:
    case TypeKind::Future:
      return true;
    case TypeKind::Tuple:
    case TypeKind::Optional:
    case TypeKind::Union:
      return std::any_of(t->containedTypes().begin(), t->containedTypes().end(), mutableContainer);
    default:
      return false;
  }
}

// A key that is equal exactly when two nodes compute the same thing; empty
// when the node must not be merged.
std::string keyOf(const Node& n, bool mutates) {
  if (!n.blocks().empty() || hasSideEffects(n)) return {};
  std::string name = n.kind().unqualName();
  if (std::find(kNondeterministic.begin(), kNondeterministic.end(), name) != kNondeterministic.end()) return {};
  bool constant = n.kind() == Symbol::prim_Constant;
  for (const ir::Value* v : n.outputs())
    if (mutableContainer(v->type())) return {};
  if (mutates && !constant) {
    if (n.kind() == Symbol::prim_GetAttr) return {};
    for (const ir::Value* v : n.inputs())
      if (!immutableType(v->type())) return {};
    for (const ir::Value* v : n.outputs())
      if (!immutableType(v->type())) return {};
  }
  std::string key = n.kind().qualString();
  for (const ir::Value* v : n.inputs()) key += "," + std::to_string(v->unique());
  key += "|";
  for (const ir::Value* v : n.outputs()) key += (v->type() ? v->type()->str() : "?") + ",";
  for (const auto& [attrName, a] : n.attributes()) {
    key += "|" + attrName + "=";
    switch (a.kind) {
      case ir::Attribute::Kind::Tensor:
        // Tensor constants merge only when they are the same tensor.
        key += "t@" + std::to_string(reinterpret_cast<uintptr_t>(a.value.toTensor().impl()));
        break;
      case ir::Attribute::Kind::Graph:
        return {};
      case ir::Attribute::Kind::Type:
        key += "ty:" + (a.type ? a.type->str() : "?");
        break;
      case ir::Attribute::Kind::Types:
        for (const auto& t : a.types) key += "ty:" + t->str() + ";";
        break;
      default:
        // Tensors nested in lists or tuples are compared by value through
        // repr, which abbreviates large ones: never merge those.
        if (a.value.isTensor()) return {};
        key += std::to_string(static_cast<int>(a.kind)) + ":" + a.value.repr();
        if (key.find("tensor(") != std::string::npos) return {};
        break;
    }
  }
  return key;
}

// Scopes: a block sees the keys of the blocks that enclose it.
size_t eliminateIn(Block* b, std::vector<std::unordered_map<std::string, Node*>>& scopes, bool mutates) {
  size_t removed = 0;
  scopes.emplace_back();
  for (Node* n : b->nodes()) {
    for (Block* inner : n->blocks()) removed += eliminateIn(inner, scopes, mutates);
    std::string key = keyOf(*n, mutates);
    if (key.empty()) continue;
    Node* earlier = nullptr;
    for (auto it = scopes.rbegin(); it != scopes.rend() && !earlier; ++it) {
      auto found = it->find(key);
      if (found != it->end()) earlier = found->second;
    }
    if (!earlier) {
      scopes.back().emplace(std::move(key), n);
      continue;
    }
    for (size_t i = 0; i < n->outputs().size(); ++i) n->output(i)->replaceAllUsesWith(earlier->output(i));
    n->destroy();
    ++removed;
  }
  scopes.pop_back();
  return removed;
}

}  // namespace

size_t eliminateCommonSubexpressions(ir::Graph& graph) {
  std::vector<std::unordered_map<std::string, Node*>> scopes;
  return eliminateIn(graph.block(), scopes, blockHasSideEffects(*graph.block()));
}

}  // namespace wick::passes

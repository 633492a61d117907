#include "passes/loop_unrolling.h"

#include <optional>
#include <unordered_map>
#include <vector>

namespace wick::passes {

namespace {

using ir::Block;
using ir::Node;
using ir::Symbol;
using ir::Value;

std::optional<IValue> constantOf(const Value* v) {
  const Node* n = v->node();
  if (n->kind() != Symbol::prim_Constant || !n->hasAttribute("value")) return std::nullopt;
  return n->ival("value");
}

bool isConstantTrue(const Value* v) {
  auto c = constantOf(v);
  if (c && c->isBool()) return c->toBool();
  return c && c->isInt() && v->type() && v->type()->kind() == ir::TypeKind::Bool && c->toInt() != 0;
}

size_t countNodes(const Block& b) {
  size_t n = 0;
  for (const Node* node : b) {
    ++n;
    for (const Block* inner : node->blocks()) n += countNodes(*inner);
  }
  return n;
}

// Replaces `loop` by its body's copies when it qualifies (see the header).
bool unroll(Node* loop, const UnrollOptions& opts) {
  auto trip = constantOf(loop->input(0));
  if (!trip || !trip->isInt() || trip->toInt() < 0 || trip->toInt() > opts.maxTripCount) return false;
  if (!isConstantTrue(loop->input(1))) return false;
  Block* body = loop->blocks()[0];
  if (!isConstantTrue(body->outputs()[0])) return false;
  int64_t n = trip->toInt();
  if (countNodes(*body) * static_cast<size_t>(n) > opts.maxUnrolledNodes) return false;

  ir::Graph& graph = *loop->owningGraph();
  size_t numCarried = loop->inputs().size() - 2;
  std::vector<Value*> carried(loop->inputs().begin() + 2, loop->inputs().end());
  std::unordered_map<const Value*, Value*> map;
  // Values from outside the loop stay themselves.
  auto valueOf = [&](Value* v) {
    auto it = map.find(v);
    return it == map.end() ? v : it->second;
  };
  for (int64_t i = 0; i < n; ++i) {
    Node* iteration = graph.createConstant(IValue(i));
    iteration->output()->setType(ir::Type::get(ir::TypeKind::Int));
    iteration->insertBefore(loop);
    map[body->inputs()[0]] = iteration->output();
    for (size_t j = 0; j < numCarried; ++j) map[body->inputs()[j + 1]] = carried[j];
    for (const Node* node : *body) {
      Node* copy = graph.createClone(node, valueOf);
      copy->insertBefore(loop);
      for (size_t k = 0; k < node->outputs().size(); ++k) map[node->output(k)] = copy->output(k);
    }
    for (size_t j = 0; j < numCarried; ++j) carried[j] = valueOf(body->outputs()[j + 1]);
  }
  for (size_t j = 0; j < numCarried; ++j) loop->output(j)->replaceAllUsesWith(carried[j]);
  loop->destroy();
  return true;
}

size_t unrollIn(Block* b, const UnrollOptions& opts) {
  size_t unrolled = 0;
  for (Node* n : b->nodes()) {
    for (Block* inner : n->blocks()) unrolled += unrollIn(inner, opts);
    if (n->kind() == Symbol::prim_Loop && unroll(n, opts)) ++unrolled;
  }
  return unrolled;
}

}  // namespace

size_t unrollSmallLoops(ir::Graph& graph, const UnrollOptions& opts) { return unrollIn(graph.block(), opts); }

}  // namespace wick::passes

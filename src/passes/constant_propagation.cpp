#include "passes/constant_propagation.h"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace wick::passes {

namespace {

using ir::Block;
using ir::Node;
using ir::Symbol;

std::optional<IValue> constantOf(const ir::Value* v) {
  const Node* n = v->node();
  if (n->kind() != Symbol::prim_Constant || !n->hasAttribute("value")) return std::nullopt;
  const IValue& x = n->ival("value");
  if (!x.isInt() && !x.isDouble() && !x.isBool()) return std::nullopt;
  return x;
}

bool isScalarType(const ir::TypePtr& t, ir::TypeKind k) { return t && t->kind() == k; }

// Python semantics of int and float arithmetic on constants; nullopt when
// the node is not one we fold (or would raise, like a division by zero).
std::optional<IValue> fold(const Node& n, const std::vector<IValue>& in) {
  std::string op = n.kind().qualString();
  const ir::TypePtr& out = n.output()->type();
  bool intOut = isScalarType(out, ir::TypeKind::Int), floatOut = isScalarType(out, ir::TypeKind::Float),
       boolOut = isScalarType(out, ir::TypeKind::Bool);
  if (in.size() == 1) {
    const IValue& a = in[0];
    if (op == "aten::__not__" && a.isBool() && boolOut) return IValue(!a.toBool());
    if (op == "aten::neg" && a.isInt() && intOut) return IValue(-a.toInt());
    if (op == "aten::neg" && a.isDouble() && floatOut) return IValue(-a.toDouble());
    return std::nullopt;
  }
  if (in.size() != 2) return std::nullopt;
  const IValue& a = in[0];
  const IValue& b = in[1];
  if (a.isBool() && b.isBool() && boolOut) {
    if (op == "aten::__and__") return IValue(a.toBool() && b.toBool());
    if (op == "aten::__or__") return IValue(a.toBool() || b.toBool());
    if (op == "aten::eq") return IValue(a.toBool() == b.toBool());
    if (op == "aten::ne") return IValue(a.toBool() != b.toBool());
    return std::nullopt;
  }
  if (a.isInt() && b.isInt()) {
    int64_t x = a.toInt(), y = b.toInt();
    if (intOut) {
      // Stay clear of overflow: leave it to the interpreter.
      int64_t r;
      if (op == "aten::add" && !__builtin_add_overflow(x, y, &r)) return IValue(r);
      if (op == "aten::sub" && !__builtin_sub_overflow(x, y, &r)) return IValue(r);
      if (op == "aten::mul" && !__builtin_mul_overflow(x, y, &r)) return IValue(r);
      if (op == "aten::floordiv" && y != 0 && !(x == INT64_MIN && y == -1)) {
        int64_t q = x / y;
        if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
        return IValue(q);
      }
      return std::nullopt;
    }
    if (boolOut) {
      if (op == "aten::eq") return IValue(x == y);
      if (op == "aten::ne") return IValue(x != y);
      if (op == "aten::lt") return IValue(x < y);
      if (op == "aten::le") return IValue(x <= y);
      if (op == "aten::gt") return IValue(x > y);
      if (op == "aten::ge") return IValue(x >= y);
    }
    return std::nullopt;
  }
  if (a.isDouble() && b.isDouble()) {
    double x = a.toDouble(), y = b.toDouble();
    if (floatOut) {
      if (op == "aten::add") return IValue(x + y);
      if (op == "aten::sub") return IValue(x - y);
      if (op == "aten::mul") return IValue(x * y);
      return std::nullopt;
    }
    if (boolOut) {
      if (op == "aten::eq") return IValue(x == y);
      if (op == "aten::ne") return IValue(x != y);
      if (op == "aten::lt") return IValue(x < y);
      if (op == "aten::le") return IValue(x <= y);
      if (op == "aten::gt") return IValue(x > y);
      if (op == "aten::ge") return IValue(x >= y);
    }
  }
  return std::nullopt;
}

// Moves the taken branch's nodes before the If and forwards its outputs.
void inlineBranch(Node* ifNode, bool taken) {
  Block* b = ifNode->blocks()[taken ? 0 : 1];
  for (Node* inner : b->nodes()) inner->moveBefore(ifNode);
  for (size_t i = 0; i < ifNode->outputs().size(); ++i) ifNode->output(i)->replaceAllUsesWith(b->outputs()[i]);
  ifNode->destroy();
}

size_t propagateIn(Block* b) {
  size_t changed = 0;
  for (Node* n : b->nodes()) {
    if (n->kind() == Symbol::prim_If) {
      if (auto c = constantOf(n->input(0)); c && c->isBool()) {
        // The inlined nodes were collected with the If's block, so fold
        // them first, then move them out.
        changed += propagateIn(n->blocks()[c->toBool() ? 0 : 1]);
        inlineBranch(n, c->toBool());
        ++changed;
        continue;
      }
    }
    for (Block* inner : n->blocks()) changed += propagateIn(inner);
    if (!n->blocks().empty() || n->outputs().size() != 1 || n->inputs().empty()) continue;
    std::vector<IValue> in;
    for (const ir::Value* v : n->inputs()) {
      auto c = constantOf(v);
      if (!c) break;
      in.push_back(*c);
    }
    if (in.size() != n->inputs().size()) continue;
    std::optional<IValue> r = fold(*n, in);
    if (!r) continue;
    Node* c = n->owningGraph()->createConstant(*r);
    c->output()->setType(n->output()->type());
    c->insertBefore(n);
    n->output()->replaceAllUsesWith(c->output());
    n->destroy();
    ++changed;
  }
  return changed;
}

}  // namespace

size_t propagateConstants(ir::Graph& graph) { return propagateIn(graph.block()); }

}  // namespace wick::passes

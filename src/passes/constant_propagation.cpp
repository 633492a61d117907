#include "passes/constant_propagation.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "passes/dead_code_elimination.h"
#include "wick/tensor.h"

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

// aten::eq/ne/lt/le/gt/ge on two ints or two floats; nullopt for other ops.
template <typename T>
std::optional<IValue> compareScalars(const std::string& op, T x, T y) {
  if (op == "aten::eq") return IValue(x == y);
  if (op == "aten::ne") return IValue(x != y);
  if (op == "aten::lt") return IValue(x < y);
  if (op == "aten::le") return IValue(x <= y);
  if (op == "aten::gt") return IValue(x > y);
  if (op == "aten::ge") return IValue(x >= y);
  return std::nullopt;
}

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
    if (boolOut) return compareScalars(op, x, y);
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
    if (boolOut) return compareScalars(op, x, y);
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

// Pure, deterministic tensor ops whose result is a new tensor (never a view
// of an input), and scalar reads of a tensor's shape.
constexpr std::array<std::string_view, 58> kFoldableTensorOps = {
    "abs",     "neg",         "exp",        "log",        "log2",      "sqrt",        "rsqrt",   "reciprocal",
    "sigmoid", "tanh",        "relu",       "sin",        "cos",       "floor",       "ceil",    "round",
    "sign",    "erf",         "square",     "clamp",      "clamp_min", "clamp_max",   "pow",     "add",
    "sub",     "mul",         "div",        "rsub",       "remainder", "floor_divide", "maximum", "minimum",
    "eq",      "ne",          "lt",         "le",         "gt",        "ge",          "where",   "logical_not",
    "matmul",  "mm",          "bmm",        "addmm",      "sum",       "mean",        "amax",    "amin",
    "prod",    "softmax",     "log_softmax", "cat",       "stack",     "size",        "dim",     "numel",
    "Int",     "Float"};

// Ops whose result may share storage with an input: a folded constant used
// by one of them could reach the caller, who could then mutate it.
constexpr std::array<std::string_view, 33> kAliasingOps = {
    "view",        "reshape",  "flatten",  "squeeze",     "unsqueeze", "t",        "transpose",
    "permute",     "expand",   "expand_as", "select",     "slice",     "narrow",   "__getitem__",
    "as_strided",  "contiguous", "to",     "type_as",     "detach",    "alias",    "view_as",
    "reshape_as",  "unflatten", "chunk",   "split",       "unbind",    "movedim",  "diagonal",
    "unfold",      "dropout",  "feature_dropout", "alpha_dropout", "feature_alpha_dropout"};

bool isImmutableScalar(const ir::TypePtr& t) {
  if (!t) return false;
  switch (t->kind()) {
    case ir::TypeKind::Int:
    case ir::TypeKind::Float:
    case ir::TypeKind::Bool:
    case ir::TypeKind::Number:
      return true;
    default:
      return false;
  }
}

// Every use is an aten op that neither mutates nor aliases the value.
bool onlyReadByFreshOps(const ir::Value* v) {
  for (const ir::Use& u : v->uses()) {
    const Node* user = u.user;
    if (!user->kind().isAten() || hasSideEffects(*user) || !user->blocks().empty()) return false;
    std::string name = user->kind().unqualName();
    if (std::find(kAliasingOps.begin(), kAliasingOps.end(), name) != kAliasingOps.end()) return false;
  }
  return true;
}

int64_t numelOf(const IValue& v) { return v.isTensor() && v.toTensor().defined() ? v.toTensor().numel() : 0; }

class Propagator {
 public:
  Propagator(ir::Graph& graph, const ConstantPropagationOptions& opts)
      : opts_(opts), mutates_(blockHasSideEffects(*graph.block())) {}

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
      if (!n->blocks().empty() || n->inputs().empty()) continue;
      if (n->outputs().size() == 1 && foldScalar(n)) {
        ++changed;
        continue;
      }
      if (foldTensorOp(n)) ++changed;
    }
    return changed;
  }

 private:
  bool foldScalar(Node* n) {
    std::vector<IValue> in;
    for (const ir::Value* v : n->inputs()) {
      auto c = constantOf(v);
      if (!c) return false;
      in.push_back(*c);
    }
    std::optional<IValue> r = fold(*n, in);
    if (!r) return false;
    replaceByConstants(n, {*r});
    return true;
  }

  bool foldTensorOp(Node* n) {
    if (!opts_.evaluator || mutates_ || !n->kind().isAten()) return false;
    for (const ir::Value* v : n->inputs())
      if (v->node()->kind() != Symbol::prim_Constant) return false;
    std::string name = n->kind().unqualName();
    if (std::find(kFoldableTensorOps.begin(), kFoldableTensorOps.end(), name) == kFoldableTensorOps.end())
      return false;
    std::vector<IValue> in;
    bool anyTensor = false;
    for (const ir::Value* v : n->inputs()) {
      const Node* def = v->node();
      if (def->kind() != Symbol::prim_Constant) return false;
      in.push_back(def->hasAttribute("value") ? def->ival("value") : IValue());
      if (in.back().isTensor()) {
        anyTensor = true;
        if (numelOf(in.back()) > opts_.maxTensorElements) return false;
      }
    }
    if (!anyTensor) return false;
    for (const ir::Value* o : n->outputs())
      if (!isImmutableScalar(o->type()) && !onlyReadByFreshOps(o)) return false;
    std::optional<std::vector<IValue>> out = opts_.evaluator(*n, in);
    if (!out || out->size() != n->outputs().size()) return false;
    for (const IValue& v : *out) {
      if (numelOf(v) > opts_.maxTensorElements) return false;
      if (!v.isTensor() && !v.isInt() && !v.isDouble() && !v.isBool() && !v.isList()) return false;
    }
    replaceByConstants(n, *out);
    if (opts_.tensorOpsFolded) ++*opts_.tensorOpsFolded;
    return true;
  }

  static void replaceByConstants(Node* n, const std::vector<IValue>& values) {
    for (size_t i = 0; i < values.size(); ++i) {
      Node* c = n->owningGraph()->createConstant(values[i]);
      c->output()->setType(n->output(i)->type());
      c->insertBefore(n);
      n->output(i)->replaceAllUsesWith(c->output());
    }
    n->destroy();
  }

  const ConstantPropagationOptions& opts_;
  bool mutates_;
};

}  // namespace

size_t propagateConstants(ir::Graph& graph, const ConstantPropagationOptions& opts) {
  return Propagator(graph, opts).propagateIn(graph.block());
}

size_t propagateConstants(ir::Graph& graph) { return propagateConstants(graph, ConstantPropagationOptions{}); }

}  // namespace wick::passes

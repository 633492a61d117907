#include "passes/peephole.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "passes/dead_code_elimination.h"
#include "wick/tensor.h"

namespace wick::passes {

size_t PeepholeStats::total() const {
  size_t n = 0;
  for (const auto& [rule, count] : rewrites) n += count;
  return n;
}

std::string PeepholeStats::str() const {
  std::string s;
  for (const auto& [rule, count] : rewrites) s += fmt::format("{}{} {}", s.empty() ? "" : ", ", rule, count);
  return s.empty() ? "none" : s;
}

namespace {

using ir::Block;
using ir::Node;
using ir::Symbol;
using ir::TypeKind;
using ir::Value;

// The value of a prim::Constant (None when it has no "value").
std::optional<IValue> constantOf(const Value* v) {
  const Node* n = v->node();
  if (n->kind() != Symbol::prim_Constant) return std::nullopt;
  if (!n->hasAttribute("value")) return IValue();
  return n->ival("value");
}

std::optional<bool> constantBool(const Value* v) {
  auto c = constantOf(v);
  if (c && c->isBool()) return c->toBool();
  if (c && c->isInt() && v->type() && v->type()->kind() == TypeKind::Bool) return c->toInt() != 0;
  return std::nullopt;
}

std::optional<int64_t> constantInt(const Value* v) {
  auto c = constantOf(v);
  if (c && c->isInt()) return c->toInt();
  return std::nullopt;
}

std::optional<double> constantNumber(const Value* v) {
  auto c = constantOf(v);
  if (c && c->isInt()) return static_cast<double>(c->toInt());
  if (c && c->isDouble()) return c->toDouble();
  return std::nullopt;
}

bool isNoneConstant(const Value* v) {
  auto c = constantOf(v);
  return c && c->isNone();
}

bool typeIs(const Value* v, TypeKind k) { return v->type() && v->type()->kind() == k; }

// Whether a value of type `t` may be None at run time.
bool canBeNone(const ir::TypePtr& t) {
  if (!t) return true;
  switch (t->kind()) {
    case TypeKind::None:
    case TypeKind::Optional:
    case TypeKind::Any:
    case TypeKind::Var:
      return true;
    case TypeKind::Union:
      for (const ir::TypePtr& m : t->containedTypes())
        if (canBeNone(m)) return true;
      return false;
    default:
      return false;
  }
}

// What is known of a tensor value on every run.
struct TensorFacts {
  std::optional<DType> dtype;
  std::optional<Device> device;
  std::optional<std::vector<std::optional<int64_t>>> sizes;
  bool contiguous = false;
};

class Peephole {
 public:
  Peephole(ir::Graph& graph, const PeepholeOptions& opts)
      : graph_(graph), opts_(opts), mutates_(blockHasSideEffects(*graph.block())) {}

  PeepholeStats run() {
    visit(graph_.block());
    return std::move(stats_);
  }

 private:
  void visit(Block* b) {
    for (Node* n : b->nodes()) {
      for (Block* inner : n->blocks()) visit(inner);
      rewrite(n);
    }
  }

  // Whether users of a value of type `to` accept `from` (the interpreter
  // resolves overloads by the static types). Profiled tensor facts do not
  // matter: they are erased before compilation.
  static bool assignable(const ir::TypePtr& from, const ir::TypePtr& to) {
    if (!from || !to) return false;
    if (from->kind() == TypeKind::Tensor && to->kind() == TypeKind::Tensor) return true;
    return from->isSubtypeOf(*to);
  }

  // Replaces n's single output by `v` (n is left for DCE unless unused).
  void forward(Node* n, Value* v, const char* rule) {
    if (!assignable(v->type(), n->output()->type())) return;
    n->output()->replaceAllUsesWith(v);
    ++stats_.rewrites[rule];
  }

  Value* constantBefore(Node* n, const IValue& x, ir::TypePtr type) {
    Node* c = graph_.createConstant(x);
    if (type) c->output()->setType(std::move(type));
    c->insertBefore(n);
    return c->output();
  }

  std::optional<TensorFacts> factsOf(const Value* v) const {
    if (auto c = constantOf(v); c && c->isTensor()) {
      // A constant's shape holds unless something resizes it in place.
      if (mutates_) return std::nullopt;
      Tensor t = c->toTensor();
      if (!t.defined()) return std::nullopt;
      TensorFacts f{t.dtype(), t.device(), std::vector<std::optional<int64_t>>(), t.isContiguous()};
      for (int64_t s : t.sizes()) f.sizes->push_back(s);
      return f;
    }
    if (!opts_.trustTensorInfo || !typeIs(v, TypeKind::Tensor)) return std::nullopt;
    const ir::TensorInfo* info = v->type()->tensorInfo();
    if (!info) return std::nullopt;
    TensorFacts f{info->dtype, info->device, info->sizes, false};
    if (info->sizes && info->strides && info->sizes->size() == info->strides->size()) {
      // Contiguous: strides are the row-major products of fully known sizes
      // (size-1 dims may have any stride).
      bool known = true, contiguous = true;
      int64_t expected = 1;
      for (size_t d = info->sizes->size(); d-- > 0;) {
        const auto& s = (*info->sizes)[d];
        const auto& st = (*info->strides)[d];
        if (!s || !st) {
          known = false;
          break;
        }
        if (*s != 1 && *st != expected) contiguous = false;
        expected *= *s;
      }
      f.contiguous = known && contiguous;
    }
    return f;
  }

  void rewrite(Node* n) {
    // Dead nodes (earlier rewrites among them) are DCE's; prim::If prunes
    // itself.
    bool used = false;
    for (const Value* o : n->outputs()) used |= o->hasUses();
    if (!used && n->kind() != Symbol::prim_If) return;
    const std::string& k = n->kind().qualString();
    switch (n->kind().id()) {
      case Symbol::aten___is__:
      case Symbol::aten___isnot__:
        return isNone(n);
      case Symbol::prim_unchecked_cast:
        if (n->inputs().size() == 1 && n->input(0)->type() && n->output()->type() &&
            n->input(0)->type()->isSubtypeOf(*n->output()->type()))
          forward(n, n->input(0), "unchecked_cast");
        return;
      case Symbol::prim_If:
        return ifSameOutputs(n);
      case Symbol::prim_TupleIndex:
      case Symbol::prim_TupleUnpack:
        return tupleIndex(n);
      case Symbol::prim_ListUnpack:
        return listIndex(n);
      default:
        break;
    }
    if (k == "aten::dropout" || k == "aten::feature_dropout" || k == "aten::alpha_dropout" ||
        k == "aten::feature_alpha_dropout") {
      auto p = constantNumber(n->input(1));
      auto train = constantBool(n->input(2));
      if (n->inputs().size() == 3 && p && *p >= 0 && *p <= 1 && train && !*train)
        forward(n, n->input(0), "dropout_eval");
    } else if (k == "aten::neg" || k == "aten::__not__") {
      doubleNegation(n);
    } else if (k == "aten::len" || k == "aten::__getitem__") {
      if (typeIs(n->input(0), TypeKind::List)) return listIndex(n);
      if (k == "aten::len") tensorShape(n);
    } else if (k == "aten::size" || k == "aten::dim") {
      tensorShape(n);
    } else if (k == "aten::contiguous" || k == "aten::to" || k == "aten::type_as") {
      noopConversion(n);
    } else if (k == "aten::add" || k == "aten::sub" || k == "aten::mul" || k == "aten::div") {
      arithIdentity(n);
    }
  }

  void isNone(Node* n) {
    if (n->inputs().size() != 2) return;
    const Value* a = n->input(0);
    const Value* b = n->input(1);
    bool aNone = typeIs(a, TypeKind::None) || isNoneConstant(a);
    bool bNone = typeIs(b, TypeKind::None) || isNoneConstant(b);
    std::optional<bool> is;
    if (aNone && bNone) is = true;
    else if ((aNone && !canBeNone(b->type())) || (bNone && !canBeNone(a->type()))) is = false;
    if (!is) return;
    bool result = n->kind() == Symbol::aten___is__ ? *is : !*is;
    forward(n, constantBefore(n, IValue(result), ir::Type::get(TypeKind::Bool)), "is_none");
  }

  void ifSameOutputs(Node* n) {
    Block* thenB = n->blocks()[0];
    Block* elseB = n->blocks()[1];
    bool changed = false;
    for (size_t i = 0; i < n->outputs().size(); ++i) {
      Value* t = thenB->outputs()[i];
      if (t != elseB->outputs()[i] || !n->output(i)->hasUses() || !assignable(t->type(), n->output(i)->type()))
        continue;
      // Both branches return the same value, so it is defined outside them.
      n->output(i)->replaceAllUsesWith(t);
      changed = true;
    }
    if (changed) ++stats_.rewrites["if_same_outputs"];
    if (thenB->begin() == thenB->end() && elseB->begin() == elseB->end()) {
      bool used = false;
      for (const Value* o : n->outputs()) used |= o->hasUses();
      if (!used) {
        n->destroy();
        if (!changed) ++stats_.rewrites["if_same_outputs"];
      }
    }
  }

  void tupleIndex(Node* n) {
    Node* tuple = n->input(0)->node();
    if (tuple->kind() != Symbol::prim_TupleConstruct) return;
    if (n->kind() == Symbol::prim_TupleUnpack) {
      if (n->outputs().size() != tuple->inputs().size()) return;
      for (size_t i = 0; i < n->outputs().size(); ++i)
        if (!assignable(tuple->input(i)->type(), n->output(i)->type())) return;
      for (size_t i = 0; i < n->outputs().size(); ++i) n->output(i)->replaceAllUsesWith(tuple->input(i));
      ++stats_.rewrites["tuple_index"];
      return;
    }
    auto i = constantInt(n->input(1));
    int64_t size = static_cast<int64_t>(tuple->inputs().size());
    if (!i || *i < -size || *i >= size) return;
    forward(n, tuple->input(static_cast<size_t>(*i < 0 ? *i + size : *i)), "tuple_index");
  }

  // A ListConstruct whose list no one can mutate or keep: every use reads
  // it (len, __getitem__, ListUnpack) or is an aten op without side effects
  // whose outputs cannot hold the list.
  bool listIsReadOnly(const Value* list) const {
    for (const ir::Use& u : list->uses()) {
      const Node* user = u.user;
      const std::string& k = user->kind().qualString();
      if (k == "aten::len" || k == "aten::__getitem__" || user->kind() == Symbol::prim_ListUnpack) continue;
      if (!user->kind().isAten() || hasSideEffects(*user) || !user->blocks().empty()) return false;
      for (const Value* o : user->outputs()) {
        if (!o->type()) return false;
        switch (o->type()->kind()) {
          case TypeKind::Tensor:
          case TypeKind::Int:
          case TypeKind::Float:
          case TypeKind::Bool:
          case TypeKind::Str:
          case TypeKind::None:
            break;
          default:
            return false;
        }
      }
    }
    return true;
  }

  void listIndex(Node* n) {
    Node* list = n->input(0)->node();
    if (list->kind() != Symbol::prim_ListConstruct || !listIsReadOnly(n->input(0))) return;
    int64_t size = static_cast<int64_t>(list->inputs().size());
    if (n->kind() == Symbol::prim_ListUnpack) {
      if (static_cast<int64_t>(n->outputs().size()) != size) return;
      for (size_t i = 0; i < n->outputs().size(); ++i)
        if (!assignable(list->input(i)->type(), n->output(i)->type())) return;
      for (size_t i = 0; i < n->outputs().size(); ++i) n->output(i)->replaceAllUsesWith(list->input(i));
      ++stats_.rewrites["list_index"];
      return;
    }
    if (n->kind().qualString() == "aten::len") {
      if (n->inputs().size() != 1) return;
      forward(n, constantBefore(n, IValue(size), ir::Type::get(TypeKind::Int)), "list_index");
      return;
    }
    if (n->inputs().size() != 2) return;
    auto i = constantInt(n->input(1));
    if (!i || *i < -size || *i >= size) return;
    forward(n, list->input(static_cast<size_t>(*i < 0 ? *i + size : *i)), "list_index");
  }

  void doubleNegation(Node* n) {
    if (n->inputs().size() != 1) return;
    Node* inner = n->input(0)->node();
    if (inner->kind() != n->kind() || inner->inputs().size() != 1) return;
    Value* x = inner->input(0);
    bool scalar = n->kind().qualString() == "aten::__not__"
                      ? typeIs(x, TypeKind::Bool)
                      : typeIs(x, TypeKind::Int) || typeIs(x, TypeKind::Float);
    if (!scalar) {
      // -(-x) on a tensor: a new tensor becomes x itself, and neg raises on
      // bool tensors.
      if (n->kind().qualString() != "aten::neg" || !typeIs(x, TypeKind::Tensor) || mutates_) return;
      auto f = factsOf(x);
      if (!f || !f->dtype || *f->dtype == DType::Bool || isReturned(n->output())) return;
    }
    if (!typeIs(n->output(), x->type() ? x->type()->kind() : TypeKind::Any)) return;
    forward(n, x, "double_negation");
  }

  void tensorShape(Node* n) {
    const std::string& k = n->kind().qualString();
    if (!typeIs(n->input(0), TypeKind::Tensor)) return;
    auto f = factsOf(n->input(0));
    if (!f || !f->sizes) return;
    auto rank = static_cast<int64_t>(f->sizes->size());
    if (k == "aten::dim" && n->inputs().size() == 1) {
      forward(n, constantBefore(n, IValue(rank), ir::Type::get(TypeKind::Int)), "tensor_shape");
    } else if (k == "aten::len" && n->inputs().size() == 1) {
      if (rank == 0 || !(*f->sizes)[0]) return;  // len() of a 0-d tensor raises
      forward(n, constantBefore(n, IValue(*(*f->sizes)[0]), ir::Type::get(TypeKind::Int)), "tensor_shape");
    } else if (k == "aten::size" && n->inputs().size() == 2 && typeIs(n->output(), TypeKind::Int)) {
      auto d = constantInt(n->input(1));
      if (!d || *d < -rank || *d >= rank) return;
      const auto& s = (*f->sizes)[static_cast<size_t>(*d < 0 ? *d + rank : *d)];
      if (!s) return;
      forward(n, constantBefore(n, IValue(*s), ir::Type::get(TypeKind::Int)), "tensor_shape");
    }
  }

  // Whether copy=False and no memory format (the value at `i`, if any).
  static bool noCopy(const Node* n, size_t copyAt, std::optional<size_t> formatAt) {
    auto copy = constantBool(n->input(copyAt));
    if (!copy || *copy) return false;
    return !formatAt || isNoneConstant(n->input(*formatAt));
  }

  void noopConversion(Node* n) {
    const std::string& k = n->kind().qualString();
    Value* x = n->input(0);
    if (!typeIs(x, TypeKind::Tensor) || !typeIs(n->output(), TypeKind::Tensor)) return;
    auto f = factsOf(x);
    if (!f) return;
    if (k == "aten::contiguous") {
      // contiguous(memory_format=contiguous_format (0)) returns self when
      // already contiguous.
      auto fmt = n->inputs().size() == 2 ? constantInt(n->input(1)) : std::optional<int64_t>(0);
      if (f->contiguous && fmt && *fmt == 0) forward(n, x, "noop_conversion");
      return;
    }
    auto sameDtype = [&](const Value* dtypeArg) {
      auto d = constantInt(dtypeArg);
      DType want;
      return d && f->dtype && dtypeFromInt(*d, &want) && want == *f->dtype;
    };
    auto sameDevice = [&](const Value* deviceArg) {
      if (isNoneConstant(deviceArg)) return true;
      auto c = constantOf(deviceArg);
      return c && c->isDevice() && f->device && c->toDevice() == *f->device;
    };
    auto sameAs = [&](const Value* other) {
      auto g = factsOf(other);
      return g && g->dtype && f->dtype && *g->dtype == *f->dtype && g->device && f->device &&
             *g->device == *f->device;
    };
    bool noop = false;
    size_t in = n->inputs().size();
    if (k == "aten::type_as") {
      noop = in == 2 && sameAs(n->input(1));
    } else if (in == 5 && typeIs(n->input(1), TypeKind::Tensor)) {
      // to.other(self, other, non_blocking, copy, memory_format)
      noop = sameAs(n->input(1)) && noCopy(n, 3, 4);
    } else if (in == 5 && (typeIs(n->input(1), TypeKind::Int) || typeIs(n->input(1), TypeKind::ScalarType))) {
      // to.dtype(self, dtype, non_blocking, copy, memory_format)
      noop = sameDtype(n->input(1)) && noCopy(n, 3, 4);
    } else if (in == 6 && typeIs(n->input(1), TypeKind::Device)) {
      // to.device(self, device, dtype, non_blocking, copy, memory_format)
      noop = sameDevice(n->input(1)) && sameDtype(n->input(2)) && noCopy(n, 4, 5);
    } else if (in == 8) {
      // to.dtype_layout(self, dtype, layout, device, pin_memory,
      // non_blocking, copy, memory_format)
      auto layout = constantOf(n->input(2));
      auto pin = constantOf(n->input(4));
      noop = (isNoneConstant(n->input(1)) || sameDtype(n->input(1))) && layout &&
             (layout->isNone() || (layout->isInt() && layout->toInt() == 0)) && pin &&
             (pin->isNone() || (pin->isBool() && !pin->toBool())) && sameDevice(n->input(3)) && noCopy(n, 6, 7);
    }
    if (noop) forward(n, x, "noop_conversion");
  }

  bool isReturned(const Value* v) const {
    for (const ir::Use& u : v->uses())
      if (u.user == graph_.block()->returnNode()) return true;
    return false;
  }

  void arithIdentity(Node* n) {
    const std::string& k = n->kind().qualString();
    Value* x = n->input(0);
    bool addSub = k == "aten::add" || k == "aten::sub";
    if (n->inputs().size() != (addSub ? 3u : 2u) || !typeIs(x, TypeKind::Tensor) ||
        !typeIs(n->output(), TypeKind::Tensor) || mutates_ || isReturned(n->output()))
      return;
    const Value* s = n->input(1);
    if (!typeIs(s, TypeKind::Int) && !typeIs(s, TypeKind::Float) && !typeIs(s, TypeKind::Number)) return;
    auto c = constantOf(s);
    if (!c || (!c->isInt() && !c->isDouble())) return;
    if (addSub) {
      auto alpha = constantInt(n->input(2));
      if (!alpha || *alpha != 1) return;
    }
    auto f = factsOf(x);
    if (!f || !f->dtype) return;
    DType dt = *f->dtype;
    // A scalar keeps the tensor's dtype when it is no higher category: an
    // int on any non-bool tensor, a float on a floating one.
    if (dt == DType::Bool || (c->isDouble() && !isFloating(dt))) return;
    double v = c->isInt() ? static_cast<double>(c->toInt()) : c->toDouble();
    bool identity = false;
    if (k == "aten::add") identity = v == 0 && !isFloating(dt);
    if (k == "aten::sub") identity = v == 0;
    if (k == "aten::mul") identity = v == 1;
    if (k == "aten::div") identity = v == 1 && isFloating(dt);  // int / 1 is a float tensor
    if (identity) forward(n, x, "arith_identity");
  }

  ir::Graph& graph_;
  const PeepholeOptions& opts_;
  bool mutates_;
  PeepholeStats stats_;
};

}  // namespace

PeepholeStats peephole(ir::Graph& graph, const PeepholeOptions& opts) { return Peephole(graph, opts).run(); }

}  // namespace wick::passes

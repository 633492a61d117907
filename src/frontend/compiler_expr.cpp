// Expressions: constants, variables, operators and calls (through the
// BuiltinResolver), short-circuit and conditional expressions as prim::If,
// tuple and list construction.
#include <fmt/format.h>

#include <limits>

#include "frontend/ast_printer.h"
#include "frontend/compiler_internal.h"

namespace wick::frontend {

namespace {

const char* atenName(BinaryOpKind op) {
  switch (op) {
    case BinaryOpKind::Add: return "aten::add";
    case BinaryOpKind::Sub: return "aten::sub";
    case BinaryOpKind::Mul: return "aten::mul";
    case BinaryOpKind::Div: return "aten::div";
    case BinaryOpKind::FloorDiv: return "aten::floordiv";
    case BinaryOpKind::Mod: return "aten::remainder";
    case BinaryOpKind::Pow: return "aten::pow";
    case BinaryOpKind::MatMul: return "aten::matmul";
    case BinaryOpKind::LShift: return "aten::__lshift__";
    case BinaryOpKind::RShift: return "aten::__rshift__";
    case BinaryOpKind::BitAnd: return "aten::__and__";
    case BinaryOpKind::BitOr: return "aten::__or__";
    case BinaryOpKind::BitXor: return "aten::__xor__";
  }
  return "";
}

// `torch.add` -> "aten::add", `ops.prim.min` -> "prim::min", `math.sqrt` ->
// "aten::sqrt"; "" when the callee is not a builtin name.
std::string builtinName(const Expr& func) {
  if (auto* n = func.as<Name>()) {
    // Python's conversions are TorchScript's capitalized aten ops.
    if (n->id == "int") return "aten::Int";
    if (n->id == "float") return "aten::Float";
    if (n->id == "bool") return "aten::Bool";
    return "aten::" + n->id;
  }
  auto* a = func.as<Attribute>();
  if (!a) return "";
  if (auto* base = a->value->as<Name>(); base && (base->id == "torch" || base->id == "math")) {
    return "aten::" + a->attr;
  }
  if (auto* ns = a->value->as<Attribute>()) {
    if (auto* ops = ns->value->as<Name>(); ops && ops->id == "ops") return ns->attr + "::" + a->attr;
  }
  return "";
}

}  // namespace

ir::Value* FunctionCompiler::emitBuiltin(const std::string& qualName, std::vector<NamedValue> args,
                                         std::vector<NamedValue> kwargs, const SourceRange& where) {
  ir::Value* v = builtins_.emitCall(*graph_, qualName, args, kwargs, toLocation(where));
  if (!v) fail(where, fmt::format("unknown builtin '{}'", qualName));
  return v;
}

ir::Value* FunctionCompiler::toBool(ir::Value* v, const SourceRange& where) {
  if (v->type()->kind() == ir::TypeKind::Bool) return v;
  return emitBuiltin("aten::Bool", {{"", v}}, {}, where);
}

ir::Value* FunctionCompiler::emitCondition(const Expr& e) { return toBool(emitExpr(e), e.range); }

ir::Value* FunctionCompiler::emitTernary(ir::Value* cond, const std::function<ir::Value*()>& thenValue,
                                         const std::function<ir::Value*()>& elseValue, const SourceRange& where) {
  ir::Node* node = insert(graph_->create(ir::Symbol::prim_If, {cond}, 0), where);
  ir::Node* after = node->next();
  ir::Block* thenBlock = node->addBlock();
  ir::Block* elseBlock = node->addBlock();
  graph_->setInsertPoint(thenBlock);
  ir::Value* a = thenValue();
  graph_->setInsertPoint(elseBlock);
  ir::Value* b = elseValue();
  graph_->setInsertPoint(after);
  if (!a || !b) return nullptr;
  ir::TypePtr type = ir::unifyTypes(a->type(), b->type());
  if (!type) {
    fail(where, fmt::format("the branches have types {} and {}, which do not unify", a->type()->annotationStr(),
                            b->type()->annotationStr()));
  }
  thenBlock->registerOutput(a);
  elseBlock->registerOutput(b);
  return node->addOutput()->setType(type);
}

ir::Value* FunctionCompiler::emitExpr(const Expr& e, const ir::TypePtr& hint) {
  if (auto* n = e.as<Name>()) {
    auto it = env_.find(n->id);
    if (it != env_.end()) return it->second;
    // PyTorch's printer writes float constants inf and nan as bare names.
    if (n->id == "inf") return constant(IValue(std::numeric_limits<double>::infinity()), e.range);
    if (n->id == "nan") return constant(IValue(std::numeric_limits<double>::quiet_NaN()), e.range);
    fail(e.range, fmt::format("undefined variable '{}'", n->id));
  }
  if (auto* n = e.as<IntLiteral>()) return constant(IValue(n->value), e.range);
  if (auto* n = e.as<FloatLiteral>()) return constant(IValue(n->value), e.range);
  if (auto* n = e.as<BoolLiteral>()) return constant(IValue(n->value), e.range);
  if (auto* n = e.as<StringLiteral>()) return constant(IValue(n->value), e.range);
  if (e.as<NoneLiteral>()) return constant(IValue(), e.range);
  if (auto* n = e.as<BinaryOp>()) {
    ir::Value* lhs = emitExpr(*n->lhs);
    ir::Value* rhs = emitExpr(*n->rhs);
    return emitBuiltin(atenName(n->op), {{"", lhs}, {"", rhs}}, {}, e.range);
  }
  if (auto* n = e.as<UnaryOp>()) {
    if (n->op == UnaryOpKind::Not) return emitBuiltin("aten::__not__", {{"", emitCondition(*n->operand)}}, {}, e.range);
    ir::Value* v = emitExpr(*n->operand);
    if (n->op == UnaryOpKind::Pos) return v;
    return emitBuiltin(n->op == UnaryOpKind::Neg ? "aten::neg" : "aten::bitwise_not", {{"", v}}, {}, e.range);
  }
  if (auto* n = e.as<BoolOp>()) {
    // a and b: if a then b else False; a or b: if a then True else b.
    ir::Value* lhs = emitCondition(*n->lhs);
    bool isAnd = n->op == BoolOpKind::And;
    auto rhs = [&] { return emitCondition(*n->rhs); };
    auto fixed = [&] { return constant(IValue(!isAnd), e.range); };
    return isAnd ? emitTernary(lhs, rhs, fixed, e.range) : emitTernary(lhs, fixed, rhs, e.range);
  }
  if (auto* n = e.as<Compare>()) return emitCompare(*n);
  if (auto* n = e.as<IfExpr>()) {
    ir::Value* cond = emitCondition(*n->cond);
    return emitTernary(
        cond, [&] { return emitExpr(*n->thenExpr, hint); }, [&] { return emitExpr(*n->elseExpr, hint); }, e.range);
  }
  if (auto* n = e.as<Call>()) return emitCall(*n);
  if (auto* n = e.as<TupleLiteral>()) {
    std::vector<ir::Value*> elts;
    std::vector<ir::TypePtr> types;
    for (const ExprPtr& elt : n->elts) {
      if (elt->as<Starred>()) fail(elt->range, "starred elements are not supported by the source compiler");
      elts.push_back(emitExpr(*elt));
      types.push_back(elts.back()->type());
    }
    ir::Node* node = insert(graph_->create(ir::Symbol::prim_TupleConstruct, elts, 1), e.range);
    return node->output()->setType(ir::Type::tuple(types));
  }
  if (auto* n = e.as<ListLiteral>()) return emitList(*n, hint);
  if (auto* n = e.as<DictLiteral>()) return emitDict(*n, hint);
  if (auto* n = e.as<Subscript>()) return emitSubscript(*n);
  fail(e.range, fmt::format("{} expressions are not supported by the source compiler", nodeKindName(e.kind)));
}

ir::Value* FunctionCompiler::emitList(const ListLiteral& l, const ir::TypePtr& hint) {
  std::vector<ir::Value*> elts;
  ir::TypePtr elemType = hint && hint->kind() == ir::TypeKind::List ? hint->containedTypes()[0] : nullptr;
  for (const ExprPtr& elt : l.elts) {
    if (elt->as<Starred>()) fail(elt->range, "starred elements are not supported by the source compiler");
    elts.push_back(emitExpr(*elt));
    ir::TypePtr t = elemType ? ir::unifyTypes(elemType, elts.back()->type()) : elts.back()->type();
    if (!t) fail(elt->range, fmt::format("list elements of types {} and {} do not unify", elemType->annotationStr(),
                                         elts.back()->type()->annotationStr()));
    elemType = t;
  }
  if (!elemType) fail(l.range, "the type of an empty list must be given: annotate(List[T], [])");
  ir::Node* node = insert(graph_->create(ir::Symbol::prim_ListConstruct, elts, 1), l.range);
  return node->output()->setType(ir::Type::list(elemType));
}

ir::Value* FunctionCompiler::emitDict(const DictLiteral& d, const ir::TypePtr& hint) {
  bool typed = hint && hint->kind() == ir::TypeKind::Dict;
  ir::TypePtr keyType = typed ? hint->containedTypes()[0] : nullptr;
  ir::TypePtr valueType = typed ? hint->containedTypes()[1] : nullptr;
  std::vector<ir::Value*> inputs;
  for (size_t i = 0; i < d.keys.size(); ++i) {
    ir::Value* k = emitExpr(*d.keys[i]);
    ir::Value* v = emitExpr(*d.values[i]);
    ir::TypePtr kt = keyType ? ir::unifyTypes(keyType, k->type()) : k->type();
    ir::TypePtr vt = valueType ? ir::unifyTypes(valueType, v->type()) : v->type();
    if (!kt || !vt) fail(d.keys[i]->range, "dict entries have types that do not unify");
    keyType = kt;
    valueType = vt;
    inputs.push_back(k);
    inputs.push_back(v);
  }
  if (!keyType) fail(d.range, "the type of an empty dict must be given: annotate(Dict[K, V], {})");
  ir::Node* node = insert(graph_->create(ir::Symbol::prim_DictConstruct, inputs, 1), d.range);
  return node->output()->setType(ir::Type::dict(keyType, valueType));
}

ir::Value* FunctionCompiler::emitCall(const Call& call) {
  const auto* callee = call.func->as<Name>();
  // The printer's typed forms: uninitialized(T) is a placeholder value of T
  // on paths that never read it; unchecked_cast(T, x) is x refined to T.
  if (callee && (callee->id == "uninitialized" || callee->id == "unchecked_cast")) {
    bool cast = callee->id == "unchecked_cast";
    if (call.args.size() != (cast ? 2u : 1u) || !call.keywords.empty()) {
      fail(call.range, fmt::format("{}() takes {}", callee->id, cast ? "a type and a value" : "a type"));
    }
    ir::TypePtr type = parseTypeAnnotation(*call.args[0]);
    std::vector<ir::Value*> inputs;
    if (cast) inputs.push_back(emitExpr(*call.args[1]));
    ir::Symbol kind = cast ? ir::Symbol::prim_unchecked_cast : ir::Symbol::prim_Uninitialized;
    return insert(graph_->create(kind, inputs, 1), call.range)->output()->setType(type);
  }
  // annotate(T, value) types its value, typically an empty list.
  if (callee && callee->id == "annotate") {
    if (call.args.size() != 2 || !call.keywords.empty()) fail(call.range, "annotate() takes a type and a value");
    ir::TypePtr type = parseTypeAnnotation(*call.args[0]);
    ir::Value* v = emitExpr(*call.args[1], type);
    if (!v->type()->isSubtypeOf(*type)) {
      fail(call.range, fmt::format("annotate: a value of type {} is not a {}", v->type()->annotationStr(),
                                   type->annotationStr()));
    }
    return v;
  }
  // isinstance(x, T) and isinstance(x, (T1, T2)): whether x's value at run
  // time is one of the types (the printer keeps only the checks it could
  // not decide statically).
  if (callee && callee->id == "isinstance") {
    if (call.args.size() != 2 || !call.keywords.empty()) fail(call.range, "isinstance() takes a value and a type");
    std::vector<ir::TypePtr> types;
    if (auto* many = call.args[1]->as<TupleLiteral>()) {
      for (const ExprPtr& t : many->elts) types.push_back(parseTypeAnnotation(*t));
    } else {
      types.push_back(parseTypeAnnotation(*call.args[1]));
    }
    ir::Value* value = emitExpr(*call.args[0]);
    ir::Node* node = insert(graph_->create(ir::Symbol::prim_isinstance, {value}, 1), call.range);
    node->tys_("types", std::move(types));
    return node->output()->setType(ir::Type::get(ir::TypeKind::Bool));
  }
  std::vector<NamedValue> args;
  std::string name = builtinName(*call.func);
  if (name.empty()) {
    // A method call on a value, `x.relu()`, is the builtin with x first.
    auto* method = call.func->as<Attribute>();
    if (!method) fail(call.func->range, "only builtins can be called by the source compiler");
    args.push_back({"", emitExpr(*method->value)});
    name = "aten::" + method->attr;
  }
  for (const ExprPtr& arg : call.args) {
    if (arg->as<Starred>()) fail(arg->range, "starred arguments are not supported by the source compiler");
    args.push_back({"", emitExpr(*arg)});
  }
  std::vector<NamedValue> kwargs;
  for (const Keyword& k : call.keywords) kwargs.push_back({k.name, emitExpr(*k.value)});
  return emitBuiltin(name, std::move(args), std::move(kwargs), call.range);
}

ir::Value* FunctionCompiler::emitCompareOp(CompareOpKind op, ir::Value* lhs, ir::Value* rhs, const SourceRange& where) {
  switch (op) {
    case CompareOpKind::Eq: return emitBuiltin("aten::eq", {{"", lhs}, {"", rhs}}, {}, where);
    case CompareOpKind::NotEq: return emitBuiltin("aten::ne", {{"", lhs}, {"", rhs}}, {}, where);
    case CompareOpKind::Lt: return emitBuiltin("aten::lt", {{"", lhs}, {"", rhs}}, {}, where);
    case CompareOpKind::LtE: return emitBuiltin("aten::le", {{"", lhs}, {"", rhs}}, {}, where);
    case CompareOpKind::Gt: return emitBuiltin("aten::gt", {{"", lhs}, {"", rhs}}, {}, where);
    case CompareOpKind::GtE: return emitBuiltin("aten::ge", {{"", lhs}, {"", rhs}}, {}, where);
    case CompareOpKind::Is: return emitBuiltin("aten::__is__", {{"", lhs}, {"", rhs}}, {}, where);
    case CompareOpKind::IsNot: return emitBuiltin("aten::__isnot__", {{"", lhs}, {"", rhs}}, {}, where);
    // `a in b` is b.__contains__(a).
    case CompareOpKind::In: return emitBuiltin("aten::__contains__", {{"", rhs}, {"", lhs}}, {}, where);
    case CompareOpKind::NotIn: {
      ir::Value* in = emitBuiltin("aten::__contains__", {{"", rhs}, {"", lhs}}, {}, where);
      return emitBuiltin("aten::__not__", {{"", in}}, {}, where);
    }
  }
  fail(where, "unknown comparison");
}

ir::Value* FunctionCompiler::emitCompare(const Compare& c) {
  // a < b < c is (a < b) and (b < c), with b evaluated once and c only when
  // a < b holds.
  ir::Value* lhs = emitExpr(*c.first);
  ir::Value* rhs = emitExpr(*c.rest[0]);
  ir::Value* result = emitCompareOp(c.ops[0], lhs, rhs, c.range);
  for (size_t i = 1; i < c.ops.size(); ++i) {
    ir::Value* prev = rhs;
    result = emitTernary(
        toBool(result, c.range),
        [&] {
          rhs = emitExpr(*c.rest[i]);
          return toBool(emitCompareOp(c.ops[i], prev, rhs, c.range), c.range);
        },
        [&] { return constant(IValue(false), c.range); }, c.range);
  }
  return result;
}

ir::Value* FunctionCompiler::emitSubscript(const Subscript& s) {
  if (s.indices.size() != 1 || s.indices[0]->as<Slice>()) {
    fail(s.range, "the source compiler supports a single index only, without slices");
  }
  ir::Value* value = emitExpr(*s.value);
  const ir::Type& type = *value->type();
  if (type.kind() == ir::TypeKind::Tuple) {
    // Tuples are heterogeneous: the index must be a constant to know the
    // element type.
    const Expr& indexExpr = *s.indices[0];
    const auto* neg = indexExpr.as<UnaryOp>();
    const auto* lit = neg && neg->op == UnaryOpKind::Neg ? neg->operand->as<IntLiteral>() : indexExpr.as<IntLiteral>();
    if (!lit || (neg && lit->value == std::numeric_limits<int64_t>::min())) {
      fail(indexExpr.range, "a tuple index must be an integer literal");
    }
    int64_t given = neg ? -lit->value : lit->value;
    int64_t size = static_cast<int64_t>(type.containedTypes().size());
    int64_t i = given < 0 ? given + size : given;
    if (i < 0 || i >= size) fail(indexExpr.range, fmt::format("tuple index {} out of range", given));
    ir::Value* index = constant(IValue(i), s.indices[0]->range);
    ir::Node* node = insert(graph_->create(ir::Symbol::prim_TupleIndex, {value, index}, 1), s.range);
    return node->output()->setType(type.containedTypes()[static_cast<size_t>(i)]);
  }
  ir::Value* index = emitExpr(*s.indices[0]);
  return emitBuiltin("aten::__getitem__", {{"", value}, {"", index}}, {}, s.range);
}

}  // namespace wick::frontend

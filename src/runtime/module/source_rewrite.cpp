// The AST rewrite of source_rewrite.h: a walk over every expression slot of
// a method body that replaces object access by resolver calls.
#include "runtime/module/source_rewrite.h"

#include <charconv>
#include <map>

namespace wick::module {

namespace {

using namespace frontend;

template <class T>
std::unique_ptr<T> make(const SourceRange& r) {
  return std::make_unique<T>(r);
}

ExprPtr name(const std::string& id, const SourceRange& r) {
  auto n = make<Name>(r);
  n->id = id;
  return n;
}

// ops.<ns>.<op>(args...)
ExprPtr opCall(const std::string& ns, const std::string& op, ExprList args, const SourceRange& r) {
  auto nsAttr = make<Attribute>(r);
  nsAttr->value = name("ops", r);
  nsAttr->attr = ns;
  auto opAttr = make<Attribute>(r);
  opAttr->value = std::move(nsAttr);
  opAttr->attr = op;
  auto call = make<Call>(r);
  call->func = std::move(opAttr);
  call->args = std::move(args);
  return call;
}

ExprPtr stringLiteral(const std::string& s, const SourceRange& r) {
  auto lit = make<StringLiteral>(r);
  lit->value = s;
  return lit;
}

// Whether `func` names a builtin the compiler resolves by name: torch.X,
// math.X, ops.ns.X.
bool isBuiltinCallee(const Expr& func) {
  const auto* a = func.as<Attribute>();
  if (!a) return false;
  if (const auto* base = a->value->as<Name>()) return base->id == "torch" || base->id == "math";
  if (const auto* ns = a->value->as<Attribute>()) {
    const auto* ops = ns->value->as<Name>();
    return ops && ops->id == "ops";
  }
  return false;
}

// Names bound to archive functions in the body being rewritten:
// `_0 = __torch__.torch.nn.functional.batch_norm`.
using Aliases = std::map<std::string, std::string>;

void rewrite(ExprPtr& e, const Aliases& aliases);

// The archive function a call's callee names, or "".
std::string archiveFunction(const Expr& func, const Aliases& aliases) {
  if (auto* n = func.as<Name>()) {
    auto it = aliases.find(n->id);
    return it == aliases.end() ? "" : it->second;
  }
  std::string dotted = dottedName(func);
  return dotted.rfind("__torch__.", 0) == 0 ? dotted : "";
}

void rewriteAll(ExprList& list, const Aliases& aliases) {
  for (ExprPtr& e : list) rewrite(e, aliases);
}

void rewrite(ExprPtr& e, const Aliases& aliases) {
  if (!e) return;
  switch (e->kind) {
    case NodeKind::Attribute: {
      auto* a = e->as<Attribute>();
      const SourceRange r = e->range;
      if (const auto* base = a->value->as<Name>(); base && base->id == "CONSTANTS" && a->attr.size() > 1 &&
                                                   a->attr[0] == 'c') {
        int64_t index = -1;
        auto [end, ec] = std::from_chars(a->attr.data() + 1, a->attr.data() + a->attr.size(), index);
        if (ec == std::errc() && end == a->attr.data() + a->attr.size()) {
          auto lit = make<IntLiteral>(r);
          lit->value = index;
          ExprList args;
          args.push_back(std::move(lit));
          e = opCall("wick", "archive_constant", std::move(args), r);
          return;
        }
      }
      rewrite(a->value, aliases);
      ExprList args;
      args.push_back(std::move(a->value));
      args.push_back(stringLiteral(a->attr, r));
      e = opCall("prim", "GetAttr", std::move(args), r);
      return;
    }
    case NodeKind::Call: {
      auto* c = e->as<Call>();
      if (std::string fn = archiveFunction(*c->func, aliases);
          fn.size() > 8 && fn.compare(fn.size() - 8, 8, ".__new__") == 0) {
        // `__torch__.Foo.__new__(__torch__.Foo)`: a fresh instance, which the
        // printed code then passes to `__init__`.
        ExprList args;
        args.push_back(stringLiteral(fn.substr(0, fn.size() - 8), c->func->range));
        e = opCall("wick", "create_object", std::move(args), e->range);
        return;
      }
      if (std::string fn = archiveFunction(*c->func, aliases); !fn.empty()) {
        // A free function of the archive: ops.wick.call_function("q.name", args...).
        rewriteAll(c->args, aliases);
        for (Keyword& k : c->keywords) rewrite(k.value, aliases);
        ExprList args;
        args.push_back(stringLiteral(fn, c->func->range));
        for (ExprPtr& a : c->args) args.push_back(std::move(a));
        ExprPtr replacement = opCall("wick", "call_function", std::move(args), e->range);
        replacement->as<Call>()->keywords = std::move(c->keywords);
        e = std::move(replacement);
        return;
      }
      if (auto* method = c->func->as<Attribute>()) {
        if (!isBuiltinCallee(*method)) rewrite(method->value, aliases);
      } else {
        rewrite(c->func, aliases);
      }
      rewriteAll(c->args, aliases);
      for (Keyword& k : c->keywords) rewrite(k.value, aliases);
      return;
    }
    case NodeKind::Subscript: {
      auto* s = e->as<Subscript>();
      rewrite(s->value, aliases);
      rewriteAll(s->indices, aliases);
      return;
    }
    case NodeKind::Slice: {
      auto* s = e->as<Slice>();
      rewrite(s->lower, aliases), rewrite(s->upper, aliases), rewrite(s->step, aliases);
      return;
    }
    case NodeKind::Starred: rewrite(e->as<Starred>()->value, aliases); return;
    case NodeKind::UnaryOp: rewrite(e->as<UnaryOp>()->operand, aliases); return;
    case NodeKind::BinaryOp: rewrite(e->as<BinaryOp>()->lhs, aliases), rewrite(e->as<BinaryOp>()->rhs, aliases); return;
    case NodeKind::BoolOp: rewrite(e->as<BoolOp>()->lhs, aliases), rewrite(e->as<BoolOp>()->rhs, aliases); return;
    case NodeKind::Compare: rewrite(e->as<Compare>()->first, aliases), rewriteAll(e->as<Compare>()->rest, aliases); return;
    case NodeKind::IfExpr: {
      auto* i = e->as<IfExpr>();
      rewrite(i->cond, aliases), rewrite(i->thenExpr, aliases), rewrite(i->elseExpr, aliases);
      return;
    }
    case NodeKind::ListLiteral: rewriteAll(e->as<ListLiteral>()->elts, aliases); return;
    case NodeKind::TupleLiteral: rewriteAll(e->as<TupleLiteral>()->elts, aliases); return;
    case NodeKind::DictLiteral: rewriteAll(e->as<DictLiteral>()->keys, aliases), rewriteAll(e->as<DictLiteral>()->values, aliases); return;
    default: return;  // literals, names; comprehensions fail in the compiler
  }
}

void rewriteBody(StmtList& body, Aliases& aliases);

void rewriteStmt(StmtPtr& s, Aliases& aliases) {
  switch (s->kind) {
    case NodeKind::ExprStmt: rewrite(s->as<ExprStmt>()->value, aliases); return;
    case NodeKind::Assign: {
      auto* a = s->as<Assign>();
      if (a->targets.size() == 1 && a->targets[0]->as<Name>()) {
        std::string fn = dottedName(*a->value);
        if (fn.rfind("__torch__.", 0) == 0) {
          // The printer hoists functions into locals; calls through the
          // local become direct calls, and the binding disappears.
          aliases[a->targets[0]->as<Name>()->id] = fn;
          s = make<Pass>(s->range);
          return;
        }
      }
      rewrite(a->value, aliases);
      if (a->targets.size() == 1 && a->targets[0]->as<Attribute>()) {
        // `obj.x = v` stores into the object: prim::SetAttr.
        auto* target = a->targets[0]->as<Attribute>();
        rewrite(target->value, aliases);
        ExprList args;
        args.push_back(std::move(target->value));
        args.push_back(stringLiteral(target->attr, target->range));
        args.push_back(std::move(a->value));
        auto stmt = make<ExprStmt>(s->range);
        stmt->value = opCall("prim", "SetAttr", std::move(args), s->range);
        s = std::move(stmt);
        return;
      }
      for (ExprPtr& t : a->targets) {
        if (auto* sub = t->as<Subscript>()) rewrite(sub->value, aliases), rewriteAll(sub->indices, aliases);
      }
      return;
    }
    case NodeKind::AugAssign: rewrite(s->as<AugAssign>()->value, aliases); return;
    case NodeKind::AnnAssign: rewrite(s->as<AnnAssign>()->value, aliases); return;
    case NodeKind::Return: rewrite(s->as<Return>()->value, aliases); return;
    case NodeKind::If: {
      auto* i = s->as<If>();
      rewrite(i->cond, aliases);
      rewriteBody(i->body, aliases), rewriteBody(i->orelse, aliases);
      return;
    }
    case NodeKind::For: rewrite(s->as<For>()->iter, aliases), rewriteBody(s->as<For>()->body, aliases); return;
    case NodeKind::While: rewrite(s->as<While>()->cond, aliases), rewriteBody(s->as<While>()->body, aliases); return;
    case NodeKind::Assert: rewrite(s->as<Assert>()->test, aliases), rewrite(s->as<Assert>()->msg, aliases); return;
    case NodeKind::Raise: rewrite(s->as<Raise>()->exc, aliases); return;
    default: return;
  }
}

void rewriteBody(StmtList& body, Aliases& aliases) {
  for (StmtPtr& s : body) rewriteStmt(s, aliases);
}

}  // namespace

StmtPtr bindParamsStatement(const SourceRange& range) {
  auto stmt = make<ExprStmt>(range);
  stmt->value = opCall("wick", "bind_params", {}, range);
  return stmt;
}

void rewriteObjectAccess(StmtList& body) {
  Aliases aliases;
  rewriteBody(body, aliases);
}

std::optional<IValue> literalValue(const Expr& e) {
  if (auto* n = e.as<IntLiteral>()) return IValue(n->value);
  if (auto* n = e.as<FloatLiteral>()) return IValue(n->value);
  if (auto* n = e.as<BoolLiteral>()) return IValue(n->value);
  if (auto* n = e.as<StringLiteral>()) return IValue(n->value);
  if (e.as<NoneLiteral>()) return IValue();
  if (auto* u = e.as<UnaryOp>(); u && u->op == UnaryOpKind::Neg) {
    auto v = literalValue(*u->operand);
    if (v && v->isInt()) return IValue(-v->toInt());
    if (v && v->isDouble()) return IValue(-v->toDouble());
    return std::nullopt;
  }
  const ExprList* elts = nullptr;
  if (auto* l = e.as<ListLiteral>()) elts = &l->elts;
  if (auto* t = e.as<TupleLiteral>()) elts = &t->elts;
  if (!elts) return std::nullopt;
  std::vector<IValue> values;
  for (const ExprPtr& x : *elts) {
    auto v = literalValue(*x);
    if (!v) return std::nullopt;
    values.push_back(std::move(*v));
  }
  if (e.as<TupleLiteral>()) return IValue(makeTuple(std::move(values)));
  return IValue(makeList(std::move(values)));
}

std::string dottedName(const Expr& e) {
  if (auto* n = e.as<Name>()) return n->id;
  if (auto* a = e.as<Attribute>()) {
    std::string base = dottedName(*a->value);
    return base.empty() ? "" : base + "." + a->attr;
  }
  return "";
}

}  // namespace wick::module

// Kind names, operator spellings and the generic child walk of the AST.
#include "frontend/ast.h"

#include <algorithm>

namespace wick::frontend {

const char* nodeKindName(NodeKind kind) {
  switch (kind) {
#define WICK_AST_NAME(name) \
  case NodeKind::name:      \
    return #name;
    WICK_FOR_EACH_AST_EXPR(WICK_AST_NAME)
    WICK_FOR_EACH_AST_STMT(WICK_AST_NAME)
#undef WICK_AST_NAME
  }
  return "?";
}

#define WICK_AST_OP_NAME(name, spelling) \
  case name:                             \
    return spelling;
const char* opSpelling(BinaryOpKind op) {
  using enum BinaryOpKind;
  switch (op) { WICK_FOR_EACH_BINARY_OP(WICK_AST_OP_NAME) }
  return "?";
}
const char* opSpelling(UnaryOpKind op) {
  using enum UnaryOpKind;
  switch (op) { WICK_FOR_EACH_UNARY_OP(WICK_AST_OP_NAME) }
  return "?";
}
const char* opSpelling(BoolOpKind op) {
  using enum BoolOpKind;
  switch (op) { WICK_FOR_EACH_BOOL_OP(WICK_AST_OP_NAME) }
  return "?";
}
const char* opSpelling(CompareOpKind op) {
  using enum CompareOpKind;
  switch (op) { WICK_FOR_EACH_COMPARE_OP(WICK_AST_OP_NAME) }
  return "?";
}
#undef WICK_AST_OP_NAME

namespace {

// Calls the callbacks on each non-null child; keeps forEachChild readable.
struct ChildWalk {
  const std::function<void(const Expr&)>& onExpr;
  const std::function<void(const Stmt&)>& onStmt;

  void operator()(const ExprPtr& e) const {
    if (e && onExpr) onExpr(*e);
  }
  void operator()(const ExprList& list) const {
    for (const ExprPtr& e : list) (*this)(e);
  }
  void operator()(const StmtList& list) const {
    if (!onStmt) return;
    for (const StmtPtr& s : list) onStmt(*s);
  }
  void operator()(const std::vector<Comprehension>& gens) const {
    for (const Comprehension& g : gens) {
      (*this)(g.target);
      (*this)(g.iter);
      (*this)(g.ifs);
    }
  }
};

}  // namespace

void forEachChild(const Node& node, const std::function<void(const Expr&)>& onExpr,
                  const std::function<void(const Stmt&)>& onStmt) {
  ChildWalk walk{onExpr, onStmt};
  switch (node.kind) {
    case NodeKind::Name:
    case NodeKind::IntLiteral:
    case NodeKind::FloatLiteral:
    case NodeKind::StringLiteral:
    case NodeKind::BoolLiteral:
    case NodeKind::NoneLiteral:
    case NodeKind::EllipsisLiteral:
    case NodeKind::Break:
    case NodeKind::Continue:
    case NodeKind::Pass:
    case NodeKind::Import:
      return;
    default:
      break;
  }
  // The enum lists every expression kind before the first statement kind.
  if (node.kind <= NodeKind::DictComp) {
    const auto& e = static_cast<const Expr&>(node);
    if (auto* n = e.as<Attribute>()) {
      walk(n->value);
    } else if (auto* n = e.as<Subscript>()) {
      walk(n->value);
      walk(n->indices);
    } else if (auto* n = e.as<Slice>()) {
      walk(n->lower);
      walk(n->upper);
      walk(n->step);
    } else if (auto* n = e.as<Call>()) {
      walk(n->func);
      walk(n->args);
      for (const Keyword& k : n->keywords) walk(k.value);
    } else if (auto* n = e.as<Starred>()) {
      walk(n->value);
    } else if (auto* n = e.as<UnaryOp>()) {
      walk(n->operand);
    } else if (auto* n = e.as<BinaryOp>()) {
      walk(n->lhs);
      walk(n->rhs);
    } else if (auto* n = e.as<BoolOp>()) {
      walk(n->lhs);
      walk(n->rhs);
    } else if (auto* n = e.as<Compare>()) {
      walk(n->first);
      walk(n->rest);
    } else if (auto* n = e.as<IfExpr>()) {
      walk(n->thenExpr);
      walk(n->cond);
      walk(n->elseExpr);
    } else if (auto* n = e.as<ListLiteral>()) {
      walk(n->elts);
    } else if (auto* n = e.as<TupleLiteral>()) {
      walk(n->elts);
    } else if (auto* n = e.as<DictLiteral>()) {
      for (size_t i = 0; i < n->keys.size(); ++i) {
        walk(n->keys[i]);
        walk(n->values[i]);
      }
    } else if (auto* n = e.as<ListComp>()) {
      walk(n->elt);
      walk(n->generators);
    } else if (auto* n = e.as<DictComp>()) {
      walk(n->key);
      walk(n->value);
      walk(n->generators);
    }
    return;
  }
  const auto& s = static_cast<const Stmt&>(node);
  if (auto* n = s.as<ExprStmt>()) {
    walk(n->value);
  } else if (auto* n = s.as<Assign>()) {
    walk(n->targets);
    walk(n->value);
  } else if (auto* n = s.as<AugAssign>()) {
    walk(n->target);
    walk(n->value);
  } else if (auto* n = s.as<AnnAssign>()) {
    walk(n->target);
    walk(n->annotation);
    walk(n->value);
  } else if (auto* n = s.as<Return>()) {
    walk(n->value);
  } else if (auto* n = s.as<If>()) {
    walk(n->cond);
    walk(n->body);
    walk(n->orelse);
  } else if (auto* n = s.as<For>()) {
    walk(n->target);
    walk(n->iter);
    walk(n->body);
  } else if (auto* n = s.as<While>()) {
    walk(n->cond);
    walk(n->body);
  } else if (auto* n = s.as<With>()) {
    for (const WithItem& item : n->items) {
      walk(item.context);
      walk(item.target);
    }
    walk(n->body);
  } else if (auto* n = s.as<Assert>()) {
    walk(n->test);
    walk(n->msg);
  } else if (auto* n = s.as<Raise>()) {
    walk(n->exc);
  } else if (auto* n = s.as<Delete>()) {
    walk(n->targets);
  } else if (auto* n = s.as<FunctionDef>()) {
    walk(n->decorators);
    for (const Param& p : n->params) {
      walk(p.annotation);
      walk(p.defaultValue);
    }
    walk(n->returns);
    walk(n->body);
  } else if (auto* n = s.as<ClassDef>()) {
    walk(n->decorators);
    walk(n->bases);
    walk(n->body);
  }
}

void AstVisitor::visitChildren(const Node& n) {
  forEachChild(n, [this](const Expr& e) { visit(e); }, [this](const Stmt& s) { visit(s); });
}

void AstVisitor::visit(const Expr& e) {
  switch (e.kind) {
#define WICK_AST_DISPATCH(name)                     \
  case NodeKind::name:                              \
    visit##name(static_cast<const name&>(e)); \
    return;
    WICK_FOR_EACH_AST_EXPR(WICK_AST_DISPATCH)
#undef WICK_AST_DISPATCH
    default:
      return;
  }
}

void AstVisitor::visit(const Stmt& s) {
  switch (s.kind) {
#define WICK_AST_DISPATCH(name)                     \
  case NodeKind::name:                              \
    visit##name(static_cast<const name&>(s)); \
    return;
    WICK_FOR_EACH_AST_STMT(WICK_AST_DISPATCH)
#undef WICK_AST_DISPATCH
    default:
      return;
  }
}

void computeHeight(Expr& e) {
  uint32_t tallest = 0;
  forEachChild(e, [&](const Expr& child) { tallest = std::max(tallest, child.height); }, {});
  e.height = tallest + 1;
}

}  // namespace wick::frontend

// Prints an AST back to TorchScript source, parenthesizing by Python's
// precedence so that the text parses to the same tree.
#include "frontend/ast_printer.h"

#include <fmt/format.h>

#include <cmath>

namespace wick::frontend {

namespace {

// Python's precedence levels, loosest first.
enum Prec : int {
  kTest = 0,  // a if c else b
  kOr,
  kAnd,
  kNot,
  kCompare,
  kBitOr,
  kBitXor,
  kBitAnd,
  kShift,
  kArith,
  kTerm,
  kFactor,  // unary + - ~
  kPower,
  kAtom,  // names, literals, displays, calls, attributes, subscripts
};

int binaryPrec(BinaryOpKind op) {
  switch (op) {
    case BinaryOpKind::BitOr: return kBitOr;
    case BinaryOpKind::BitXor: return kBitXor;
    case BinaryOpKind::BitAnd: return kBitAnd;
    case BinaryOpKind::LShift: case BinaryOpKind::RShift: return kShift;
    case BinaryOpKind::Add: case BinaryOpKind::Sub: return kArith;
    case BinaryOpKind::Pow: return kPower;
    default: return kTerm;
  }
}

std::string stringLiteral(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        // Bytes >= 0x80 stay raw: the lexer reads them back unchanged,
        // whereas "\xHH" would decode as a code point.
        if (c < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", c);
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string floatLiteral(double v) {
  if (std::isinf(v)) return v > 0 ? "1e999" : "-1e999";
  if (std::isnan(v)) return "nan";
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

class SourcePrinter {
 public:
  std::string expr(const Expr& e, int minPrec) {
    auto [text, prec] = exprText(e);
    return prec < minPrec ? "(" + text + ")" : text;
  }

  std::string list(const ExprList& l) {
    std::string out;
    for (size_t i = 0; i < l.size(); ++i) out += (i ? ", " : "") + element(*l[i]);
    return out;
  }

  // A list, tuple or call element: `*x` or a full expression.
  std::string element(const Expr& e) {
    if (auto* s = e.as<Starred>()) return "*" + expr(*s->value, kBitOr);
    return expr(e, kTest);
  }

  std::string index(const Expr& e) {
    auto* s = e.as<Slice>();
    if (!s) return expr(e, kTest);
    std::string out = (s->lower ? expr(*s->lower, kTest) : "") + ":" + (s->upper ? expr(*s->upper, kTest) : "");
    if (s->step) out += ":" + expr(*s->step, kTest);
    return out;
  }

  std::string gens(const std::vector<Comprehension>& generators) {
    std::string out;
    for (const Comprehension& g : generators) {
      out += " for " + element(*g.target) + " in " + expr(*g.iter, kOr);
      for (const ExprPtr& c : g.ifs) out += " if " + expr(*c, kOr);
    }
    return out;
  }

  std::pair<std::string, int> exprText(const Expr& e) {
    if (auto* n = e.as<Name>()) return {n->id, kAtom};
    if (auto* n = e.as<IntLiteral>()) return {std::to_string(n->value), n->value < 0 ? kFactor : kAtom};
    if (auto* n = e.as<FloatLiteral>()) return {floatLiteral(n->value), std::signbit(n->value) ? kFactor : kAtom};
    if (auto* n = e.as<StringLiteral>()) return {stringLiteral(n->value), kAtom};
    if (auto* n = e.as<BoolLiteral>()) return {n->value ? "True" : "False", kAtom};
    if (e.as<NoneLiteral>()) return {"None", kAtom};
    if (e.as<EllipsisLiteral>()) return {"...", kAtom};
    if (auto* n = e.as<Attribute>()) {
      // `1.real` would lex as the float `1.`; parenthesize int receivers.
      std::string base = n->value->as<IntLiteral>() ? "(" + expr(*n->value, kTest) + ")" : expr(*n->value, kAtom);
      return {base + "." + n->attr, kAtom};
    }
    if (auto* n = e.as<Subscript>()) {
      std::string out = expr(*n->value, kAtom) + "[";
      for (size_t i = 0; i < n->indices.size(); ++i) out += (i ? ", " : "") + index(*n->indices[i]);
      return {out + "]", kAtom};
    }
    if (e.as<Slice>()) return {index(e), kTest};
    if (auto* n = e.as<Call>()) {
      std::string out = expr(*n->func, kAtom) + "(" + list(n->args);
      for (size_t i = 0; i < n->keywords.size(); ++i) {
        out += (i || !n->args.empty() ? ", " : "") + n->keywords[i].name + "=" + expr(*n->keywords[i].value, kTest);
      }
      return {out + ")", kAtom};
    }
    if (auto* n = e.as<Starred>()) return {"*" + expr(*n->value, kBitOr), kTest};
    if (auto* n = e.as<UnaryOp>()) {
      if (n->op == UnaryOpKind::Not) return {"not " + expr(*n->operand, kNot), kNot};
      return {std::string(opSpelling(n->op)) + expr(*n->operand, kFactor), kFactor};
    }
    if (auto* n = e.as<BinaryOp>()) {
      int p = binaryPrec(n->op);
      // ** is right-associative and binds tighter than a unary on its left.
      int lhsPrec = n->op == BinaryOpKind::Pow ? kAtom : p;
      int rhsPrec = n->op == BinaryOpKind::Pow ? kFactor : p + 1;
      return {fmt::format("{} {} {}", expr(*n->lhs, lhsPrec), opSpelling(n->op), expr(*n->rhs, rhsPrec)), p};
    }
    if (auto* n = e.as<BoolOp>()) {
      int p = n->op == BoolOpKind::Or ? kOr : kAnd;
      return {fmt::format("{} {} {}", expr(*n->lhs, p), opSpelling(n->op), expr(*n->rhs, p + 1)), p};
    }
    if (auto* n = e.as<Compare>()) {
      std::string out = expr(*n->first, kBitOr);
      for (size_t i = 0; i < n->ops.size(); ++i) {
        out += fmt::format(" {} {}", opSpelling(n->ops[i]), expr(*n->rest[i], kBitOr));
      }
      return {out, kCompare};
    }
    if (auto* n = e.as<IfExpr>()) {
      return {fmt::format("{} if {} else {}", expr(*n->thenExpr, kOr), expr(*n->cond, kOr), expr(*n->elseExpr, kTest)),
              kTest};
    }
    if (auto* n = e.as<ListLiteral>()) return {"[" + list(n->elts) + "]", kAtom};
    if (auto* n = e.as<TupleLiteral>()) {
      return {"(" + list(n->elts) + (n->elts.size() == 1 ? ",)" : ")"), kAtom};
    }
    if (auto* n = e.as<DictLiteral>()) {
      std::string out = "{";
      for (size_t i = 0; i < n->keys.size(); ++i) {
        out += (i ? ", " : "") + expr(*n->keys[i], kTest) + ": " + expr(*n->values[i], kTest);
      }
      return {out + "}", kAtom};
    }
    if (auto* n = e.as<ListComp>()) return {"[" + expr(*n->elt, kTest) + gens(n->generators) + "]", kAtom};
    if (auto* n = e.as<DictComp>()) {
      return {"{" + expr(*n->key, kTest) + ": " + expr(*n->value, kTest) + gens(n->generators) + "}", kAtom};
    }
    return {"?", kAtom};
  }

  void line(int indent, const std::string& text) { out_ += fmt::format("{:{}}{}\n", "", indent, text); }

  void block(const StmtList& body, int indent) {
    if (body.empty()) line(indent, "pass");
    for (const StmtPtr& s : body) stmt(*s, indent);
  }

  void ifChain(const If& n, int indent, const char* keyword) {
    line(indent, fmt::format("{} {}:", keyword, expr(*n.cond, kTest)));
    block(n.body, indent + 2);
    if (n.orelse.size() == 1 && n.orelse[0]->as<If>()) {
      ifChain(*n.orelse[0]->as<If>(), indent, "elif");
    } else if (!n.orelse.empty()) {
      line(indent, "else:");
      block(n.orelse, indent + 2);
    }
  }

  void stmt(const Stmt& s, int indent) {
    if (auto* n = s.as<ExprStmt>()) return line(indent, element(*n->value));
    if (auto* n = s.as<Assign>()) {
      std::string out;
      for (const ExprPtr& t : n->targets) out += element(*t) + " = ";
      return line(indent, out + element(*n->value));
    }
    if (auto* n = s.as<AugAssign>()) {
      return line(indent, fmt::format("{} {}= {}", expr(*n->target, kTest), opSpelling(n->op), element(*n->value)));
    }
    if (auto* n = s.as<AnnAssign>()) {
      std::string out = expr(*n->target, kTest) + " : " + expr(*n->annotation, kTest);
      return line(indent, n->value ? out + " = " + element(*n->value) : out);
    }
    if (auto* n = s.as<Return>()) return line(indent, n->value ? "return " + element(*n->value) : "return");
    if (auto* n = s.as<If>()) return ifChain(*n, indent, "if");
    if (auto* n = s.as<For>()) {
      line(indent, fmt::format("for {} in {}:", element(*n->target), element(*n->iter)));
      return block(n->body, indent + 2);
    }
    if (auto* n = s.as<While>()) {
      line(indent, fmt::format("while {}:", expr(*n->cond, kTest)));
      return block(n->body, indent + 2);
    }
    if (auto* n = s.as<With>()) {
      std::string out = "with ";
      for (size_t i = 0; i < n->items.size(); ++i) {
        out += (i ? ", " : "") + expr(*n->items[i].context, kTest);
        if (n->items[i].target) out += " as " + expr(*n->items[i].target, kBitOr);
      }
      line(indent, out + ":");
      return block(n->body, indent + 2);
    }
    if (s.as<Break>()) return line(indent, "break");
    if (s.as<Continue>()) return line(indent, "continue");
    if (s.as<Pass>()) return line(indent, "pass");
    if (auto* n = s.as<Assert>()) {
      return line(indent, "assert " + expr(*n->test, kTest) + (n->msg ? ", " + expr(*n->msg, kTest) : ""));
    }
    if (auto* n = s.as<Raise>()) return line(indent, n->exc ? "raise " + expr(*n->exc, kTest) : "raise");
    if (auto* n = s.as<Delete>()) return line(indent, "del " + list(n->targets));
    if (auto* n = s.as<FunctionDef>()) {
      for (const ExprPtr& d : n->decorators) line(indent, "@" + expr(*d, kTest));
      std::string out = "def " + n->name + "(";
      for (size_t i = 0; i < n->params.size(); ++i) {
        const Param& p = n->params[i];
        out += (i ? ", " : "") + p.name;
        if (p.annotation) out += ": " + expr(*p.annotation, kTest);
        if (p.defaultValue) out += "=" + expr(*p.defaultValue, kTest);
      }
      out += ")";
      if (n->returns) out += " -> " + expr(*n->returns, kTest);
      line(indent, out + ":");
      return block(n->body, indent + 2);
    }
    if (auto* n = s.as<ClassDef>()) {
      for (const ExprPtr& d : n->decorators) line(indent, "@" + expr(*d, kTest));
      line(indent, "class " + n->name + (n->bases.empty() ? "" : "(" + list(n->bases) + ")") + ":");
      return block(n->body, indent + 2);
    }
    if (auto* n = s.as<Import>()) {
      std::string out = n->isFrom ? "from " + n->module + " import " : "import ";
      for (size_t i = 0; i < n->names.size(); ++i) {
        out += (i ? ", " : "") + n->names[i].name + (n->names[i].asName.empty() ? "" : " as " + n->names[i].asName);
      }
      return line(indent, out);
    }
  }

  std::string out_;
};

}  // namespace

std::string printSource(const StmtList& stmts) {
  SourcePrinter p;
  for (const StmtPtr& s : stmts) p.stmt(*s, 0);
  return p.out_;
}

std::string printSource(const Expr& e) { return SourcePrinter().expr(e, kTest); }

}  // namespace wick::frontend

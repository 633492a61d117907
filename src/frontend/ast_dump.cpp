// The s-expression dump of the AST: structure only, no source ranges, so two
// parses of equivalent text compare equal as strings.
#include <fmt/format.h>

#include "frontend/ast_printer.h"

namespace wick::frontend {

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

class Dumper {
 public:
  std::string expr(const Expr* e) {
    if (!e) return "_";
    std::string head = nodeKindName(e->kind);
    if (auto* n = e->as<Name>()) return fmt::format("(Name {})", n->id);
    if (auto* n = e->as<IntLiteral>()) return fmt::format("(IntLiteral {})", n->value);
    // {} prints the shortest text that reads back as the same double.
    if (auto* n = e->as<FloatLiteral>()) return fmt::format("(FloatLiteral {})", n->value);
    if (auto* n = e->as<StringLiteral>()) return fmt::format("(StringLiteral {})", quoted(n->value));
    if (auto* n = e->as<BoolLiteral>()) return fmt::format("(BoolLiteral {})", n->value);
    if (auto* n = e->as<Attribute>()) return fmt::format("(Attribute {} {})", expr(n->value.get()), n->attr);
    if (auto* n = e->as<UnaryOp>()) return fmt::format("(UnaryOp {} {})", opSpelling(n->op), expr(n->operand.get()));
    if (auto* n = e->as<BinaryOp>()) {
      return fmt::format("(BinaryOp {} {} {})", opSpelling(n->op), expr(n->lhs.get()), expr(n->rhs.get()));
    }
    if (auto* n = e->as<BoolOp>()) {
      return fmt::format("(BoolOp {} {} {})", opSpelling(n->op), expr(n->lhs.get()), expr(n->rhs.get()));
    }
    if (auto* n = e->as<Compare>()) {
      std::string out = fmt::format("(Compare {}", expr(n->first.get()));
      for (size_t i = 0; i < n->ops.size(); ++i) out += fmt::format(" {} {}", opSpelling(n->ops[i]), expr(n->rest[i].get()));
      return out + ")";
    }
    if (auto* n = e->as<Call>()) {
      std::string out = fmt::format("(Call {}{}", expr(n->func.get()), list(n->args));
      for (const Keyword& k : n->keywords) out += fmt::format(" (kw {} {})", k.name, expr(k.value.get()));
      return out + ")";
    }
    if (auto* n = e->as<ListComp>()) return fmt::format("(ListComp {}{})", expr(n->elt.get()), gens(n->generators));
    if (auto* n = e->as<DictComp>()) {
      return fmt::format("(DictComp {} {}{})", expr(n->key.get()), expr(n->value.get()), gens(n->generators));
    }
    if (auto* n = e->as<Slice>()) {
      return fmt::format("(Slice {} {} {})", expr(n->lower.get()), expr(n->upper.get()), expr(n->step.get()));
    }
    // The rest print their children in forEachChild order.
    std::string out = fmt::format("({}", head);
    forEachChild(*e, [&](const Expr& child) { out += fmt::format(" {}", expr(&child)); }, {});
    return out + ")";
  }

  std::string list(const ExprList& l) {
    std::string out;
    for (const ExprPtr& e : l) {
      out += ' ';
      out += expr(e.get());
    }
    return out;
  }

  std::string gens(const std::vector<Comprehension>& generators) {
    std::string out;
    for (const Comprehension& g : generators) {
      out += fmt::format(" (for {} {}{})", expr(g.target.get()), expr(g.iter.get()), g.ifs.empty() ? std::string() : fmt::format(" (if{})", list(g.ifs)));
    }
    return out;
  }

  void block(const char* label, const StmtList& body, int indent) {
    out_ += fmt::format("\n{:{}}({}", "", indent, label);
    for (const StmtPtr& s : body) stmt(*s, indent + 2);
    out_ += ")";
  }

  void stmt(const Stmt& s, int indent) {
    out_ += fmt::format("\n{:{}}({}", "", indent, nodeKindName(s.kind));
    if (auto* n = s.as<Assign>()) {
      out_ += fmt::format(" (targets{}) {}", list(n->targets), expr(n->value.get()));
    } else if (auto* n = s.as<AugAssign>()) {
      out_ += fmt::format(" {} {} {}", opSpelling(n->op), expr(n->target.get()), expr(n->value.get()));
    } else if (auto* n = s.as<If>()) {
      out_ += fmt::format(" {}", expr(n->cond.get()));
      block("body", n->body, indent + 2);
      block("orelse", n->orelse, indent + 2);
    } else if (auto* n = s.as<For>()) {
      out_ += fmt::format(" {} {}", expr(n->target.get()), expr(n->iter.get()));
      block("body", n->body, indent + 2);
    } else if (auto* n = s.as<While>()) {
      out_ += fmt::format(" {}", expr(n->cond.get()));
      block("body", n->body, indent + 2);
    } else if (auto* n = s.as<With>()) {
      for (const WithItem& item : n->items) out_ += fmt::format(" (item {} {})", expr(item.context.get()), expr(item.target.get()));
      block("body", n->body, indent + 2);
    } else if (auto* n = s.as<FunctionDef>()) {
      out_ += fmt::format(" {} (decorators{})", n->name, list(n->decorators));
      for (const Param& p : n->params) {
        out_ += fmt::format(" (param {} {} {})", p.name, expr(p.annotation.get()), expr(p.defaultValue.get()));
      }
      out_ += fmt::format(" (returns {})", expr(n->returns.get()));
      block("body", n->body, indent + 2);
    } else if (auto* n = s.as<ClassDef>()) {
      out_ += fmt::format(" {} (decorators{}) (bases{})", n->name, list(n->decorators), list(n->bases));
      block("body", n->body, indent + 2);
    } else if (auto* n = s.as<Import>()) {
      out_ += n->isFrom ? " from " + n->module : std::string();
      for (const ImportAlias& a : n->names) out_ += fmt::format(" {}{}{}", a.name, a.asName.empty() ? "" : " as ", a.asName);
    } else {
      // Simple statements: children in order, `_` for an absent one.
      if (auto* n = s.as<Return>()) out_ += fmt::format(" {}", expr(n->value.get()));
      if (auto* n = s.as<Raise>()) out_ += fmt::format(" {}", expr(n->exc.get()));
      if (auto* n = s.as<Assert>()) out_ += fmt::format(" {} {}", expr(n->test.get()), expr(n->msg.get()));
      if (auto* n = s.as<AnnAssign>()) {
        out_ += fmt::format(" {} {} {}", expr(n->target.get()), expr(n->annotation.get()), expr(n->value.get()));
      }
      if (auto* n = s.as<ExprStmt>()) out_ += fmt::format(" {}", expr(n->value.get()));
      if (auto* n = s.as<Delete>()) out_ += list(n->targets);
    }
    out_ += ")";
  }

  std::string out_;
};

}  // namespace

std::string dumpAst(const StmtList& stmts) {
  Dumper d;
  for (const StmtPtr& s : stmts) d.stmt(*s, 0);
  // Drop the newline before the first statement.
  return d.out_.empty() ? d.out_ : d.out_.substr(1) + "\n";
}

std::string dumpAst(const Expr& e) { return Dumper().expr(&e); }

}  // namespace wick::frontend

// Two views of an AST: source text (parsing it again gives the same tree)
// and a one-line-per-node dump of the structure (for tests and WICK_DUMP).
#pragma once

#include <string>

#include "frontend/ast.h"

namespace wick::frontend {

// Python source with two-space indentation and the fewest parentheses that
// keep Python's precedence. Tuples are always parenthesized; `else: if`
// chains print as `elif`. parseFile(printSource(t)) dumps the same as t.
std::string printSource(const StmtList& stmts);
std::string printSource(const Expr& e);

// The tree as nested s-expressions, one statement per line, without source
// ranges: `(Assign (targets (Name x)) (BinaryOp + (Name a) (IntLiteral 1)))`.
std::string dumpAst(const StmtList& stmts);
std::string dumpAst(const Expr& e);

}  // namespace wick::frontend

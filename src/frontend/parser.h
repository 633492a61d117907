// Parses TorchScript source (the `code/` files of a `torch.jit.save`
// archive, or hand-written TorchScript) into the AST of ast.h.
#pragma once

#include <string>
#include <string_view>

#include "frontend/ast.h"

namespace wick::frontend {

// How deeply brackets, unary operators, conditional expressions and blocks
// may nest. Deeper input is an error, so hostile input cannot exhaust the
// stack of the parser or of any later walk over the tree.
inline constexpr int kMaxNesting = 200;

// Parses a whole file into its top-level statements. Operator precedence,
// associativity and chained comparisons are exactly Python's. Throws
// wick::Error("<filename>:<line>:<col>: <what was expected>") on bad input.
StmtList parseFile(std::string_view source, const std::string& filename);

// Parses one expression that must fill `source` (a type annotation, a
// default value, a test input).
ExprPtr parseExpression(std::string_view source, const std::string& filename);

}  // namespace wick::frontend

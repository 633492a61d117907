// Source ranges and the syntax-error helper shared by the lexer and parser.
#include "frontend/source_range.h"

#include <fmt/format.h>

#include "wick/error.h"

namespace wick::frontend {

std::string SourceRange::str() const {
  return fmt::format("{}:{}:{}", file ? *file : std::string("<unknown>"), line, col);
}

SourceRange SourceRange::to(const SourceRange& last) const {
  SourceRange r = *this;
  r.endLine = last.endLine;
  r.endCol = last.endCol;
  return r;
}

void throwSyntaxError(const SourceRange& where, std::string_view message) {
  throw Error(fmt::format("{}: {}", where.str(), message));
}

}  // namespace wick::frontend

// Splits TorchScript source into tokens with Python's rules: INDENT/DEDENT
// from leading whitespace, newlines ignored inside brackets and after a
// backslash, comments dropped, string escapes decoded.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "frontend/token.h"

namespace wick::frontend {

// Limits that keep hostile input from exhausting the stack later on.
inline constexpr int kMaxBracketDepth = 200;
inline constexpr int kMaxIndentDepth = 100;

// Returns every token of `source`, ending with Newline (if the last line had
// tokens), the closing Dedents and one EndOfFile. A logical line always ends
// with a Newline token. Throws wick::Error("file:line:col: ...") on bad input.
std::vector<Token> tokenize(std::string_view source, const std::string& filename);

}  // namespace wick::frontend

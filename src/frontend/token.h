// The tokens of TorchScript source (the Python subset that PyTorch's printer
// emits and `torch.jit.script` accepts), listed once and expanded everywhere.
#pragma once

#include <cstdint>
#include <string>

#include "frontend/source_range.h"

namespace wick::frontend {

// Tokens without fixed spelling.
#define WICK_FOR_EACH_TOKEN_CLASS(X) \
  X(EndOfFile, "end of file")        \
  X(Newline, "newline")              \
  X(Indent, "indent")                \
  X(Dedent, "dedent")                \
  X(Identifier, "identifier")        \
  X(Int, "integer")                  \
  X(Float, "number")                 \
  X(String, "string")

// Operators and delimiters, spelled as in source. The lexer matches the
// longest spelling first, so the order here does not matter.
#define WICK_FOR_EACH_OPERATOR(X)                                                              \
  X(LParen, "(") X(RParen, ")") X(LBracket, "[") X(RBracket, "]") X(LBrace, "{")             \
  X(RBrace, "}") X(Comma, ",") X(Colon, ":") X(Dot, ".") X(Semicolon, ";") X(At, "@")        \
  X(Assign, "=") X(Arrow, "->") X(Plus, "+") X(Minus, "-") X(Star, "*") X(Slash, "/")       \
  X(DoubleSlash, "//") X(Percent, "%") X(DoubleStar, "**") X(LShift, "<<") X(RShift, ">>")  \
  X(Amp, "&") X(Pipe, "|") X(Caret, "^") X(Tilde, "~") X(Less, "<") X(Greater, ">")         \
  X(LessEq, "<=") X(GreaterEq, ">=") X(EqEq, "==") X(NotEq, "!=") X(PlusEq, "+=")           \
  X(MinusEq, "-=") X(StarEq, "*=") X(SlashEq, "/=") X(DoubleSlashEq, "//=")                 \
  X(PercentEq, "%=") X(DoubleStarEq, "**=") X(AtEq, "@=") X(AmpEq, "&=") X(PipeEq, "|=")    \
  X(CaretEq, "^=") X(LShiftEq, "<<=") X(RShiftEq, ">>=") X(Ellipsis, "...")

// Keywords. The last row is Python syntax TorchScript does not accept; lexing
// them as keywords lets the parser say so instead of a confusing error.
#define WICK_FOR_EACH_KEYWORD(X)                                                              \
  X(KwDef, "def") X(KwClass, "class") X(KwIf, "if") X(KwElif, "elif") X(KwElse, "else")     \
  X(KwFor, "for") X(KwWhile, "while") X(KwIn, "in") X(KwNot, "not") X(KwAnd, "and")         \
  X(KwOr, "or") X(KwIs, "is") X(KwReturn, "return") X(KwPass, "pass") X(KwBreak, "break")   \
  X(KwContinue, "continue") X(KwAssert, "assert") X(KwRaise, "raise") X(KwImport, "import") \
  X(KwFrom, "from") X(KwAs, "as") X(KwNone, "None") X(KwTrue, "True") X(KwFalse, "False")   \
  X(KwDel, "del") X(KwWith, "with")                                                         \
  X(KwLambda, "lambda") X(KwGlobal, "global") X(KwNonlocal, "nonlocal") X(KwTry, "try")     \
  X(KwExcept, "except") X(KwFinally, "finally") X(KwYield, "yield") X(KwAsync, "async")     \
  X(KwAwait, "await")

enum class TokenKind : uint8_t {
#define WICK_TOKEN_ENUM(name, spelling) name,
  WICK_FOR_EACH_TOKEN_CLASS(WICK_TOKEN_ENUM) WICK_FOR_EACH_OPERATOR(WICK_TOKEN_ENUM)
      WICK_FOR_EACH_KEYWORD(WICK_TOKEN_ENUM)
#undef WICK_TOKEN_ENUM
};

// How a token kind reads in an error message: "'('", "identifier", "'def'".
std::string tokenKindName(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::EndOfFile;
  // The identifier, the decoded string value, or the number as written.
  std::string text;
  // Int tokens: the value, at most 2^63 (the parser folds a leading minus so
  // that -9223372036854775808 is representable).
  uint64_t intValue = 0;
  double floatValue = 0;
  SourceRange range;
};

// How a token reads in an error message: "'('", "identifier 'foo'", "newline".
std::string describeToken(const Token& token);

}  // namespace wick::frontend

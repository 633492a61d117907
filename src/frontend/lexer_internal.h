// The lexer's state, shared by lexer.cpp (layout, operators) and
// lexer_literals.cpp (numbers, strings). Private to src/frontend.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/token.h"

namespace wick::frontend {

class LexerState {
 public:
  LexerState(std::string_view source, const std::string& filename);
  std::vector<Token> run();

 private:
  struct OpenBracket {
    char ch;
    SourceRange where;
  };

  void indentation();
  void identifier();
  void number();
  // Lexes a string literal whose prefix (r, u, ...) starts at `begin` and
  // whose quote is at pos_. Returns false when `prefix` is not a string
  // prefix, so the word is an identifier after all.
  bool stringLiteral(size_t begin, std::string_view prefix);
  void operatorToken();
  void openBracket(char c);
  void closeBracket(char c);
  bool lastIsLineEnd() const;

  void emit(TokenKind kind, size_t begin, std::string text);
  void newline();
  SourceRange rangeAt(size_t pos, int line, size_t lineStart) const;
  [[noreturn]] void fail(std::string_view message) const;
  [[noreturn]] void failAt(size_t pos, std::string_view message) const;

  std::string_view src_;
  std::shared_ptr<const std::string> file_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t lineStart_ = 0;
  // Where the token being lexed began (a string may span lines).
  int tokLine_ = 1;
  size_t tokLineStart_ = 0;
  bool atLineStart_ = true;
  std::vector<std::string> indents_{std::string()};
  std::vector<OpenBracket> brackets_;
  std::vector<Token> tokens_;
};

}  // namespace wick::frontend

// The TorchScript lexer: indentation, brackets, comments, identifiers and
// operators. Numbers and strings are in lexer_literals.cpp.
#include "frontend/lexer.h"

#include <fmt/format.h>

#include <array>
#include <memory>
#include <string_view>

#include "frontend/lexer_internal.h"

namespace wick::frontend {

namespace {

struct Spelling {
  std::string_view text;
  TokenKind kind;
};

constexpr std::array kOperators = {
#define WICK_TOKEN_SPELLING(name, spelling) Spelling{spelling, TokenKind::name},
    WICK_FOR_EACH_OPERATOR(WICK_TOKEN_SPELLING)
#undef WICK_TOKEN_SPELLING
};

constexpr std::array kKeywords = {
#define WICK_TOKEN_SPELLING(name, spelling) Spelling{spelling, TokenKind::name},
    WICK_FOR_EACH_KEYWORD(WICK_TOKEN_SPELLING)
#undef WICK_TOKEN_SPELLING
};

bool isIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

char closerOf(char open) { return open == '(' ? ')' : open == '[' ? ']' : '}'; }

}  // namespace

std::string tokenKindName(TokenKind kind) {
  switch (kind) {
#define WICK_TOKEN_NAME(name, spelling) \
  case TokenKind::name:                 \
    return spelling;
    WICK_FOR_EACH_TOKEN_CLASS(WICK_TOKEN_NAME)
#undef WICK_TOKEN_NAME
#define WICK_TOKEN_NAME(name, spelling) \
  case TokenKind::name:                 \
    return "'" spelling "'";
    WICK_FOR_EACH_OPERATOR(WICK_TOKEN_NAME)
    WICK_FOR_EACH_KEYWORD(WICK_TOKEN_NAME)
#undef WICK_TOKEN_NAME
  }
  return "token";
}

std::string describeToken(const Token& token) {
  switch (token.kind) {
    case TokenKind::Identifier:
      return fmt::format("identifier '{}'", token.text);
    case TokenKind::Int:
    case TokenKind::Float:
      return fmt::format("number '{}'", token.text);
    case TokenKind::String:
      return "string literal";
    default:
      return tokenKindName(token.kind);
  }
}

LexerState::LexerState(std::string_view source, const std::string& filename)
    : src_(source), file_(std::make_shared<const std::string>(filename)) {}

SourceRange LexerState::rangeAt(size_t pos, int line, size_t lineStart) const {
  SourceRange r;
  r.file = file_;
  r.line = r.endLine = line;
  r.col = r.endCol = static_cast<int>(pos - lineStart) + 1;
  return r;
}

void LexerState::emit(TokenKind kind, size_t begin, std::string text) {
  Token t;
  t.kind = kind;
  t.text = std::move(text);
  t.range = rangeAt(begin, tokLine_, tokLineStart_);
  t.range.endLine = line_;
  t.range.endCol = static_cast<int>(pos_ - lineStart_) + 1;
  tokens_.push_back(std::move(t));
}

void LexerState::newline() {
  ++line_;
  lineStart_ = pos_;
}

void LexerState::fail(std::string_view message) const { failAt(pos_, message); }

void LexerState::failAt(size_t pos, std::string_view message) const {
  // Positions passed here are on the current line or the token's first line.
  if (pos >= lineStart_) throwSyntaxError(rangeAt(pos, line_, lineStart_), message);
  throwSyntaxError(rangeAt(pos, tokLine_, tokLineStart_), message);
}

void LexerState::indentation() {
  size_t begin = pos_;
  while (pos_ < src_.size() && (src_[pos_] == ' ' || src_[pos_] == '\t' || src_[pos_] == '\f')) ++pos_;
  if (pos_ >= src_.size()) return;
  char c = src_[pos_];
  // Blank and comment-only lines do not open or close blocks.
  if (c == '#' || c == '\n' || c == '\r') return;
  std::string_view indent = src_.substr(begin, pos_ - begin);
  tokLine_ = line_;
  tokLineStart_ = lineStart_;
  const std::string& top = indents_.back();
  if (indent == top) {
    atLineStart_ = false;
    return;
  }
  if (indent.size() > top.size() && indent.substr(0, top.size()) == top) {
    if (static_cast<int>(indents_.size()) > kMaxIndentDepth) {
      fail(fmt::format("too many levels of indentation (more than {})", kMaxIndentDepth));
    }
    indents_.emplace_back(indent);
    emit(TokenKind::Indent, pos_, "");
    atLineStart_ = false;
    return;
  }
  if (indent.size() < top.size() && std::string_view(top).substr(0, indent.size()) == indent) {
    while (indents_.back().size() > indent.size()) {
      indents_.pop_back();
      emit(TokenKind::Dedent, pos_, "");
    }
    if (indents_.back() != indent) fail("unindent does not match any outer indentation level");
    atLineStart_ = false;
    return;
  }
  // Neither a prefix nor an extension: the two lines mix tabs and spaces
  // differently, and Python's answer would depend on the tab width.
  fail("inconsistent use of tabs and spaces in indentation");
}

void LexerState::openBracket(char c) {
  if (static_cast<int>(brackets_.size()) >= kMaxBracketDepth) {
    fail(fmt::format("too many nested brackets (more than {})", kMaxBracketDepth));
  }
  brackets_.push_back({c, rangeAt(pos_, line_, lineStart_)});
}

void LexerState::closeBracket(char c) {
  if (brackets_.empty()) fail(fmt::format("unmatched '{}'", c));
  const OpenBracket& open = brackets_.back();
  if (closerOf(open.ch) != c) {
    fail(fmt::format("closing '{}' does not match opening '{}' at {}:{}", c, open.ch, open.where.line,
                     open.where.col));
  }
  brackets_.pop_back();
}

bool LexerState::lastIsLineEnd() const {
  if (tokens_.empty()) return true;
  TokenKind k = tokens_.back().kind;
  return k == TokenKind::Newline || k == TokenKind::Dedent || k == TokenKind::Indent;
}

void LexerState::operatorToken() {
  size_t best = 0;
  TokenKind kind = TokenKind::EndOfFile;
  for (const Spelling& s : kOperators) {
    if (s.text.size() > best && src_.substr(pos_, s.text.size()) == s.text) {
      best = s.text.size();
      kind = s.kind;
    }
  }
  char c = src_[pos_];
  if (best == 0) {
    if (c == '!') fail("unexpected character '!'");
    if (static_cast<unsigned char>(c) >= 0x80) fail("non-ASCII character outside a string literal");
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      fail(fmt::format("unexpected control character 0x{:02x}", static_cast<unsigned char>(c)));
    }
    fail(fmt::format("unexpected character '{}'", c));
  }
  if (c == '(' || c == '[' || c == '{') openBracket(c);
  if (c == ')' || c == ']' || c == '}') closeBracket(c);
  size_t begin = pos_;
  pos_ += best;
  emit(kind, begin, "");
}

void LexerState::identifier() {
  size_t begin = pos_;
  while (pos_ < src_.size() && (isIdentStart(src_[pos_]) || isDigit(src_[pos_]))) ++pos_;
  std::string_view word = src_.substr(begin, pos_ - begin);
  if (pos_ < src_.size() && (src_[pos_] == '\'' || src_[pos_] == '"') && word.size() <= 2) {
    if (stringLiteral(begin, word)) return;
  }
  for (const Spelling& s : kKeywords) {
    if (s.text == word) {
      emit(s.kind, begin, "");
      return;
    }
  }
  emit(TokenKind::Identifier, begin, std::string(word));
}

std::vector<Token> LexerState::run() {
  while (pos_ < src_.size()) {
    if (atLineStart_ && brackets_.empty()) {
      indentation();
      if (pos_ >= src_.size()) break;
    }
    tokLine_ = line_;
    tokLineStart_ = lineStart_;
    char c = src_[pos_];
    if (c == ' ' || c == '\t' || c == '\f') {
      ++pos_;
    } else if (c == '#') {
      while (pos_ < src_.size() && src_[pos_] != '\n' && src_[pos_] != '\r') ++pos_;
    } else if (c == '\n' || c == '\r') {
      if (brackets_.empty() && !lastIsLineEnd()) emit(TokenKind::Newline, pos_, "");
      pos_ += (c == '\r' && pos_ + 1 < src_.size() && src_[pos_ + 1] == '\n') ? 2 : 1;
      newline();
      // Inside brackets a line break is whitespace and sets no indentation.
      atLineStart_ = brackets_.empty();
    } else if (c == '\\') {
      ++pos_;
      if (pos_ >= src_.size()) fail("unexpected end of file after line continuation");
      if (src_[pos_] != '\n' && src_[pos_] != '\r') fail("unexpected character after line continuation");
      pos_ += (src_[pos_] == '\r' && pos_ + 1 < src_.size() && src_[pos_ + 1] == '\n') ? 2 : 1;
      newline();
    } else if (isIdentStart(c)) {
      identifier();
    } else if (isDigit(c) || (c == '.' && pos_ + 1 < src_.size() && isDigit(src_[pos_ + 1]))) {
      number();
    } else if (c == '\'' || c == '"') {
      stringLiteral(pos_, "");
    } else {
      operatorToken();
    }
  }
  if (!brackets_.empty()) {
    const OpenBracket& open = brackets_.back();
    throwSyntaxError(open.where, fmt::format("'{}' was never closed", open.ch));
  }
  tokLine_ = line_;
  tokLineStart_ = lineStart_;
  if (!lastIsLineEnd()) emit(TokenKind::Newline, pos_, "");
  while (indents_.size() > 1) {
    indents_.pop_back();
    emit(TokenKind::Dedent, pos_, "");
  }
  emit(TokenKind::EndOfFile, pos_, "");
  return std::move(tokens_);
}

std::vector<Token> tokenize(std::string_view source, const std::string& filename) {
  return LexerState(source, filename).run();
}

}  // namespace wick::frontend

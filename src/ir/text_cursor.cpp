// TextCursor: character-level scanning shared by the type, schema and graph
// parsers.
#include "ir/text_cursor.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace wick::ir {

void TextCursor::advance(size_t n) {
  for (size_t i = 0; i < n && pos_ < text_.size(); ++i, ++pos_) {
    if (text_[pos_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
  }
}

void TextCursor::skipSpaces() {
  while (peek() == ' ' || peek() == '\t' || peek() == '\r') advance();
}

void TextCursor::skipWhitespace() {
  while (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n') advance();
}

bool TextCursor::tryConsume(std::string_view s) {
  if (!startsWith(s)) return false;
  advance(s.size());
  skipSpaces();
  return true;
}

void TextCursor::expect(std::string_view s, std::string_view context) {
  if (!tryConsume(s)) fail("expected '{}' {}, found {}", s, context, describeNext());
}

std::string TextCursor::identifier(std::string_view what) {
  if (!atIdent()) fail("expected {}, found {}", what, describeNext());
  size_t start = pos_;
  while (isIdentChar(peek())) advance();
  return std::string(text_.substr(start, pos_ - start));
}

std::string TextCursor::dottedIdentifier(std::string_view what) {
  std::string out = identifier(what);
  while (peek() == '.' && isIdentStart(peek(1))) {
    advance();
    out += "." + identifier(what);
  }
  return out;
}

std::string_view TextCursor::numberToken() {
  size_t start = pos_;
  if (peek() == '-' || peek() == '+') advance();
  size_t bodyStart = pos_;
  while (true) {
    char c = peek();
    bool numeric = pos_ > bodyStart && (isDigit(text_[bodyStart]) || text_[bodyStart] == '.');
    // The sign of an exponent ("1.e-05") belongs to the number.
    bool exponentSign =
        (c == '-' || c == '+') && numeric && (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E');
    if (isIdentChar(c) || c == '.' || exponentSign)
      advance();
    else
      break;
  }
  return text_.substr(start, pos_ - start);
}

int64_t TextCursor::integer(std::string_view what) {
  SourceLocation loc = location();
  std::string_view tok = numberToken();
  IValue v;
  if (!parseNumber(tok, &v) || !v.isInt()) failAt(loc, fmt::format("expected {}, found '{}'", what, tok));
  skipSpaces();
  return v.toInt();
}

std::string TextCursor::quotedString() {
  char quote = peek();
  if (quote != '"' && quote != '\'') fail("expected a string literal, found {}", describeNext());
  SourceLocation start = location();
  advance();
  std::string out;
  while (true) {
    if (atEnd() || peek() == '\n') failAt(start, "unterminated string literal");
    char c = peek();
    advance();
    if (c == quote) break;
    if (c != '\\') {
      out += c;
      continue;
    }
    char e = peek();
    if (atEnd()) failAt(start, "unterminated string literal");
    advance();
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
      case '\'':
      case '"':
        out += e;
        break;
      default:
        if (e >= '0' && e <= '7') {
          // Octal escape of up to three digits, as PyTorch prints bytes.
          int v = e - '0';
          for (int i = 0; i < 2 && peek() >= '0' && peek() <= '7'; ++i) {
            v = v * 8 + (peek() - '0');
            advance();
          }
          out += static_cast<char>(v & 0xff);
        } else {
          fail("unknown escape sequence '\\{}' in string literal", e);
        }
    }
  }
  skipSpaces();
  return out;
}

void TextCursor::failAt(const SourceLocation& loc, const std::string& msg) {
  throw Error(fmt::format("{}: {}", loc.str(), msg));
}

std::string TextCursor::describeNext() const {
  if (atEnd()) return "end of input";
  if (peek() == '\n') return "end of line";
  size_t end = pos_;
  while (end < text_.size() && end - pos_ < 20 && text_[end] != '\n') ++end;
  return fmt::format("'{}'", text_.substr(pos_, end - pos_));
}

bool parseNumber(std::string_view tok, IValue* out) {
  if (tok.empty()) return false;
  bool neg = tok[0] == '-';
  std::string_view body = (tok[0] == '-' || tok[0] == '+') ? tok.substr(1) : tok;
  if (body == "inf" || body == "nan") {
    double v =
        body == "inf" ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    *out = IValue(neg ? -v : v);
    return true;
  }
  if (body.empty() || !(TextCursor::isDigit(body[0]) || (body[0] == '.' && body.size() > 1))) return false;
  bool isFloat = body.find_first_of(".eE") != std::string_view::npos;
  if (!isFloat) {
    int64_t v = 0;
    auto r = std::from_chars(tok.data() + (tok[0] == '+' ? 1 : 0), tok.data() + tok.size(), v);
    if (r.ec != std::errc() || r.ptr != tok.data() + tok.size()) return false;
    *out = IValue(v);
    return true;
  }
  std::string s(tok);
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return false;
  *out = IValue(v);
  return true;
}

}  // namespace wick::ir

// Number and string literals: Python's spellings (hex/octal/binary ints,
// underscores, exponents, raw strings, triple quotes, escapes), decoded here
// so the parser sees values.
#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <string>

#include "frontend/lexer_internal.h"

namespace wick::frontend {

namespace {

bool isIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

int digitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

void appendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The largest literal the lexer accepts: 2^63, which only `-2^63` can use.
constexpr uint64_t kMaxIntLiteral = uint64_t{1} << 63;

}  // namespace

void LexerState::number() {
  size_t begin = pos_;
  std::string digits;  // the literal without underscores
  // Reads digits of `base`, allowing single underscores between them.
  auto scanDigits = [&](int base) {
    bool any = false;
    while (pos_ < src_.size()) {
      char c = src_[pos_];
      if (c == '_') {
        if (!any || pos_ + 1 >= src_.size() || digitValue(src_[pos_ + 1]) >= base) {
          fail("invalid underscore in number literal");
        }
        ++pos_;
        continue;
      }
      if (digitValue(c) >= base) break;
      digits += c;
      any = true;
      ++pos_;
    }
    return any;
  };
  auto finishInt = [&](int base, const char* what) {
    if (pos_ < src_.size() && isIdentChar(src_[pos_])) fail(fmt::format("invalid {} literal", what));
    uint64_t value = 0;
    for (char c : digits) {
      uint64_t d = static_cast<uint64_t>(digitValue(c));
      if (value > (kMaxIntLiteral - d) / static_cast<uint64_t>(base)) {
        failAt(begin, "integer literal is too large for a 64-bit int");
      }
      value = value * static_cast<uint64_t>(base) + d;
    }
    emit(TokenKind::Int, begin, std::string(src_.substr(begin, pos_ - begin)));
    tokens_.back().intValue = value;
  };

  if (src_[pos_] == '0' && pos_ + 1 < src_.size()) {
    char p = static_cast<char>(src_[pos_ + 1] | 0x20);
    int base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
    if (base != 0) {
      const char* what = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
      pos_ += 2;
      if (pos_ < src_.size() && src_[pos_] == '_') ++pos_;
      if (!scanDigits(base)) fail(fmt::format("invalid {} literal", what));
      finishInt(base, what);
      return;
    }
  }

  bool isFloat = false;
  scanDigits(10);
  if (pos_ < src_.size() && src_[pos_] == '.') {
    isFloat = true;
    digits += '.';
    ++pos_;
    if (pos_ < src_.size() && src_[pos_] == '_') fail("invalid underscore in number literal");
    scanDigits(10);
  }
  if (pos_ < src_.size() && (src_[pos_] == 'e' || src_[pos_] == 'E')) {
    size_t e = pos_ + 1;
    if (e < src_.size() && (src_[e] == '+' || src_[e] == '-')) ++e;
    if (e >= src_.size() || digitValue(src_[e]) >= 10) fail("invalid decimal literal");
    isFloat = true;
    digits += 'e';
    if (src_[pos_ + 1] == '-') digits += '-';
    pos_ = e;
    scanDigits(10);
  }
  if (pos_ < src_.size() && (src_[pos_] == 'j' || src_[pos_] == 'J')) {
    fail("complex literals are not supported in TorchScript");
  }
  if (!isFloat) {
    bool allZero = digits.find_first_not_of('0') == std::string::npos;
    if (digits.size() > 1 && digits[0] == '0' && !allZero) {
      failAt(begin, "leading zeros in decimal integer literals are not permitted");
    }
    finishInt(10, "decimal");
    return;
  }
  if (pos_ < src_.size() && isIdentChar(src_[pos_])) fail("invalid decimal literal");
  double value = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec == std::errc::result_out_of_range) {
    // Python rounds like strtod: too large is inf, too small is 0.
    size_t ePos = digits.find('e');
    bool tiny = ePos != std::string::npos ? digits[ePos + 1] == '-'
                                          : digits.find_first_not_of("0.") >= digits.find('.');
    value = tiny ? 0.0 : std::numeric_limits<double>::infinity();
  } else if (ec != std::errc() || ptr != digits.data() + digits.size()) {
    failAt(begin, "invalid decimal literal");
  }
  emit(TokenKind::Float, begin, std::string(src_.substr(begin, pos_ - begin)));
  tokens_.back().floatValue = value;
}

bool LexerState::stringLiteral(size_t begin, std::string_view prefix) {
  bool raw = false;
  bool unicode = false;
  for (char c : prefix) {
    char l = static_cast<char>(c | 0x20);
    if (l == 'b') failAt(begin, "bytes literals are not supported in TorchScript");
    if (l == 'f') failAt(begin, "f-strings are not supported in TorchScript");
    if (l == 'r' && !raw) {
      raw = true;
    } else if (l == 'u' && !unicode && !raw) {
      unicode = true;
    } else {
      return false;
    }
  }
  if (raw && unicode) return false;
  char q = src_[pos_];
  std::string qqq(3, q);
  bool triple = src_.substr(pos_, 3) == qqq;
  pos_ += triple ? 3 : 1;
  const char* unterminated = triple ? "unterminated triple-quoted string literal" : "unterminated string literal";
  std::string value;
  auto lineBreak = [&] {
    // \r\n and \r read as \n, as in Python's universal newlines.
    pos_ += (src_[pos_] == '\r' && pos_ + 1 < src_.size() && src_[pos_ + 1] == '\n') ? 2 : 1;
    newline();
  };
  auto hexEscape = [&](int count) {
    uint32_t cp = 0;
    for (int i = 0; i < count; ++i) {
      if (pos_ >= src_.size() || digitValue(src_[pos_]) >= 16) {
        fail(fmt::format("truncated \\{} escape in string literal", count == 2 ? 'x' : count == 4 ? 'u' : 'U'));
      }
      cp = cp * 16 + static_cast<uint32_t>(digitValue(src_[pos_++]));
    }
    if (cp > 0x10FFFF) fail("\\U escape is beyond the last Unicode code point");
    appendUtf8(value, cp);
  };
  while (true) {
    if (pos_ >= src_.size()) failAt(begin, unterminated);
    char c = src_[pos_];
    if (c == q) {
      if (!triple) {
        ++pos_;
        break;
      }
      if (src_.substr(pos_, 3) == qqq) {
        pos_ += 3;
        break;
      }
      value += c;
      ++pos_;
    } else if (c == '\n' || c == '\r') {
      if (!triple) failAt(begin, unterminated);
      value += '\n';
      lineBreak();
    } else if (c != '\\') {
      value += c;
      ++pos_;
    } else {
      if (pos_ + 1 >= src_.size()) failAt(begin, unterminated);
      char n = src_[pos_ + 1];
      if (n == '\n' || n == '\r') {
        // A backslash before a newline continues the literal on the next
        // line; a raw string keeps both characters.
        if (raw) value += "\\\n";
        ++pos_;
        lineBreak();
        continue;
      }
      if (raw) {
        value += '\\';
        value += n;
        pos_ += 2;
        continue;
      }
      pos_ += 2;
      switch (n) {
        case '\\': case '\'': case '"': value += n; break;
        case 'n': value += '\n'; break;
        case 't': value += '\t'; break;
        case 'r': value += '\r'; break;
        case 'a': value += '\a'; break;
        case 'b': value += '\b'; break;
        case 'f': value += '\f'; break;
        case 'v': value += '\v'; break;
        case 'x': hexEscape(2); break;
        case 'u': hexEscape(4); break;
        case 'U': hexEscape(8); break;
        case 'N': fail("\\N{...} escapes are not supported in TorchScript");
        default:
          if (n >= '0' && n <= '7') {
            uint32_t cp = static_cast<uint32_t>(n - '0');
            for (int i = 0; i < 2 && pos_ < src_.size() && src_[pos_] >= '0' && src_[pos_] <= '7'; ++i) {
              cp = cp * 8 + static_cast<uint32_t>(src_[pos_++] - '0');
            }
            appendUtf8(value, cp);
          } else {
            // Python keeps an unknown escape as written.
            value += '\\';
            value += n;
          }
      }
    }
  }
  emit(TokenKind::String, begin, std::move(value));
  return true;
}

}  // namespace wick::frontend

// A cursor over IR text (types, schemas, graphs) that tracks line and column
// and reports errors as "file:line:col: message". Private to src/ir.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/check.h"
#include "ir/graph.h"

namespace wick::ir {

class TextCursor {
 public:
  TextCursor(std::string_view text, std::string file)
      : text_(text), file_(std::make_shared<const std::string>(std::move(file))) {}

  bool atEnd() const { return pos_ >= text_.size(); }
  // The character `ahead` positions on, or '\0' past the end.
  char peek(size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
  bool startsWith(std::string_view s) const { return text_.substr(pos_).starts_with(s); }
  void advance(size_t n = 1);
  size_t pos() const { return pos_; }

  // Spaces and tabs only: graph text is line-oriented.
  void skipSpaces();
  // Spaces, tabs and newlines.
  void skipWhitespace();
  // Skips `s` (and following spaces) if it comes next.
  bool tryConsume(std::string_view s);
  // Skips `s` (and following spaces) or fails saying what was expected.
  void expect(std::string_view s, std::string_view context);

  static bool isIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
  static bool isIdentChar(char c) { return isIdentStart(c) || (c >= '0' && c <= '9'); }
  static bool isDigit(char c) { return c >= '0' && c <= '9'; }
  bool atIdent() const { return isIdentStart(peek()); }
  // [A-Za-z_][A-Za-z0-9_]*; fails when none comes next.
  std::string identifier(std::string_view what);
  // An identifier with '.' separated parts: "__torch__.foo.Bar".
  std::string dottedIdentifier(std::string_view what);
  // A run of characters that can form a number or a word: used for numeric
  // literals ("-1", "1.e-05", "inf", "9223372036854775807").
  std::string_view numberToken();
  int64_t integer(std::string_view what);
  // A double- or single-quoted string with Python/C escapes.
  std::string quotedString();

  SourceLocation location() const { return {file_, line_, col_}; }
  const std::shared_ptr<const std::string>& file() const { return file_; }

  template <typename... Args>
  [[noreturn]] void fail(fmt::format_string<Args...> f, Args&&... args) const {
    failAt(location(), fmt::format(f, std::forward<Args>(args)...));
  }
  [[noreturn]] static void failAt(const SourceLocation& loc, const std::string& msg);
  // What comes next, for error messages: "'abc'" or "end of input".
  std::string describeNext() const;

 private:
  std::string_view text_;
  std::shared_ptr<const std::string> file_;
  size_t pos_ = 0;
  int line_ = 1;
  int col_ = 1;
};

// Parses a number token into an int or a double IValue; false if malformed.
bool parseNumber(std::string_view tok, IValue* out);

}  // namespace wick::ir

// The lexer: indentation tokens, implicit and explicit line joining,
// numbers, strings and their escapes, and positions.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "frontend/lexer.h"
#include "wick/error.h"

namespace wick::frontend {
namespace {

// The token stream as one readable string: names for layout and punctuation,
// values for identifiers and literals.
std::string kinds(std::string_view src) {
  std::string out;
  for (const Token& t : tokenize(src, "t.py")) {
    if (!out.empty()) out += ' ';
    switch (t.kind) {
      case TokenKind::Identifier: out += t.text; break;
      case TokenKind::Int: out += "int:" + std::to_string(t.intValue); break;
      case TokenKind::Float: out += "float:" + std::to_string(t.floatValue); break;
      case TokenKind::String: out += "str:" + t.text; break;
      case TokenKind::Newline: out += "NL"; break;
      case TokenKind::Indent: out += "IN"; break;
      case TokenKind::Dedent: out += "DE"; break;
      case TokenKind::EndOfFile: out += "EOF"; break;
      default: out += tokenKindName(t.kind);
    }
  }
  return out;
}

std::string errorOf(std::string_view src) {
  try {
    tokenize(src, "t.py");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

Token single(std::string_view src) {
  std::vector<Token> toks = tokenize(src, "t.py");
  EXPECT_EQ(toks.size(), 3u) << src;  // the token, Newline, EndOfFile
  return toks[0];
}

TEST(Lexer, IndentAndDedent) {
  EXPECT_EQ(kinds("if a:\n  b\n  c\nd\n"), "'if' a ':' NL IN b NL c NL DE d NL EOF");
  EXPECT_EQ(kinds("if a:\n  if b:\n    c\nd"), "'if' a ':' NL IN 'if' b ':' NL IN c NL DE DE d NL EOF");
  // Dedents at end of file, without a final newline.
  EXPECT_EQ(kinds("def f():\n\treturn 1"), "'def' f '(' ')' ':' NL IN 'return' int:1 NL DE EOF");
}

TEST(Lexer, BlankAndCommentLinesDoNotIndent) {
  EXPECT_EQ(kinds("a\n\n    # comment\n  \nb  # trailing\n"), "a NL b NL EOF");
  EXPECT_EQ(kinds(""), "EOF");
  EXPECT_EQ(kinds("# only a comment"), "EOF");
  EXPECT_EQ(kinds("a\r\nb\r\n"), "a NL b NL EOF");
}

TEST(Lexer, ImplicitJoiningInsideBrackets) {
  // The printer breaks parameter lists over lines with deeper indentation.
  EXPECT_EQ(kinds("def f(a,\n    b) -> int:\n  pass\n"),
            "'def' f '(' a ',' b ')' '->' int ':' NL IN 'pass' NL DE EOF");
  EXPECT_EQ(kinds("x = [1,\n\n# c\n 2]\n"), "x '=' '[' int:1 ',' int:2 ']' NL EOF");
}

TEST(Lexer, BackslashContinuation) {
  EXPECT_EQ(kinds("x = 1 + \\\n      2\ny"), "x '=' int:1 '+' int:2 NL y NL EOF");
  EXPECT_EQ(errorOf("x = 1 \\ 2\n"), "t.py:1:8: unexpected character after line continuation");
  EXPECT_EQ(errorOf("x = 1 \\"), "t.py:1:8: unexpected end of file after line continuation");
}

TEST(Lexer, Numbers) {
  EXPECT_EQ(single("0x1F").intValue, 31u);
  EXPECT_EQ(single("0o17").intValue, 15u);
  EXPECT_EQ(single("0b101").intValue, 5u);
  EXPECT_EQ(single("1_000_000").intValue, 1000000u);
  EXPECT_EQ(single("9223372036854775807").intValue, 9223372036854775807u);
  EXPECT_EQ(single("9223372036854775808").intValue, uint64_t{1} << 63);
  EXPECT_EQ(single("00").intValue, 0u);
  EXPECT_EQ(single("2.").floatValue, 2.0);
  EXPECT_EQ(single(".5").floatValue, 0.5);
  EXPECT_EQ(single("1e-3").floatValue, 0.001);
  EXPECT_EQ(single("1.5E+2").floatValue, 150.0);
  EXPECT_EQ(single("1e999").floatValue, std::numeric_limits<double>::infinity());
  EXPECT_EQ(single("1e-999").floatValue, 0.0);
  EXPECT_EQ(single("1e-3").text, "1e-3");
  EXPECT_EQ(kinds("x.real"), "x '.' real NL EOF");
  EXPECT_EQ(kinds("1 .real"), "int:1 '.' real NL EOF");
}

TEST(Lexer, BadNumbers) {
  EXPECT_EQ(errorOf("x = 18446744073709551616"), "t.py:1:5: integer literal is too large for a 64-bit int");
  EXPECT_EQ(errorOf("x = 0x"), "t.py:1:7: invalid hexadecimal literal");
  EXPECT_EQ(errorOf("x = 012"), "t.py:1:5: leading zeros in decimal integer literals are not permitted");
  EXPECT_EQ(errorOf("x = 1__0"), "t.py:1:6: invalid underscore in number literal");
  EXPECT_EQ(errorOf("x = 12abc"), "t.py:1:7: invalid decimal literal");
  EXPECT_EQ(errorOf("x = 1e"), "t.py:1:6: invalid decimal literal");
  EXPECT_EQ(errorOf("x = 3j"), "t.py:1:6: complex literals are not supported in TorchScript");
}

TEST(Lexer, Strings) {
  EXPECT_EQ(single("'a\"b'").text, "a\"b");
  EXPECT_EQ(single("\"single \\'quoted\\'\"").text, "single 'quoted'");
  EXPECT_EQ(single(R"("\n\t\\\x41\101\u00e9\U0001F600\q")").text, "\n\t\\AA\xc3\xa9\xf0\x9f\x98\x80\\q");
  EXPECT_EQ(single(R"(r"\n\"")").text, R"(\n\")");
  EXPECT_EQ(single("u'x'").text, "x");
  EXPECT_EQ(single("\"\"\"two\nlines \"quoted\" \"\"\"").text, "two\nlines \"quoted\" ");
  EXPECT_EQ(single("'''a\\\nb'''").text, "ab");
  EXPECT_EQ(kinds("'a' \"b\""), "str:a str:b NL EOF");
  // A multi-line string token starts where it starts and ends where it ends.
  Token t = tokenize("x = '''a\nbc'''", "t.py")[2];
  EXPECT_EQ(t.range.line, 1);
  EXPECT_EQ(t.range.col, 5);
  EXPECT_EQ(t.range.endLine, 2);
  EXPECT_EQ(t.range.endCol, 6);
}

TEST(Lexer, BadStrings) {
  EXPECT_EQ(errorOf("x = 'abc\ny = 1"), "t.py:1:5: unterminated string literal");
  EXPECT_EQ(errorOf("x = 1\ny = \"\"\"abc\n\n"), "t.py:2:5: unterminated triple-quoted string literal");
  EXPECT_EQ(errorOf("x = '\\x4'"), "t.py:1:9: truncated \\x escape in string literal");
  EXPECT_EQ(errorOf("x = b'abc'"), "t.py:1:5: bytes literals are not supported in TorchScript");
  EXPECT_EQ(errorOf("x = f'{y}'"), "t.py:1:5: f-strings are not supported in TorchScript");
}

TEST(Lexer, OperatorsLongestMatch) {
  EXPECT_EQ(kinds("a //= b ** c -> ... >>= != <="), "a '//=' b '**' c '->' '...' '>>=' '!=' '<=' NL EOF");
  EXPECT_EQ(kinds("x[:, None, ::2]"), "x '[' ':' ',' 'None' ',' ':' ':' int:2 ']' NL EOF");
}

TEST(Lexer, Positions) {
  std::vector<Token> toks = tokenize("def f(x):\n\treturn  x\n", "code/__torch__/m.py");
  EXPECT_EQ(toks[0].range.str(), "code/__torch__/m.py:1:1");
  EXPECT_EQ(toks[3].range.str(), "code/__torch__/m.py:1:7");
  EXPECT_EQ(toks[7].kind, TokenKind::Indent);
  EXPECT_EQ(toks[8].kind, TokenKind::KwReturn);
  EXPECT_EQ(toks[8].range.str(), "code/__torch__/m.py:2:2");
  EXPECT_EQ(toks[9].range.col, 10);
  EXPECT_EQ(toks[9].range.endCol, 11);
}

TEST(Lexer, IndentationErrors) {
  EXPECT_EQ(errorOf("if a:\n    b\n  c\n"), "t.py:3:3: unindent does not match any outer indentation level");
  EXPECT_EQ(errorOf("if a:\n\tb\n        c\n"), "t.py:3:9: inconsistent use of tabs and spaces in indentation");
  EXPECT_EQ(errorOf("if a:\n  \tb\n\t  c\n"), "t.py:3:4: inconsistent use of tabs and spaces in indentation");
}

TEST(Lexer, BracketErrors) {
  EXPECT_EQ(errorOf("f(a, [b)\n"), "t.py:1:8: closing ')' does not match opening '[' at 1:6");
  EXPECT_EQ(errorOf("x = 1)\n"), "t.py:1:6: unmatched ')'");
  EXPECT_EQ(errorOf("x = (1,\n  2\n"), "t.py:1:5: '(' was never closed");
  EXPECT_EQ(errorOf(std::string(300, '(')), "t.py:1:201: too many nested brackets (more than 200)");
  EXPECT_EQ(errorOf("a = $"), "t.py:1:5: unexpected character '$'");
  EXPECT_EQ(errorOf("a = \xc3\xa9"), "t.py:1:5: non-ASCII character outside a string literal");
}

TEST(Lexer, KeywordsAndIdentifiers) {
  EXPECT_EQ(kinds("not_a_kw None is not in"), "not_a_kw 'None' 'is' 'not' 'in' NL EOF");
  EXPECT_EQ(kinds("___torch_mangle_12 rb"), "___torch_mangle_12 rb NL EOF");
}

}  // namespace
}  // namespace wick::frontend

// Programs that must fail, each with its exact "file:line:col: message";
// and hostile input (deep nesting, long chains) that must fail cleanly
// instead of exhausting the stack.
#include <gtest/gtest.h>

#include <string>

#include "frontend/parser.h"
#include "wick/error.h"

namespace wick::frontend {
namespace {

std::string errorOf(const std::string& src, const std::string& file = "code/__torch__/foo.py") {
  try {
    parseFile(src, file);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

struct BadCase {
  const char* source;
  const char* error;
};

const BadCase kBadCases[] = {
    {"if x\n  pass\n", "1:5: expected ':' after 'if' condition"},
    {"def f(x):\nreturn x\n", "2:1: expected an indented block after function definition on line 1"},
    {"def f(a=1, b):\n  pass\n", "1:12: non-default parameter follows default parameter"},
    {"def f(*args):\n  pass\n",
     "1:7: variadic, keyword-only and positional-only parameters are not supported in TorchScript"},
    {"def f(x, x):\n  pass\n", "1:10: duplicate parameter 'x'"},
    {"def f(x) -> int\n  pass\n", "1:16: expected ':' after function signature"},
    {"x = (1 +\n", "1:5: '(' was never closed"},
    {"x = 1 +\n", "1:8: expected an expression before the end of the line"},
    {"x = 1 2\n", "1:7: expected newline after statement, found number '2'"},
    {"f(a=1, 2)\n", "1:8: positional argument follows keyword argument"},
    {"f(a=1, a=2)\n", "1:8: keyword argument 'a' repeated"},
    {"1 = x\n", "1:1: cannot use a literal as assignment target"},
    {"f() = 3\n", "1:1: cannot use a function call as assignment target"},
    {"a + b += 1\n", "1:1: illegal target for augmented assignment"},
    {"a, *b, *c = d\n", "1:8: multiple starred expressions in assignment target"},
    {"for 1 in y:\n  pass\n", "1:5: cannot use a literal as 'for' target"},
    {"for x in y:\n  pass\nelse:\n  pass\n", "3:1: 'for ... else' is not supported in TorchScript"},
    {"while x\n  pass\n", "1:8: expected ':' after 'while' condition"},
    {"x = lambda y: y\n", "1:5: lambda expressions are not supported in TorchScript"},
    {"x = {1, 2}\n", "1:6: set literals are not supported in TorchScript"},
    {"x = (a for a in b)\n", "1:8: generator expressions are not supported in TorchScript"},
    {"try:\n  pass\n", "1:1: 'try' statements are not supported in TorchScript"},
    {"if a:\n  pass\nelse:\n  pass\nelse:\n  pass\n", "5:1: 'else' without a matching 'if'"},
    {"x = a not b\n", "1:7: expected 'in' after 'not' in comparison"},
    {"x = a if b\n", "1:11: expected 'else' in conditional expression"},
    {"  x = 1\n", "1:3: unexpected indent"},
    {"x[] = 1\n", "1:3: expected an index in '[]'"},
    {"x = f(a, [b)\n", "1:12: closing ')' does not match opening '[' at 1:10"},
    {"x = f(a b)\n", "1:9: expected ')' to close '(' at 1:6"},
    {"x = [a b]\n", "1:8: expected ']' to close '[' at 1:5"},
    {"@dec\nx = 1\n", "2:1: expected 'def' or 'class' after decorator"},
    {"x = 9223372036854775808\n", "1:5: integer literal is too large for a 64-bit int"},
    {"class\n", "1:6: expected a class name after 'class'"},
    {"class A(metaclass=M):\n  pass\n", "1:9: class keyword arguments (metaclass=...) are not supported in TorchScript"},
    {"from .a import b\n", "1:6: relative imports are not supported in TorchScript"},
    {"x = y.\n", "1:7: expected an attribute name after '.'"},
    {"def forward(self: __torch__.M,\n    x: Tensor) -> Tensor:\n  if torch.gt(x, 0)\n    return x\n",
     "3:20: expected ':' after 'if' condition"},
    {"if a:\n\tx = 1\n        y = 2\n", "3:9: inconsistent use of tabs and spaces in indentation"},
    {"if a:\n    x = 1\n  y = 2\n", "3:3: unindent does not match any outer indentation level"},
};

TEST(ParseErrors, ExactLocationsAndMessages) {
  for (const BadCase& c : kBadCases) {
    EXPECT_EQ(errorOf(c.source), std::string("code/__torch__/foo.py:") + c.error) << c.source;
  }
}

TEST(ParseErrors, ExpressionEntryPoint) {
  try {
    parseExpression("List[int] x", "type.txt");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "type.txt:1:11: unexpected identifier 'x' after expression");
  }
}

TEST(ParseErrors, DeepNestingIsAnErrorNotACrash) {
  EXPECT_EQ(errorOf(std::string(1000, '-') + "x\n", "d.py"), "d.py:1:200: too deeply nested (more than 200 levels)");
  std::string nots = "x = ";
  for (int i = 0; i < 1000; ++i) nots += "not ";
  EXPECT_EQ(errorOf(nots + "a\n", "d.py"), "d.py:1:801: too deeply nested (more than 200 levels)");
  std::string pows = "x = a";
  for (int i = 0; i < 1000; ++i) pows += " ** a";
  EXPECT_NE(errorOf(pows, "d.py").find("too deeply nested"), std::string::npos);
  std::string ternary = "x = a";
  for (int i = 0; i < 1000; ++i) ternary += " if a else a";
  EXPECT_NE(errorOf(ternary, "d.py").find("too deeply nested"), std::string::npos);
  std::string elifs = "if a:\n  pass\n";
  for (int i = 0; i < 1000; ++i) elifs += "elif a:\n  pass\n";
  EXPECT_NE(errorOf(elifs, "d.py").find("too deeply nested"), std::string::npos);
  EXPECT_EQ(errorOf("x = " + std::string(500, '['), "d.py"), "d.py:1:205: too many nested brackets (more than 200)");
}

TEST(ParseErrors, TallLeftLeaningTreesAreRejected) {
  // No recursion in the parser, but every later walk of the tree recurses.
  std::string chain = "x = a";
  for (int i = 0; i < 2000; ++i) chain += " + a";
  EXPECT_EQ(errorOf(chain, "d.py"), "d.py:1:5: expression is too deeply nested");
  std::string calls = "x = f";
  for (int i = 0; i < 2000; ++i) calls += "()";
  EXPECT_EQ(errorOf(calls, "d.py"), "d.py:1:5: expression is too deeply nested");
  std::string attrs = "x = f";
  for (int i = 0; i < 2000; ++i) attrs += ".a";
  EXPECT_EQ(errorOf(attrs, "d.py"), "d.py:1:5: expression is too deeply nested");
  std::string compares = "x = a";
  for (int i = 0; i < 2000; ++i) compares += " < a";
  EXPECT_EQ(errorOf(compares, "d.py"), "no error");  // one flat Compare node
  // Within the limits, long chains are fine.
  std::string ok = "x = a";
  for (int i = 0; i < 500; ++i) ok += " + a";
  EXPECT_EQ(errorOf(ok, "d.py"), "no error");
}

TEST(ParseErrors, GarbageNeverCrashes) {
  const char* inputs[] = {"a\x01", ")(", "def", "class A(:", "if:", "for in:", "x = [,]", "f(,)", "{:}",
                          "x[::::]", "@", "return return", "a ==== b", "\"\"\"", "'\\", "0x_", "1e+", "\t\tx",
                          "if a:\n  b\n c", "x = (\n\n\n", "from import x", "import a.", "with:", "del 1"};
  for (const char* in : inputs) {
    std::string err = errorOf(in, "g.py");
    EXPECT_EQ(err.rfind("g.py:", 0), 0u) << in << " => " << err;
  }
}

}  // namespace
}  // namespace wick::frontend

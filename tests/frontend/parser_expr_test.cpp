// Expressions: Python's precedence and associativity, chained comparisons,
// literals, calls, subscripts and slices, displays and comprehensions; each
// case also survives print -> parse.
#include <gtest/gtest.h>

#include <string>

#include "frontend/ast_printer.h"
#include "frontend/parser.h"
#include "wick/error.h"

namespace wick::frontend {
namespace {

// Dumps `src` parsed as one expression, after checking that printing it and
// parsing again gives the same tree.
std::string dump(std::string_view src) {
  ExprPtr e = parseExpression(src, "e.py");
  std::string d = dumpAst(*e);
  std::string printed = printSource(*e);
  EXPECT_EQ(dumpAst(*parseExpression(printed, "printed.py")), d) << "printed as: " << printed;
  return d;
}

std::string printed(std::string_view src) { return printSource(*parseExpression(src, "e.py")); }

TEST(ParseExpr, ArithmeticPrecedence) {
  EXPECT_EQ(dump("a + b * c"), "(BinaryOp + (Name a) (BinaryOp * (Name b) (Name c)))");
  EXPECT_EQ(dump("a - b - c"), "(BinaryOp - (BinaryOp - (Name a) (Name b)) (Name c))");
  EXPECT_EQ(dump("a // b % c @ d / e"),
            "(BinaryOp / (BinaryOp @ (BinaryOp % (BinaryOp // (Name a) (Name b)) (Name c)) (Name d)) (Name e))");
  EXPECT_EQ(dump("(a + b) * c"), "(BinaryOp * (BinaryOp + (Name a) (Name b)) (Name c))");
  EXPECT_EQ(printed("(a + b) * c"), "(a + b) * c");
  EXPECT_EQ(printed("a - (b - c)"), "a - (b - c)");
}

TEST(ParseExpr, PowerAndUnary) {
  EXPECT_EQ(dump("a ** b ** c"), "(BinaryOp ** (Name a) (BinaryOp ** (Name b) (Name c)))");
  EXPECT_EQ(dump("-a ** 2"), "(UnaryOp - (BinaryOp ** (Name a) (IntLiteral 2)))");
  EXPECT_EQ(dump("(-a) ** 2"), "(BinaryOp ** (UnaryOp - (Name a)) (IntLiteral 2))");
  EXPECT_EQ(dump("2 ** -1"), "(BinaryOp ** (IntLiteral 2) (UnaryOp - (IntLiteral 1)))");
  EXPECT_EQ(dump("~a + -b - +c"),
            "(BinaryOp - (BinaryOp + (UnaryOp ~ (Name a)) (UnaryOp - (Name b))) (UnaryOp + (Name c)))");
  EXPECT_EQ(dump("- - a"), "(UnaryOp - (UnaryOp - (Name a)))");
  EXPECT_EQ(printed("(-a) ** 2"), "(-a) ** 2");
  EXPECT_EQ(printed("(a ** b) ** c"), "(a ** b) ** c");
}

TEST(ParseExpr, BitwiseAndShifts) {
  EXPECT_EQ(dump("a | b ^ c & d << e >> f"),
            "(BinaryOp | (Name a) (BinaryOp ^ (Name b) (BinaryOp & (Name c) (BinaryOp >> (BinaryOp << (Name d) "
            "(Name e)) (Name f)))))");
  EXPECT_EQ(dump("a << b + c"), "(BinaryOp << (Name a) (BinaryOp + (Name b) (Name c)))");
}

TEST(ParseExpr, BooleansAndComparisons) {
  EXPECT_EQ(dump("a or b and not c"), "(BoolOp or (Name a) (BoolOp and (Name b) (UnaryOp not (Name c))))");
  EXPECT_EQ(dump("a and b and c"), "(BoolOp and (BoolOp and (Name a) (Name b)) (Name c))");
  EXPECT_EQ(dump("0 < a <= 10"), "(Compare (IntLiteral 0) < (Name a) <= (IntLiteral 10))");
  EXPECT_EQ(dump("a is not None"), "(Compare (Name a) is not (NoneLiteral))");
  EXPECT_EQ(dump("k not in d and k in e"),
            "(BoolOp and (Compare (Name k) not in (Name d)) (Compare (Name k) in (Name e)))");
  EXPECT_EQ(dump("not a == b"), "(UnaryOp not (Compare (Name a) == (Name b)))");
  EXPECT_EQ(dump("a | b == c"), "(Compare (BinaryOp | (Name a) (Name b)) == (Name c))");
  EXPECT_EQ(dump("a < (b < c)"), "(Compare (Name a) < (Compare (Name b) < (Name c)))");
}

TEST(ParseExpr, Conditional) {
  EXPECT_EQ(dump("a if c else b"), "(IfExpr (Name a) (Name c) (Name b))");
  EXPECT_EQ(dump("a if c else b if d else e"), "(IfExpr (Name a) (Name c) (IfExpr (Name b) (Name d) (Name e)))");
  EXPECT_EQ(dump("(a if c else b) if d else e"), "(IfExpr (IfExpr (Name a) (Name c) (Name b)) (Name d) (Name e))");
  EXPECT_EQ(dump("a or b if c or d else e"),
            "(IfExpr (BoolOp or (Name a) (Name b)) (BoolOp or (Name c) (Name d)) (Name e))");
}

TEST(ParseExpr, Literals) {
  EXPECT_EQ(dump("[1, 2., 'a' \"b\", True, False, None, ...]"),
            "(ListLiteral (IntLiteral 1) (FloatLiteral 2) (StringLiteral \"ab\") (BoolLiteral true) "
            "(BoolLiteral false) (NoneLiteral) (EllipsisLiteral))");
  EXPECT_EQ(dump("-9223372036854775808"), "(IntLiteral -9223372036854775808)");
  EXPECT_EQ(dump("0x1F + 0.001"), "(BinaryOp + (IntLiteral 31) (FloatLiteral 0.001))");
  EXPECT_EQ(dump("inf"), "(Name inf)");
  EXPECT_EQ(dump("1e999"), "(FloatLiteral inf)");
  EXPECT_EQ(printed("2."), "2.0");
  EXPECT_EQ(printed("'a\\n\"b\\\\'"), "\"a\\n\\\"b\\\\\"");
  EXPECT_EQ(printed("(1).real"), "(1).real");
}

TEST(ParseExpr, TuplesListsDicts) {
  EXPECT_EQ(dump("()"), "(TupleLiteral)");
  EXPECT_EQ(dump("(a,)"), "(TupleLiteral (Name a))");
  EXPECT_EQ(dump("(a)"), "(Name a)");
  EXPECT_EQ(dump("a, b,"), "(TupleLiteral (Name a) (Name b))");
  EXPECT_EQ(dump("[a, *b]"), "(ListLiteral (Name a) (Starred (Name b)))");
  EXPECT_EQ(dump("{}"), "(DictLiteral)");
  EXPECT_EQ(dump("{\"a\": 1, \"b\": 2,}"),
            "(DictLiteral (StringLiteral \"a\") (IntLiteral 1) (StringLiteral \"b\") (IntLiteral 2))");
  EXPECT_EQ(printed("(a,)"), "(a,)");
}

TEST(ParseExpr, Comprehensions) {
  EXPECT_EQ(dump("[v * 3 for v in xs]"),
            "(ListComp (BinaryOp * (Name v) (IntLiteral 3)) (for (Name v) (Name xs)))");
  EXPECT_EQ(dump("[x for x, y in z if x if y for w in x]"),
            "(ListComp (Name x) (for (TupleLiteral (Name x) (Name y)) (Name z) (if (Name x) (Name y))) "
            "(for (Name w) (Name x)))");
  EXPECT_EQ(dump("{k: v for k, v in d.items()}"),
            "(DictComp (Name k) (Name v) (for (TupleLiteral (Name k) (Name v)) (Call (Attribute (Name d) items))))");
}

TEST(ParseExpr, CallsAndAttributes) {
  EXPECT_EQ(dump("(self)._forward_impl(x, )"),
            "(Call (Attribute (Name self) _forward_impl) (Name x))");
  EXPECT_EQ(dump("torch.zeros([4, n], dtype=_2, layout=None)"),
            "(Call (Attribute (Name torch) zeros) (ListLiteral (IntLiteral 4) (Name n)) (kw dtype (Name _2)) "
            "(kw layout (NoneLiteral)))");
  EXPECT_EQ(dump("ops.prim.RaiseException(msg, \"builtins.RuntimeError\")"),
            "(Call (Attribute (Attribute (Name ops) prim) RaiseException) (Name msg) "
            "(StringLiteral \"builtins.RuntimeError\"))");
  EXPECT_EQ(dump("__torch__.torch.nn.modules.conv.___torch_mangle_0.Conv2d"),
            "(Attribute (Attribute (Attribute (Attribute (Attribute (Attribute (Name __torch__) torch) nn) modules) "
            "conv) ___torch_mangle_0) Conv2d)");
  EXPECT_EQ(dump("f(*args, a=1)(2)"),
            "(Call (Call (Name f) (Starred (Name args)) (kw a (IntLiteral 1))) (IntLiteral 2))");
  EXPECT_EQ(dump("annotate(List[int], [])"),
            "(Call (Name annotate) (Subscript (Name List) (Name int)) (ListLiteral))");
  EXPECT_EQ(dump("getattr(self, \"0\")"), "(Call (Name getattr) (Name self) (StringLiteral \"0\"))");
  EXPECT_EQ(dump("isinstance(x, (int, float))"),
            "(Call (Name isinstance) (Name x) (TupleLiteral (Name int) (Name float)))");
}

TEST(ParseExpr, SubscriptsAndSlices) {
  EXPECT_EQ(dump("x[0]"), "(Subscript (Name x) (IntLiteral 0))");
  EXPECT_EQ(dump("x[1:]"), "(Subscript (Name x) (Slice (IntLiteral 1) _ _))");
  EXPECT_EQ(dump("x[:, None, ::2]"),
            "(Subscript (Name x) (Slice _ _ _) (NoneLiteral) (Slice _ _ (IntLiteral 2)))");
  EXPECT_EQ(dump("x[..., 1]"), "(Subscript (Name x) (EllipsisLiteral) (IntLiteral 1))");
  EXPECT_EQ(dump("x[1:-1:2, 0]"),
            "(Subscript (Name x) (Slice (IntLiteral 1) (UnaryOp - (IntLiteral 1)) (IntLiteral 2)) (IntLiteral 0))");
  EXPECT_EQ(dump("x[a,]"), "(Subscript (Name x) (Name a))");
  EXPECT_EQ(dump("x[(a, b)]"), "(Subscript (Name x) (TupleLiteral (Name a) (Name b)))");
  EXPECT_EQ(dump("Dict[str, List[Tuple[int, Optional[Tensor]]]]"),
            "(Subscript (Name Dict) (Name str) (Subscript (Name List) (Subscript (Name Tuple) (Name int) "
            "(Subscript (Name Optional) (Name Tensor)))))");
  EXPECT_EQ(dump("(hx1)[0]"), "(Subscript (Name hx1) (IntLiteral 0))");
  EXPECT_EQ(printed("x[:, None, ::2]"), "x[:, None, ::2]");
}

TEST(ParseExpr, Ranges) {
  ExprPtr e = parseExpression("a + f(b,\n  c)", "r.py");
  EXPECT_EQ(e->range.str(), "r.py:1:1");
  EXPECT_EQ(e->range.endLine, 2);
  EXPECT_EQ(e->range.endCol, 5);
  const auto* call = e->as<BinaryOp>()->rhs->as<Call>();
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->range.str(), "r.py:1:5");
  EXPECT_EQ(call->args[1]->range.str(), "r.py:2:3");
}

}  // namespace
}  // namespace wick::frontend

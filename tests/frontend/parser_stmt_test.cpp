// Statements: assignments of every shape, control flow, definitions,
// classes as PyTorch prints them, imports; each case also survives
// print -> parse.
#include <gtest/gtest.h>

#include <string>

#include "frontend/ast_printer.h"
#include "frontend/parser.h"
#include "wick/error.h"

namespace wick::frontend {
namespace {

std::string dump(std::string_view src) {
  StmtList tree = parseFile(src, "s.py");
  std::string d = dumpAst(tree);
  std::string printed = printSource(tree);
  EXPECT_EQ(dumpAst(parseFile(printed, "printed.py")), d) << "printed as:\n" << printed;
  return d;
}

TEST(ParseStmt, Assignments) {
  EXPECT_EQ(dump("x = 1\n"), "(Assign (targets (Name x)) (IntLiteral 1))\n");
  EXPECT_EQ(dump("a = b = c\n"), "(Assign (targets (Name a) (Name b)) (Name c))\n");
  EXPECT_EQ(dump("k, v, = _0[_1]\n"),
            "(Assign (targets (TupleLiteral (Name k) (Name v))) (Subscript (Name _0) (Name _1)))\n");
  EXPECT_EQ(dump("a, (b, c) = t\n"),
            "(Assign (targets (TupleLiteral (Name a) (TupleLiteral (Name b) (Name c)))) (Name t))\n");
  EXPECT_EQ(dump("[a, *b] = t\n"), "(Assign (targets (ListLiteral (Name a) (Starred (Name b)))) (Name t))\n");
  EXPECT_EQ(dump("self.count = torch.add(count, by)\n"),
            "(Assign (targets (Attribute (Name self) count)) (Call (Attribute (Name torch) add) (Name count) "
            "(Name by)))\n");
  EXPECT_EQ(dump("__annotations__[\"0\"] = __torch__.M\n"),
            "(Assign (targets (Subscript (Name __annotations__) (StringLiteral \"0\"))) (Attribute (Name "
            "__torch__) M))\n");
  EXPECT_EQ(dump("_0, y0 = False, y\n"),
            "(Assign (targets (TupleLiteral (Name _0) (Name y0))) (TupleLiteral (BoolLiteral false) (Name y)))\n");
}

TEST(ParseStmt, AugmentedAndAnnotated) {
  EXPECT_EQ(dump("x += 1\nx //= 2\nx **= 3\nx @= m\nx <<= 1\n"),
            "(AugAssign + (Name x) (IntLiteral 1))\n(AugAssign // (Name x) (IntLiteral 2))\n"
            "(AugAssign ** (Name x) (IntLiteral 3))\n(AugAssign @ (Name x) (Name m))\n"
            "(AugAssign << (Name x) (IntLiteral 1))\n");
  EXPECT_EQ(dump("training : bool\n"), "(AnnAssign (Name training) (Name bool) _)\n");
  EXPECT_EQ(dump("dim : Final[int] = 1\n"),
            "(AnnAssign (Name dim) (Subscript (Name Final) (Name int)) (IntLiteral 1))\n");
}

TEST(ParseStmt, IfElifElse) {
  EXPECT_EQ(dump("if a:\n  x = 1\nelif b:\n  pass\nelse:\n  x = 2\n"),
            "(If (Name a)\n  (body\n    (Assign (targets (Name x)) (IntLiteral 1)))\n  (orelse\n    (If (Name b)\n"
            "      (body\n        (Pass))\n      (orelse\n        (Assign (targets (Name x)) (IntLiteral 2))))))\n");
  // `else:` holding only an `if` is the same tree as `elif`.
  EXPECT_EQ(dumpAst(parseFile("if a:\n  pass\nelse:\n  if b:\n    pass\n", "s.py")),
            dumpAst(parseFile("if a:\n  pass\nelif b:\n  pass\n", "s.py")));
  EXPECT_EQ(dump("if a: return b\n"), "(If (Name a)\n  (body\n    (Return (Name b)))\n  (orelse))\n");
}

TEST(ParseStmt, Loops) {
  EXPECT_EQ(dump("for i in range(n):\n  if i:\n    continue\n  break\n"),
            "(For (Name i) (Call (Name range) (Name n))\n  (body\n    (If (Name i)\n      (body\n        "
            "(Continue))\n      (orelse))\n    (Break)))\n");
  EXPECT_EQ(dump("for k, v in d.items():\n  pass\n"),
            "(For (TupleLiteral (Name k) (Name v)) (Call (Attribute (Name d) items))\n  (body\n    (Pass)))\n");
  EXPECT_EQ(dump("for x in a, b:\n  pass\n"),
            "(For (Name x) (TupleLiteral (Name a) (Name b))\n  (body\n    (Pass)))\n");
  EXPECT_EQ(dump("while _2:\n  _2, _1 = _13, _12\n"),
            "(While (Name _2)\n  (body\n    (Assign (targets (TupleLiteral (Name _2) (Name _1))) (TupleLiteral "
            "(Name _13) (Name _12)))))\n");
}

TEST(ParseStmt, SimpleStatements) {
  EXPECT_EQ(dump("assert x is not None, \"x must be set\"\n"),
            "(Assert (Compare (Name x) is not (NoneLiteral)) (StringLiteral \"x must be set\"))\n");
  EXPECT_EQ(dump("assert x\n"), "(Assert (Name x) _)\n");
  EXPECT_EQ(dump("raise AssertionError(\"bad\")\nraise builtins.ValueError(m)\nraise\n"),
            "(Raise (Call (Name AssertionError) (StringLiteral \"bad\")))\n(Raise (Call (Attribute (Name builtins) "
            "ValueError) (Name m)))\n(Raise _)\n");
  EXPECT_EQ(dump("return\nreturn a, b\n"), "(Return _)\n(Return (TupleLiteral (Name a) (Name b)))\n");
  EXPECT_EQ(dump("del d[k], x\n"), "(Delete (Subscript (Name d) (Name k)) (Name x))\n");
  EXPECT_EQ(dump("a = 1; b = 2;\n"), "(Assign (targets (Name a)) (IntLiteral 1))\n(Assign (targets (Name b)) (IntLiteral 2))\n");
  EXPECT_EQ(dump("torch._set_item(e, k, v)\n"),
            "(ExprStmt (Call (Attribute (Name torch) _set_item) (Name e) (Name k) (Name v)))\n");
  EXPECT_EQ(dump("with torch.no_grad() as g, f():\n  pass\n"),
            "(With (item (Call (Attribute (Name torch) no_grad)) (Name g)) (item (Call (Name f)) _)\n  (body\n    "
            "(Pass)))\n");
}

TEST(ParseStmt, Imports) {
  EXPECT_EQ(dump("import __torch__\nimport torch.nn as nn, math\nfrom typing import List, Tuple as T\n"
                 "from m import (a,\n  b,)\nfrom x import *\n"),
            "(Import __torch__)\n(Import torch.nn as nn math)\n(Import from typing List Tuple as T)\n"
            "(Import from m a b)\n(Import from x *)\n");
}

TEST(ParseStmt, FunctionDefinitions) {
  EXPECT_EQ(dump("def forward(self: __torch__.X,\n    x: Tensor,\n    y: Optional[Tensor]=None) -> Tensor:\n"
                 "  return x\n"),
            "(FunctionDef forward (decorators) (param self (Attribute (Name __torch__) X) _) (param x (Name Tensor) _) "
            "(param y (Subscript (Name Optional) (Name Tensor)) (NoneLiteral)) (returns (Name Tensor))\n  (body\n    "
            "(Return (Name x))))\n");
  EXPECT_EQ(dump("@torch.jit.export\ndef f(a, b=1,): pass\n"),
            "(FunctionDef f (decorators (Attribute (Attribute (Name torch) jit) export)) (param a _ _) (param b _ "
            "(IntLiteral 1)) (returns _)\n  (body\n    (Pass)))\n");
}

TEST(ParseStmt, Classes) {
  const char* src =
      "class LSTM(Module):\n"
      "  __parameters__ = [\"weight_ih_l0\", ]\n"
      "  __buffers__ = []\n"
      "  weight_ih_l0 : Tensor\n"
      "  layer1 : __torch__.torch.nn.modules.container.___torch_mangle_8.Sequential\n"
      "  mode : Final[str] = \"LSTM\"\n"
      "  def forward(self: __torch__.LSTM) -> NoneType:\n"
      "    return None\n"
      "class Point(NamedTuple):\n"
      "  x : Tensor\n"
      "class Counter:\n"
      "  count : int\n";
  StmtList tree = parseFile(src, "code/__torch__.py");
  ASSERT_EQ(tree.size(), 3u);
  const auto* lstm = tree[0]->as<ClassDef>();
  ASSERT_NE(lstm, nullptr);
  EXPECT_EQ(lstm->body.size(), 6u);
  EXPECT_NE(dumpAst(*lstm->body[3]->as<AnnAssign>()->annotation).find("___torch_mangle_8) Sequential)"), std::string::npos);
  EXPECT_EQ(tree[2]->as<ClassDef>()->bases.size(), 0u);
  EXPECT_EQ(tree[1]->range.str(), "code/__torch__.py:9:1");
  EXPECT_EQ(dump(src), dumpAst(tree));
}

TEST(ParseStmt, PrintedSource) {
  StmtList tree = parseFile(
      "if a :\n    x = (1)\nelse :\n    if b:\n        pass\n    else:\n        y = [ 1,2 ]\n", "s.py");
  EXPECT_EQ(printSource(tree), "if a:\n  x = 1\nelif b:\n  pass\nelse:\n  y = [1, 2]\n");
}

TEST(ParseStmt, EmptyFileAndCommentsOnly) {
  EXPECT_TRUE(parseFile("", "s.py").empty());
  EXPECT_TRUE(parseFile("\n\n# nothing\n   \n", "s.py").empty());
}

}  // namespace
}  // namespace wick::frontend

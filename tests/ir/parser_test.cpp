// The graph text parser: hand-written graphs, subgraphs, locations, and
// malformed text that must fail with "file:line:col: message".
#include "ir/parser.h"

#include <gtest/gtest.h>

#include <cmath>

namespace wick::ir {
namespace {

void expectParseError(const std::string& text, const std::string& where, const std::string& fragment) {
  try {
    parseGraph(text, "bad.txt");
    FAIL() << "no error for:\n" << text;
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_EQ(msg.rfind("bad.txt:" + where + ": ", 0), 0u) << msg;
    EXPECT_NE(msg.find(fragment), std::string::npos) << msg;
  }
}

TEST(ParserTest, HandWrittenGraph) {
  auto g = parseGraph(
      "# a comment line\n"
      "graph(%a, %b : int):\n"
      "  %c : Tensor = aten::mul(%a, %b)   # model.py:3:9\n"
      "\n"
      "  %d = aten::relu(%c)\n"
      "  return (%d, %c)\n",
      "hand.txt");
  EXPECT_EQ(g->inputs()[0]->type()->str(), "Tensor");
  Node* mul = g->outputs()[1]->node();
  EXPECT_EQ(mul->kind(), Symbol::fromQualString("aten::mul"));
  EXPECT_EQ(mul->location().str(), "model.py:3:9");
  EXPECT_EQ(g->outputs()[0]->node()->location().str(), "hand.txt:5:3");
  EXPECT_EQ(g->str(),
            "graph(%a : Tensor,\n"
            "      %b : int):\n"
            "  %c : Tensor = aten::mul(%a, %b)\n"
            "  %d : Tensor = aten::relu(%c)\n"
            "  return (%d, %c)\n");
}

TEST(ParserTest, AttributesAndNumbers) {
  const std::string text =
      "graph():\n"
      "  %0 : float = prim::Constant[value=1.e-05]()\n"
      "  %1 : float = prim::Constant[value=nan]()\n"
      "  %2 : int = prim::Constant[value=-9223372036854775807]()\n"
      "  %3 : int[] = prim::Constant[value=[0, 1]]()\n"
      "  %4 : (int, str) = prim::Constant[value=(1, \"x\")]()\n"
      "  %5 : Tensor = prim::Constant[value={2}]()\n"
      "  %6 : Double(requires_grad=0, device=cpu) = prim::Constant[value={0.5}]()\n"
      "  %7 : Tensor = aten::foo[a=1, b=\"s\", c=[1., 2.], d=[\"p\", \"q\"]]()\n"
      "  return (%0, %1, %2, %3, %4, %5, %6, %7)\n";
  auto g = parseGraph(text);
  auto ns = g->block()->nodes();
  EXPECT_DOUBLE_EQ(ns[0]->f("value"), 1e-5);
  EXPECT_TRUE(std::isnan(ns[1]->f("value")));
  EXPECT_EQ(ns[2]->i("value"), -9223372036854775807);
  EXPECT_EQ(ns[3]->attr("value").kind, Attribute::Kind::Ints);
  EXPECT_EQ(ns[5]->ival("value").toTensor().dtype(), DType::Int64);
  EXPECT_EQ(ns[6]->ival("value").toTensor().dtype(), DType::Float64);
  EXPECT_EQ(ns[7]->i("a"), 1);
  EXPECT_EQ(ns[7]->s("b"), "s");
  EXPECT_EQ(ns[7]->attr("c").kind, Attribute::Kind::Floats);
  EXPECT_EQ(ns[7]->attr("d").kind, Attribute::Kind::Strings);
  std::string printed = g->str();
  EXPECT_NE(printed.find("prim::Constant[value=1.0000000000000001e-05]()"), std::string::npos);
  EXPECT_NE(printed.find("prim::Constant[value=(1, \"x\")]()"), std::string::npos);
  EXPECT_NE(printed.find("aten::foo[a=1, b=\"s\", c=[1., 2.], d=[\"p\", \"q\"]]()"), std::string::npos);
  EXPECT_EQ(parseGraph(printed)->str(), printed);
}

TEST(ParserTest, TypeAttributes) {
  const std::string text =
      "graph(%x : Any):\n"
      "  %b : bool = prim::isinstance[types=[int, Tensor[]]](%x)\n"
      "  %c : Tensor = prim::unchecked_cast[ty=Float(2)](%x)\n"
      "  return (%b, %c)\n";
  auto g = parseGraph(text);
  Node* isinst = g->outputs()[0]->node();
  ASSERT_EQ(isinst->tys("types").size(), 2u);
  EXPECT_EQ(isinst->tys("types")[1]->str(), "Tensor[]");
  EXPECT_EQ(g->outputs()[1]->node()->ty("ty")->str(), "Float(2)");
  EXPECT_EQ(g->str(), text);
  expectParseError("graph(%x : Any):\n  %b : bool = prim::isinstance[types=[int, %x]](%x)\n  return (%b)\n",
                   "2:39", "bad attribute value 'int'");
}

TEST(ParserTest, NumericNamesAreReserved) {
  auto g = parseGraph("graph(%x.1 : Tensor):\n  %41 : Tensor = aten::neg(%x.1)\n  return (%41)\n");
  Node* n = g->create(Symbol::fromQualString("aten::relu"), {g->outputs()[0]});
  g->insertNode(n)->output()->setType(Type::tensor());
  EXPECT_GE(n->output()->unique(), 42u);
  g->lint();
}

TEST(ParserTest, ClassTypesAndSubgraphs) {
  const std::string text =
      "graph(%self : __torch__.Foo,\n"
      "      %x : Tensor):\n"
      "  %w : Tensor = prim::GetAttr[name=\"w\"](%self)\n"
      "  %2 : Tensor = prim::FusionGroup_0(%x, %w)\n"
      "  return (%2)\n"
      "with prim::FusionGroup_0 = graph(%a : Tensor,\n"
      "      %b : Tensor):\n"
      "  %c : Tensor = aten::mul(%a, %b)\n"
      "  %d : Tensor = prim::FusionGroup_0(%c)\n"
      "  return (%d)\n"
      "with prim::FusionGroup_0 = graph(%e : Tensor):\n"
      "  return (%e)\n";
  auto g = parseGraph(text);
  EXPECT_EQ(g->inputs()[0]->type()->kind(), TypeKind::Class);
  EXPECT_EQ(g->inputs()[0]->type()->str(), "__torch__.Foo");
  Node* fg = g->outputs()[0]->node();
  EXPECT_EQ(fg->kind(), Symbol(Symbol::prim_FusionGroup));
  auto sub = fg->attr("Subgraph").graph;
  ASSERT_NE(sub, nullptr);
  EXPECT_EQ(sub->outputs()[0]->node()->kind(), Symbol(Symbol::prim_FusionGroup));
  EXPECT_EQ(g->str(), text);

  auto known = std::make_shared<ClassType>("__torch__.Foo", true);
  auto g2 = parseGraph(text, "<graph>", [&](const std::string& n) -> TypePtr {
    return n == "__torch__.Foo" ? known : nullptr;
  });
  EXPECT_EQ(g2->inputs()[0]->type().get(), known.get());
}

TEST(ParserTest, Errors) {
  expectParseError("graph(%x : Tensor):\n  %y : Tensor = aten::neg(%z)\n  return (%y)\n", "2:27",
                   "unknown value name %z");
  expectParseError("graph(%x : Tensr):\n  return (%x)\n", "1:12", "unknown type 'Tensr'");
  expectParseError("graph(%x : int[):\n  return (%x)\n", "1:15", "expected ',' between parameters");
  expectParseError("graph(%x : Tensor):\n  %x : Tensor = aten::neg(%x)\n  return (%x)\n", "2:3",
                   "value %x is defined twice (first at bad.txt:1:7)");
  expectParseError(
      "graph(%c : bool):\n  %y : int = prim::If(%c)\n    block0():\n      -> (%c)\n  return (%y)\n", "2:3",
      "prim::If needs two blocks, found 1");
  expectParseError("graph(%c : bool):\n   = prim::If(%c)\n    block0():\n      %z : int = aten::foo()\n",
                   "3:5", "unterminated block0 of prim::If: no '-> (...)' line");
  expectParseError(
      "graph(%n : int, %c : bool):\n   = prim::Loop(%n, %c)\n    block0():\n      -> (%c)\n  return ()\n",
      "2:4", "prim::Loop carries 0 values");
  expectParseError(
      "graph(%c : bool):\n   = prim::If(%c)\n    block0():\n      %z : int = aten::foo()\n      -> ()\n    "
      "block1():\n"
      "      -> ()\n  %w : int = aten::bar(%z)\n  return ()\n",
      "8:24", "value %z is used outside the block that defines it");
  expectParseError("graph(%x : Tensor):\n  %y : Tensor = aten::neg(%x)\n", "1:20", "no return statement");
  expectParseError("graph(%x : Tensor):\n  %y : bool = prim::Constant[value=2]()\n  return (%y)\n", "2:36",
                   "constant 2 does not fit its type bool");
  expectParseError("graph():\n  %y : int = prim::Constant()\n  return (%y)\n", "2:3",
                   "must have type NoneType");
  expectParseError("graph():\n  %y : str = prim::Constant[value=\"abc]()\n  return (%y)\n", "2:35",
                   "unterminated string literal");
  expectParseError("graph(%x : Tensor):\n  return (%x)\ngarbage\n", "3:1",
                   "unexpected 'garbage' after the graph");
  expectParseError("grph(%x : Tensor):\n", "1:1", "expected 'graph'");
  expectParseError("graph(%x : Tensor):\n  %y : Tensor = neg(%x)\n  return (%y)\n", "2:20", "expected '::'");
  expectParseError("graph(%c : bool):\n   = prim::If(%c)\n    block1():\n      -> ()\n", "3:10",
                   "expected block0 of prim::If, found block1");
  expectParseError("graph():\n  %y : Device = prim::Constant[value=\"tpu\"]()\n  return (%y)\n", "2:38",
                   "invalid device");
  expectParseError("graph(%x : Tensor):\n  return (%x)\nwith prim::FusionGroup_3 = graph():\n  return ()\n",
                   "3:6", "no node is printed as 'prim::FusionGroup_3'");
  expectParseError("", "1:1", "expected 'graph'");
}

TEST(ParserTest, DeepNestingFailsCleanly) {
  std::string text = "graph(%c : bool):\n";
  for (int i = 0; i < 300; ++i) text += " = prim::If(%c)\nblock0():\n";
  EXPECT_THROW(parseGraph(text), Error);
  std::string types = "graph(%x : " + std::string(1000, '(') + "):\n";
  EXPECT_THROW(parseGraph(types), Error);
}

}  // namespace
}  // namespace wick::ir

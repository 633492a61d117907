// Graph construction and mutation: use lists, insertion, names, destroy,
// copy, insertGraph, lint and the printer on hand-built graphs.
#include "ir/graph.h"

#include <gtest/gtest.h>

#include "ir/parser.h"

namespace wick::ir {
namespace {

Symbol sym(const char* s) { return Symbol::fromQualString(s); }

// graph(%x : Tensor, %y : Tensor): %z = aten::add(%x, %y, 1); return (%z)
std::shared_ptr<Graph> makeAdd() {
  auto g = std::make_shared<Graph>();
  Value* x = g->addInput("x")->setType(Type::tensor());
  Value* y = g->addInput("y")->setType(Type::tensor());
  Value* one = g->insertConstant(IValue(1));
  Node* add = g->insertNode(g->create(sym("aten::add"), {x, y, one}));
  add->output()->setType(Type::tensor())->setDebugName("z");
  g->registerOutput(add->output());
  return g;
}

TEST(SymbolTest, Interning) {
  EXPECT_EQ(Symbol::fromQualString("prim::If"), Symbol(Symbol::prim_If));
  EXPECT_EQ(Symbol(Symbol::aten___is__).qualString(), "aten::__is__");
  Symbol a = Symbol::fromQualString("aten::relu");
  EXPECT_EQ(a, Symbol::fromQualString("aten::relu"));
  EXPECT_EQ(a.ns(), "aten");
  EXPECT_EQ(a.unqualName(), "relu");
  EXPECT_TRUE(a.isAten());
  EXPECT_FALSE(a.isPrim());
  EXPECT_THROW(Symbol::fromQualString("relu"), Error);
  EXPECT_THROW(Symbol::fromQualString("aten::"), Error);
}

TEST(GraphTest, BuildAndPrint) {
  auto g = makeAdd();
  g->lint();
  EXPECT_EQ(g->str(),
            "graph(%x : Tensor,\n"
            "      %y : Tensor):\n"
            "  %2 : int = prim::Constant[value=1]()\n"
            "  %z : Tensor = aten::add(%x, %y, %2)\n"
            "  return (%z)\n");
  EXPECT_EQ(g->findValue("z"), g->outputs()[0]);
}

TEST(GraphTest, UsesFollowMutation) {
  auto g = makeAdd();
  Value* x = g->inputs()[0];
  Value* y = g->inputs()[1];
  Node* add = g->outputs()[0]->node();
  ASSERT_EQ(x->uses().size(), 1u);
  EXPECT_EQ(x->uses()[0], (Use{add, 0}));
  add->replaceInput(1, x);
  EXPECT_EQ(x->uses().size(), 2u);
  EXPECT_FALSE(y->hasUses());
  add->removeInput(0);
  EXPECT_EQ(x->uses().size(), 1u);
  EXPECT_EQ(x->uses()[0].offset, 0u);
  add->insertInput(0, y);
  EXPECT_EQ(x->uses()[0].offset, 1u);
  EXPECT_EQ(y->uses()[0].offset, 0u);
  add->replaceInputWith(y, x);
  EXPECT_EQ(x->uses().size(), 2u);
  g->lint();

  Node* neg = g->create(sym("aten::neg"), {x});
  neg->insertBefore(add);
  neg->output()->setType(Type::tensor());
  x->replaceAllUsesWith(neg->output());
  // The neg node itself now reads its own output: put its input back.
  neg->replaceInput(0, x);
  EXPECT_EQ(x->uses().size(), 1u);
  EXPECT_EQ(neg->output()->uses().size(), 2u);
  EXPECT_TRUE(neg->isBefore(add));
  EXPECT_FALSE(add->isBefore(neg));
  g->lint();
  EXPECT_THROW(neg->destroy(), Error);
}

TEST(GraphTest, ListPositionAndDestroy) {
  auto g = makeAdd();
  Node* c = g->inputs()[0]->uses()[0].user->input(2)->node();
  Node* add = g->outputs()[0]->node();
  c->moveAfter(add);
  EXPECT_THROW(g->lint(), Error);  // the constant is used before it is defined
  c->moveBefore(add);
  g->lint();
  Node* dead = g->create(sym("aten::relu"), {g->inputs()[0]});
  dead->output()->setType(Type::tensor());
  g->block()->prependNode(dead);
  EXPECT_EQ(*g->block()->begin(), dead);
  dead->destroy();
  EXPECT_EQ(g->inputs()[0]->uses().size(), 1u);
  EXPECT_EQ(g->block()->nodes().size(), 2u);
  g->lint();
}

TEST(GraphTest, DebugNamesStayUnique) {
  Graph g;
  Value* a = g.addInput("x");
  Value* b = g.addInput("x");
  EXPECT_EQ(b->debugName(), "x");
  EXPECT_EQ(a->debugName(), "x.1");
  Value* c = g.addInput("x.1");
  EXPECT_EQ(c->debugName(), "x.1");
  EXPECT_EQ(a->debugName(), "x.2");
  EXPECT_THROW(g.addInput("12"), Error);
  a->setDebugName("");
  EXPECT_FALSE(a->hasDebugName());
  EXPECT_EQ(g.findValue("x.2"), nullptr);
}

TEST(GraphTest, IfAndLoopBlocks) {
  auto g = std::make_shared<Graph>();
  Value* cond = g->addInput("c")->setType(Type::get(TypeKind::Bool));
  Value* n = g->addInput("n")->setType(Type::get(TypeKind::Int));
  Node* ifn = g->insertNode(g->create(Symbol::prim_If, {cond}, 1));
  ifn->output()->setType(Type::get(TypeKind::Int));
  Block* t = ifn->addBlock();
  Block* f = ifn->addBlock();
  g->setInsertPoint(t);
  t->registerOutput(g->insertConstant(IValue(1)));
  g->setInsertPoint(f);
  f->registerOutput(n);
  g->setInsertPoint(g->block());
  Node* loop = g->insertNode(g->create(Symbol::prim_Loop, {n, cond, ifn->output()}, 1));
  loop->output()->setType(Type::get(TypeKind::Int));
  Block* body = loop->addBlock();
  body->addInput("i")->setType(Type::get(TypeKind::Int));
  Value* acc = body->addInput("acc")->setType(Type::get(TypeKind::Int));
  g->setInsertPoint(body);
  Node* add = g->insertNode(g->create(sym("aten::add"), {acc, body->inputs()[0]}));
  add->output()->setType(Type::get(TypeKind::Int));
  body->registerOutput(cond);
  body->registerOutput(add->output());
  g->registerOutput(loop->output());
  g->lint();
  const char* expected =
      "graph(%c : bool,\n"
      "      %n : int):\n"
      "  %2 : int = prim::If(%c)\n"
      "    block0():\n"
      "      %3 : int = prim::Constant[value=1]()\n"
      "      -> (%3)\n"
      "    block1():\n"
      "      -> (%n)\n"
      "  %4 : int = prim::Loop(%n, %c, %2)\n"
      "    block0(%i : int, %acc : int):\n"
      "      %7 : int = aten::add(%acc, %i)\n"
      "      -> (%c, %7)\n"
      "  return (%4)\n";
  EXPECT_EQ(g->str(), expected);
  EXPECT_EQ(parseGraph(expected)->str(), expected);

  // A value of a block used after it breaks scoping.
  Node* bad = g->create(sym("aten::neg"), {t->outputs()[0]});
  g->setInsertPoint(g->block());
  g->insertNode(bad);
  EXPECT_THROW(g->lint(), Error);
  bad->destroy();
  g->lint();
  // Block arity is checked.
  f->registerOutput(n);
  EXPECT_THROW(g->lint(), Error);
  f->eraseOutput(1);
  ifn->eraseBlock(1);
  EXPECT_THROW(g->lint(), Error);
}

TEST(GraphTest, CopyAndInsertGraph) {
  auto g = makeAdd();
  auto c = g->copy();
  c->lint();
  EXPECT_EQ(c->str(), g->str());
  EXPECT_NE(c->inputs()[0], g->inputs()[0]);

  auto outer = std::make_shared<Graph>();
  Value* a = outer->addInput("a")->setType(Type::tensor());
  std::vector<Value*> outs = outer->insertGraph(*g, {a, a});
  ASSERT_EQ(outs.size(), 1u);
  outer->registerOutput(outs[0]);
  outer->lint();
  EXPECT_EQ(outer->str(),
            "graph(%a : Tensor):\n"
            "  %1 : int = prim::Constant[value=1]()\n"
            "  %z : Tensor = aten::add(%a, %a, %1)\n"
            "  return (%z)\n");
  EXPECT_THROW(outer->insertGraph(*g, {a}), Error);
}

TEST(GraphTest, ConstantsPrintLikePyTorch) {
  Graph g;
  auto lit = [&](IValue v) {
    Node* n = g.insertNode(g.createConstant(v));
    return n;
  };
  lit(IValue(true));
  lit(IValue(2.0));
  lit(IValue(1e-5));
  lit(IValue(-std::numeric_limits<double>::infinity()));
  lit(IValue("a\"b\n'"));
  lit(IValue());
  lit(IValue(Device(DeviceType::CUDA, 1)));
  lit(IValue(makeList({IValue(1.5), IValue(2.0)})));
  lit(IValue(makeList({IValue("x"), IValue("y")})));
  lit(IValue(Tensor::scalar(Scalar(3.5), DType::Float32)));
  lit(IValue(Tensor::zeros({2}, DType::Float32)));
  g.lint();
  const std::string text = g.str();
  EXPECT_EQ(text,
            "graph():\n"
            "  %0 : bool = prim::Constant[value=1]()\n"
            "  %1 : float = prim::Constant[value=2.]()\n"
            "  %2 : float = prim::Constant[value=1.0000000000000001e-05]()\n"
            "  %3 : float = prim::Constant[value=-inf]()\n"
            "  %4 : str = prim::Constant[value=\"a\\\"b\\n\\'\"]()\n"
            "  %5 : NoneType = prim::Constant()\n"
            "  %6 : Device = prim::Constant[value=\"cuda:1\"]()\n"
            "  %7 : float[] = prim::Constant[value=[1.5, 2.]]()\n"
            "  %8 : str[] = prim::Constant[value=[\"x\", \"y\"]]()\n"
            "  %9 : Float(device=cpu) = prim::Constant[value={3.5}]()\n"
            "  %10 : Float(2, strides=[1], device=cpu) = prim::Constant[value=<Tensor>]()\n"
            "  return ()\n");
  auto p = parseGraph(text);
  EXPECT_EQ(p->str(), text);
  auto nodes = p->block()->nodes();
  EXPECT_TRUE(nodes[0]->ival("value").toBool());
  EXPECT_EQ(nodes[0]->i("value"), 1);
  EXPECT_EQ(nodes[4]->s("value"), "a\"b\n'");
  EXPECT_EQ(nodes[6]->ival("value").toDevice(), Device(DeviceType::CUDA, 1));
  EXPECT_EQ(nodes[9]->ival("value").toTensor().dtype(), DType::Float32);
}

TEST(GraphTest, FunctionName) {
  EXPECT_EQ(Function("__torch__.M.forward", nullptr).name(), "forward");
  EXPECT_EQ(Function("main", nullptr).name(), "main");
}

}  // namespace
}  // namespace wick::ir

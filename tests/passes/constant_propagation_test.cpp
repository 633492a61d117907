#include "passes/constant_propagation.h"

#include <gtest/gtest.h>

#include "ir/parser.h"
#include "jit/node_evaluator.h"
#include "passes/dead_code_elimination.h"
#include "tests/passes/pass_test_util.h"
#include "wick/tensor.h"

namespace wick::passes {
namespace {

size_t countNodes(const ir::Block& b) {
  size_t n = 0;
  for (const ir::Node* node : b) {
    ++n;
    for (const ir::Block* inner : node->blocks()) n += countNodes(*inner);
  }
  return n;
}

TEST(ConstantPropagation, FoldsScalarArithmeticAndTakesConstantBranches) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor):
  %two : int = prim::Constant[value=2]()
  %three : int = prim::Constant[value=3]()
  %six : int = aten::mul(%two, %three)
  %big : bool = aten::gt(%six, %three)
  %r : Tensor = prim::If(%big)
    block0():
      %a : Tensor = aten::mul(%x, %six)
      -> (%a)
    block1():
      %b : Tensor = aten::neg(%x)
      -> (%b)
  return (%r))");
  EXPECT_EQ(propagateConstants(*g), 3u);  // mul, gt, the If
  eliminateDeadCode(*g);
  g->lint();
  // What is left: the constant 6 and x * 6.
  EXPECT_EQ(countNodes(*g->block()), 2u);
  const ir::Node* mul = g->outputs()[0]->node();
  EXPECT_EQ(mul->kind().qualString(), "aten::mul");
  EXPECT_EQ(mul->input(1)->node()->ival("value").toInt(), 6);
}

TEST(ConstantPropagation, LeavesWhatWouldRaiseOrOverflowAndTensors) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor):
  %zero : int = prim::Constant[value=0]()
  %one : int = prim::Constant[value=1]()
  %big : int = prim::Constant[value=9223372036854775807]()
  %d : int = aten::floordiv(%one, %zero)
  %o : int = aten::add(%big, %one)
  %m : int = aten::floordiv(%zero, %one)
  %t : Tensor = aten::add(%x, %x, %one)
  %out : (int, int, int, Tensor) = prim::TupleConstruct(%d, %o, %m, %t)
  return (%out))");
  EXPECT_EQ(propagateConstants(*g), 1u);  // only 0 // 1
  g->lint();
}

Tensor weight() { return Tensor::fromVector<float>({1.5f, -2.f, 0.25f, 3.f, 0.5f, 4.f}, {2, 3}); }

ConstantPropagationOptions withEvaluator() {
  ConstantPropagationOptions o;
  o.evaluator = jit::evaluateNode;  // the interpreter runs the op
  return o;
}

TEST(ConstantPropagation, FoldsTensorOpsOnConstantsThroughTheEvaluator) {
  // What freezing leaves: weight preprocessing on constant attributes.
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %w : Tensor):
  %one : int = prim::Constant[value=1]()
  %two : float = prim::Constant[value=2.]()
  %scaled : Tensor = aten::mul(%w, %two)
  %shifted : Tensor = aten::add(%scaled, %w, %one)
  %cols : int = aten::size(%w, %one)
  %y : Tensor = aten::matmul(%x, %shifted)
  %out : (Tensor, int) = prim::TupleConstruct(%y, %cols)
  return (%out))");
  testing::inputToConstant(*g, "w", IValue(weight()));
  Tensor x = Tensor::fromVector<float>({0.5f, -1.f, 2.f, 0.f}, {2, 2});
  std::vector<IValue> before = testing::runGraph(*g, {IValue(x)});
  EXPECT_EQ(propagateConstants(*g), 0u);  // no evaluator: tensors are left
  ConstantPropagationOptions opts = withEvaluator();
  size_t tensorOps = 0;
  opts.tensorOpsFolded = &tensorOps;
  EXPECT_EQ(propagateConstants(*g, opts), 3u);  // mul, add, size
  EXPECT_EQ(tensorOps, 3u);
  eliminateDeadCode(*g);
  g->lint();
  EXPECT_EQ(testing::countKind(*g->block(), "aten::mul"), 0u);
  EXPECT_EQ(testing::countKind(*g->block(), "aten::add"), 0u);
  EXPECT_EQ(testing::countKind(*g->block(), "aten::size"), 0u);
  EXPECT_EQ(testing::countKind(*g->block(), "aten::matmul"), 1u);
  testing::expectSameResults(before, testing::runGraph(*g, {IValue(x)}));
}

TEST(ConstantPropagation, LeavesTensorsThatCouldBeMutatedOrReachTheCaller) {
  // Returned directly (a fresh tensor per call would become one shared
  // tensor), read through a view, or in a graph that mutates.
  const char* const graphs[] = {R"(
graph(%w : Tensor):
  %two : float = prim::Constant[value=2.]()
  %scaled : Tensor = aten::mul(%w, %two)
  return (%scaled))",
                                R"(
graph(%w : Tensor):
  %two : float = prim::Constant[value=2.]()
  %scaled : Tensor = aten::mul(%w, %two)
  %v : Tensor = aten::t(%scaled)
  %r : Tensor = aten::relu(%v)
  return (%r))",
                                R"(
graph(%w : Tensor, %x : Tensor):
  %two : float = prim::Constant[value=2.]()
  %scaled : Tensor = aten::mul(%w, %two)
  %y : Tensor = aten::mul(%x, %scaled)
  %z : Tensor = aten::relu_(%y)
  return (%z))"};
  for (const char* text : graphs) {
    auto g = ir::parseGraph(text);
    testing::inputToConstant(*g, "w", IValue(weight()));
    EXPECT_EQ(propagateConstants(*g, withEvaluator()), 0u) << text;
  }
}

TEST(ConstantPropagation, LeavesTensorOpsThatRaise) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %w : Tensor):
  %one : int = prim::Constant[value=1]()
  %y : Tensor = aten::mm(%w, %w)
  %z : Tensor = aten::add(%x, %y, %one)
  return (%z))");
  testing::inputToConstant(*g, "w", IValue(weight()));  // [2, 3] @ [2, 3] raises
  EXPECT_EQ(propagateConstants(*g, withEvaluator()), 0u);
}

}  // namespace
}  // namespace wick::passes

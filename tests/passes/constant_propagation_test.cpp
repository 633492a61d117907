#include "passes/constant_propagation.h"

#include <gtest/gtest.h>

#include "ir/parser.h"
#include "passes/dead_code_elimination.h"

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

}  // namespace
}  // namespace wick::passes

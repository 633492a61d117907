#include "passes/common_subexpression_elimination.h"

#include <gtest/gtest.h>

#include "ir/parser.h"

namespace wick::passes {
namespace {

size_t countKind(const ir::Block& b, const std::string& kind) {
  size_t n = 0;
  for (const ir::Node* node : b) {
    if (node->kind().qualString() == kind) ++n;
    for (const ir::Block* inner : node->blocks()) n += countKind(*inner, kind);
  }
  return n;
}

TEST(CommonSubexpressionElimination, MergesPureDuplicatesAndConstants) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %y : Tensor):
  %one : int = prim::Constant[value=1]()
  %one.2 : int = prim::Constant[value=1]()
  %a : Tensor = aten::add(%x, %y, %one)
  %b : Tensor = aten::add(%x, %y, %one.2)
  %c : Tensor = aten::mul(%a, %b)
  return (%c))");
  EXPECT_EQ(eliminateCommonSubexpressions(*g), 2u);
  EXPECT_EQ(countKind(*g->block(), "aten::add"), 1u);
  EXPECT_EQ(countKind(*g->block(), "prim::Constant"), 1u);
  g->lint();
}

TEST(CommonSubexpressionElimination, InnerBlocksReuseOuterValuesNotTheReverse) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %c : bool):
  %a : Tensor = aten::relu(%x)
  %r : Tensor = prim::If(%c)
    block0():
      %b : Tensor = aten::relu(%x)
      %d : Tensor = aten::sigmoid(%x)
      -> (%d)
    block1():
      %e : Tensor = aten::sigmoid(%x)
      -> (%e)
  %s : Tensor = aten::add(%a, %r, %c)
  return (%s))");
  EXPECT_EQ(eliminateCommonSubexpressions(*g), 1u);  // %b only; the sigmoids are in sibling blocks
  EXPECT_EQ(countKind(*g->block(), "aten::relu"), 1u);
  EXPECT_EQ(countKind(*g->block(), "aten::sigmoid"), 2u);
  g->lint();
}

TEST(CommonSubexpressionElimination, LeavesMutationRandomnessAndLists) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %n : int):
  %one : int = prim::Constant[value=1]()
  %a : Tensor = aten::add(%x, %x, %one)
  %b : Tensor = aten::add(%x, %x, %one)
  %a2 : Tensor = aten::add_(%a, %x, %one)
  %r1 : Tensor = aten::rand_like(%x)
  %r2 : Tensor = aten::rand_like(%x)
  %l1 : int[] = prim::ListConstruct(%n, %n)
  %l2 : int[] = prim::ListConstruct(%n, %n)
  %m1 : int = aten::mul(%n, %n)
  %m2 : int = aten::mul(%n, %n)
  %t : (Tensor, Tensor, Tensor, Tensor, int[], int[], int, int) = prim::TupleConstruct(%a2, %b, %r1, %r2, %l1, %l2, %m1, %m2)
  return (%t))");
  // The graph mutates (add_), so only the int arithmetic merges.
  EXPECT_EQ(eliminateCommonSubexpressions(*g), 1u);
  EXPECT_EQ(countKind(*g->block(), "aten::add"), 2u);
  EXPECT_EQ(countKind(*g->block(), "aten::rand_like"), 2u);
  EXPECT_EQ(countKind(*g->block(), "prim::ListConstruct"), 2u);
  EXPECT_EQ(countKind(*g->block(), "aten::mul"), 1u);
  g->lint();
}

}  // namespace
}  // namespace wick::passes

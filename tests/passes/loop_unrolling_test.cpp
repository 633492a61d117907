#include "passes/loop_unrolling.h"

#include <gtest/gtest.h>

#include "ir/parser.h"
#include "passes/constant_propagation.h"
#include "passes/dead_code_elimination.h"
#include "passes/peephole.h"
#include "tests/passes/pass_test_util.h"
#include "wick/tensor.h"

namespace wick::passes {
namespace {

using testing::countKind;
using testing::expectSameResults;
using testing::runGraph;

Tensor weights() { return Tensor::fromVector<float>({1.5f, -2.f, 0.25f, 3.f, 0.5f, 4.f}, {3, 2}); }
Tensor input() { return Tensor::fromVector<float>({0.75f, -1.25f}, {2}); }

// Unrolls, cleans up, checks the graph and that it computes what it did.
size_t unrollKeepsResults(ir::Graph& g, const std::vector<IValue>& inputs, const UnrollOptions& opts = {}) {
  std::vector<IValue> before = runGraph(g, inputs);
  size_t n = unrollSmallLoops(g, opts);
  propagateConstants(g);
  peephole(g);
  eliminateDeadCode(g);
  g.lint();
  expectSameResults(before, runGraph(g, inputs));
  return n;
}

// for i in range(3): x = x * w[i]
const char* const kRangeLoop = R"(
graph(%x : Tensor, %w : Tensor):
  %three : int = prim::Constant[value=3]()
  %true : bool = prim::Constant[value=1]()
  %zero : int = prim::Constant[value=0]()
  %y : Tensor = prim::Loop(%three, %true, %x)
    block0(%i : int, %acc : Tensor):
      %wi : Tensor = aten::select(%w, %zero, %i)
      %next : Tensor = aten::mul(%acc, %wi)
      -> (%true, %next)
  return (%y))";

TEST(LoopUnrolling, RangeLoopBecomesStraightLineWithConstantIndices) {
  auto g = ir::parseGraph(kRangeLoop);
  EXPECT_EQ(unrollKeepsResults(*g, {IValue(input()), IValue(weights())}), 1u);
  EXPECT_EQ(countKind(*g->block(), "prim::Loop"), 0u);
  EXPECT_EQ(countKind(*g->block(), "aten::mul"), 3u);
  // Each select takes a constant index 0, 1, 2.
  int64_t expected = 0;
  for (const ir::Node* n : *g->block()) {
    if (n->kind().qualString() != "aten::select") continue;
    const ir::Node* index = n->input(2)->node();
    ASSERT_EQ(index->kind().qualString(), "prim::Constant");
    EXPECT_EQ(index->ival("value").toInt(), expected++);
  }
  EXPECT_EQ(expected, 3);
}

TEST(LoopUnrolling, SideEffectsKeepTheirOrderAndNestedLoopsUnroll) {
  // l = []; for i in range(2): for j in range(3): l.append(i * 10 + j)
  auto g = ir::parseGraph(R"(
graph(%x : Tensor):
  %two : int = prim::Constant[value=2]()
  %three : int = prim::Constant[value=3]()
  %ten : int = prim::Constant[value=10]()
  %true : bool = prim::Constant[value=1]()
  %l : int[] = prim::ListConstruct()
   = prim::Loop(%two, %true)
    block0(%i : int):
      %base : int = aten::mul(%i, %ten)
       = prim::Loop(%three, %true)
        block0(%j : int):
          %v : int = aten::add(%base, %j)
          %l2 : int[] = aten::append(%l, %v)
          -> (%true)
      -> (%true)
  return (%l))");
  EXPECT_EQ(unrollKeepsResults(*g, {IValue(input())}), 2u);  // the inner loop, then the outer one
  EXPECT_EQ(countKind(*g->block(), "prim::Loop"), 0u);
  EXPECT_EQ(countKind(*g->block(), "aten::append"), 6u);
  std::vector<IValue> out = runGraph(*g, {IValue(input())});
  EXPECT_EQ(out[0].repr(), "[0, 1, 2, 10, 11, 12]");
}

TEST(LoopUnrolling, ZeroTripsLeaveTheInitialValues) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor):
  %zero : int = prim::Constant[value=0]()
  %true : bool = prim::Constant[value=1]()
  %y : Tensor = prim::Loop(%zero, %true, %x)
    block0(%i : int, %acc : Tensor):
      %next : Tensor = aten::neg(%acc)
      -> (%true, %next)
  return (%y))");
  EXPECT_EQ(unrollKeepsResults(*g, {IValue(input())}), 1u);
  EXPECT_EQ(g->outputs()[0], g->inputs()[0]);
}

TEST(LoopUnrolling, KeepsLoopsItCannotCountOrThatAreTooBig) {
  // The trip count is an input; the condition is computed (a break or a
  // while); nine trips; a body too big for the node budget.
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %n : int):
  %true : bool = prim::Constant[value=1]()
  %three : int = prim::Constant[value=3]()
  %nine : int = prim::Constant[value=9]()
  %a : Tensor = prim::Loop(%n, %true, %x)
    block0(%i : int, %acc : Tensor):
      %na : Tensor = aten::neg(%acc)
      -> (%true, %na)
  %b : Tensor = prim::Loop(%three, %true, %a)
    block0(%i.2 : int, %acc.2 : Tensor):
      %nb : Tensor = aten::neg(%acc.2)
      %go : bool = aten::lt(%i.2, %three)
      -> (%go, %nb)
  %c : Tensor = prim::Loop(%nine, %true, %b)
    block0(%i.3 : int, %acc.3 : Tensor):
      %nc : Tensor = aten::neg(%acc.3)
      -> (%true, %nc)
  %d : Tensor = prim::Loop(%three, %true, %c)
    block0(%i.4 : int, %acc.4 : Tensor):
      %d1 : Tensor = aten::neg(%acc.4)
      %d2 : Tensor = aten::neg(%d1)
      -> (%true, %d2)
  return (%d))");
  EXPECT_EQ(unrollKeepsResults(*g, {IValue(input()), IValue(int64_t{2})}, {.maxTripCount = 8, .maxUnrolledNodes = 5}),
            0u);
  EXPECT_EQ(countKind(*g->block(), "prim::Loop"), 4u);
}

}  // namespace
}  // namespace wick::passes

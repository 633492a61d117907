// The cleanup passes of the pipeline (optimize.cpp): what peephole,
// unroll_small_loops and constant propagation do to a whole method, and
// that profiled facts are not taken as proofs outside fusion groups.
#include <gtest/gtest.h>

#include "ir/parser.h"
#include "jit/optimize.h"
#include "tests/jit/executor_test_util.h"

namespace wick::jit {
namespace {

size_t countKind(const ir::Block& b, const std::string& kind) {
  size_t n = 0;
  for (const ir::Node* node : b) {
    if (node->kind().qualString() == kind) ++n;
    for (const ir::Block* inner : node->blocks()) n += countKind(*inner, kind);
  }
  return n;
}

// for i in range(3): x = x * w[i]; then x.size(0), and an eval-mode
// dropout and a tuple round trip.
const char* const kGraph = R"(
graph(%x : Tensor, %w : Tensor):
  %three : int = prim::Constant[value=3]()
  %true : bool = prim::Constant[value=1]()
  %false : bool = prim::Constant[value=0]()
  %zero : int = prim::Constant[value=0]()
  %p : float = prim::Constant[value=0.1]()
  %y : Tensor = prim::Loop(%three, %true, %x)
    block0(%i : int, %acc : Tensor):
      %wi : Tensor = aten::select(%w, %zero, %i)
      %next : Tensor = aten::mul(%acc, %wi)
      -> (%true, %next)
  %d : Tensor = aten::dropout(%y, %p, %false)
  %t : (Tensor, int) = prim::TupleConstruct(%d, %three)
  %r : Tensor = prim::TupleIndex(%t, %zero)
  %n : int = aten::size(%r, %zero)
  %out : (Tensor, int) = prim::TupleConstruct(%r, %n)
  return (%out))";

TEST(OptimizePasses, UnrollsAndRewritesButTrustsNoProfiledShape) {
  auto code = testing::compileGraphText(kGraph);
  // A profile that saw x as [2, 4]: the optimized graph must still work for
  // other sizes (nothing guards the top-level graph).
  std::unordered_map<const ir::Value*, ir::TensorInfo> seen;
  ir::TensorInfo info;
  info.dtype = DType::Float32;
  info.sizes = std::vector<std::optional<int64_t>>{2, 4};
  info.strides = std::vector<std::optional<int64_t>>{4, 1};
  seen[code->graph().inputs()[0]] = info;
  OptimizeOptions o;
  o.profile = &seen;
  o.fuse = false;
  auto g = optimizeGraph(code->graph(), o);
  g->lint();
  EXPECT_EQ(countKind(*g->block(), "prim::Loop"), 0u);
  EXPECT_EQ(countKind(*g->block(), "aten::mul"), 3u);
  EXPECT_EQ(countKind(*g->block(), "aten::dropout"), 0u);
  EXPECT_EQ(countKind(*g->block(), "prim::TupleIndex"), 0u);
  EXPECT_EQ(countKind(*g->block(), "aten::size"), 1u);
  auto optimized = Code::compile(g);
  for (int64_t rows : {2, 5}) {
    Tensor x = testing::patternTensor({rows, 4});
    Tensor w = testing::patternTensor({3, 4}, DType::Float32, 0.5);
    std::vector<IValue> in = {IValue(x), IValue(w)};
    auto expected = code->run(in)[0].toTuple()->elements;
    auto actual = optimized->run(in)[0].toTuple()->elements;
    testing::expectSameValues(expected[0], actual[0], "x");
    EXPECT_EQ(actual[1].toInt(), rows);
  }
}

}  // namespace
}  // namespace wick::jit

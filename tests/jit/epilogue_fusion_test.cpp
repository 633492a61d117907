// The fuse_epilogues pass: each epilogue kind becomes one wick::conv_fused
// that matches the unfused chain in the interpreter; and the chains that
// must stay (aliases, mutation in between, other dtypes, broadcasting
// residuals, WICK_DONT_FUSE).
#include "jit/epilogue_fusion.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "fuser_test_util.h"
#include "ir/parser.h"
#include "kernels/cpu/convolution.h"
#include "wick/tensor.h"

namespace wick::jit {
namespace {

using testing::compareValues;
using testing::interpret;

Tensor rnd(std::vector<int64_t> sizes, uint64_t seed = 1, DType t = DType::Float32, bool contiguous = true) {
  return testing::randomTensor(t, sizes, contiguous, seed);
}

size_t countKind(const ir::Graph& g, const char* kind) {
  size_t n = 0;
  for (const ir::Node* node : g.block()->nodes())
    if (node->kind().qualString() == kind) ++n;
  return n;
}

// Fresh copies of the tensors (graphs with in-place ops write them).
std::vector<IValue> copies(const std::vector<IValue>& in) {
  std::vector<IValue> out;
  for (const IValue& v : in) out.push_back(v.isTensor() ? IValue(v.toTensor().clone()) : v);
  return out;
}

// Runs the pass on `text`, expects `fusedChains` conv_fused nodes, and the
// same results as the original graph on `inputs`.
std::shared_ptr<ir::Graph> check(const std::string& text, const std::vector<IValue>& inputs, size_t fusedChains,
                                 FuserOptions opts = {}) {
  auto ref = ir::parseGraph(text);
  std::vector<IValue> expected = interpret(*ref, copies(inputs));
  auto g = ir::parseGraph(text);
  EXPECT_EQ(fuseEpilogues(*g, opts), static_cast<int64_t>(fusedChains)) << g->str();
  g->lint();
  // Plain convolutions read only by fused ones become conv_fused too (for
  // the channels-last layout).
  if (fusedChains == 0) EXPECT_EQ(countKind(*g, "wick::conv_fused"), 0u) << g->str();
  else EXPECT_GE(countKind(*g, "wick::conv_fused"), fusedChains) << g->str();
  std::vector<IValue> got = interpret(*g, copies(inputs));
  EXPECT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size() && i < expected.size(); ++i) {
    if (expected[i].isInt()) {
      EXPECT_TRUE(got[i].isInt() && got[i].toInt() == expected[i].toInt()) << "output " << i;
      continue;
    }
    if (expected[i].isList()) {  // sizes
      EXPECT_TRUE(got[i].isList());
      if (!got[i].isList()) continue;
      const auto &e = expected[i].toList()->elements, &a = got[i].toList()->elements;
      EXPECT_EQ(e.size(), a.size());
      for (size_t j = 0; j < e.size() && j < a.size(); ++j) EXPECT_EQ(e[j].toInt(), a[j].toInt());
      continue;
    }
    EXPECT_EQ(compareValues(expected[i], got[i]), "") << "output " << i << "\n" << g->str();
  }
  return g;
}

// conv2d(x, w, b, stride 1, padding 1) then `tail` (which reads %c and %r
// and defines %y).
// The types are what a profile would have refined (x and r are the
// graph's inputs, c the convolution's result).
std::string convThen(const std::string& tail, const std::string& xType = "Tensor",
                     const std::string& rType = "Tensor", const std::string& cType = "Tensor") {
  return fmt::format(R"(graph(%x : {}, %w : Tensor, %b : Tensor, %r : {}):
  %s : int[] = prim::Constant[value=[1, 1]]()
  %one : int = prim::Constant[value=1]()
  %c : {} = aten::conv2d(%x, %w, %b, %s, %s, %s, %one)
{}
  return (%y))",
                     xType, rType, cType, tail);
}

std::vector<IValue> convInputs(int64_t c = 16, int64_t o = 16, bool contiguous = true, DType t = DType::Float32) {
  return {rnd({2, c, 9, 7}, 1, t, contiguous), rnd({o, c, 3, 3}, 2, t), rnd({o}, 3, t), rnd({2, o, 9, 7}, 4, t)};
}

TEST(EpilogueFusion, EachActivation) {
  const char* tails[] = {
      "  %y : Tensor = aten::relu(%c)",
      "  %y : Tensor = aten::relu_(%c)",
      "  %lo : float = prim::Constant[value=0.]()\n  %hi : float = prim::Constant[value=6.]()\n"
      "  %y : Tensor = aten::hardtanh(%c, %lo, %hi)",
      "  %lo : float = prim::Constant[value=0.]()\n  %hi : float = prim::Constant[value=6.]()\n"
      "  %y : Tensor = aten::hardtanh_(%c, %lo, %hi)",
      "  %y : Tensor = aten::relu6(%c)",
      "  %y : Tensor = aten::hardswish(%c)",
      "  %y : Tensor = aten::hardswish_(%c)",
      "  %y : Tensor = aten::hardsigmoid(%c)",
      "  %y : Tensor = aten::silu(%c)",
      "  %y : Tensor = aten::sigmoid(%c)",
      "  %a : str = prim::Constant[value=\"none\"]()\n  %y : Tensor = aten::gelu(%c, %a)",
      "  %a : str = prim::Constant[value=\"tanh\"]()\n  %y : Tensor = aten::gelu(%c, %a)",
  };
  for (const char* tail : tails) {
    SCOPED_TRACE(tail);
    check(convThen(tail), convInputs(), 1);
    check(convThen(tail), convInputs(3, 8, /*contiguous=*/false), 1);
  }
}

TEST(EpilogueFusion, ResidualAdd) {
  const char* tails[] = {
      "  %y : Tensor = aten::add(%c, %r, %one)",
      "  %y : Tensor = aten::add(%r, %c, %one)",
      "  %y : Tensor = aten::add_(%c, %r, %one)",
      "  %a : Tensor = aten::add_(%c, %r, %one)\n  %y : Tensor = aten::relu_(%a)",
      "  %a : Tensor = aten::add(%c, %r, %one)\n  %y : Tensor = aten::relu(%a)",
      "  %a : Tensor = aten::add(%c, %r, %one)\n  %y : Tensor = aten::hardswish(%a)",
  };
  for (const char* tail : tails) {
    SCOPED_TRACE(tail);
    check(convThen(tail), convInputs(), 1);
    check(convThen(tail), convInputs(16, 16, /*contiguous=*/false), 1);
    check(convThen(tail), convInputs(4, 3), 1);
  }
}

TEST(EpilogueFusion, KernelAppliesPostOps) {
  if (!kernels::convolutionUsesDnnl()) GTEST_SKIP() << "built without oneDNN";
  std::vector<IValue> in = convInputs();
  kernels::ConvParams p;
  p.padding = DimVector{1};
  kernels::Epilogue epi;
  epi.residual = in[3].toTensor();
  epi.activation = kernels::EpilogueActivation::Relu;
  bool applied = false;
  kernels::convolutionWithEpilogue("test", in[0].toTensor(), in[1].toTensor(), in[2].toTensor(), p, epi, &applied);
  EXPECT_TRUE(applied);
  // A residual that broadcasts is not the primitive's: the caller adds it.
  epi.residual = rnd({16, 1, 1});
  kernels::convolutionWithEpilogue("test", in[0].toTensor(), in[1].toTensor(), in[2].toTensor(), p, epi, &applied);
  EXPECT_FALSE(applied);
}

TEST(EpilogueFusion, OtherConvolutionForms) {
  // conv1d
  check(R"(graph(%x : Tensor, %w : Tensor, %b : Tensor):
  %s : int[] = prim::Constant[value=[1]]()
  %one : int = prim::Constant[value=1]()
  %c : Tensor = aten::conv1d(%x, %w, %b, %s, %s, %s, %one)
  %y : Tensor = aten::silu(%c)
  return (%y))",
        {rnd({2, 4, 11}), rnd({6, 4, 3}, 2), rnd({6}, 3)}, 1);
  // _convolution, grouped (depthwise), no bias, strided
  check(R"(graph(%x : Tensor, %w : Tensor):
  %n : NoneType = prim::Constant()
  %s : int[] = prim::Constant[value=[2, 2]]()
  %p : int[] = prim::Constant[value=[1, 1]]()
  %d : int[] = prim::Constant[value=[1, 1]]()
  %z : int[] = prim::Constant[value=[0, 0]]()
  %f : bool = prim::Constant[value=0]()
  %g : int = prim::Constant[value=16]()
  %c : Tensor = aten::_convolution(%x, %w, %n, %s, %p, %d, %f, %z, %g, %f, %f, %f, %f)
  %y : Tensor = aten::relu_(%c)
  return (%y))",
        {rnd({1, 16, 12, 12}), rnd({16, 1, 3, 3}, 2)}, 1);
  // Transposed: left alone.
  check(R"(graph(%x : Tensor, %w : Tensor):
  %n : NoneType = prim::Constant()
  %s : int[] = prim::Constant[value=[1, 1]]()
  %z : int[] = prim::Constant[value=[0, 0]]()
  %t : bool = prim::Constant[value=1]()
  %f : bool = prim::Constant[value=0]()
  %g : int = prim::Constant[value=1]()
  %c : Tensor = aten::_convolution(%x, %w, %n, %s, %z, %s, %t, %z, %g, %f, %f, %f, %f)
  %y : Tensor = aten::relu(%c)
  return (%y))",
        {rnd({1, 4, 5, 5}), rnd({4, 3, 3, 3}, 2)}, 0);
}

TEST(EpilogueFusion, NotOtherActivations) {
  check(convThen("  %lo : float = prim::Constant[value=-1.]()\n  %hi : float = prim::Constant[value=1.]()\n"
                 "  %y : Tensor = aten::hardtanh(%c, %lo, %hi)"),
        convInputs(), 0);
  check(convThen("  %y : Tensor = aten::tanh(%c)"), convInputs(), 0);
  // alpha 2 is not a plain residual add.
  check(convThen("  %two : int = prim::Constant[value=2]()\n  %y : Tensor = aten::add(%c, %r, %two)"),
        convInputs(), 0);
}

TEST(EpilogueFusion, OnlyFloat32) {
  // Profiled float64: left alone.
  check(convThen("  %y : Tensor = aten::relu(%c)", "Double(2, 16, 9, 7)", "Tensor", "Double(2, 16, 9, 7)"),
        convInputs(16, 16, true, DType::Float64), 0);
  // Unprofiled float64 fuses, and the fused op falls back to the same ops.
  check(convThen("  %a : Tensor = aten::add(%c, %r, %one)\n  %y : Tensor = aten::relu(%a)"),
        convInputs(16, 16, true, DType::Float64), 1);
}

TEST(EpilogueFusion, BroadcastingResidual) {
  std::vector<IValue> in = convInputs();
  in[3] = rnd({16, 1, 1}, 9);
  // Profiled sizes that differ: left alone.
  check(convThen("  %y : Tensor = aten::add(%c, %r, %one)", "Tensor", "Float(16, 1, 1)", "Float(2, 16, 9, 7)"), in,
        0);
  // Unprofiled: fused, and the op adds with broadcasting itself.
  check(convThen("  %a : Tensor = aten::add(%c, %r, %one)\n  %y : Tensor = aten::relu(%a)"), in, 1);
}

TEST(EpilogueFusion, AliasesAndMutationStay) {
  // The conv result is read elsewhere: relu_ would write what it sees.
  check(R"(graph(%x : Tensor, %w : Tensor, %b : Tensor):
  %s : int[] = prim::Constant[value=[1, 1]]()
  %one : int = prim::Constant[value=1]()
  %c : Tensor = aten::conv2d(%x, %w, %b, %s, %s, %s, %one)
  %y : Tensor = aten::relu_(%c)
  %z : Tensor = aten::mul(%c, %c)
  return (%y, %z))",
        {rnd({1, 4, 6, 6}), rnd({4, 4, 3, 3}, 2), rnd({4}, 3)}, 0);
  // The add writes the residual (r.add_(c)), not the conv result.
  check(convThen("  %y : Tensor = aten::add_(%r, %c, %one)"), convInputs(), 0);
  // The add's result is read twice: only conv + add would fuse, but the
  // activation stays outside.
  auto g = check(convThen("  %a : Tensor = aten::add(%c, %r, %one)\n  %t : Tensor = aten::relu(%a)\n"
                          "  %y : Tensor = aten::mul(%t, %a)"),
                 convInputs(), 1);
  EXPECT_EQ(countKind(*g, "aten::relu"), 1u);
  // The input is written between the conv and its activation.
  check(convThen("  %two : int = prim::Constant[value=2]()\n  %m : Tensor = aten::mul_(%x, %two)\n"
                 "  %y : Tensor = aten::relu(%c)"),
        convInputs(), 0);
}

TEST(EpilogueFusion, ResidualDefinedAfterConvAndShapeQueries) {
  // ResNet's downsample block: the residual is computed after the conv.
  auto g = check(R"(graph(%x : Tensor, %w : Tensor, %b : Tensor, %wd : Tensor):
  %s : int[] = prim::Constant[value=[1, 1]]()
  %z : int[] = prim::Constant[value=[0, 0]]()
  %one : int = prim::Constant[value=1]()
  %c : Tensor = aten::conv2d(%x, %w, %b, %s, %s, %s, %one)
  %n : NoneType = prim::Constant()
  %r : Tensor = aten::conv2d(%x, %wd, %n, %s, %z, %s, %one)
  %d : int = aten::dim(%c)
  %a : Tensor = aten::add_(%c, %r, %one)
  %y : Tensor = aten::relu_(%a)
  %k : int = aten::dim(%a)
  return (%y, %d, %k))",
                 {rnd({1, 8, 7, 7}), rnd({16, 8, 3, 3}, 2), rnd({16}, 3), rnd({16, 8, 1, 1}, 4)}, 1);
  // aten::dim of the conv result before the residual exists: the input's
  // dim answers it.
  const char* dimFirst = R"(graph(%x : Tensor, %w : Tensor, %b : Tensor, %wd : Tensor):
  %s : int[] = prim::Constant[value=[1, 1]]()
  %z : int[] = prim::Constant[value=[0, 0]]()
  %one : int = prim::Constant[value=1]()
  %c : Tensor = aten::conv2d(%x, %w, %b, %s, %s, %s, %one)
  %d : int = aten::{}(%c)
  %n : NoneType = prim::Constant()
  %r : Tensor = aten::conv2d(%x, %wd, %n, %s, %z, %s, %one)
  %a : Tensor = aten::add_(%c, %r, %one)
  return (%a, %d))";
  std::vector<IValue> in{rnd({1, 8, 7, 7}), rnd({16, 8, 3, 3}, 2), rnd({16}, 3), rnd({16, 8, 1, 1}, 4)};
  check(fmt::format(fmt::runtime(dimFirst), "dim"), in, 1);
  // Unbatched: still the input's dim.
  in[0] = rnd({8, 7, 7});
  check(fmt::format(fmt::runtime(dimFirst), "dim"), in, 1);
  // Its sizes are not the input's: left alone.
  check(R"(graph(%x : Tensor, %w : Tensor, %b : Tensor, %wd : Tensor):
  %s : int[] = prim::Constant[value=[1, 1]]()
  %z : int[] = prim::Constant[value=[0, 0]]()
  %one : int = prim::Constant[value=1]()
  %c : Tensor = aten::conv2d(%x, %w, %b, %s, %s, %s, %one)
  %d : int[] = aten::size(%c)
  %n : NoneType = prim::Constant()
  %r : Tensor = aten::conv2d(%x, %wd, %n, %s, %z, %s, %one)
  %a : Tensor = aten::add_(%c, %r, %one)
  return (%a, %d))",
        {rnd({1, 8, 7, 7}), rnd({16, 8, 3, 3}, 2), rnd({16}, 3), rnd({16, 8, 1, 1}, 4)}, 0);
}

TEST(EpilogueFusion, ChannelsLastBetweenConvs) {
  // conv -> relu -> conv -> add(residual: a third conv) -> relu: the
  // results only convolutions read are channels-last, the last one not.
  const char* text = R"(graph(%x : Tensor, %w1 : Tensor, %w2 : Tensor, %wd : Tensor, %b : Tensor):
  %s : int[] = prim::Constant[value=[1, 1]]()
  %z : int[] = prim::Constant[value=[0, 0]]()
  %one : int = prim::Constant[value=1]()
  %n : NoneType = prim::Constant()
  %c1 : Tensor = aten::conv2d(%x, %w1, %b, %s, %s, %s, %one)
  %r1 : Tensor = aten::relu_(%c1)
  %c2 : Tensor = aten::conv2d(%r1, %w2, %b, %s, %s, %s, %one)
  %d : Tensor = aten::conv2d(%x, %wd, %n, %s, %z, %s, %one)
  %a : Tensor = aten::add_(%c2, %d, %one)
  %y : Tensor = aten::relu_(%a)
  return (%y))";
  auto g = check(text, {rnd({1, 16, 10, 10}), rnd({32, 16, 3, 3}, 2), rnd({32, 32, 3, 3}, 3),
                        rnd({32, 16, 1, 1}, 4), rnd({32}, 5)},
                 2);
  EXPECT_EQ(countKind(*g, "wick::conv_fused"), 3u) << g->str();
  size_t channelsLast = 0;
  for (const ir::Node* n : g->block()->nodes()) {
    if (n->kind().qualString() != "wick::conv_fused") continue;
    const ir::Node* flag = n->input(10)->node();
    if (flag->ival("value").toBool()) ++channelsLast;
  }
  EXPECT_EQ(channelsLast, 2u) << g->str();
  // Batch 2 and strided inputs, through the same graph.
  check(text, {rnd({2, 16, 9, 7}, 1, DType::Float32, false), rnd({32, 16, 3, 3}, 2), rnd({32, 32, 3, 3}, 3),
               rnd({32, 16, 1, 1}, 4), rnd({32}, 5)},
        2);
}

TEST(EpilogueFusion, ChannelsLastIntoDownsampleBranch) {
  // A stage's output read by the next block's conv and by its downsample
  // conv (plain until the sweep turns it into conv_fused).
  const char* text = R"(graph(%x : Tensor, %w0 : Tensor, %w1 : Tensor, %w2 : Tensor, %wd : Tensor, %b : Tensor):
  %s : int[] = prim::Constant[value=[1, 1]]()
  %z : int[] = prim::Constant[value=[0, 0]]()
  %one : int = prim::Constant[value=1]()
  %n : NoneType = prim::Constant()
  %c0 : Tensor = aten::conv2d(%x, %w0, %b, %s, %s, %s, %one)
  %st : Tensor = aten::relu_(%c0)
  %c1 : Tensor = aten::conv2d(%st, %w1, %b, %s, %s, %s, %one)
  %r1 : Tensor = aten::relu_(%c1)
  %c2 : Tensor = aten::conv2d(%r1, %w2, %b, %s, %s, %s, %one)
  %d : Tensor = aten::conv2d(%st, %wd, %n, %s, %z, %s, %one)
  %a : Tensor = aten::add_(%c2, %d, %one)
  %y : Tensor = aten::relu_(%a)
  return (%y))";
  auto g = check(text, {rnd({1, 16, 10, 10}), rnd({16, 16, 3, 3}, 2), rnd({16, 16, 3, 3}, 3), rnd({16, 16, 3, 3}, 4),
                        rnd({16, 16, 1, 1}, 5), rnd({16}, 6)},
                 3);
  size_t channelsLast = 0;
  for (const ir::Node* n : g->block()->nodes())
    if (n->kind().qualString() == "wick::conv_fused" && n->input(10)->node()->ival("value").toBool()) ++channelsLast;
  EXPECT_EQ(channelsLast, 3u) << g->str();
}

TEST(EpilogueFusion, ChannelsLastThroughMaxPool) {
  // ResNet's stem: conv -> relu -> max_pool2d -> conv and residual. The pool
  // keeps a channels-last input's layout, so the stem conv stays
  // channels-last when only convolutions read the pool; not when anything
  // else reads it (here an extra output).
  const char* stem = R"(graph(%x : Tensor, %w0 : Tensor, %w1 : Tensor, %b : Tensor):
  %s : int[] = prim::Constant[value=[1, 1]]()
  %two : int[] = prim::Constant[value=[2, 2]]()
  %k : int[] = prim::Constant[value=[3, 3]]()
  %one : int = prim::Constant[value=1]()
  %f : bool = prim::Constant[value=0]()
  %c0 : Tensor = aten::conv2d(%x, %w0, %b, %two, %s, %s, %one)
  %st : Tensor = aten::relu_(%c0)
  %p : Tensor = aten::max_pool2d(%st, %k, %two, %s, %s, %f)
  %c1 : Tensor = aten::conv2d(%p, %w1, %b, %s, %s, %s, %one)
  %a : Tensor = aten::add_(%c1, %p, %one)
  %y : Tensor = aten::relu_(%a)
  return (%y{}))";
  std::vector<IValue> in = {rnd({1, 8, 20, 20}), rnd({16, 8, 3, 3}, 2), rnd({16, 16, 3, 3}, 3), rnd({16}, 4)};
  auto stemFlag = [](const ir::Graph& g) {
    for (const ir::Node* n : g.block()->nodes())
      if (n->kind().qualString() == "wick::conv_fused") return n->input(10)->node()->ival("value").toBool();
    return false;
  };
  auto g = check(fmt::format(fmt::runtime(stem), ""), in, 2);
  EXPECT_TRUE(stemFlag(*g)) << g->str();
  auto g2 = check(fmt::format(fmt::runtime(stem), ", %p"), in, 2);
  EXPECT_FALSE(stemFlag(*g2)) << g2->str();
}

TEST(EpilogueFusion, DontFuse) {
  FuserOptions opts;
  opts.dontFuse = {"relu"};
  check(convThen("  %y : Tensor = aten::relu(%c)"), convInputs(), 0, opts);
  opts.dontFuse = {"aten::conv2d"};
  check(convThen("  %y : Tensor = aten::relu(%c)"), convInputs(), 0, opts);
  opts.dontFuse = {"conv_fused"};
  check(convThen("  %y : Tensor = aten::relu(%c)"), convInputs(), 0, opts);
  // The add stays out, the relu then no longer follows the conv.
  opts.dontFuse = {"add"};
  check(convThen("  %a : Tensor = aten::add(%c, %r, %one)\n  %y : Tensor = aten::relu(%a)"), convInputs(), 0, opts);
}

// linear(x, w, b) then `tail` (reads %c and %r, defines %y). checkLinear
// makes %w a constant, as freezing does.
std::string linearThen(const std::string& tail, const std::string& xType = "Float(2, 5, 24)",
                       const std::string& producer = "aten::linear(%x, %w, %b)") {
  return fmt::format(R"(graph(%x : {}, %w : Tensor, %b : Tensor, %r : Tensor):
  %one : int = prim::Constant[value=1]()
  %gelu : str = prim::Constant[value="none"]()
  %c : Tensor = {}
{}
  return (%y))",
                     xType, producer, tail);
}

// The graph's input 1 (%w) becomes a constant holding `w`.
void freezeWeight(ir::Graph& g, const Tensor& w) {
  g.setInsertPoint(g.block()->nodes().front());
  ir::Value* c = g.insertConstant(IValue(w));
  g.inputs()[1]->replaceAllUsesWith(c);
  g.block()->eraseInput(1);
  g.setInsertPoint(g.block());
}

// The pass gives `fusedChains` chains and `linearFused` wick::linear_fused
// nodes (a constant weight's linear becomes one even without epilogue), and
// the fused graph matches the original on three calls (the weight's first
// call runs on sgemm with the epilogue as separate ops, later ones on
// oneDNN's matmul with the packed weight and post-ops). inputs[1] is the
// weight.
void checkLinear(const std::string& text, const std::vector<IValue>& inputs, size_t fusedChains,
                 size_t linearFused, FuserOptions opts = {}) {
  std::vector<IValue> rest = inputs;
  rest.erase(rest.begin() + 1);
  auto ref = ir::parseGraph(text);
  freezeWeight(*ref, inputs[1].toTensor());
  std::vector<IValue> expected = interpret(*ref, copies(rest));
  auto g = ir::parseGraph(text);
  freezeWeight(*g, inputs[1].toTensor());
  EXPECT_EQ(fuseEpilogues(*g, opts), static_cast<int64_t>(fusedChains)) << g->str();
  g->lint();
  EXPECT_EQ(countKind(*g, "wick::linear_fused"), linearFused) << g->str();
  for (int call = 0; call < 3; ++call) {
    std::vector<IValue> got = interpret(*g, copies(rest));
    ASSERT_EQ(got.size(), expected.size());
    for (size_t i = 0; i < got.size(); ++i)
      EXPECT_EQ(compareValues(expected[i], got[i]), "") << "call " << call << " output " << i << "\n" << g->str();
  }
}

std::vector<IValue> linearInputs(std::vector<int64_t> x = {2, 5, 24}, int64_t n = 40, std::vector<int64_t> r = {}) {
  if (r.empty()) {
    r = x;
    r.back() = n;
  }
  return {rnd(x, 11), rnd({n, x.back()}, 12), rnd({n}, 13), rnd(r, 14)};
}

TEST(EpilogueFusion, LinearChains) {
  const char* tails[] = {
      "  %y : Tensor = aten::relu(%c)",
      "  %y : Tensor = aten::relu_(%c)",
      "  %y : Tensor = aten::gelu(%c, %gelu)",
      "  %y : Tensor = aten::silu(%c)",
      "  %y : Tensor = aten::add(%r, %c, %one)",
      "  %a : Tensor = aten::add(%c, %r, %one)\n  %y : Tensor = aten::relu(%a)",
      "  %a : Tensor = aten::add_(%c, %r, %one)\n  %y : Tensor = aten::gelu(%a, %gelu)",
  };
  for (const char* tail : tails) {
    SCOPED_TRACE(tail);
    checkLinear(linearThen(tail), linearInputs(), 1, 1);
    checkLinear(linearThen(tail, "Float(7, 16)"), linearInputs({7, 16}, 3), 1, 1);
  }
  // No epilogue: still linear_fused, for the packed weight.
  checkLinear(linearThen("  %y : Tensor = aten::neg(%c)"), linearInputs(), 0, 1);
  // A residual that broadcasts (sizes unknown to the pass): fused, and the
  // op falls back to the separate ops.
  checkLinear(linearThen("  %y : Tensor = aten::add(%c, %r, %one)"), linearInputs({2, 5, 24}, 40, {40}), 1, 1);
  // float64: fused, computed by the GEMM path and the separate ops.
  std::vector<IValue> f64;
  for (const IValue& v : linearInputs()) f64.push_back(IValue(v.toTensor().to(DType::Float64)));
  checkLinear(linearThen("  %y : Tensor = aten::relu(%c)", "Tensor"), f64, 0, 0);
}

// x @ C and mm(x, C) with a constant C: linear(x, C.T), so the packed
// weight and the epilogue apply.
TEST(EpilogueFusion, ProductsWithConstantWeights) {
  std::vector<IValue> in = linearInputs();
  in[1] = IValue(rnd({24, 40}, 12));  // C: [k, n]
  checkLinear(linearThen("  %y : Tensor = aten::relu(%c)", "Float(2, 5, 24)", "aten::matmul(%x, %w)"), in, 1, 1);
  checkLinear(linearThen("  %y : Tensor = aten::add(%c, %r, %one)", "Float(2, 5, 24)", "aten::matmul(%x, %w)"), in,
              1, 1);
  // mm: only for a 2-D x (the profile says so).
  std::vector<IValue> in2 = linearInputs({7, 24});
  in2[1] = IValue(rnd({24, 40}, 12));
  std::string mm2 = linearThen("  %y : Tensor = aten::relu(%c)", "Float(7, 24)", "aten::mm(%x, %w)");
  checkLinear(mm2, in2, 1, 1);
  // A transposed constant (W.t() after constant propagation).
  in2[1] = IValue(rnd({40, 24}, 12).asStrided({24, 40}, {1, 24}, 0));
  checkLinear(mm2, in2, 1, 1);
  // C = W.t() left in the graph: linear_fused takes W itself.
  std::string mmT = R"(graph(%x : Tensor, %w : Tensor, %b : Tensor, %r : Tensor):
  %wt : Tensor = aten::t(%w)
  %c : Tensor = aten::mm(%x, %wt)
  %y : Tensor = aten::relu(%c)
  return (%y))";
  in2[1] = IValue(rnd({40, 24}, 12));
  checkLinear(mmT, in2, 1, 1);
  // x of unknown rank is fine: an x mm rejects gets mm's own error.
  std::vector<IValue> in3 = in2;
  in3[1] = IValue(rnd({24, 40}, 12));
  checkLinear(linearThen("  %y : Tensor = aten::relu(%c)", "Tensor", "aten::mm(%x, %w)"), in3, 1, 1);
  auto g = ir::parseGraph(mmT);
  freezeWeight(*g, in2[1].toTensor());
  EXPECT_EQ(fuseEpilogues(*g, {}), 1);
  try {
    interpret(*g, {IValue(rnd({2, 7, 24}, 1)), in2[2], in2[3]});
    ADD_FAILURE() << "mm of a 3-D tensor should fail";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("aten::mm"), std::string::npos) << e.what();
  }
}

TEST(EpilogueFusion, LinearChainsThatStay) {
  // The linear's result is also returned: not fused, but packed.
  checkLinear(R"(graph(%x : Tensor, %w : Tensor, %b : Tensor, %r : Tensor):
  %c : Tensor = aten::linear(%x, %w, %b)
  %y : Tensor = aten::relu(%c)
  return (%y, %c))",
              linearInputs(), 0, 1);
  // A weight that is not a constant (an attribute that is written, a
  // computed tensor) is never packed: its packed copy would go stale.
  auto g = ir::parseGraph(linearThen("  %y : Tensor = aten::relu(%c)"));
  EXPECT_EQ(fuseEpilogues(*g, {}), 0);
  EXPECT_EQ(countKind(*g, "wick::linear_fused"), 0u);
  // WICK_DONT_FUSE=wick::linear_fused, or aten::linear.
  for (const char* name : {"wick::linear_fused", "aten::linear"}) {
    FuserOptions opts;
    opts.dontFuse = {name};
    checkLinear(linearThen("  %y : Tensor = aten::relu(%c)"), linearInputs(), 0, 0, opts);
  }
}

}  // namespace
}  // namespace wick::jit

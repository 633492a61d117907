#include "passes/peephole.h"

#include <gtest/gtest.h>

#include "ir/parser.h"
#include "passes/constant_propagation.h"
#include "passes/dead_code_elimination.h"
#include "tests/passes/pass_test_util.h"
#include "wick/tensor.h"

namespace wick::passes {
namespace {

using testing::countKind;
using testing::expectSameResults;
using testing::runGraph;

Tensor tensor23(DType dtype = DType::Float32) {
  Tensor t = Tensor::fromVector<float>({1.5f, -2.f, 0.f, 3.25f, -0.5f, 4.f}, {2, 3});
  return dtype == DType::Float32 ? t : t.to(dtype);
}

// Runs the graph, applies the peephole (and DCE), runs it again: the same
// results. Returns the stats.
PeepholeStats peepholeKeepsResults(ir::Graph& g, const std::vector<IValue>& inputs, PeepholeOptions opts = {}) {
  std::vector<IValue> before = runGraph(g, inputs);
  PeepholeStats s = peephole(g, opts);
  eliminateDeadCode(g);
  g.lint();
  expectSameResults(before, runGraph(g, inputs));
  return s;
}

TEST(Peephole, EvalDropoutAndNoneChecksOnNonOptionalValues) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %bias : NoneType, %maybe : Tensor?):
  %none : NoneType = prim::Constant()
  %p : float = prim::Constant[value=0.5]()
  %false : bool = prim::Constant[value=0]()
  %d : Tensor = aten::dropout(%x, %p, %false)
  %has_bias : bool = aten::__isnot__(%bias, %none)
  %x_none : bool = aten::__is__(%x, %none)
  %maybe_none : bool = aten::__is__(%maybe, %none)
  %out : (Tensor, bool, bool, bool) = prim::TupleConstruct(%d, %has_bias, %x_none, %maybe_none)
  return (%out))");
  PeepholeStats s = peepholeKeepsResults(*g, {IValue(tensor23()), IValue(), IValue()});
  EXPECT_EQ(s.rewrites["dropout_eval"], 1u);
  EXPECT_EQ(s.rewrites["is_none"], 2u);  // the Optional is left
  EXPECT_EQ(countKind(*g->block(), "aten::dropout"), 0u);
  EXPECT_EQ(countKind(*g->block(), "aten::__is__"), 1u);
  EXPECT_EQ(countKind(*g->block(), "aten::__isnot__"), 0u);
}

TEST(Peephole, LeavesTrainingDropoutAndInvalidProbabilities) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %train : bool):
  %p : float = prim::Constant[value=1.5]()
  %q : float = prim::Constant[value=0.5]()
  %false : bool = prim::Constant[value=0]()
  %a : Tensor = aten::dropout(%x, %p, %false)
  %b : Tensor = aten::dropout(%x, %q, %train)
  %out : (Tensor, Tensor) = prim::TupleConstruct(%a, %b)
  return (%out))");
  EXPECT_EQ(peephole(*g).total(), 0u);
}

TEST(Peephole, TupleAndListConstructThenIndex) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %y : Tensor):
  %one : int = prim::Constant[value=1]()
  %minus1 : int = prim::Constant[value=-1]()
  %t : (Tensor, Tensor) = prim::TupleConstruct(%x, %y)
  %t1 : Tensor = prim::TupleIndex(%t, %one)
  %a : Tensor, %b : Tensor = prim::TupleUnpack(%t)
  %l : Tensor[] = prim::ListConstruct(%x, %y)
  %n : int = aten::len(%l)
  %last : Tensor = aten::__getitem__(%l, %minus1)
  %c : Tensor = aten::cat(%l, %one)
  %out : (Tensor, Tensor, Tensor, int, Tensor, Tensor) = prim::TupleConstruct(%t1, %a, %b, %n, %last, %c)
  return (%out))");
  Tensor y = Tensor::fromVector<float>({9.f, 8.f, 7.f, 6.f, 5.f, 4.f}, {2, 3});
  PeepholeStats s = peepholeKeepsResults(*g, {IValue(tensor23()), IValue(y)});
  EXPECT_EQ(s.rewrites["tuple_index"], 2u);
  EXPECT_EQ(s.rewrites["list_index"], 2u);
  EXPECT_EQ(countKind(*g->block(), "prim::TupleIndex"), 0u);
  EXPECT_EQ(countKind(*g->block(), "aten::__getitem__"), 0u);
  EXPECT_EQ(countKind(*g->block(), "prim::ListConstruct"), 1u);  // cat still reads it
}

TEST(Peephole, NeverWidensTheTypeUsersSee) {
  // Users resolve their overloads by static types: an int user must not get
  // an Any (or an Optional) in its place.
  auto g = ir::parseGraph(R"(
graph(%a : Any, %o : int?):
  %zero : int = prim::Constant[value=0]()
  %t : (Any) = prim::TupleConstruct(%a)
  %i : int = prim::TupleIndex(%t, %zero)
  %l : int?[] = prim::ListConstruct(%o)
  %j : int = aten::__getitem__(%l, %zero)
  %s : int = aten::add(%i, %j)
  return (%s))");
  EXPECT_EQ(peephole(*g).total(), 0u);
}

TEST(Peephole, ASecondRunFindsNothingNew) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %y : Tensor):
  %t : (Tensor, Tensor) = prim::TupleConstruct(%x, %y)
  %a : Tensor, %b : Tensor = prim::TupleUnpack(%t)
  %c : Tensor = aten::mul(%a, %b)
  return (%c))");
  EXPECT_EQ(peephole(*g).total(), 1u);
  EXPECT_EQ(peephole(*g).total(), 0u);  // the dead unpack is DCE's
}

TEST(Peephole, LeavesListsThatMayBeMutated) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %y : Tensor):
  %l : Tensor[] = prim::ListConstruct(%x)
  %l2 : Tensor[] = aten::append(%l, %y)
  %n : int = aten::len(%l)
  return (%n))");
  EXPECT_EQ(peepholeKeepsResults(*g, {IValue(tensor23()), IValue(tensor23())}).total(), 0u);
  auto kept = ir::parseGraph(R"(
graph(%x : Tensor):
  %l : Tensor[] = prim::ListConstruct(%x)
  %n : int = aten::len(%l)
  %out : (Tensor[], int) = prim::TupleConstruct(%l, %n)
  return (%out))");
  EXPECT_EQ(peephole(*kept).total(), 0u);  // the list escapes in a tuple
}

TEST(Peephole, IfWithTheSameOutputsAndDoubleNegation) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %c : bool, %i : int, %b : bool):
  %r : Tensor, %s : int = prim::If(%c)
    block0():
      %u : int = aten::neg(%i)
      -> (%x, %u)
    block1():
      -> (%x, %i)
  %e : Tensor = prim::If(%c)
    block0():
      -> (%x)
    block1():
      -> (%x)
  %nn : int = aten::neg(%i)
  %nnn : int = aten::neg(%nn)
  %nb : bool = aten::__not__(%b)
  %nnb : bool = aten::__not__(%nb)
  %out : (Tensor, int, Tensor, int, bool) = prim::TupleConstruct(%r, %s, %e, %nnn, %nnb)
  return (%out))");
  PeepholeStats s = peepholeKeepsResults(*g, {IValue(tensor23()), IValue(true), IValue(int64_t{7}), IValue(false)});
  EXPECT_EQ(s.rewrites["if_same_outputs"], 2u);
  EXPECT_EQ(s.rewrites["double_negation"], 2u);
  EXPECT_EQ(countKind(*g->block(), "prim::If"), 1u);  // the first keeps %s
  EXPECT_EQ(countKind(*g->block(), "aten::__not__"), 0u);
}

TEST(Peephole, UncheckedCastOfAValueAlreadyOfTheType) {
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %o : Tensor?):
  %a : Tensor = prim::unchecked_cast(%x)
  %b : Tensor = prim::unchecked_cast(%o)
  %out : (Tensor, Tensor) = prim::TupleConstruct(%a, %b)
  return (%out))");
  PeepholeStats s = peepholeKeepsResults(*g, {IValue(tensor23()), IValue(tensor23())});
  EXPECT_EQ(s.rewrites["unchecked_cast"], 1u);
  EXPECT_EQ(countKind(*g->block(), "prim::unchecked_cast"), 1u);
}

// Shapes, dtypes and identities need facts that hold on every run: tensor
// constants, or Tensor types when the caller trusts them.
const char* const kShapeGraph = R"(
graph(%x : Float(2, 3, strides=[3, 1], device=cpu)):
  %one : int = prim::Constant[value=1]()
  %s : int = aten::size(%x, %one)
  %d : int = aten::dim(%x)
  %out : (int, int) = prim::TupleConstruct(%s, %d)
  return (%out))";

TEST(Peephole, TensorShapeOnlyFromTrustedFacts) {
  auto untrusted = ir::parseGraph(kShapeGraph);
  EXPECT_EQ(peephole(*untrusted).total(), 0u);  // profiled facts are not proofs
  auto g = ir::parseGraph(kShapeGraph);
  PeepholeStats s = peepholeKeepsResults(*g, {IValue(tensor23())}, {.trustTensorInfo = true});
  EXPECT_EQ(s.rewrites["tensor_shape"], 2u);
  EXPECT_EQ(countKind(*g->block(), "aten::size"), 0u);
}

TEST(Peephole, TensorShapeOfAConstant) {
  auto g = ir::parseGraph(R"(
graph(%w : Tensor):
  %zero : int = prim::Constant[value=0]()
  %s : int = aten::size(%w, %zero)
  return (%s))");
  testing::inputToConstant(*g, "w", IValue(tensor23()));
  PeepholeStats s = peepholeKeepsResults(*g, {});
  EXPECT_EQ(s.rewrites["tensor_shape"], 1u);
}

TEST(Peephole, ArithmeticIdentitiesKeepDtypeAndSignedZeros) {
  auto g = ir::parseGraph(R"(
graph(%x : Float(2, 3, strides=[3, 1], device=cpu),
      %l : Long(2, 3, strides=[3, 1], device=cpu),
      %b : Bool(2, 3, strides=[3, 1], device=cpu)):
  %zero : int = prim::Constant[value=0]()
  %one : int = prim::Constant[value=1]()
  %onef : float = prim::Constant[value=1.]()
  %x0 : Tensor = aten::add(%x, %zero, %one)
  %x1 : Tensor = aten::mul(%x, %onef)
  %x2 : Tensor = aten::sub(%x, %zero, %one)
  %x3 : Tensor = aten::div(%x, %one)
  %l0 : Tensor = aten::add(%l, %zero, %one)
  %l1 : Tensor = aten::mul(%l, %onef)
  %l2 : Tensor = aten::div(%l, %one)
  %b1 : Tensor = aten::mul(%b, %one)
  %r0 : Tensor = aten::add(%x0, %x1, %one)
  %r1 : Tensor = aten::add(%x2, %x3, %one)
  %r2 : Tensor = aten::add(%l0, %l1, %one)
  %r3 : Tensor = aten::add(%l2, %b1, %one)
  %out : (Tensor, Tensor, Tensor, Tensor) = prim::TupleConstruct(%r0, %r1, %r2, %r3)
  return (%out))");
  Tensor x = tensor23();
  PeepholeStats s = peepholeKeepsResults(
      *g, {IValue(x), IValue(x.to(DType::Int64)), IValue(x.to(DType::Bool))}, {.trustTensorInfo = true});
  // x * 1.0, x - 0, x / 1 and l + 0; not x + 0 (-0.0), l * 1.0 and l / 1
  // (float results) or b * 1 (int64).
  EXPECT_EQ(s.rewrites["arith_identity"], 4u);
  EXPECT_EQ(countKind(*g->block(), "aten::mul"), 2u);
  EXPECT_EQ(countKind(*g->block(), "aten::div"), 1u);
}

TEST(Peephole, NoopConversions) {
  auto g = ir::parseGraph(R"(
graph(%x : Float(2, 3, strides=[3, 1], device=cpu), %t : Float(3, 2, strides=[1, 3], device=cpu)):
  %none : NoneType = prim::Constant()
  %false : bool = prim::Constant[value=0]()
  %true : bool = prim::Constant[value=1]()
  %float : ScalarType = prim::Constant[value=6]()
  %double : ScalarType = prim::Constant[value=7]()
  %format : MemoryFormat = prim::Constant[value=0]()
  %a : Tensor = aten::contiguous(%x, %format)
  %b : Tensor = aten::contiguous(%t, %format)
  %c : Tensor = aten::to(%x, %float, %false, %false, %none)
  %d : Tensor = aten::to(%x, %double, %false, %false, %none)
  %e : Tensor = aten::to(%x, %float, %false, %true, %none)
  %f : Tensor = aten::type_as(%x, %t)
  %out : (Tensor, Tensor, Tensor, Tensor, Tensor, Tensor) = prim::TupleConstruct(%a, %b, %c, %d, %e, %f)
  return (%out))");
  Tensor x = tensor23();
  Tensor t = x.asStrided({3, 2}, {1, 3}, 0);
  PeepholeStats s = peepholeKeepsResults(*g, {IValue(x), IValue(t)}, {.trustTensorInfo = true});
  EXPECT_EQ(s.rewrites["noop_conversion"], 3u);  // a, c, f
  EXPECT_EQ(countKind(*g->block(), "aten::contiguous"), 1u);
  EXPECT_EQ(countKind(*g->block(), "aten::to"), 2u);
}

TEST(Peephole, NoneCheckFeedsConstantPropagation) {
  // What scripted modules do with `if self.bias is not None:` when the
  // attribute is None: the If disappears.
  auto g = ir::parseGraph(R"(
graph(%x : Tensor, %bias : NoneType):
  %none : NoneType = prim::Constant()
  %c : bool = aten::__isnot__(%bias, %none)
  %r : Tensor = prim::If(%c)
    block0():
      %y : Tensor = aten::neg(%x)
      -> (%y)
    block1():
      -> (%x)
  return (%r))");
  std::vector<IValue> before = runGraph(*g, {IValue(tensor23()), IValue()});
  peephole(*g);
  propagateConstants(*g);
  eliminateDeadCode(*g);
  g->lint();
  EXPECT_EQ(testing::countNodes(*g->block()), 0u);
  expectSameResults(before, runGraph(*g, {IValue(tensor23()), IValue()}));
}

}  // namespace
}  // namespace wick::passes

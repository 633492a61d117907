// The interpreter on graphs PyTorch 1.13 printed for scripted functions
// (tests/data/runtime/*.graph); expected values are what PyTorch returned
// for the same calls (tests/data/runtime/gen_interpreter_cases.py).
#include <gtest/gtest.h>

#include "tests/runtime/runtime_test_util.h"

namespace wick {
namespace {

using testing::compileFixture;
using testing::compileText;
using testing::errorOf;
using testing::intList;
using testing::strList;

IValue run1(const Code& code, std::vector<IValue> in) {
  std::vector<IValue> out = code.run(std::move(in));
  EXPECT_EQ(out.size(), 1u);
  return out.at(0);
}

TEST(Interpreter, ScalarLoopWithBranch) {
  auto code = compileFixture("loop_a");
  EXPECT_EQ(run1(*code, {IValue(int64_t(1000))}).toDouble(), 87055753.25);     // PyTorch
  EXPECT_EQ(run1(*code, {IValue(int64_t(100000))}).toDouble(), 8349364953.25);  // PyTorch
  EXPECT_EQ(run1(*code, {IValue(int64_t(0))}).toDouble(), 0.0);  // zero trips: the initial value
  EXPECT_EQ(run1(*code, {IValue(int64_t(-5))}).toDouble(), 0.0);
}

TEST(Interpreter, WhileLoopWithBreakAndContinue) {
  // PyTorch lowers break/continue to If nodes producing the loop condition.
  auto code = compileFixture("break_continue");
  EXPECT_EQ(run1(*code, {IValue(int64_t(100))}).toInt(), 64);  // PyTorch
  EXPECT_EQ(run1(*code, {IValue(int64_t(5))}).toInt(), 9);     // PyTorch
  EXPECT_EQ(run1(*code, {IValue(int64_t(0))}).toInt(), 0);     // the condition is false at entry
}

TEST(Interpreter, NestedLoops) {
  auto code = compileFixture("nested");
  EXPECT_EQ(run1(*code, {IValue(int64_t(7)), IValue(int64_t(5))}).toInt(), 91);  // PyTorch
  EXPECT_EQ(run1(*code, {IValue(int64_t(7)), IValue(int64_t(0))}).toInt(), 0);
}

TEST(Interpreter, LoopCarriedTuple) {
  auto code = compileFixture("carried_tuple");
  IValue t = run1(*code, {IValue(int64_t(5))});  // PyTorch: (10, 32.0)
  ASSERT_TRUE(t.isTuple());
  EXPECT_EQ(t.tupleRef().elements[0].toInt(), 10);
  EXPECT_EQ(t.tupleRef().elements[1].toDouble(), 32.0);
  // The constant initial tuple is not consumed by a run.
  IValue again = run1(*code, {IValue(int64_t(0))});
  EXPECT_EQ(again.tupleRef().elements[0].toInt(), 0);
  EXPECT_EQ(again.tupleRef().elements[1].toDouble(), 1.0);
}

TEST(Interpreter, LoopCarriedSwapNeedsParallelMoves) {
  // a, b = b, a + b: the body returns a parameter in another position.
  auto code = compileFixture("swap");
  IValue t = run1(*code, {IValue(int64_t(10))});  // PyTorch: (144, 233)
  EXPECT_EQ(t.tupleRef().elements[0].toInt(), 144);
  EXPECT_EQ(t.tupleRef().elements[1].toInt(), 233);
}

TEST(Interpreter, ExceptionsOnTakenAndUntakenBranches) {
  auto code = compileFixture("raise_if");
  EXPECT_EQ(run1(*code, {IValue(int64_t(3))}).toInt(), 6);  // untaken: PyTorch returns 6
  std::string msg = errorOf([&] { code->run({IValue(int64_t(11))}); });
  // PyTorch: "builtins.ValueError: x too big: 11"
  EXPECT_NE(msg.find("builtins.ValueError: x too big: 11"), std::string::npos) << msg;
  EXPECT_NE(msg.find("while running prim::RaiseException at t.py:64:8"), std::string::npos) << msg;
}

TEST(Interpreter, ListOps) {
  auto code = compileFixture("lists");
  IValue l = run1(*code, {IValue(int64_t(5))});  // PyTorch: [1, 4, 9, 7, 5, 9]
  std::vector<int64_t> got;
  for (const auto& e : l.listRef().elements) got.push_back(e.toInt());
  EXPECT_EQ(got, (std::vector<int64_t>{1, 4, 9, 7, 5, 9}));
  // An empty list: l[-1] = 7 raises.
  std::string msg = errorOf([&] { code->run({IValue(int64_t(0))}); });
  EXPECT_NE(msg.find("out of range"), std::string::npos) << msg;
  EXPECT_NE(msg.find("aten::_set_item"), std::string::npos) << msg;
}

TEST(Interpreter, DictOps) {
  auto code = compileFixture("dicts");
  IValue d = run1(*code, {strList({"a", "b", "a", "c", "a"})});  // PyTorch: {'a': 3, 'b': 1, 'c': 1}
  ASSERT_TRUE(d.isDict());
  EXPECT_EQ(d.dictRef().size(), 3u);
  EXPECT_EQ(d.dictRef().find(IValue("a"))->toInt(), 3);
  EXPECT_EQ(d.dictRef().find(IValue("b"))->toInt(), 1);
  EXPECT_EQ(d.dictRef().keys()[2].toStringRef(), "c");  // insertion order
}

TEST(Interpreter, StringsAndFormat) {
  auto code = compileFixture("strings");
  EXPECT_EQ(run1(*code, {IValue("x"), IValue(int64_t(3))}).toStringRef(), "x012-4");  // PyTorch
}

TEST(Interpreter, ForRangeWithStep) {
  auto code = compileFixture("for_range");
  auto call = [&](int64_t lo, int64_t hi, int64_t step) {
    return run1(*code, {IValue(lo), IValue(hi), IValue(step)}).toInt();
  };
  EXPECT_EQ(call(10, 1, -3), 1074);  // PyTorch
  EXPECT_EQ(call(0, 3, 1), 12);      // 0, 1, 2
  EXPECT_EQ(call(3, 3, 1), 0);
  std::string msg = errorOf([&] { call(0, 3, 0); });
  EXPECT_NE(msg.find("must not be zero"), std::string::npos) << msg;
}

TEST(Interpreter, IsInstanceOnUnions) {
  auto code = compileFixture("isinstance_union");
  EXPECT_EQ(run1(*code, {IValue(int64_t(3))}).toInt(), 4);  // PyTorch
  EXPECT_EQ(run1(*code, {IValue("abcd")}).toInt(), 4);      // PyTorch
  EXPECT_EQ(run1(*code, {intList({1, 2})}).toInt(), 20);    // PyTorch
  std::string msg = errorOf([&] { code->run({IValue(2.5)}); });
  EXPECT_NE(msg.find("argument 1 'x': expected"), std::string::npos) << msg;
}

TEST(Interpreter, TensorLoop) {
  if (!OperatorRegistry::global().findOverload("aten::mul.Scalar")) GTEST_SKIP() << "tensor ops not registered";
  auto code = compileFixture("tensor_loop");
  Tensor x = Tensor::full({1}, Scalar(4.0), DType::Float32);
  Tensor out = run1(*code, {x, IValue(int64_t(3))}).toTensor();
  EXPECT_EQ(out.item().toDouble(), 2.25);  // 4 -> 3 -> 2.5 -> 2.25
  EXPECT_EQ(x.item().toDouble(), 4.0);     // the input is not modified
  Tensor same = run1(*code, {x, IValue(int64_t(0))}).toTensor();
  EXPECT_TRUE(same.isSameTensor(x));  // zero trips return the input itself
}

TEST(Interpreter, ChecksInputCountsAndTypes) {
  auto code = compileText(R"IR(graph(%x.1 : Tensor, %n.1 : int):
  return (%x.1, %n.1)
)IR");
  std::string msg = errorOf([&] { code->run({IValue(int64_t(1)), IValue(int64_t(2))}); });
  EXPECT_NE(msg.find("argument 1 'x': expected Tensor but got int"), std::string::npos) << msg;
  msg = errorOf([&] { code->run({IValue(int64_t(1))}); });
  EXPECT_NE(msg.find("expected 2 arguments but got 1"), std::string::npos) << msg;
  auto strings = compileFixture("strings");
  msg = errorOf([&] { strings->run({IValue("a"), IValue(2.5)}); });
  EXPECT_NE(msg.find("argument 2 'n': expected int but got float"), std::string::npos) << msg;
  auto dicts = compileFixture("dicts");
  msg = errorOf([&] { dicts->run({intList({1, 2})}); });
  EXPECT_NE(msg.find("argument 1 'keys'"), std::string::npos) << msg;
  // A tensor that does not fit a refined tensor type: both are named.
  auto refined = compileText(R"IR(graph(%x.1 : Float(2, 3)):
  return (%x.1)
)IR");
  msg = errorOf([&] { refined->run({IValue(Tensor::zeros({4}, DType::Float64))}); });
  EXPECT_NE(msg.find("argument 1 'x': expected Float(2, 3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("but got a float64 tensor of shape [4]"), std::string::npos) << msg;
}

TEST(Interpreter, UnknownOpIsACompileErrorNamingIt) {
  const char* text = R"IR(graph(%x : int):
  %y : int = aten::frobnicate(%x, %x) # f.py:3:4
  return (%y)
)IR";
  std::string msg = errorOf([&] { compileText(text); });
  EXPECT_NE(msg.find("unknown operator aten::frobnicate"), std::string::npos) << msg;
  EXPECT_NE(msg.find("(int, int)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("f.py:3:4"), std::string::npos) << msg;
}

TEST(Interpreter, NoMatchingOverloadListsCandidates) {
  const char* text = R"IR(graph(%x : str):
  %y : int = aten::neg(%x)
  return (%y)
)IR";
  std::string msg = errorOf([&] { compileText(text); });
  EXPECT_NE(msg.find("aten::neg"), std::string::npos) << msg;
  EXPECT_NE(msg.find("(str)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("aten::neg.int(int a) -> int"), std::string::npos) << msg;
}

TEST(Interpreter, RuntimeErrorsNameTheOpAndLocation) {
  const char* text = R"IR(graph(%a : int, %b : int):
  %c : int = aten::floordiv(%a, %b) # div.py:7:11
  return (%c)
)IR";
  auto code = compileText(text);
  EXPECT_EQ(run1(*code, {IValue(int64_t(7)), IValue(int64_t(2))}).toInt(), 3);
  std::string msg = errorOf([&] { code->run({IValue(int64_t(1)), IValue(int64_t(0))}); });
  EXPECT_NE(msg.find("ZeroDivisionError"), std::string::npos) << msg;
  EXPECT_NE(msg.find("while running aten::floordiv at div.py:7:11"), std::string::npos) << msg;
}

TEST(Interpreter, MultipleOutputsRepeatedValuesAndInputsAsOutputs) {
  const char* text = R"IR(graph(%a : int, %l : int[]):
  %c : int = prim::Constant[value=5]()
  %t : (int, int[]) = prim::TupleConstruct(%a, %l)
  %x : int, %y : int[] = prim::TupleUnpack(%t)
  return (%x, %y, %l, %c, %c, %a)
)IR";
  auto code = compileText(text);
  IValue l = intList({1, 2});
  std::vector<IValue> out = code->run({IValue(int64_t(3)), l});
  ASSERT_EQ(out.size(), 6u);
  EXPECT_EQ(out[0].toInt(), 3);
  EXPECT_TRUE(out[1].isSameIdentity(l));
  EXPECT_TRUE(out[2].isSameIdentity(l));
  EXPECT_EQ(out[3].toInt(), 5);
  EXPECT_EQ(out[4].toInt(), 5);
  EXPECT_EQ(out[5].toInt(), 3);
  // Constants survive the run: a second run sees them again.
  EXPECT_EQ(code->run({IValue(int64_t(4)), l})[3].toInt(), 5);
}

TEST(Interpreter, ListAndDictConstructAndUnpack) {
  const char* text = R"IR(graph(%a : int, %b : int):
  %k : str = prim::Constant[value="k"]()
  %l : int[] = prim::ListConstruct(%a, %b)
  %x : int, %y : int = prim::ListUnpack(%l)
  %s : int = aten::sub(%x, %y)
  %d : Dict(str, int) = prim::DictConstruct(%k, %s)
  %v : int = aten::__getitem__(%d, %k)
  return (%v, %l)
)IR";
  auto code = compileText(text);
  std::vector<IValue> out = code->run({IValue(int64_t(10)), IValue(int64_t(4))});
  EXPECT_EQ(out[0].toInt(), 6);
  EXPECT_EQ(out[1].listRef().elements.size(), 2u);
}

TEST(Interpreter, UncheckedCastAndUninitialized) {
  const char* text = R"IR(graph(%a : int?):
  %none : NoneType = prim::Constant()
  %u : int = prim::Uninitialized()
  %isnone : bool = aten::__is__(%a, %none)
  %r : int = prim::If(%isnone)
    block0():
      -> (%u)
    block1():
      %v : int = prim::unchecked_cast(%a)
      -> (%v)
  return (%r)
)IR";
  auto code = compileText(text);
  EXPECT_EQ(run1(*code, {IValue(int64_t(4))}).toInt(), 4);
  EXPECT_TRUE(run1(*code, {IValue()}).isNone());
}

TEST(Interpreter, DumpListsInstructions) {
  auto code = compileFixture("loop_a");
  std::string dump = code->dump();
  EXPECT_NE(dump.find("LoopTestTrip"), std::string::npos) << dump;
  EXPECT_NE(dump.find("RemII"), std::string::npos) << dump;
  EXPECT_EQ(dump.find("Call"), std::string::npos) << dump;  // all arithmetic is specialized
  EXPECT_GT(code->numRegisters(), 0u);
  EXPECT_GT(code->numInstructions(), 10u);
}

}  // namespace
}  // namespace wick

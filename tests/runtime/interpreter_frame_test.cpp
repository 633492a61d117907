// Value lifetimes in the interpreter: last uses move instead of copying,
// constants and loop-invariant values are never consumed, large frames and
// nested runs work, and the observer sees every op's outputs.
#include <gtest/gtest.h>

#include "tests/runtime/runtime_test_util.h"

namespace wick {
namespace {

using testing::compileText;

TEST(InterpreterFrame, LastUseMovesTheValue) {
  auto code = compileText(R"IR(graph(%x : Tensor):
  %l : Tensor[] = prim::ListConstruct(%x)
  return (%l)
)IR");
  Tensor x = Tensor::scalar(Scalar(1.0));
  IValue l = code->run({x})[0];
  // The caller's handle and the list's element: no copy left in a register.
  EXPECT_EQ(x.impl()->useCount(), 2);
  EXPECT_TRUE(l.listRef().elements[0].toTensor().isSameTensor(x));
}

TEST(InterpreterFrame, ValuesUsedInsideLoopsAreNotConsumed) {
  // %x is defined outside the loop and used in every iteration.
  auto code = compileText(R"IR(graph(%x : Tensor, %n : int):
  %true : bool = prim::Constant[value=1]()
  %l : Tensor[] = prim::ListConstruct()
   = prim::Loop(%n, %true)
    block0(%i : int):
      %r : Tensor[] = aten::append(%l, %x)
      -> (%true)
  return (%l)
)IR");
  Tensor x = Tensor::scalar(Scalar(1.0));
  IValue l = code->run({x, IValue(int64_t(3))})[0];
  ASSERT_EQ(l.listRef().elements.size(), 3u);
  for (const auto& e : l.listRef().elements) EXPECT_TRUE(e.toTensor().isSameTensor(x));
}

TEST(InterpreterFrame, ManyRegisters) {
  // More values than the inline frame holds.
  std::string text = "graph(%a : int):\n";
  std::string prev = "%a";
  for (int i = 0; i < 100; ++i) {
    text += "  %v" + std::to_string(i) + " : int = aten::add(" + prev + ", %a)\n";
    prev = "%v" + std::to_string(i);
  }
  text += "  return (" + prev + ")\n";
  auto code = compileText(text);
  EXPECT_EQ(code->run({IValue(int64_t(2))})[0].toInt(), 202);
  EXPECT_GT(code->numRegisters(), 100u);
}

TEST(InterpreterFrame, MutatingOpsOnTheLastReference) {
  // Each container's last use moves it into a mutating op, which then holds
  // the only reference.
  auto code = compileText(R"IR(graph(%x : int):
  %z : int = prim::Constant[value=0]()
  %k : str = prim::Constant[value="k"]()
  %l : int[] = prim::ListConstruct(%x, %x)
  %m : int[] = prim::ListConstruct(%x)
   = aten::insert(%l, %z, %x)
   = aten::reverse(%m)
  %d : Dict(str, int) = prim::DictConstruct(%k, %x)
  %e : Dict(str, int) = prim::DictConstruct(%k, %z)
   = aten::update(%d, %e)
  return (%x)
)IR");
  EXPECT_EQ(code->run({IValue(int64_t(5))})[0].toInt(), 5);
}

struct Recorder : RunObserver {
  std::vector<std::string> seen;
  void onNodeOutputs(const ir::Node& node, const IValue* outputs, size_t n) override {
    seen.push_back(node.kind().qualString() + "=" + (n ? outputs[0].repr() : std::string("()")));
  }
};

TEST(InterpreterFrame, ObserverSeesOpOutputs) {
  auto code = compileText(R"IR(graph(%s : str, %n : int):
  %t : str = aten::str(%n)
  %r : str = aten::add(%s, %t)
  return (%r)
)IR");
  Recorder rec;
  IValue r = code->run({IValue("a"), IValue(int64_t(7))}, &rec)[0];
  EXPECT_EQ(r.toStringRef(), "a7");
  ASSERT_EQ(rec.seen.size(), 2u);
  EXPECT_EQ(rec.seen[0], "aten::str='7'");
  EXPECT_EQ(rec.seen[1], "aten::add='a7'");
}

}  // namespace
}  // namespace wick

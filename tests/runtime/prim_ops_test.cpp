// prim:: ops and the node-specialized ops (format, Print, TupleSlice) run
// through small graphs; expected output is TorchScript's.
#include <gtest/gtest.h>

#include "tests/runtime/runtime_test_util.h"

namespace wick {
namespace {

using testing::callOp;
using testing::callOpAll;
using testing::compileText;
using testing::errorOf;
using testing::intList;

TEST(PrimOps, TupleIndexAndSlice) {
  IValue t(makeTuple({IValue(1), IValue("a"), IValue(2.5)}));
  EXPECT_EQ(callOp("prim::TupleIndex", {t, 1}).toStringRef(), "a");
  EXPECT_EQ(callOp("prim::TupleIndex", {t, -1}).toDouble(), 2.5);
  EXPECT_THROW(callOp("prim::TupleIndex", {t, 3}), Error);
  auto code = compileText(R"IR(graph(%t : (int, str, float)):
  %b : int = prim::Constant[value=1]()
  %e : int = prim::Constant[value=3]()
  %s : (str, float) = prim::TupleSlice(%t, %b, %e)
  return (%s)
)IR");
  IValue s = code->run({t})[0];
  ASSERT_EQ(s.tupleRef().elements.size(), 2u);
  EXPECT_EQ(s.tupleRef().elements[0].toStringRef(), "a");
}

TEST(PrimOps, RaiseExceptionCarriesTheMessage) {
  std::string msg = errorOf([] { callOpAll("prim::RaiseException", {"boom", "builtins.RuntimeError"}); });
  EXPECT_EQ(msg, "builtins.RuntimeError: boom");
  msg = errorOf([] { callOpAll("prim::RaiseException", {"boom", IValue()}); });
  EXPECT_EQ(msg, "Exception: boom");
}

TEST(PrimOps, IdentityAndHelpers) {
  IValue l = intList({1});
  EXPECT_TRUE(callOp("aten::__is__", {l, l}).toBool());
  EXPECT_FALSE(callOp("aten::__is__", {l, intList({1})}).toBool());
  EXPECT_TRUE(callOp("aten::__isnot__", {l, IValue()}).toBool());
  EXPECT_TRUE(callOp("aten::__is__", {IValue(), IValue()}).toBool());
  EXPECT_TRUE(callOp("prim::Uninitialized", {}).isNone());
  EXPECT_EQ(callOp("prim::unchecked_cast", {5}).toInt(), 5);
  // len(range(lo, hi, step)) and lo + i * step
  EXPECT_EQ(callOp("aten::__range_length", {0, 10, 3}).toInt(), 4);
  EXPECT_EQ(callOp("aten::__range_length", {10, 0, -3}).toInt(), 4);
  EXPECT_EQ(callOp("aten::__range_length", {5, 0, 1}).toInt(), 0);
  EXPECT_EQ(callOp("aten::__derive_index", {2, 10, -3}).toInt(), 4);
  EXPECT_EQ(callOp("prim::StringIndex", {"abc", 1}).toStringRef(), "b");
  Tensor t = Tensor::scalar(Scalar(1.0));
  EXPECT_EQ(callOp("prim::dtype", {t}).toInt(), 6);  // torch.float32
  EXPECT_EQ(callOp("prim::device", {t}).toDevice().type, DeviceType::CPU);
  EXPECT_FALSE(callOp("prim::is_cuda", {t}).toBool());
}

TEST(PrimOps, FormatAndPrint) {
  auto code = compileText(R"IR(graph(%a : int, %b : float, %l : int[]):
  %f : str = prim::Constant[value="{} and {} in {}!"]()
  %s : str = aten::format(%f, %a, %b, %l)
   = prim::Print(%s, %a, %b)
  return (%s)
)IR");
  ::testing::internal::CaptureStdout();
  IValue s = code->run({IValue(3), IValue(2.5), intList({1, 2})})[0];
  std::string printed = ::testing::internal::GetCapturedStdout();
  // PyTorch: "{} and {} in {}!".format(3, 2.5, [1, 2]) == '3 and 2.5 in [1, 2]!'
  EXPECT_EQ(s.toStringRef(), "3 and 2.5 in [1, 2]!");
  EXPECT_EQ(printed, "3 and 2.5 in [1, 2]! 3 2.5\n");
}

TEST(PrimOps, WarnWritesToStderr) {
  ::testing::internal::CaptureStderr();
  EXPECT_TRUE(callOpAll("aten::warn", {"careful", 2}).empty());
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "UserWarning: careful\n");
}

TEST(PrimOps, GetAttrAndSetAttrOnObjects) {
  auto code = compileText(R"IR(graph(%self : __torch__.M, %v : int):
  %old : int = prim::GetAttr[name="count"](%self)
  %new : int = aten::add(%old, %v)
   = prim::SetAttr[name="count"](%self, %new)
  %again : int = prim::GetAttr[name="count"](%self)
  return (%again)
)IR");
  // The parser creates an empty class type; the object carries its own.
  struct Info : ClassInfo {
    std::string name = "__torch__.M";
    std::string attr = "count";
    const std::string& qualifiedName() const override { return name; }
    size_t numAttributes() const override { return 1; }
    const std::string& attributeName(size_t) const override { return attr; }
    int64_t findAttribute(std::string_view n) const override { return n == attr ? 0 : -1; }
  };
  auto obj = Ref<Object>(new Object(std::make_shared<Info>()));
  obj->slots[0] = IValue(4);
  EXPECT_EQ(code->run({IValue(obj), IValue(3)})[0].toInt(), 7);
  EXPECT_EQ(obj->slots[0].toInt(), 7);
}

}  // namespace
}  // namespace wick

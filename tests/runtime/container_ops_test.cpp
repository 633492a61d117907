// List, dict and str ops called directly through the registry; expected
// values are Python's (and TorchScript's) for the same expressions.
#include <gtest/gtest.h>

#include "tests/runtime/runtime_test_util.h"

namespace wick {
namespace {

using testing::callOp;
using testing::callOpAll;
using testing::errorOf;
using testing::intList;
using testing::strList;

std::vector<int64_t> ints(const IValue& l) {
  std::vector<int64_t> out;
  for (const auto& e : l.listRef().elements) out.push_back(e.toInt());
  return out;
}

TEST(ListOps, LenGetItemAndNegativeIndices) {
  IValue l = intList({10, 20, 30});
  EXPECT_EQ(callOp("aten::len.t", {l}).toInt(), 3);
  EXPECT_EQ(callOp("aten::__getitem__.t", {l, 0}).toInt(), 10);
  EXPECT_EQ(callOp("aten::__getitem__.t", {l, -1}).toInt(), 30);
  EXPECT_EQ(callOp("aten::__getitem__.t", {l, -3}).toInt(), 10);
  EXPECT_NE(errorOf([&] { callOp("aten::__getitem__.t", {l, 3}); }).find("list index out of range"), std::string::npos);
  EXPECT_NE(errorOf([&] { callOp("aten::__getitem__.t", {l, -4}); }).find("list index out of range"), std::string::npos);
}

TEST(ListOps, MutationIsSharedByReference) {
  IValue l = intList({1, 2});
  IValue same = callOp("aten::append.t", {l, 3});
  EXPECT_TRUE(same.isSameIdentity(l));
  EXPECT_EQ(ints(l), (std::vector<int64_t>{1, 2, 3}));
  callOp("aten::_set_item.t", {l, -1, 9});
  EXPECT_EQ(ints(l), (std::vector<int64_t>{1, 2, 9}));
  EXPECT_THROW(callOp("aten::_set_item.t", {l, 5, 0}), Error);
  EXPECT_TRUE(callOpAll("aten::insert.t", {l, 0, 7}).empty());
  EXPECT_EQ(ints(l), (std::vector<int64_t>{7, 1, 2, 9}));
  EXPECT_EQ(callOp("aten::pop.t", {l, -1}).toInt(), 9);
  EXPECT_EQ(callOp("aten::pop.t", {l, 0}).toInt(), 7);
  callOpAll("aten::extend.t", {l, l});
  EXPECT_EQ(ints(l), (std::vector<int64_t>{1, 2, 1, 2}));
  callOpAll("aten::reverse.t", {l});
  EXPECT_EQ(ints(l), (std::vector<int64_t>{2, 1, 2, 1}));
  callOpAll("aten::clear.t", {l});
  EXPECT_TRUE(l.listRef().elements.empty());
  EXPECT_NE(errorOf([&] { callOp("aten::pop.t", {l, -1}); }).find("pop from empty list"), std::string::npos);
}

TEST(ListOps, CopiesConcatenationSlicesAndRepetition) {
  IValue l = intList({0, 1, 2, 3, 4});
  IValue c = callOp("aten::list.t", {l});
  EXPECT_FALSE(c.isSameIdentity(l));
  EXPECT_EQ(ints(c), ints(l));
  EXPECT_EQ(ints(callOp("aten::add.t", {intList({1}), intList({2, 3})})), (std::vector<int64_t>{1, 2, 3}));
  // l[1:], l[::-2], l[-2:], l[10:]
  EXPECT_EQ(ints(callOp("aten::slice.t", {l, 1, IValue(), 1})), (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(ints(callOp("aten::slice.t", {l, IValue(), IValue(), -2})), (std::vector<int64_t>{4, 2, 0}));
  EXPECT_EQ(ints(callOp("aten::slice.t", {l, -2, IValue(), 1})), (std::vector<int64_t>{3, 4}));
  EXPECT_TRUE(ints(callOp("aten::slice.t", {l, 10, IValue(), 1})).empty());
  EXPECT_THROW(callOp("aten::slice.t", {l, 0, 1, 0}), Error);
  EXPECT_EQ(ints(callOp("aten::mul.left_t", {intList({1, 2}), 2})), (std::vector<int64_t>{1, 2, 1, 2}));
  EXPECT_EQ(ints(callOp("aten::mul.right_", {2, intList({3})})), (std::vector<int64_t>{3, 3}));
}

TEST(ListOps, ComparisonMembershipAndReductions) {
  EXPECT_TRUE(callOp("aten::eq.int_list", {intList({1, 2}), intList({1, 2})}).toBool());
  EXPECT_TRUE(callOp("aten::ne.int_list", {intList({1, 2}), intList({1})}).toBool());
  EXPECT_TRUE(callOp("aten::__contains__.int_list", {intList({1, 2}), 2}).toBool());
  EXPECT_FALSE(callOp("aten::__contains__.str_list", {strList({"a"}), "b"}).toBool());
  EXPECT_EQ(callOp("aten::sum.int", {intList({1, 2, 3})}).toInt(), 6);
  EXPECT_EQ(callOp("prim::max.self_int", {intList({1, 5, 3})}).toInt(), 5);
  EXPECT_EQ(callOp("prim::min.self_int", {intList({4, -5, 3})}).toInt(), -5);
  EXPECT_THROW(callOp("prim::max.self_int", {intList({})}), Error);
}

TEST(DictOps, GetSetContainsAndViews) {
  IValue d(makeDict());
  callOpAll("aten::_set_item.str", {d, "b", 2});
  callOpAll("aten::_set_item.str", {d, "a", 1});
  EXPECT_EQ(callOp("aten::len.Dict_str", {d}).toInt(), 2);
  EXPECT_EQ(callOp("aten::__getitem__.Dict_str", {d, "a"}).toInt(), 1);
  std::string msg = errorOf([&] { callOp("aten::__getitem__.Dict_str", {d, "zz"}); });
  EXPECT_NE(msg.find("KeyError: 'zz'"), std::string::npos) << msg;
  EXPECT_TRUE(callOp("aten::__contains__.str", {d, "b"}).toBool());
  EXPECT_FALSE(callOp("aten::__contains__.str", {d, "c"}).toBool());
  IValue keys = callOp("aten::keys.str", {d});
  ASSERT_EQ(keys.listRef().elements.size(), 2u);
  EXPECT_EQ(keys.listRef().elements[0].toStringRef(), "b");  // insertion order
  EXPECT_EQ(ints(callOp("aten::values.str", {d})), (std::vector<int64_t>{2, 1}));
  IValue items = callOp("aten::items.str", {d});
  EXPECT_EQ(items.listRef().elements[1].tupleRef().elements[0].toStringRef(), "a");
  EXPECT_TRUE(callOp("aten::get.str", {d, "x"}).isNone());
  EXPECT_EQ(callOp("aten::get.default_str", {d, "x", 5}).toInt(), 5);
  EXPECT_EQ(callOp("aten::setdefault.str", {d, "c", 3}).toInt(), 3);
  EXPECT_EQ(callOp("aten::pop.Dict_str", {d, "c"}).toInt(), 3);
  EXPECT_EQ(callOp("aten::pop.Dict_default_str", {d, "c", 0}).toInt(), 0);
  IValue copy = callOp("aten::copy.Dict_str", {d});
  callOpAll("aten::clear.str", {d});
  EXPECT_EQ(callOp("aten::len.Dict_str", {d}).toInt(), 0);
  EXPECT_EQ(callOp("aten::len.Dict_str", {copy}).toInt(), 2);
  callOpAll("aten::update.str", {d, copy});
  EXPECT_EQ(callOp("aten::len.Dict_str", {d}).toInt(), 2);
}

TEST(DictOps, FromItemsAndEmpty) {
  IValue items(makeList({IValue(makeTuple({IValue("x"), IValue(1)})), IValue(makeTuple({IValue("y"), IValue(2)}))}));
  IValue d = callOp("aten::dict.str", {items});
  EXPECT_EQ(callOp("aten::len.Dict_str", {d}).toInt(), 2);
  EXPECT_EQ(callOp("aten::__getitem__.Dict_str", {d, "y"}).toInt(), 2);
  EXPECT_EQ(callOp("aten::len.Dict_str", {callOp("aten::dict", {})}).toInt(), 0);
  IValue copy = callOp("aten::dict.Dict_str", {d});
  EXPECT_FALSE(copy.isSameIdentity(d));
  EXPECT_EQ(callOp("aten::len.Dict_str", {copy}).toInt(), 2);
}

TEST(DictOps, IntAndTensorKeys) {
  IValue d(makeDict());
  callOpAll("aten::_set_item.int", {d, 3, "three"});
  EXPECT_EQ(callOp("aten::__getitem__.Dict_int", {d, 3}).toStringRef(), "three");
  Tensor t = Tensor::scalar(Scalar(1.0));
  callOpAll("aten::_set_item.Tensor", {IValue(makeDict()), t, 1});
  IValue td(makeDict());
  callOpAll("aten::_set_item.Tensor", {td, t, 1});
  EXPECT_TRUE(callOp("aten::__contains__.Tensor", {td, t}).toBool());
  // Tensor keys compare by identity.
  EXPECT_FALSE(callOp("aten::__contains__.Tensor", {td, Tensor::scalar(Scalar(1.0))}).toBool());
}

TEST(StringOps, BasicsAndFormatting) {
  EXPECT_EQ(callOp("aten::len.str", {"abc"}).toInt(), 3);
  EXPECT_EQ(callOp("aten::__getitem__.str", {"abc", -1}).toStringRef(), "c");
  EXPECT_THROW(callOp("aten::__getitem__.str", {"abc", 3}), Error);
  EXPECT_EQ(callOp("aten::add.str", {"ab", "cd"}).toStringRef(), "abcd");
  // TorchScript's str(): floats with 17 digits and a '.', strings bare in
  // containers. PyTorch: str(1.5) '1.5', str(3.0) '3.', str(0.1)
  // '0.10000000000000001', str([1.0, 2.0]) '[1., 2.]', str({'a': 1})
  // '{a: 1}', str((1, 'x', True)) '(1, x, True)'.
  EXPECT_EQ(callOp("aten::str", {1.5}).toStringRef(), "1.5");
  EXPECT_EQ(callOp("aten::str", {3.0}).toStringRef(), "3.");
  EXPECT_EQ(callOp("aten::str", {0.1}).toStringRef(), "0.10000000000000001");
  EXPECT_EQ(callOp("aten::str", {1e20}).toStringRef(), "1e+20");
  EXPECT_EQ(callOp("aten::str", {IValue(makeList({IValue(1.0), IValue(2.0)}))}).toStringRef(), "[1., 2.]");
  IValue d(makeDict());
  d.dictRef().insert(IValue("a"), IValue(1));
  EXPECT_EQ(callOp("aten::str", {d}).toStringRef(), "{a: 1}");
  IValue tup(makeTuple({IValue(1), IValue("x"), IValue(true)}));
  EXPECT_EQ(callOp("aten::str", {tup}).toStringRef(), "(1, x, True)");
  EXPECT_EQ(callOp("aten::str", {IValue()}).toStringRef(), "None");
}

TEST(StringOps, SearchSplitJoinCase) {
  EXPECT_EQ(callOp("aten::find", {"hello", "l", 0, -1}).toInt(), 2);
  EXPECT_EQ(callOp("aten::find", {"hello", "z", 0, -1}).toInt(), -1);
  EXPECT_TRUE(callOp("aten::startswith", {"hello", "he", 0, -1}).toBool());
  EXPECT_TRUE(callOp("aten::endswith", {"hello", "lo", 0, -1}).toBool());
  EXPECT_FALSE(callOp("aten::startswith", {"hello", "el", 0, -1}).toBool());
  EXPECT_TRUE(callOp("aten::startswith", {"hello", "el", 1, -1}).toBool());
  EXPECT_EQ(callOp("aten::replace", {"a-b-c", "-", "+", -1}).toStringRef(), "a+b+c");
  EXPECT_EQ(callOp("aten::replace", {"a-b-c", "-", "+", 1}).toStringRef(), "a+b-c");
  IValue parts = callOp("aten::split.str", {"a,b,,c", ",", -1});
  ASSERT_EQ(parts.listRef().elements.size(), 4u);
  EXPECT_EQ(parts.listRef().elements[2].toStringRef(), "");
  IValue ws = callOp("aten::split.str", {"  a  b ", IValue(), -1});
  ASSERT_EQ(ws.listRef().elements.size(), 2u);
  EXPECT_EQ(ws.listRef().elements[1].toStringRef(), "b");
  EXPECT_EQ(callOp("aten::join", {"-", strList({"a", "b", "c"})}).toStringRef(), "a-b-c");
  EXPECT_EQ(callOp("aten::lower", {"AbC"}).toStringRef(), "abc");
  EXPECT_EQ(callOp("aten::upper", {"AbC"}).toStringRef(), "ABC");
  EXPECT_EQ(callOp("aten::strip", {"  x \n", " \n"}).toStringRef(), "x");
  EXPECT_EQ(callOp("aten::ord", {"a"}).toInt(), 97);
  EXPECT_EQ(callOp("aten::chr", {98}).toStringRef(), "b");
  IValue chars = callOp("aten::list", {"ab"});
  ASSERT_EQ(chars.listRef().elements.size(), 2u);
  EXPECT_EQ(chars.listRef().elements[1].toStringRef(), "b");
}

}  // namespace
}  // namespace wick

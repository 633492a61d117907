// IValue: tags, checked accessors with clear type errors, containers,
// equality and hashing, reference counting.
#include <gtest/gtest.h>

#include "wick/ivalue.h"

namespace wick {
namespace {

TEST(IValue, ScalarsAndTags) {
  EXPECT_TRUE(IValue().isNone());
  EXPECT_EQ(IValue(true).toBool(), true);
  EXPECT_EQ(IValue(int64_t{7}).toInt(), 7);
  EXPECT_EQ(IValue(2.5).toDouble(), 2.5);
  EXPECT_EQ(IValue("abc").toStringRef(), "abc");
  EXPECT_EQ(IValue(Device::parse("cuda:1")).toDevice(), Device(DeviceType::CUDA, 1));
  EXPECT_EQ(sizeof(IValue), 16u);
}

TEST(IValue, TypeErrorsNameBothTypes) {
  try {
    IValue(int64_t{1}).toTensor();
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "expected a value of type Tensor but got int");
  }
  EXPECT_THROW(IValue(1.0).toInt(), Error);
  EXPECT_THROW(IValue().toStringRef(), Error);
  EXPECT_THROW(IValue(true).toList(), Error);
}

TEST(IValue, TensorRefcounting) {
  Tensor t = Tensor::zeros({2}, DType::Float32);
  EXPECT_EQ(t.impl()->useCount(), 1);
  {
    IValue v(t);
    EXPECT_EQ(t.impl()->useCount(), 2);
    IValue w = v;
    EXPECT_EQ(t.impl()->useCount(), 3);
    IValue m = std::move(w);
    EXPECT_TRUE(w.isNone());  // NOLINT: moved-from is None by contract
    EXPECT_EQ(t.impl()->useCount(), 3);
    EXPECT_TRUE(m.toTensor().isSameTensor(t));
  }
  EXPECT_EQ(t.impl()->useCount(), 1);
}

TEST(IValue, ContainersAreSharedByReference) {
  IValue l(makeList({IValue(int64_t{1}), IValue(int64_t{2})}));
  IValue alias = l;
  alias.listRef().elements.push_back(IValue(int64_t{3}));
  EXPECT_EQ(l.listRef().elements.size(), 3u);
  EXPECT_EQ(l.repr(), "[1, 2, 3]");
  IValue t(makeTuple({IValue(1.5)}));
  EXPECT_EQ(t.repr(), "(1.5,)");
}

TEST(IValue, DictKeepsInsertionOrder) {
  auto d = makeDict();
  d->insert(IValue("b"), IValue(int64_t{1}));
  d->insert(IValue("a"), IValue(int64_t{2}));
  d->insert(IValue("b"), IValue(int64_t{3}));  // overwrite keeps position
  EXPECT_EQ(d->size(), 2u);
  EXPECT_EQ(IValue(d).repr(), "{'b': 3, 'a': 2}");
  EXPECT_TRUE(d->erase(IValue("b")));
  EXPECT_EQ(d->find(IValue("b")), nullptr);
  ASSERT_NE(d->find(IValue("a")), nullptr);
  // int and float keys that compare equal hash equally, as in Python.
  auto n = makeDict();
  n->insert(IValue(int64_t{1}), IValue("one"));
  ASSERT_NE(n->find(IValue(1.0)), nullptr);
}

TEST(IValue, EqualityFollowsPython) {
  EXPECT_TRUE(IValue(int64_t{1}).equals(IValue(1.0)));
  EXPECT_TRUE(IValue(true).equals(IValue(int64_t{1})));
  EXPECT_FALSE(IValue("1").equals(IValue(int64_t{1})));
  EXPECT_TRUE(IValue(makeTuple({IValue(int64_t{1})})).equals(IValue(makeTuple({IValue(int64_t{1})}))));
  Tensor a = Tensor::zeros({1}, DType::Float32);
  EXPECT_TRUE(IValue(a).isSameIdentity(IValue(a)));
  EXPECT_FALSE(IValue(a).isSameIdentity(IValue(a.clone())));
}

TEST(IValue, ScalarConversions) {
  EXPECT_TRUE(IValue(Scalar(2.0)).isDouble());
  EXPECT_TRUE(IValue(Scalar(int64_t{2})).isInt());
  EXPECT_EQ(IValue(int64_t{4}).toScalar().toDouble(), 4.0);
  EXPECT_EQ(IValue(Tensor::scalar(Scalar(3.0))).toScalar().toDouble(), 3.0);
}

}  // namespace
}  // namespace wick

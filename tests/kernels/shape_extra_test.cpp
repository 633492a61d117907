// Data-movement behaviour the PyTorch fixtures do not show: which ops
// return views (through the registry, as a program sees them), memory
// formats' strides, bernoulli_'s draws, and errors that name the einsum
// equation.
#include <gtest/gtest.h>

#include <string>

#include "kernels/cpu/creation.h"
#include "kernels/cpu/einsum.h"
#include "kernels/cpu/shape_extra.h"
#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

namespace k = kernels;

Tensor iota(int64_t n) { return k::arange(Scalar(int64_t{0}), Scalar(n), Scalar(int64_t{1}), DType::Float32); }

IValue ints(std::initializer_list<int64_t> v) {
  std::vector<IValue> e;
  for (int64_t x : v) e.emplace_back(x);
  return IValue(makeList(std::move(e)));
}

Tensor single(const std::string& overload, Stack args) { return runOp(overload, std::move(args)).back().toTensor(); }

TEST(ShapeExtraViews, ViewsShareStorage) {
  Tensor x = iota(24).asStrided({2, 3, 4}, {12, 4, 1}, 0);
  Tensor x2 = iota(12).asStrided({3, 4}, {4, 1}, 0);
  EXPECT_TRUE(single("aten::movedim.int", {x, int64_t{0}, int64_t{2}}).sharesStorage(x));
  EXPECT_TRUE(single("aten::movedim.intlist", {x, ints({0, 1}), ints({2, 0})}).sharesStorage(x));
  EXPECT_TRUE(single("aten::moveaxis.int", {x, int64_t{-1}, int64_t{0}}).sharesStorage(x));
  EXPECT_TRUE(single("aten::unflatten.int", {x, int64_t{2}, ints({2, 2})}).sharesStorage(x));
  EXPECT_TRUE(single("aten::narrow", {x, int64_t{1}, int64_t{1}, int64_t{2}}).sharesStorage(x));
  EXPECT_TRUE(single("aten::diagonal", {x, int64_t{0}, int64_t{1}, int64_t{2}}).sharesStorage(x));
  EXPECT_TRUE(single("aten::swapaxes", {x, int64_t{0}, int64_t{2}}).sharesStorage(x));
  EXPECT_TRUE(single("aten::expand_as", {x2, x}).sharesStorage(x2));
  EXPECT_TRUE(single("aten::contiguous", {x, int64_t{0}}).isSameTensor(x));
  EXPECT_TRUE(single("aten::to.dtype", {x, int64_t{6}, false, false, IValue()}).isSameTensor(x));
  for (const char* op : {"aten::chunk", "aten::split.Tensor"}) {
    Stack r = runOp(op, {x, int64_t{2}, int64_t{1}});
    for (const IValue& v : r.back().listRef().elements) EXPECT_TRUE(v.toTensor().sharesStorage(x)) << op;
  }
  Stack u = runOp("aten::unbind.int", {x, int64_t{2}});
  for (const IValue& v : u.back().listRef().elements) EXPECT_TRUE(v.toTensor().sharesStorage(x));
  // Writes through a movedim view reach the base.
  Tensor m = single("aten::movedim.int", {x, int64_t{0}, int64_t{2}});
  single("aten::fill_.Scalar", {m, 7.0});
  EXPECT_EQ(x.at(5).toDouble(), 7.0);
}

TEST(ShapeExtraViews, CopiesOwnTheirStorage) {
  Tensor x = iota(6).asStrided({2, 3}, {3, 1}, 0);
  EXPECT_FALSE(single("aten::repeat", {x, ints({1, 1})}).sharesStorage(x));
  EXPECT_FALSE(single("aten::flip", {x, ints({})}).sharesStorage(x));
  EXPECT_FALSE(single("aten::roll", {x, ints({0}), ints({1})}).sharesStorage(x));
  EXPECT_FALSE(single("aten::tril", {x, int64_t{5}}).sharesStorage(x));
  EXPECT_FALSE(single("aten::to.dtype", {x, int64_t{6}, false, true, IValue()}).sharesStorage(x));
}

TEST(ShapeExtraViews, MemoryFormats) {
  Tensor x = k::rand({2, 3, 4, 5});
  Tensor cl = single("aten::contiguous", {x, int64_t{2}});
  EXPECT_EQ(cl.strides().vec(), (std::vector<int64_t>{60, 1, 15, 3}));
  EXPECT_TRUE(single("aten::contiguous", {cl, int64_t{2}}).isSameTensor(cl));
  // clone keeps a dense layout (preserve), contiguous() undoes it.
  EXPECT_EQ(single("aten::clone", {cl, IValue()}).strides().vec(), cl.strides().vec());
  Tensor back = single("aten::contiguous", {cl, int64_t{0}});
  EXPECT_TRUE(back.isContiguous());
  for (int64_t i = 0; i < x.numel(); i += 7) EXPECT_EQ(back.at(i).toDouble(), x.at(i).toDouble());
}

TEST(ShapeExtraRandom, BernoulliDrawsZerosAndOnes) {
  k::defaultGenerator().seed(123);
  Tensor t = Tensor::zeros({20000}, DType::Float32);
  single("aten::bernoulli_.float", {t, 0.25, IValue()});
  double ones = 0;
  for (int64_t i = 0; i < t.numel(); ++i) {
    double v = t.at(i).toDouble();
    ASSERT_TRUE(v == 0.0 || v == 1.0);
    ones += v;
  }
  EXPECT_NEAR(ones / t.numel(), 0.25, 0.02);
  // A probability tensor: p = 0 and p = 1 are certain.
  Tensor p = Tensor::fromVector<float>({0.f, 1.f, 0.f, 1.f});
  Tensor d = single("aten::bernoulli", {p, IValue()});
  for (int64_t i = 0; i < 4; ++i) EXPECT_EQ(d.at(i).toDouble(), p.at(i).toDouble());
  EXPECT_NE(opError("aten::bernoulli_.float", {t, 1.5, IValue()}).find("[0, 1]"), std::string::npos);
}

TEST(ShapeExtraEinsum, SpacesAndErrorsNameTheEquation) {
  Tensor a = k::rand({2, 3}), b = k::rand({3, 4});
  Tensor r = k::einsum(" ij , jk -> ik ", {a, b});
  EXPECT_EQ(r.sizes().vec(), (std::vector<int64_t>{2, 4}));
  for (const char* eq : {"ij,jk->iq", "ij,jk,kl->il", "i j k", "ij->ii", "i.j", "ij,jk->i,k"}) {
    std::string msg;
    try {
      k::einsum(eq, {a, b});
    } catch (const Error& e) {
      msg = e.what();
    }
    EXPECT_NE(msg.find(std::string("'") + eq + "'"), std::string::npos) << eq << ": " << msg;
  }
}

}  // namespace
}  // namespace wick::testing

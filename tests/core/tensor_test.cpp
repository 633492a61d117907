// Tensor core: construction, strides, views sharing storage, contiguous(),
// conversion copies, alignment, bad shapes.
#include <gtest/gtest.h>

#include <cstdint>

#include "wick/tensor.h"

namespace wick {
namespace {

std::vector<int64_t> vec(IntArrayRef r) { return {r.begin(), r.end()}; }

TEST(Tensor, EmptyIsContiguousAndAligned) {
  Tensor t = Tensor::empty({2, 3, 4}, DType::Float32);
  EXPECT_EQ(t.dim(), 3);
  EXPECT_EQ(t.numel(), 24);
  EXPECT_EQ(vec(t.sizes()), (std::vector<int64_t>{2, 3, 4}));
  EXPECT_EQ(vec(t.strides()), (std::vector<int64_t>{12, 4, 1}));
  EXPECT_TRUE(t.isContiguous());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t.rawData()) % 64, 0u);
  EXPECT_EQ(t.nbytes(), 96);
  EXPECT_TRUE(t.device().isCpu());
}

TEST(Tensor, EveryDTypeHasItsSize) {
  struct Case {
    DType t;
    int64_t size;
    const char* name;
  } cases[] = {{DType::Float32, 4, "float32"}, {DType::Float64, 8, "float64"},
               {DType::Float16, 2, "float16"}, {DType::BFloat16, 2, "bfloat16"},
               {DType::Int8, 1, "int8"},       {DType::UInt8, 1, "uint8"},
               {DType::Int16, 2, "int16"},     {DType::Int32, 4, "int32"},
               {DType::Int64, 8, "int64"},     {DType::Bool, 1, "bool"}};
  for (const auto& c : cases) {
    Tensor t = Tensor::full({3}, Scalar(int64_t{1}), c.t);
    EXPECT_EQ(t.elementSize(), c.size) << c.name;
    EXPECT_EQ(dtypeName(c.t), c.name);
    DType parsed;
    ASSERT_TRUE(parseDType(c.name, &parsed));
    EXPECT_EQ(parsed, c.t);
    EXPECT_EQ(t.at(2).toDouble(), 1.0) << c.name;
  }
}

TEST(Tensor, ViewsShareStorage) {
  Tensor t = Tensor::fromVector<float>({0, 1, 2, 3, 4, 5}, std::vector<int64_t>{2, 3});
  // Transpose as a view: sizes [3, 2], strides [1, 3].
  Tensor tt = t.asStrided(std::vector<int64_t>{3, 2}, std::vector<int64_t>{1, 3}, 0);
  EXPECT_TRUE(tt.sharesStorage(t));
  EXPECT_FALSE(tt.isContiguous());
  EXPECT_EQ(tt.at(1).toDouble(), 3.0);  // tt[0][1] == t[1][0]
  EXPECT_EQ(tt.at(2).toDouble(), 1.0);  // tt[1][0] == t[0][1]
  // Writing through the base is seen by the view.
  t.data<float>()[1] = 42.0f;
  EXPECT_EQ(tt.at(2).toDouble(), 42.0);
  // A column slice with an offset.
  Tensor col = t.asStrided(std::vector<int64_t>{2}, std::vector<int64_t>{3}, 2);
  EXPECT_EQ(col.storageOffset(), 2);
  EXPECT_EQ(col.at(0).toDouble(), 2.0);
  EXPECT_EQ(col.at(1).toDouble(), 5.0);
}

TEST(Tensor, ContiguousCopiesOnlyWhenNeeded) {
  Tensor t = Tensor::fromVector<int32_t>({0, 1, 2, 3, 4, 5}, std::vector<int64_t>{2, 3});
  EXPECT_TRUE(t.contiguous().isSameTensor(t));
  Tensor tt = t.asStrided(std::vector<int64_t>{3, 2}, std::vector<int64_t>{1, 3}, 0);
  Tensor c = tt.contiguous();
  EXPECT_TRUE(c.isContiguous());
  EXPECT_FALSE(c.sharesStorage(t));
  std::vector<int32_t> expect = {0, 3, 1, 4, 2, 5};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(c.data<int32_t>()[i], expect[i]);
}

TEST(Tensor, SizeOneDimsDoNotBreakContiguity) {
  Tensor t = Tensor::empty({4}, DType::Float32);
  Tensor v = t.asStrided(std::vector<int64_t>{1, 4, 1}, std::vector<int64_t>{99, 1, 7}, 0);
  EXPECT_TRUE(v.isContiguous());
  Tensor e = t.asStrided(std::vector<int64_t>{0, 4}, std::vector<int64_t>{1, 5}, 0);
  EXPECT_TRUE(e.isContiguous());  // empty tensors count as contiguous
}

TEST(Tensor, BroadcastingCopyConverts) {
  Tensor dst = Tensor::empty({2, 3}, DType::Int64);
  Tensor src = Tensor::fromVector<float>({1.9f, -2.7f, 3.5f});
  dst.copyFrom(src);
  std::vector<int64_t> expect = {1, -2, 3, 1, -2, 3};  // float -> int truncates
  for (int i = 0; i < 6; ++i) EXPECT_EQ(dst.data<int64_t>()[i], expect[i]);
  Tensor b = Tensor::empty({3}, DType::Bool);
  b.copyFrom(Tensor::fromVector<float>({0.0f, 0.5f, -1.0f}));
  EXPECT_FALSE(b.data<bool>()[0]);
  EXPECT_TRUE(b.data<bool>()[1]);
  EXPECT_TRUE(b.data<bool>()[2]);
  EXPECT_THROW(dst.copyFrom(Tensor::empty({4}, DType::Float32)), Error);
}

TEST(Tensor, HalfAndBFloat16RoundTrip) {
  Tensor f = Tensor::fromVector<float>({1.0f, 0.1f, 65504.0f, -2.5f, 1e-7f});
  Tensor h = f.to(DType::Float16);
  Tensor bf = f.to(DType::BFloat16);
  EXPECT_EQ(h.at(0).toDouble(), 1.0);
  EXPECT_NEAR(h.at(1).toDouble(), 0.0999755859375, 1e-12);  // torch.tensor(0.1).half()
  EXPECT_EQ(h.at(2).toDouble(), 65504.0);
  EXPECT_EQ(h.at(3).toDouble(), -2.5);
  EXPECT_NEAR(h.at(4).toDouble(), 1.1920928955078125e-07, 1e-15);  // subnormal
  EXPECT_NEAR(bf.at(1).toDouble(), 0.10009765625, 1e-12);  // torch.tensor(0.1).bfloat16()
}

TEST(Tensor, ScalarAndItem) {
  Tensor s = Tensor::scalar(Scalar(2.5));
  EXPECT_EQ(s.dim(), 0);
  EXPECT_EQ(s.numel(), 1);
  EXPECT_EQ(s.dtype(), DType::Float32);
  EXPECT_EQ(s.item().toDouble(), 2.5);
  EXPECT_EQ(Tensor::scalar(Scalar(int64_t{3})).dtype(), DType::Int64);
  EXPECT_THROW(Tensor::empty({2}, DType::Float32).item(), Error);
}

TEST(Tensor, BadShapesAreErrors) {
  EXPECT_THROW(Tensor::empty(std::vector<int64_t>{-1, 2}, DType::Float32), Error);
  try {
    Tensor::empty(std::vector<int64_t>{int64_t{1} << 40, int64_t{1} << 40}, DType::Float32);
    FAIL() << "expected an overflow error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("overflow"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Tensor::empty({2}, DType::Float32).size(3), Error);
  EXPECT_EQ(wrapDim(-1, 3), 2);
  EXPECT_THROW(wrapDim(3, 3), Error);
}

TEST(Tensor, TypedAccessChecksDType) {
  Tensor t = Tensor::zeros({2}, DType::Float32);
  EXPECT_THROW(t.data<int64_t>(), Error);
  EXPECT_EQ(t.data<float>()[1], 0.0f);
}

TEST(Tensor, PrintsLikePyTorch) {
  Tensor t = Tensor::fromVector<int64_t>({1, 2, 3, 4}, std::vector<int64_t>{2, 2});
  EXPECT_EQ(t.str(), "tensor([[1, 2],\n        [3, 4]])");
  EXPECT_EQ(Tensor::scalar(Scalar(true)).str(), "tensor(True)");
}

}  // namespace
}  // namespace wick

// Table-driven type promotion: the result dtype of every pair of the 10
// dtypes (tensor-tensor, tensor-zerodim, zerodim-zerodim, tensor and
// zero-dim with int/float/bool scalars), from torch.result_type, checked
// against kernels::resultType and through aten::add / aten::mul.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "kernels/cpu/type_promotion.h"
#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

struct PromotionRow {
  std::string kind;
  DType a, b, result;
};

DType dt(const std::string& s) {
  DType t;
  EXPECT_TRUE(parseDType(s, &t)) << s;
  return t;
}

std::vector<PromotionRow> loadTable() {
  std::ifstream f(std::string(WICK_TEST_DATA_DIR) + "/kernels/promotion.txt");
  std::vector<PromotionRow> rows;
  std::string line;
  while (std::getline(f, line)) {
    std::istringstream in(line);
    std::string kind, a, b, r;
    in >> kind >> a >> b;
    PromotionRow row;
    row.kind = kind;
    row.a = dt(a);
    if (in >> r) {
      row.b = dt(b);
      row.result = dt(r);
    } else {
      row.b = row.a;
      row.result = dt(b);
    }
    rows.push_back(row);
  }
  return rows;
}

kernels::Input scalarFor(const std::string& kind) {
  if (kind[1] == 'i') return kernels::Input(Scalar(int64_t{1}));
  if (kind[1] == 'f') return kernels::Input(Scalar(1.5));
  return kernels::Input(Scalar(true));
}

TEST(TypePromotion, TableHasEveryPair) { EXPECT_EQ(loadTable().size(), 350u); }

TEST(TypePromotion, ResultTypeMatchesPyTorch) {
  for (const auto& row : loadTable()) {
    Tensor vec = Tensor::full({2}, 1, row.a);
    Tensor zeroA = Tensor::full({}, 1, row.a);
    Tensor zeroB = Tensor::full({}, 1, row.b);
    DType got;
    if (row.kind == "tt") got = kernels::resultType(vec, Tensor::full({2}, 1, row.b));
    else if (row.kind == "tz") got = kernels::resultType(vec, zeroB);
    else if (row.kind == "zz") got = kernels::resultType(zeroA, zeroB);
    else if (row.kind[0] == 't') got = kernels::resultType(vec, scalarFor(row.kind));
    else got = kernels::resultType(zeroA, scalarFor(row.kind));
    EXPECT_EQ(dtypeName(got), dtypeName(row.result))
        << row.kind << " " << dtypeName(row.a) << " " << dtypeName(row.b);
  }
}

// The same table through the registry: mul.Tensor / mul.Scalar outputs
// (mul accepts every dtype pair, bool included).
TEST(TypePromotion, MulThroughRegistryMatchesTable) {
  for (const auto& row : loadTable()) {
    Tensor vec = Tensor::full({2}, 1, row.a);
    Stack out;
    if (row.kind == "tt") out = runOp("aten::mul.Tensor", {vec, Tensor::full({2}, 1, row.b)});
    else if (row.kind == "tz") out = runOp("aten::mul.Tensor", {vec, Tensor::full({}, 1, row.b)});
    else if (row.kind == "zz") out = runOp("aten::mul.Tensor", {Tensor::full({}, 1, row.a), Tensor::full({}, 1, row.b)});
    else if (row.kind == "ti") out = runOp("aten::mul.Scalar", {vec, IValue(int64_t{2})});
    else if (row.kind == "tf") out = runOp("aten::mul.Scalar", {vec, IValue(1.5)});
    else if (row.kind == "tb") out = runOp("aten::mul.Scalar", {vec, IValue(true)});
    else continue;
    EXPECT_EQ(dtypeName(out.back().toTensor().dtype()), dtypeName(row.result))
        << row.kind << " " << dtypeName(row.a) << " " << dtypeName(row.b);
  }
}

TEST(TypePromotion, CanCast) {
  EXPECT_FALSE(kernels::canCast(DType::Float32, DType::Int64));
  EXPECT_FALSE(kernels::canCast(DType::Int32, DType::Bool));
  EXPECT_TRUE(kernels::canCast(DType::Bool, DType::Float16));
  EXPECT_TRUE(kernels::canCast(DType::Int64, DType::Int8));
  EXPECT_TRUE(kernels::canCast(DType::Float64, DType::BFloat16));
}

}  // namespace
}  // namespace wick::testing

// Indexing ops through the registry against PyTorch 1.13's results
// (tests/data/indexing/indexing.txt, made by scripts/make_indexing_fixtures.py).
#include <gtest/gtest.h>

#include "kernels/cpu/shape.h"
#include "tests/kernels/kernel_fixture_util.h"

namespace wick::testing {
namespace {

// The shared reader looks under tests/data/kernels/.
const char* kFile = "../indexing/indexing.txt";

Tensor viewOf(const Tensor& stored, char view) {
  Tensor t = stored.clone();
  if (view == 't') return kernels::transpose(t, -1, -2);
  if (view == 's') return kernels::slice(t, -1, std::nullopt, std::nullopt, 2);
  return t;
}

// Like the shared reader's argument builder, but a float64 tensor of shape
// [0] in a tensor list is None (the file format has no None list entry).
IValue buildArg(const FixtureArg& a) {
  switch (a.kind) {
    case 'T': return IValue(viewOf(a.stored[0], a.views[0]));
    case 'I': return IValue(a.i);
    case 'F': return IValue(a.f);
    case 'B': return IValue(a.i != 0);
    case 'S': return IValue(a.text);
    case 'L': {
      std::vector<IValue> e;
      for (int64_t v : a.ints) e.emplace_back(v);
      return IValue(makeList(std::move(e)));
    }
    case 'U': {
      std::vector<IValue> e;
      for (size_t k = 0; k < a.stored.size(); ++k) {
        const Tensor& t = a.stored[k];
        if (t.dtype() == DType::Float64 && t.dim() == 1 && t.numel() == 0) e.emplace_back();
        else e.emplace_back(viewOf(t, a.views[k]));
      }
      return IValue(makeList(std::move(e)));
    }
    default: return IValue();
  }
}

// none_* and bag_* cases: the first result only, arguments built above.
void runSpecialCase(const FixtureCase& c) {
  const Operator* op = OperatorRegistry::global().findOverload(c.overload);
  ASSERT_NE(op, nullptr) << c.overload;
  Stack stack;
  for (const auto& a : c.args) stack.push_back(buildArg(a));
  Tensor self = stack[0].toTensor();
  if (!c.error.empty()) {
    std::string msg;
    try {
      op->fn(stack);
    } catch (const Error& e) {
      msg = e.what();
    }
    EXPECT_NE(msg.find(c.error), std::string::npos) << c.name << ": got '" << msg << "'";
    return;
  }
  op->fn(stack);
  ASSERT_FALSE(stack.empty()) << c.name;
  const Tensor r = c.name.rfind("bag_", 0) == 0 ? stack[stack.size() - 4].toTensor() : stack.back().toTensor();
  expectTensorClose(r, c.outTensors[0], c.rtol, c.atol, c.name);
  if (c.inplace) EXPECT_TRUE(r.isSameTensor(self)) << c.name;
}

class IndexingFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(IndexingFixture, MatchesPyTorch) {
  const FixtureCase& c = fixtureCase(kFile, GetParam());
  if (c.name.rfind("none_", 0) == 0 || c.name.rfind("bag_", 0) == 0) {
    runSpecialCase(c);
  } else {
    runFixtureCase(c);
  }
}

INSTANTIATE_TEST_SUITE_P(IndexingPyTorch, IndexingFixture, ::testing::ValuesIn(fixtureCaseNames(kFile)),
                         [](const auto& info) { return info.param; });

// The out-of-place index_put must leave self alone.
TEST(IndexingBehaviour, IndexPutCopiesSelf) {
  Tensor self = Tensor::zeros({3}, DType::Float32);
  std::vector<IValue> idx{IValue(Tensor::fromVector<int64_t>({1}))};
  Stack out = runOp("aten::index_put",
                    {IValue(self), IValue(makeList(std::move(idx))), IValue(Tensor::scalar(Scalar(2.0), DType::Float32)),
                     IValue(false)});
  EXPECT_EQ(self.at(1).toDouble(), 0.0);
  EXPECT_EQ(out.back().toTensor().at(1).toDouble(), 2.0);
}

}  // namespace
}  // namespace wick::testing

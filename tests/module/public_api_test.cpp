// The README's "Using the library" example, through the one public header
// <wick/wick.h> only (no internal header), so that the example keeps
// compiling and running as the API changes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <wick/wick.h>

namespace wick {
namespace {

const std::string kData = WICK_TEST_DATA_DIR;

TEST(PublicApi, ReadmeExampleLoadsAnArchiveAndRunsGraphText) {
  // tests/data/torch2/mlp.pt: Linear(8, 16) -> relu -> Linear(16, 4), saved by PyTorch 2.x.
  wick::Module m = wick::load(kData + "/torch2/mlp.pt");
  m.eval();
  wick::Tensor x = wick::Tensor::full({3, 8}, 0.5, DType::Float32);
  wick::IValue y = m.forward({wick::IValue(x)});
  ASSERT_TRUE(y.isTensor());
  EXPECT_EQ(y.toTensor().sizes()[0], 3);
  EXPECT_EQ(y.toTensor().sizes()[1], 4);

  auto fn = wick::GraphFunction::fromFile(kData + "/../../examples/mlp_block.txt");
  wick::Tensor h = wick::Tensor::full({2, 8}, 0.25, DType::Float32);
  wick::Tensor w1 = wick::Tensor::full({16, 8}, 0.1, DType::Float32);
  wick::Tensor b1 = wick::Tensor::zeros({16}, DType::Float32);
  wick::Tensor w2 = wick::Tensor::full({16, 8}, 0.1, DType::Float32);
  std::vector<wick::IValue> out = fn({h, w1, b1, w2});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].toTensor().sizes()[0], 2);
}

TEST(PublicApi, ABadArchivePathIsAWickError) {
  EXPECT_THROW(wick::load(kData + "/no_such_model.pt"), wick::Error);
}

}  // namespace
}  // namespace wick

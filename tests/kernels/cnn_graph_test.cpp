// A scripted CNN block (conv, batch norm, hardtanh_, max pool, depthwise
// conv with padding="same", hardswish, adaptive pool, softmax) run by the
// interpreter from its TorchScript graph text: overload resolution picks
// the CNN ops by argument types, and the result matches PyTorch's.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "ir/parser.h"
#include "runtime/interpreter.h"
#include "tests/kernels/cnn_fixture_util.h"

namespace wick::cnntest {
namespace {

TEST(ConvNetGraph, SmallCnnMatchesPyTorch) {
  std::string path = std::string(WICK_TEST_DATA_DIR) + "/cnn/small_cnn.graph";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;
  std::stringstream text;
  text << in.rdbuf();
  auto code = Code::compile(ir::parseGraph(text.str(), "small_cnn.graph"));
  const CnnCase& c = cnnCase("graph.bin", "small_cnn");
  std::vector<IValue> out = code->run(c.args);
  ASSERT_EQ(out.size(), 1u);
  expectClose(out[0].toTensor(), c.outputs[0], c.rtol, c.atol, "small_cnn");
  // The graph runs hardtanh_ on an intermediate only; the inputs are untouched.
  std::vector<IValue> again = code->run(c.args);
  expectClose(again[0].toTensor(), c.outputs[0], c.rtol, c.atol, "small_cnn second run");
}

}  // namespace
}  // namespace wick::cnntest

// Helpers for the pass tests (see pass_test_util.h).
#include "tests/passes/pass_test_util.h"

#include <cstdint>

#include "runtime/interpreter.h"
#include "wick/tensor.h"

namespace wick::testing {

std::vector<IValue> runGraph(const ir::Graph& graph, const std::vector<IValue>& inputs) {
  return Code::compile(graph.copy())->run(inputs);
}

namespace {

void expectSame(const IValue& e, const IValue& a, const std::string& where) {
  if (e.isTensor()) {
    ASSERT_TRUE(a.isTensor()) << where;
    Tensor x = e.toTensor(), y = a.toTensor();
    ASSERT_EQ(x.dtype(), y.dtype()) << where;
    ASSERT_EQ(x.sizes().vec(), y.sizes().vec()) << where;
    Tensor xc = x.contiguous(), yc = y.contiguous();
    const auto* p = static_cast<const uint8_t*>(xc.storage()->data()) + xc.storageOffset() * xc.elementSize();
    const auto* q = static_cast<const uint8_t*>(yc.storage()->data()) + yc.storageOffset() * yc.elementSize();
    EXPECT_EQ(std::vector<uint8_t>(p, p + xc.nbytes()), std::vector<uint8_t>(q, q + yc.nbytes())) << where;
  } else if (e.isList() || e.isTuple()) {
    std::vector<IValue> xs = e.isList() ? e.toList()->elements : e.toTuple()->elements;
    std::vector<IValue> ys = a.isList() ? a.toList()->elements : a.toTuple()->elements;
    ASSERT_EQ(xs.size(), ys.size()) << where;
    for (size_t i = 0; i < xs.size(); ++i) expectSame(xs[i], ys[i], where + "[" + std::to_string(i) + "]");
  } else {
    EXPECT_EQ(e.repr(), a.repr()) << where;
  }
}

}  // namespace

void expectSameResults(const std::vector<IValue>& expected, const std::vector<IValue>& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (size_t i = 0; i < expected.size(); ++i) expectSame(expected[i], actual[i], "output " + std::to_string(i));
}

size_t countKind(const ir::Block& b, const std::string& kind) {
  size_t n = 0;
  for (const ir::Node* node : b) {
    if (node->kind().qualString() == kind) ++n;
    for (const ir::Block* inner : node->blocks()) n += countKind(*inner, kind);
  }
  return n;
}

size_t countNodes(const ir::Block& b) {
  size_t n = 0;
  for (const ir::Node* node : b) {
    ++n;
    for (const ir::Block* inner : node->blocks()) n += countNodes(*inner);
  }
  return n;
}

void inputToConstant(ir::Graph& graph, const std::string& name, const IValue& value) {
  for (size_t i = 0; i < graph.inputs().size(); ++i) {
    ir::Value* in = graph.inputs()[i];
    if (in->debugName() != name) continue;
    ir::Node* c = graph.createConstant(value);
    c->output()->setType(in->type());
    graph.block()->prependNode(c);
    in->replaceAllUsesWith(c->output());
    graph.block()->eraseInput(i);
    return;
  }
  FAIL() << "no graph input %" << name;
}

}  // namespace wick::testing

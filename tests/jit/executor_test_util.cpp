#include "tests/jit/executor_test_util.h"

#include <cmath>

#include "ir/parser.h"
#include "jit/kir/evaluator.h"

namespace wick::testing {

const char* const kSiluAddGraph = R"(
graph(%x : Tensor):
  %one : int = prim::Constant[value=1]()
  %s : Tensor = aten::sigmoid(%x)
  %m : Tensor = aten::mul(%s, %x)
  %y : Tensor = aten::add(%m, %x, %one)
  return (%y))";

std::shared_ptr<const Code> compileGraphText(const std::string& text) {
  return Code::compile(ir::parseGraph(text, "<test>"));
}

Tensor patternTensor(const std::vector<int64_t>& sizes, DType dtype, double offset) {
  Tensor t = Tensor::empty(sizes, DType::Float64);
  double* p = t.data<double>();
  for (int64_t i = 0; i < t.numel(); ++i) p[i] = std::fmod(i * 0.37 + offset, 3.0) - 1.5;
  return t.to(dtype);
}

Tensor transposedTensor(int64_t rows, int64_t cols, DType dtype) {
  Tensor base = patternTensor({cols, rows}, dtype, 0.25);
  return base.asStrided({rows, cols}, {1, rows}, 0);
}

void expectSameValues(const IValue& expected, const IValue& actual, const std::string& what) {
  ASSERT_TRUE(expected.isTensor() && actual.isTensor()) << what;
  Tensor e = expected.toTensor();
  Tensor a = actual.toTensor();
  ASSERT_EQ(e.dtype(), a.dtype()) << what;
  ASSERT_EQ(e.sizes().vec(), a.sizes().vec()) << what;
  for (int64_t i = 0; i < e.numel(); ++i) {
    double x = e.at(i).toDouble();
    double y = a.at(i).toDouble();
    ASSERT_NEAR(x, y, 1e-6 + 1e-5 * std::fabs(x)) << what << " at element " << i;
  }
}

jit::ExecutorOptions interpOptions(int profilingRuns, int maxSpecializations) {
  jit::kir::registerInterpBackend();
  jit::ExecutorOptions o;
  o.profilingRuns = profilingRuns;
  o.fuser = "interp";
  o.maxSpecializations = maxSpecializations;
  return o;
}

}  // namespace wick::testing

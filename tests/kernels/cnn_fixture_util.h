// Reads the CNN fixtures written by scripts/make_cnn_fixtures.py (inputs and
// PyTorch's outputs per op call) and runs a case through the registry.
#pragma once

#include <string>
#include <vector>

#include "runtime/operator.h"
#include "wick/tensor.h"

namespace wick::cnntest {

struct CnnCase {
  std::string name;
  std::string overload;  // "aten::conv2d.padding"
  double rtol = 0, atol = 0;
  bool inplace = false;
  std::vector<IValue> args;
  std::vector<Tensor> outputs;
};

// The cases of tests/data/cnn/<file> (loaded once per file).
const std::vector<CnnCase>& cnnCases(const std::string& file);
// Their names, for INSTANTIATE_TEST_SUITE_P.
std::vector<std::string> cnnCaseNames(const std::string& file);
const CnnCase& cnnCase(const std::string& file, const std::string& name);

// Calls the op by its overload name on copies of the inputs (fresh
// tensors, same views) and checks every output against PyTorch's.
void runCnnCase(const CnnCase& c);

// Calls `overload` with `args`; returns the stack afterwards.
Stack callOp(const std::string& overload, Stack args);

// Expects `actual` to match `expected` in shape and values.
void expectClose(const Tensor& actual, const Tensor& expected, double rtol, double atol,
                 const std::string& what);

}  // namespace wick::cnntest

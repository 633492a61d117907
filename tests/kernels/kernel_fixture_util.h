// Reads the kernel fixtures written by scripts/make_kernel_fixtures.py
// (tests/data/kernels/*.txt) and runs each case through the operator
// registry by its overload name, comparing with PyTorch's result.
#pragma once

#include <string>
#include <vector>

#include "runtime/operator.h"
#include "wick/tensor.h"

namespace wick::testing {

// One argument as written in the file; tensors are rebuilt per run so
// in-place ops never see another run's writes.
struct FixtureArg {
  char kind = 'N';  // T tensor, I int, F float, B bool, N none, S str, L int list, D float list, U tensor list
  std::string text;  // S
  double f = 0;
  int64_t i = 0;
  std::vector<int64_t> ints;
  std::vector<double> floats;  // D: float list
  // Tensors: the stored (contiguous) tensor and how to view it.
  std::vector<Tensor> stored;
  std::vector<char> views;
};

struct FixtureCase {
  std::string name;
  std::string overload;
  double rtol = 0, atol = 0;
  bool inplace = false;
  std::vector<FixtureArg> args;
  // Expected: tensors, an int, an int list, or an error substring.
  std::vector<Tensor> outTensors;
  bool hasOutInt = false;
  int64_t outInt = 0;
  bool hasOutList = false;
  std::vector<int64_t> outList;
  std::string error;
};

// Cases of tests/data/kernels/<file>, parsed once.
const std::vector<FixtureCase>& fixtureCases(const std::string& file);
std::vector<std::string> fixtureCaseNames(const std::string& file);
const FixtureCase& fixtureCase(const std::string& file, const std::string& name);

// Builds the arguments, calls the op through OperatorRegistry::global(),
// and checks the result (or the error message) with gtest assertions.
void runFixtureCase(const FixtureCase& c);

// Calls an overload on a stack of arguments; returns the stack afterwards.
Stack runOp(const std::string& overload, Stack args);
// The message of the wick::Error the call throws ("" when none).
std::string opError(const std::string& overload, Stack args);

// Shape, dtype and values (NaN matches NaN; ints and bools exactly).
void expectTensorClose(const Tensor& actual, const Tensor& expected, double rtol, double atol,
                       const std::string& what);

}  // namespace wick::testing

// GraphFunction: a TorchScript graph (the text `print(fn.graph)` shows)
// compiled for the interpreter and callable from C++.
//
//   auto fn = wick::GraphFunction::fromText(R"(
//     graph(%x : Tensor):
//       %one : int = prim::Constant[value=1]()
//       %y : Tensor = aten::add(%x, %x, %one)
//       return (%y))");
//   std::vector<wick::IValue> out = fn({wick::Tensor::full({2}, 1.0, wick::DType::Float32)});
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "wick/ivalue.h"
#include "wick/method_stats.h"

namespace wick {

class GraphFunction {
 public:
  // Parses and compiles graph text; throws wick::Error with file:line:col
  // for malformed text and with the op name for unresolvable operators.
  static GraphFunction fromText(std::string_view text, const std::string& filename = "<graph>");
  // Reads the graph text from a file.
  static GraphFunction fromFile(const std::string& path);

  // Runs the graph. Inputs are checked against the graph's input types.
  // Safe to call from many threads at once.
  std::vector<IValue> operator()(std::vector<IValue> inputs) const;

  // Executor counters so far (calls per tier, guards, kernels, compile time).
  MethodStats stats() const;

  size_t numInputs() const;
  // TorchScript type of each input ("Tensor", "int", "float[]", ...).
  std::vector<std::string> inputTypes() const;
  // The graph as text.
  std::string str() const;

  struct Impl;

 private:
  explicit GraphFunction(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace wick

// Helpers for the executor tests: graphs from text, deterministic tensors,
// comparing results, and executor options on the kernel IR evaluator.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "jit/executor.h"
#include "runtime/interpreter.h"
#include "wick/ivalue.h"

namespace wick::testing {

std::shared_ptr<const Code> compileGraphText(const std::string& text);
// Values i * 0.37 - 1.5 (mod a small range), shaped `sizes`.
Tensor patternTensor(const std::vector<int64_t>& sizes, DType dtype = DType::Float32, double offset = 0);
// A non-contiguous view: the transpose of a contiguous [cols, rows] tensor.
Tensor transposedTensor(int64_t rows, int64_t cols, DType dtype = DType::Float32);
// Same dtype, sizes and values (float within rtol 1e-5 / atol 1e-6).
void expectSameValues(const IValue& expected, const IValue& actual, const std::string& what);
// Profiling, optimization and fusion on the "interp" backend.
jit::ExecutorOptions interpOptions(int profilingRuns = 1, int maxSpecializations = 8);

// y = sigmoid(x) * x + x: three fusible ops, one group.
extern const char* const kSiluAddGraph;

}  // namespace wick::testing

// Helpers of the fuser tests: run a graph in the interpreter, and run a
// fused graph group by group (FusionGroups through FusedKernel, any other
// node through the interpreter), then compare results.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "jit/backend.h"
#include "jit/fused_kernel.h"
#include "wick/ivalue.h"

namespace wick::jit::testing {

struct FusedRunStats {
  int groups = 0;       // FusionGroup nodes run
  int compiled = 0;     // ... through a FusedKernel
  int fallbacks = 0;    // ... whose lowering/compile failed (ran in the interpreter)
  int guardChecks = 0;
  int guardFailures = 0;
};

// Runs `graph` (not modified) in the interpreter.
std::vector<IValue> interpret(const ir::Graph& graph, const std::vector<IValue>& inputs);

// Runs a fused graph; kernels are compiled on first use with `backend` and
// cached per group node (one specialization, or dynamic), so a second call
// with other inputs exercises the guards.
class FusedRunner {
 public:
  FusedRunner(std::shared_ptr<ir::Graph> fused, Backend* backend, bool dynamicShapes);
  std::vector<IValue> run(const std::vector<IValue>& inputs);
  FusedRunStats stats;

 private:
  std::shared_ptr<ir::Graph> g_;
  Backend* backend_;
  bool dynamic_;
  std::vector<std::pair<const ir::Node*, std::shared_ptr<FusedKernel>>> cache_;
};

// Empty when equal (floats within tolerance, NaN == NaN); else what differs.
std::string compareValues(const IValue& expected, const IValue& actual);

// Random tensor of `dtype` and `sizes`; non-contiguous (a strided view of
// a larger buffer, or a transposed one) when `contiguous` is false.
Tensor randomTensor(DType dtype, const std::vector<int64_t>& sizes, bool contiguous, uint64_t seed);

}  // namespace wick::jit::testing

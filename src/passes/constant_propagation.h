// Constant propagation over scalars and control flow: folds int, float and
// bool arithmetic and comparisons whose inputs are all constants into
// constants, and replaces a prim::If whose condition is a constant by the
// nodes of the branch it takes. Tensor ops on constant tensors are folded
// only through an evaluator the caller supplies (the passes layer cannot
// run kernels; the JIT runs the interpreter's op).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "ir/graph.h"

namespace wick::passes {

// Runs `node` on constant inputs and returns its outputs, or nullopt when
// it cannot (the op raised, or is unknown).
using NodeEvaluator =
    std::function<std::optional<std::vector<IValue>>(const ir::Node& node, const std::vector<IValue>& inputs)>;

struct ConstantPropagationOptions {
  // Folds tensor ops when set (see propagateConstants).
  NodeEvaluator evaluator;
  // Tensors (inputs and result) with more elements are not folded.
  int64_t maxTensorElements = int64_t{1} << 20;
  // When set, incremented per tensor op folded (for logs).
  size_t* tensorOpsFolded = nullptr;
};

// Returns the number of nodes folded or inlined. Unused constants are left
// for dead-code elimination.
//
// With an evaluator, an op on constant tensors is folded when it is a
// pure, deterministic op whose result is a fresh tensor (elementwise math,
// matmul, reductions, ... listed in constant_propagation.cpp) or a scalar
// read of a tensor (size, dim, numel), and only in a graph that mutates
// nothing (no in-place op, no list builtin, no SetAttr), and when every use
// of a folded tensor is an aten op that does not return a view of it: a
// fresh tensor per call may otherwise become one shared tensor that a
// caller could mutate.
size_t propagateConstants(ir::Graph& graph, const ConstantPropagationOptions& opts);
size_t propagateConstants(ir::Graph& graph);

}  // namespace wick::passes

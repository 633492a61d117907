// Runs one IR node on constant inputs through the interpreter: the
// evaluator constant propagation folds tensor ops with.
#pragma once

#include <optional>
#include <vector>

#include "ir/graph.h"
#include "wick/ivalue.h"

namespace wick::jit {

// The outputs of `node` applied to `inputs` (one per node input), or
// nullopt when the op does not resolve or raises (the error is then left
// for the run that reaches the node). `node` must have no blocks.
std::optional<std::vector<IValue>> evaluateNode(const ir::Node& node, const std::vector<IValue>& inputs);

}  // namespace wick::jit

// Helpers for the pass tests: running a graph through the interpreter
// before and after a pass, counting nodes, tensor constants.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "wick/ivalue.h"

namespace wick::testing {

// Runs (a copy of) `graph` on `inputs` in the interpreter.
std::vector<IValue> runGraph(const ir::Graph& graph, const std::vector<IValue>& inputs);
// Expects equal results: same kinds, tensors with the same dtype, sizes and
// values (exactly), scalars equal, lists and tuples element by element.
void expectSameResults(const std::vector<IValue>& expected, const std::vector<IValue>& actual);
// Nodes of `kind` in `b`, nested blocks included.
size_t countKind(const ir::Block& b, const std::string& kind);
// All nodes of `b`, nested ones included.
size_t countNodes(const ir::Block& b);
// Replaces the graph input named `name` by a prim::Constant of `value` at
// the top of the graph (the parser cannot spell tensor constants).
void inputToConstant(ir::Graph& graph, const std::string& name, const IValue& value);

}  // namespace wick::testing

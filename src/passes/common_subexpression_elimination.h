// Common subexpression elimination: a node that computes what an earlier
// node already computed (same kind, inputs, attributes and output types)
// is replaced by that node's outputs. The earlier node must dominate the
// later one: it is earlier in the same block or in an enclosing one.
#pragma once

#include "ir/graph.h"

namespace wick::passes {

// Never merges nodes with side effects (see hasSideEffects), nodes with
// blocks, nondeterministic or allocating-uninitialized ops (rand*, dropout,
// bernoulli, empty ...), or nodes producing lists, dicts or objects (they
// may be mutated apart later). When the graph mutates anything (an in-place
// op, a list builtin, SetAttr), only nodes whose inputs and outputs are all
// immutable scalars (int, float, bool, str, None, Device) and constants are
// merged, since a tensor or attribute read may see different contents at
// two points. Returns the number of nodes removed.
size_t eliminateCommonSubexpressions(ir::Graph& graph);

}  // namespace wick::passes

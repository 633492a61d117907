// Constant propagation over scalars and control flow: folds int, float and
// bool arithmetic and comparisons whose inputs are all constants into
// constants, and replaces a prim::If whose condition is a constant by the
// nodes of the branch it takes. Tensor ops are left alone (the passes layer
// cannot run kernels, and a folded tensor constant could later be mutated).
#pragma once

#include <cstddef>

#include "ir/graph.h"

namespace wick::passes {

// Returns the number of nodes folded or inlined. Unused constants are left
// for dead-code elimination.
size_t propagateConstants(ir::Graph& graph);

}  // namespace wick::passes

// Complete unrolling of small counted loops: a prim::Loop that runs a
// constant number of iterations, whose condition is constant true on entry
// and after every iteration (a `for i in range(n)` with n constant; no
// break, no while condition), is replaced by n copies of its body in order,
// each copy taking the iteration number as a constant and the previous
// copy's carried values. Constant propagation can then fold the induction
// variable (x * w[i] becomes x * w[0], ...).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ir/graph.h"

namespace wick::passes {

struct UnrollOptions {
  int64_t maxTripCount = 8;  // loops with more iterations are kept
  // Nodes (nested ones included) of all copies together; a bigger loop is
  // kept, so unrolling never blows up the graph.
  size_t maxUnrolledNodes = 256;
};

// Unrolls innermost loops first, so an outer loop counts the copies its
// unrolled inner loops left. Returns the number of loops unrolled.
size_t unrollSmallLoops(ir::Graph& graph, const UnrollOptions& opts = {});

}  // namespace wick::passes

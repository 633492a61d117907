// Peephole rewrites: local patterns replaced by what they provably compute
// (TorchScript's peephole pass, restricted to rewrites that keep results,
// dtypes, errors and observable aliasing unchanged).
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "ir/graph.h"

namespace wick::passes {

struct PeepholeOptions {
  // Whether the dtype/sizes/strides/device a Tensor type carries hold on
  // every run. The JIT's top-level graph carries profiled facts that no
  // guard checks (only fusion groups guard theirs), so the pipeline leaves
  // this false; tests and guarded graphs may set it.
  bool trustTensorInfo = false;
};

struct PeepholeStats {
  // Rewrites done, by rule name ("dropout_eval", "is_none", ...).
  std::map<std::string, size_t> rewrites;
  size_t total() const;
  std::string str() const;  // "dropout_eval 3, tuple_index 2"
};

// Rewrites, recursing into blocks; leaves dead nodes for dead-code
// elimination. The rules (each counted under its name):
//   dropout_eval      aten::dropout and friends with train=False and a
//                     constant p in [0, 1] -> the input (what ATen returns)
//   is_none           __is__ / __isnot__ where both sides are None, or one
//                     is None and the other's type cannot hold None
//   unchecked_cast    prim::unchecked_cast of a value already of the type
//   double_negation   -(-x) and not(not b) on int, float and bool scalars;
//                     on tensors with a trusted non-bool dtype, when the
//                     graph mutates nothing
//   if_same_outputs   prim::If outputs both branches take from the same
//                     outer value; an If left empty is removed
//   tuple_index       TupleIndex / TupleUnpack of a TupleConstruct
//   list_index        len / __getitem__ (constant index) / ListUnpack of a
//                     ListConstruct no one can mutate
//   tensor_shape      aten::size(x, d), aten::dim(x), aten::len(x) on a
//                     tensor of known rank/size (a tensor constant in a
//                     graph that mutates nothing, or trusted facts)
//   noop_conversion   aten::contiguous on a known-contiguous tensor,
//                     aten::to / type_as to its own dtype (and device) with
//                     copy=False (ATen returns self there too)
//   arith_identity    x + 0, x - 0, x * 1, x / 1 (scalar constants) on
//                     tensors whose dtype keeps its type under promotion
//                     (trusted facts), when the graph mutates nothing and
//                     the result is not returned; x + 0 is left on
//                     floating dtypes (-0.0 + 0 is +0.0)
PeepholeStats peephole(ir::Graph& graph, const PeepholeOptions& opts = {});

}  // namespace wick::passes

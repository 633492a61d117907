// Fusion: partitions the fusible nodes of every block of a graph into
// prim::FusionGroup nodes.
//
// A FusionGroup node's inputs are the tensors and scalars its members read
// from outside; its outputs are the member values used after it. Its
// "Subgraph" attribute (ir::Attribute::Kind::Graph) holds the members, in
// order, as a graph whose inputs and outputs correspond one to one with the
// node's; scalar constants the members read are copied into the subgraph.
// Running the subgraph in the interpreter gives the group's meaning, so a
// fallback is always available.
//
// What fuses (see isFusible): elementwise unary/binary/ternary aten ops with
// broadcasting and type promotion, casts (to(dtype), type_as), where, clamp,
// lerp, addcmul/addcdiv, scalar arguments, and reductions (sum, mean,
// amax/amin, var/std, softmax, log_softmax, layer_norm) with their
// producers and consumers. Groups never cross control flow (each block is
// partitioned on its own), never move a node past a node that may mutate
// memory, and never fuse in-place ops. A group is kept only when it pays:
// at least `minGroupSize` ops, or one op that is itself a reduction chain
// (softmax, log_softmax, layer_norm, var/std).
//
//   jit::FuserOptions opts = jit::FuserOptions::fromFlags(Flags::get());
//   jit::fuseGraph(*graph, opts);
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"

namespace wick {
struct Flags;
}

namespace wick::jit {

struct FuserOptions {
  // Operators never fused, by qualified name ("aten::mul") or base name
  // ("mul") (WICK_DONT_FUSE=mul:aten::sigmoid).
  std::vector<std::string> dontFuse;
  // Whether reductions (and softmax/layer_norm) may join groups.
  bool fuseReductions = true;
  // Smallest group kept, in ops (a group holding softmax, log_softmax,
  // layer_norm or var/std is always kept).
  int minGroupSize = 2;
  // Use dtypes/devices recorded on value types (profiling) to leave out
  // nodes the lowering cannot handle (Float16 inputs, CUDA tensors, integer
  // division ...). Nodes whose types are unknown are fused optimistically;
  // FusedKernel::compile then rejects what it cannot lower.
  bool useProfiledTypes = true;

  static FuserOptions fromFlags(const Flags& flags);
};

// The symbol of fusion group nodes.
ir::Symbol fusionGroupSymbol();  // prim::FusionGroup

// Whether `node` may join a fusion group under `opts` (its kind, its
// constant arguments, its known types); does not look at neighbours.
bool isFusible(const ir::Node& node, const FuserOptions& opts);

// Whether `node` may write memory some other node reads (in-place ops,
// ops with a mutable schema, calls, attribute stores, blocks holding any):
// fusion never moves a read across one. Shared with fuse_epilogues.
bool mayWriteMemory(const ir::Node& node);

// Whether WICK_DONT_FUSE (opts.dontFuse) names `node`'s operator, qualified
// ("aten::relu") or by its base name ("relu").
bool excludedByDontFuse(const ir::Node& node, const FuserOptions& opts);

// The pass. Nodes it creates are unresolved (op() == nullptr); the
// interpreter's Code::compile resolves prim::FusionGroup through whatever
// the executor registered.
void fuseGraph(ir::Graph& graph, const FuserOptions& opts);

// The FusionGroup nodes of every block, in program order (nested blocks
// after their owner).
std::vector<ir::Node*> fusionGroups(const ir::Graph& graph);

// The subgraph of a FusionGroup node.
const std::shared_ptr<ir::Graph>& fusionSubgraph(const ir::Node& group);

}  // namespace wick::jit

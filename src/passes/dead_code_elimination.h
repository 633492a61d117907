// Dead code elimination: removes nodes whose results are unused and that
// have no side effects, recursing into blocks.
#pragma once

#include "ir/graph.h"

namespace wick::passes {

// Removes, innermost first, every node without side effects whose outputs
// are unused, and the unused outputs of prim::If nodes. Passes cannot see
// operator schemas, so a node counts as side-effecting by its kind:
// prim::RaiseException, SetAttr, Print, CallMethod, CallFunction, Enter,
// Exit; in-place ops (names ending in '_', __setitem__, __iadd__, ...);
// and the mutating list and dict builtins (append, insert, pop, _set_item,
// ...). A node with blocks is kept while any node inside has side effects.
void eliminateDeadCode(ir::Graph& graph);

// Whether DCE must keep `n` even when its outputs are unused (its blocks
// are not inspected).
bool hasSideEffects(const ir::Node& n);

// Whether any node of `b`, its nested blocks or its subgraphs (prim::fork,
// fusion groups) has side effects: the passes that fold or forward values
// only where nothing in the graph writes memory ask this.
bool blockHasSideEffects(const ir::Block& b);

}  // namespace wick::passes

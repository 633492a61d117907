// Private to src/ir: attribute literals and per-node checks of the graph
// parser.
#pragma once

#include "ir/text_cursor.h"
#include "ir/type.h"

namespace wick::ir {

// An attribute value as PyTorch prints it: 1, -inf, 1.e-05, "s", {2},
// <Tensor>, [1, 2], (1, 2), {"a": 1}, None, True.
IValue parseAttributeLiteral(TextCursor& c, int depth = 0);
// Converts a prim::Constant's literal to its output type: value=1 with type
// bool is True, "cpu" with type Device is a Device, {1} with type
// Float(...) is a float tensor.
IValue coerceConstant(const IValue& v, const Type& t, const SourceLocation& loc);

// A prim::Constant has one output, no inputs, and a value unless it is None.
void checkConstantNode(const Node* n, const SourceLocation& loc);
// prim::If has a condition and two parameterless blocks returning its
// outputs; prim::Loop's block takes and returns the carried values.
void checkControlFlowNode(const Node* n, const SourceLocation& loc);

}  // namespace wick::ir

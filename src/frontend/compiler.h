// Compiles a parsed TorchScript function (a FunctionDef) into an ir::Graph:
// SSA values for variables, prim::If for if/else and conditional
// expressions, prim::Loop for while and for-range loops.
//
// The frontend may depend only on core and ir (ARCHITECTURE.md), so it does
// not know the operator registry: every operator and builtin call goes
// through a BuiltinResolver that the caller (the runtime) supplies.
//
// Covered: typed parameters, int/float/bool/str/None literals, arithmetic,
// bitwise and comparison operators (chains included), and/or/not with
// short-circuit, conditional expressions, builtin calls (`torch.add(x, y)`,
// `ops.prim.min(xs)`, `float(x)`, `x.relu()`), tuple, list and dict
// literals, `annotate(List[int], [])`, `unchecked_cast(T, x)`,
// `uninitialized(T)`, `inf`, tuple indexing, assignment and tuple unpacking,
// augmented assignment, if/elif/else, while, for over range(n) and
// range(a, b), assert, raise, and a return at the end of the function.
// Anything else is a wick::Error naming the construct and its location.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "frontend/ast.h"
#include "ir/graph.h"

namespace wick::frontend {

// An argument of a builtin call: positional (empty name) or keyword.
struct NamedValue {
  std::string name;
  ir::Value* value = nullptr;
};

class BuiltinResolver {
 public:
  virtual ~BuiltinResolver() = default;
  // Emits a call of builtin `qualName` ("aten::add", "aten::Float",
  // "prim::min") at the graph's insertion point, matching the arguments
  // against its overloads, and returns its single output. Returns nullptr
  // when no builtin of that name exists; throws wick::Error when one exists
  // but no overload accepts these arguments.
  virtual ir::Value* emitCall(ir::Graph& graph, const std::string& qualName, const std::vector<NamedValue>& args,
                              const std::vector<NamedValue>& kwargs, const ir::SourceLocation& loc) = 0;
};

// The graph of `def`: one input per parameter (typed by its annotation,
// Tensor when unannotated), one output (None when the function has no
// return). Throws wick::Error("file:line:col: ...") for programs it cannot
// compile.
std::shared_ptr<ir::Graph> compileFunction(const FunctionDef& def, BuiltinResolver& builtins);

// The type an annotation expression spells: `int`, `Tensor`,
// `List[Tuple[int, str]]`, `Optional[Tensor]`, `Dict[str, int]`,
// `Final[int]` (the int).
ir::TypePtr parseTypeAnnotation(const Expr& annotation);

// The IR location of a source range.
ir::SourceLocation toLocation(const SourceRange& range);

}  // namespace wick::frontend

// The BuiltinResolver the runtime gives the TorchScript source compiler:
// matches a call's positional and keyword arguments against the schemas of
// the registered overloads and emits the node the interpreter runs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "frontend/compiler.h"
#include "runtime/operator.h"

namespace wick {

// Matching follows TorchScript's rules: keywords by name, kwarg-only
// arguments only by keyword, defaults materialized as prim::Constant,
// None for Optional, int and float for Scalar, an int for `int[2]`
// (repeated), and int where a float is expected (converted). Among the
// overloads that accept the arguments the cheapest wins (exact before
// widening before type variables), ties going to the first registered.
class RegistryBuiltins : public frontend::BuiltinResolver {
 public:
  explicit RegistryBuiltins(const OperatorRegistry& registry = OperatorRegistry::global()) : registry_(registry) {}

  ir::Value* emitCall(ir::Graph& graph, const std::string& qualName, const std::vector<frontend::NamedValue>& args,
                      const std::vector<frontend::NamedValue>& kwargs, const ir::SourceLocation& loc) override;

  // Emits `qualName` against the registry only (what emitCall does for
  // names no subclass handles); nullptr when no op has that name.
  ir::Value* emitOperator(ir::Graph& graph, const std::string& qualName, const std::vector<frontend::NamedValue>& args,
                          const std::vector<frontend::NamedValue>& kwargs, const ir::SourceLocation& loc);

 protected:
  const OperatorRegistry& registry_;
};

// Type-variable bindings of one schema match ("t" -> int).
using TypeBindings = std::map<std::string, ir::TypePtr>;

// `t` with its type variables replaced by their bindings (Any when unbound).
ir::TypePtr substituteTypeVars(const ir::TypePtr& t, const TypeBindings& bindings);

}  // namespace wick

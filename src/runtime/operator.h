// The operator registry: every op the interpreter can call, keyed by its
// TorchScript schema, with overload resolution by argument types.
//
// Ops are plain functions over a stack of IValues: they pop their
// arguments (the last argument on top) and push their results. Registration
// is explicit: registerAllOperators() calls one function per op family; no
// static initializers.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/graph.h"
#include "ir/schema.h"
#include "wick/ivalue.h"

namespace wick {

using Stack = std::vector<IValue>;
using OpFn = void (*)(Stack& stack);

// A callable the interpreter runs for one node: a plain function pointer on
// the fast path, a closure for ops specialized to their node (the arity of
// prim::TupleConstruct, say).
struct Operation {
  OpFn fn = nullptr;
  std::function<void(Stack&)> closure;
  void operator()(Stack& s) const {
    if (fn) fn(s);
    else closure(s);
  }
  explicit operator bool() const { return fn || closure; }
};

struct Operator {
  ir::FunctionSchema schema;
  std::string schemaText;
  OpFn fn = nullptr;
  // For node-dependent ops; called once per node when code is built.
  std::function<Operation(const ir::Node&)> factory;

  Operation operationFor(const ir::Node& node) const {
    if (factory) return factory(node);
    Operation op;
    op.fn = fn;
    return op;
  }
};

class OperatorRegistry {
 public:
  // The registry with every builtin op registered (on first use).
  static OperatorRegistry& global();

  // Registers an op; throws if the schema does not parse or the exact
  // overload already exists.
  const Operator* add(std::string_view schema, OpFn fn);
  const Operator* add(std::string_view schema, std::function<Operation(const ir::Node&)> factory);

  // All overloads of "aten::add" (empty if none).
  const std::vector<const Operator*>& overloads(ir::Symbol name) const;
  // By "aten::add.Tensor" (or "aten::add" for the overload without a name).
  const Operator* findOverload(std::string_view qualifiedOverloadName) const;
  // Overload resolution: the best overload whose arguments accept
  // `argTypes` (positional, possibly followed by defaults). Returns nullptr
  // and fills `why` with the candidates and argument types when nothing
  // matches.
  const Operator* resolve(ir::Symbol name, const std::vector<ir::TypePtr>& argTypes,
                          std::string* why) const;
  // Resolves a node (using its input types) and records the op on it;
  // throws wick::Error naming the op and the argument types when it fails.
  const Operator* resolveNode(ir::Node& node) const;

  std::vector<const Operator*> all() const;

 private:
  std::vector<std::unique_ptr<Operator>> ops_;
  std::unordered_map<uint32_t, std::vector<const Operator*>> byName_;
  std::unordered_map<std::string, const Operator*> byOverload_;
};

// The op resolveNode recorded on `node` (ir::Node stores it as an opaque
// pointer because the IR layer does not know the runtime's Operator).
const Operator* operatorOf(const ir::Node& node);

// Fills the registry: defined in register_ops.cpp, calling each family's
// registration function in turn.
void registerAllOperators(OperatorRegistry& r);

// Stack helpers for op implementations.
inline IValue pop(Stack& s) {
  IValue v = std::move(s.back());
  s.pop_back();
  return v;
}
inline void drop(Stack& s, size_t n) { s.resize(s.size() - n); }
// The i-th of the top n values (0 is the deepest of them).
inline IValue& peek(Stack& s, size_t i, size_t n) { return s[s.size() - n + i]; }
template <typename... Ts>
inline void push(Stack& s, Ts&&... vs) {
  (s.emplace_back(std::forward<Ts>(vs)), ...);
}

}  // namespace wick

// The resolver for method bodies of archive classes: object operations
// (attribute reads and writes, method calls, archive constants) on top of
// the registry's operators.
#pragma once

#include <memory>

#include "runtime/frontend_builtins.h"

namespace wick::module {

class ArchiveClasses;

class MethodBuiltins : public RegistryBuiltins {
 public:
  MethodBuiltins(ArchiveClasses& classes, std::shared_ptr<ir::ClassType> self)
      : classes_(classes), self_(std::move(self)) {}

  // `self` is null for free functions. Besides the registry's ops:
  // prim::GetAttr(obj, "name"), getattr(obj, "name") and
  // prim::SetAttr(obj, "name", v) from source_rewrite, wick::archive_constant(i),
  // wick::call_function("qualified.name", args...), wick::create_object("cls"),
  // and "aten::<m>" with a receiver of class type, which calls method m of
  // that class (inlined: the interpreter has no call instruction).
  ir::Value* emitCall(ir::Graph& graph, const std::string& qualName, const std::vector<frontend::NamedValue>& args,
                      const std::vector<frontend::NamedValue>& kwargs, const ir::SourceLocation& loc) override;

 private:
  ir::Value* emitGetAttr(ir::Graph& graph, ir::Value* object, const std::string& name, const ir::SourceLocation& loc);
  ir::Value* emitMethodCall(ir::Graph& graph, const ir::ClassType& cls, const std::string& name,
                            const std::vector<frontend::NamedValue>& args,
                            const std::vector<frontend::NamedValue>& kwargs, const ir::SourceLocation& loc);

  // Inlines `callee` (the interpreter has no call instruction), binding
  // positional, keyword and default arguments to its parameters.
  ir::Value* emitInlined(ir::Graph& graph, ir::Function& callee, const std::vector<frontend::NamedValue>& args,
                         const std::vector<frontend::NamedValue>& kwargs, const ir::SourceLocation& loc);

  ArchiveClasses& classes_;
  std::shared_ptr<ir::ClassType> self_;
};

}  // namespace wick::module

// The resolver for method bodies of archive classes: object operations
// (attribute reads and writes, method calls, archive constants) on top of
// the registry's operators.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "runtime/frontend_builtins.h"

namespace wick::module {

class ArchiveClasses;

class MethodBuiltins : public RegistryBuiltins {
 public:
  // `paramTypes` types graph inputs the frontend types wrongly: `self`
  // (unannotated for it) and parameters annotated with archive classes.
  MethodBuiltins(ArchiveClasses& classes, std::vector<std::pair<size_t, ir::TypePtr>> paramTypes)
      : classes_(classes), paramTypes_(std::move(paramTypes)) {}

  // Besides the registry's ops:
  // prim::GetAttr(obj, "name"), getattr(obj, "name") and
  // prim::SetAttr(obj, "name", v) from source_rewrite, wick::archive_constant(i),
  // wick::call_function("qualified.name", args...) (a NamedTuple when it
  // names one), wick::create_object("cls"), field reads of NamedTuples,
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

  ir::Value* emitNamedTuple(ir::Graph& graph, const ir::TypePtr& type, const std::vector<frontend::NamedValue>& args,
                            const std::vector<frontend::NamedValue>& kwargs, const ir::SourceLocation& loc);

  ArchiveClasses& classes_;
  std::vector<std::pair<size_t, ir::TypePtr>> paramTypes_;
};

}  // namespace wick::module

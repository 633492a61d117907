// The function compiler's state, shared by compiler_stmt.cpp (statements
// and control flow) and compiler_expr.cpp (expressions). Private to
// src/frontend.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "frontend/compiler.h"

namespace wick::frontend {

class FunctionCompiler {
 public:
  FunctionCompiler(const FunctionDef& def, BuiltinResolver& builtins)
      : def_(def), builtins_(builtins), graph_(std::make_shared<ir::Graph>()) {}
  std::shared_ptr<ir::Graph> run();

 private:
  // Variables in scope, by name. Ordered, so loop-carried values and If
  // outputs come out in a stable order.
  using Env = std::map<std::string, ir::Value*>;

  // ---- statements (compiler_stmt.cpp) ----
  void emitBody(const StmtList& body, bool topLevel);
  void emitStatement(const Stmt& s, bool isLastTopLevel);
  void emitAssign(const Expr& target, ir::Value* value, const SourceRange& where);
  void emitIf(const If& s);
  void emitWhile(const While& s);
  void emitFor(const For& s);
  // A prim::Loop carrying the names that the body (and `loopTarget`)
  // assign and that exist before it; `emitIteration` emits one trip of the
  // body and returns its continue condition.
  void emitLoop(const SourceRange& where, ir::Value* maxTrips, ir::Value* initialCond, const StmtList& body,
                const Expr* loopTarget, const std::function<ir::Value*(ir::Value* iteration)>& emitIteration);
  void emitRaise(ir::Value* message, const std::string& exceptionName, const SourceRange& where);

  // ---- expressions (compiler_expr.cpp) ----
  // `hint` types empty list and dict literals (from an annotation).
  ir::Value* emitExpr(const Expr& e, const ir::TypePtr& hint = nullptr);
  ir::Value* emitCondition(const Expr& e);
  ir::Value* emitBuiltin(const std::string& qualName, std::vector<NamedValue> args, std::vector<NamedValue> kwargs,
                         const SourceRange& where);
  ir::Value* emitCall(const Call& call);
  ir::Value* emitCompare(const Compare& c);
  ir::Value* emitCompareOp(CompareOpKind op, ir::Value* lhs, ir::Value* rhs, const SourceRange& where);
  ir::Value* emitSubscript(const Subscript& s);
  ir::Value* emitList(const ListLiteral& l, const ir::TypePtr& hint);
  ir::Value* emitDict(const DictLiteral& d, const ir::TypePtr& hint);
  // prim::If(cond) whose branches return the values the callbacks emit.
  ir::Value* emitTernary(ir::Value* cond, const std::function<ir::Value*()>& thenValue,
                         const std::function<ir::Value*()>& elseValue, const SourceRange& where);
  ir::Value* toBool(ir::Value* v, const SourceRange& where);

  // ---- helpers ----
  ir::Node* insert(ir::Node* n, const SourceRange& where);
  ir::Value* constant(const IValue& v, const SourceRange& where);
  [[noreturn]] void fail(const SourceRange& where, const std::string& message) const;

  const FunctionDef& def_;
  BuiltinResolver& builtins_;
  std::shared_ptr<ir::Graph> graph_;
  Env env_;
  ir::TypePtr returnType_;
  bool returned_ = false;
};

}  // namespace wick::frontend

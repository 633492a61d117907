// Statements: assignments into the SSA environment, and structured control
// flow (prim::If, prim::Loop) whose outputs are the variables each branch
// or iteration changes.
#include <fmt/format.h>

#include <cstdint>
#include <limits>
#include <set>

#include "frontend/compiler_internal.h"

namespace wick::frontend {

namespace {

// Names a loop body assigns (its candidates for loop-carried values).
class AssignedNames : public AstVisitor {
 public:
  std::set<std::string> names;

  void target(const Expr& e) {
    if (auto* n = e.as<Name>()) names.insert(n->id);
    if (auto* t = e.as<TupleLiteral>()) {
      for (const ExprPtr& elt : t->elts) target(*elt);
    }
  }
  void visitAssign(const Assign& s) override {
    for (const ExprPtr& t : s.targets) target(*t);
  }
  void visitAugAssign(const AugAssign& s) override { target(*s.target); }
  void visitAnnAssign(const AnnAssign& s) override { target(*s.target); }
  void visitFor(const For& s) override {
    target(*s.target);
    visitChildren(s);
  }
};

}  // namespace

void FunctionCompiler::emitBody(const StmtList& body, bool topLevel) {
  for (size_t i = 0; i < body.size(); ++i) {
    if (returned_) fail(body[i]->range, "code after 'return' is unreachable");
    emitStatement(*body[i], topLevel && i + 1 == body.size());
  }
}

void FunctionCompiler::emitStatement(const Stmt& s, bool isLastTopLevel) {
  if (auto* n = s.as<ExprStmt>()) {
    emitExpr(*n->value);
  } else if (auto* n = s.as<Assign>()) {
    ir::Value* v = emitExpr(*n->value);
    for (const ExprPtr& t : n->targets) emitAssign(*t, v, n->range);
  } else if (auto* n = s.as<AnnAssign>()) {
    if (!n->value) fail(n->range, "a variable annotation needs a value in a function body");
    ir::TypePtr type = parseTypeAnnotation(*n->annotation);
    ir::Value* v = emitExpr(*n->value, type);
    if (!v->type()->isSubtypeOf(*type)) {
      fail(n->value->range, fmt::format("expected a value of type {} but got {}", type->annotationStr(),
                                        v->type()->annotationStr()));
    }
    emitAssign(*n->target, v, n->range);
  } else if (auto* n = s.as<AugAssign>()) {
    static const char* kOps[] = {"add", "sub", "mul", "div", "floordiv", "remainder", "pow", "matmul",
                                 "__lshift__", "__rshift__", "__and__", "__or__", "__xor__"};
    ir::Value* lhs = emitExpr(*n->target);
    ir::Value* rhs = emitExpr(*n->value);
    std::string op = std::string("aten::") + kOps[static_cast<size_t>(n->op)];
    emitAssign(*n->target, emitBuiltin(op, {{"", lhs}, {"", rhs}}, {}, n->range), n->range);
  } else if (auto* n = s.as<Return>()) {
    if (!isLastTopLevel) fail(n->range, "'return' is supported only as the last statement of a function");
    ir::Value* v = n->value ? emitExpr(*n->value, returnType_) : constant(IValue(), n->range);
    if (returnType_ && !v->type()->isSubtypeOf(*returnType_)) {
      fail(n->range, fmt::format("return value has type {} but the function returns {}", v->type()->annotationStr(),
                                 returnType_->annotationStr()));
    }
    graph_->registerOutput(v);
    returned_ = true;
  } else if (auto* n = s.as<If>()) {
    emitIf(*n);
  } else if (auto* n = s.as<While>()) {
    emitWhile(*n);
  } else if (auto* n = s.as<For>()) {
    emitFor(*n);
  } else if (s.as<Pass>()) {
  } else if (auto* n = s.as<Assert>()) {
    ir::Value* cond = emitCondition(*n->test);
    ir::Value* msg = n->msg ? emitExpr(*n->msg) : constant(IValue("AssertionError: "), n->range);
    emitTernary(
        cond, [&]() -> ir::Value* { return nullptr; },
        [&]() -> ir::Value* {
          emitRaise(msg, "builtins.AssertionError", n->range);
          return nullptr;
        },
        n->range);
  } else if (auto* n = s.as<Raise>()) {
    const auto* call = n->exc ? n->exc->as<Call>() : nullptr;
    const Expr* func = call ? call->func.get() : nullptr;
    std::string cls = func && func->as<Name>() ? func->as<Name>()->id
                      : func && func->as<Attribute>() ? func->as<Attribute>()->attr
                                                      : "";
    if (cls.empty() || call->args.size() > 1 || !call->keywords.empty()) {
      fail(s.range, "expected 'raise ExceptionClass(message)'");
    }
    ir::Value* msg = call->args.empty() ? constant(IValue(""), s.range) : emitExpr(*call->args[0]);
    emitRaise(msg, "builtins." + cls, s.range);
  } else {
    fail(s.range, fmt::format("{} statements are not supported by the source compiler", nodeKindName(s.kind)));
  }
}

void FunctionCompiler::emitRaise(ir::Value* message, const std::string& exceptionName, const SourceRange& where) {
  ir::Value* cls = constant(IValue(exceptionName), where);
  insert(graph_->create(ir::Symbol::prim_RaiseException, {message, cls}, 0), where);
}

void FunctionCompiler::emitAssign(const Expr& target, ir::Value* value, const SourceRange& where) {
  if (auto* n = target.as<Name>()) {
    // `y = x` keeps x's name on the value; only fresh values are named.
    if (!value->hasDebugName()) value->setDebugName(n->id);
    env_[n->id] = value;
    return;
  }
  auto* tuple = target.as<TupleLiteral>();
  const ExprList* elts = tuple ? &tuple->elts : target.as<ListLiteral>() ? &target.as<ListLiteral>()->elts : nullptr;
  if (!elts) fail(target.range, "only names and tuples of names can be assigned by the source compiler");
  const ir::Type& type = *value->type();
  if (type.kind() == ir::TypeKind::List) {
    // `a, b = xs`: the count comes from the targets; prim::ListUnpack fails
    // at run time when the list's length differs.
    ir::Node* unpack = insert(graph_->create(ir::Symbol::prim_ListUnpack, {value}, elts->size()), where);
    for (size_t i = 0; i < elts->size(); ++i) {
      if ((*elts)[i]->as<Starred>()) fail((*elts)[i]->range, "starred targets are not supported by the source compiler");
      unpack->output(i)->setType(type.containedTypes()[0]);
      emitAssign(*(*elts)[i], unpack->output(i), where);
    }
    return;
  }
  if (type.kind() != ir::TypeKind::Tuple) {
    fail(target.range, fmt::format("cannot unpack a value of type {}", type.annotationStr()));
  }
  if (type.containedTypes().size() != elts->size()) {
    fail(target.range, fmt::format("cannot unpack a tuple of {} elements into {} targets", type.containedTypes().size(),
                                   elts->size()));
  }
  ir::Node* unpack = insert(graph_->create(ir::Symbol::prim_TupleUnpack, {value}, elts->size()), where);
  for (size_t i = 0; i < elts->size(); ++i) {
    if ((*elts)[i]->as<Starred>()) fail((*elts)[i]->range, "starred targets are not supported by the source compiler");
    unpack->output(i)->setType(type.containedTypes()[i]);
    emitAssign(*(*elts)[i], unpack->output(i), where);
  }
}

void FunctionCompiler::emitIf(const If& s) {
  ir::Value* cond = emitCondition(*s.cond);
  ir::Node* node = insert(graph_->create(ir::Symbol::prim_If, {cond}, 0), s.range);
  ir::Node* after = node->next();
  Env before = env_;
  ir::Block* blocks[2] = {node->addBlock(), node->addBlock()};
  Env envs[2];
  const StmtList* bodies[2] = {&s.body, &s.orelse};
  for (int b = 0; b < 2; ++b) {
    env_ = before;
    graph_->setInsertPoint(blocks[b]);
    emitBody(*bodies[b], false);
    envs[b] = env_;
  }
  graph_->setInsertPoint(after);
  // A variable survives the If when both branches define it; when they
  // define it differently it becomes an output of the If.
  env_ = before;
  for (const auto& [name, thenValue] : envs[0]) {
    auto other = envs[1].find(name);
    if (other == envs[1].end()) {
      env_.erase(name);
      continue;
    }
    ir::Value* elseValue = other->second;
    if (thenValue == elseValue) {
      env_[name] = thenValue;
      continue;
    }
    ir::TypePtr type = ir::unifyTypes(thenValue->type(), elseValue->type());
    if (!type) {
      fail(s.range, fmt::format("variable '{}' is {} in the true branch and {} in the false branch", name,
                                thenValue->type()->annotationStr(), elseValue->type()->annotationStr()));
    }
    blocks[0]->registerOutput(thenValue);
    blocks[1]->registerOutput(elseValue);
    ir::Value* out = node->addOutput();
    out->setType(type);
    out->setDebugName(name);
    env_[name] = out;
  }
}

void FunctionCompiler::emitLoop(const SourceRange& where, ir::Value* maxTrips, ir::Value* initialCond,
                                const StmtList& body, const Expr* loopTarget,
                                const std::function<ir::Value*(ir::Value*)>& emitIteration) {
  AssignedNames assigned;
  for (const StmtPtr& s : body) assigned.visit(*s);
  if (loopTarget) assigned.target(*loopTarget);
  std::vector<std::string> carried;
  std::vector<ir::Value*> inputs = {maxTrips, initialCond};
  for (const std::string& name : assigned.names) {
    auto it = env_.find(name);
    if (it == env_.end()) continue;  // first defined in the body: loop-local
    carried.push_back(name);
    inputs.push_back(it->second);
  }
  ir::Node* loop = insert(graph_->create(ir::Symbol::prim_Loop, inputs, 0), where);
  ir::Node* after = loop->next();
  Env before = env_;
  ir::Block* block = loop->addBlock();
  ir::Value* iteration = block->addInput();
  iteration->setType(ir::Type::get(ir::TypeKind::Int));
  for (const std::string& name : carried) {
    ir::Value* param = block->addInput(name);
    param->setType(before[name]->type());
    env_[name] = param;
  }
  graph_->setInsertPoint(block);
  block->registerOutput(emitIteration(iteration));
  for (const std::string& name : carried) {
    ir::Value* v = env_.at(name);
    if (!v->type()->isSubtypeOf(*before[name]->type())) {
      fail(where, fmt::format("variable '{}' is {} before the loop and {} at the end of its body", name,
                              before[name]->type()->annotationStr(), v->type()->annotationStr()));
    }
    block->registerOutput(v);
  }
  graph_->setInsertPoint(after);
  env_ = before;
  for (const std::string& name : carried) {
    ir::Value* out = loop->addOutput();
    out->setType(before[name]->type());
    out->setDebugName(name);
    env_[name] = out;
  }
}

void FunctionCompiler::emitWhile(const While& s) {
  ir::Value* maxTrips = constant(IValue(std::numeric_limits<int64_t>::max()), s.range);
  ir::Value* cond = emitCondition(*s.cond);
  emitLoop(s.range, maxTrips, cond, s.body, nullptr, [&](ir::Value*) {
    emitBody(s.body, false);
    return emitCondition(*s.cond);
  });
}

void FunctionCompiler::emitFor(const For& s) {
  const auto* call = s.iter->as<Call>();
  const auto* callee = call ? call->func->as<Name>() : nullptr;
  if (!callee || callee->id != "range" || call->args.empty() || call->args.size() > 2 || !call->keywords.empty()) {
    fail(s.iter->range, "the source compiler supports 'for' over range(stop) and range(start, stop) only");
  }
  const auto* target = s.target->as<Name>();
  if (!target) fail(s.target->range, "a range loop needs a single variable");
  ir::Value* start = call->args.size() == 2 ? emitExpr(*call->args[0]) : nullptr;
  ir::Value* stop = emitExpr(*call->args.back());
  // range(start, stop) runs stop - start times with i = start + iteration.
  ir::Value* trips = start ? emitBuiltin("aten::sub", {{"", stop}, {"", start}}, {}, s.iter->range) : stop;
  ir::Value* always = constant(IValue(true), s.range);
  // Like Python, the loop variable keeps its last value after the loop when
  // it existed before it; otherwise it is local to the loop.
  emitLoop(s.range, trips, always, s.body, s.target.get(), [&](ir::Value* iteration) {
    ir::Value* i = start ? emitBuiltin("aten::add", {{"", iteration}, {"", start}}, {}, s.target->range) : iteration;
    emitAssign(*s.target, i, s.range);
    emitBody(s.body, false);
    return constant(IValue(true), s.range);
  });
}

}  // namespace wick::frontend

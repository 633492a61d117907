// The compiler's entry point, type annotations, and the helpers every
// emitter uses.
#include "frontend/compiler.h"

#include <fmt/format.h>

#include "frontend/ast_printer.h"
#include "frontend/compiler_internal.h"

namespace wick::frontend {

namespace {

// `typing.List` and `List` name the same thing; so do `torch.Tensor` and
// `Tensor`. Returns the last component of a dotted name, or "".
std::string typeName(const Expr& e) {
  if (auto* n = e.as<Name>()) return n->id;
  if (auto* a = e.as<Attribute>()) {
    std::string base = typeName(*a->value);
    if (base == "typing" || base == "torch" || base == "builtins") return a->attr;
  }
  return "";
}

}  // namespace

ir::SourceLocation toLocation(const SourceRange& range) { return {range.file, range.line, range.col}; }

ir::TypePtr parseTypeAnnotation(const Expr& annotation) {
  using ir::Type;
  using ir::TypeKind;
  if (annotation.as<NoneLiteral>()) return Type::get(TypeKind::None);
  if (auto* sub = annotation.as<Subscript>()) {
    std::string outer = typeName(*sub->value);
    std::vector<ir::TypePtr> args;
    for (const ExprPtr& index : sub->indices) {
      // Tuple[()] is the empty tuple type.
      if (auto* t = index->as<TupleLiteral>(); t && t->elts.empty()) continue;
      args.push_back(parseTypeAnnotation(*index));
    }
    auto arity = [&](size_t n) {
      if (args.size() != n) {
        throwSyntaxError(annotation.range, fmt::format("{} takes {} type argument{}, got {}", outer, n,
                                                       n == 1 ? "" : "s", args.size()));
      }
    };
    if (outer == "List") return arity(1), Type::list(args[0]);
    if (outer == "Optional") return arity(1), Type::optional(args[0]);
    if (outer == "Final") return arity(1), args[0];
    if (outer == "Dict") return arity(2), Type::dict(args[0], args[1]);
    if (outer == "Tuple") return Type::tuple(args);
    if (outer == "Union") return Type::unionOf(args);
    if (outer == "Future") return arity(1), Type::future(args[0]);
    throwSyntaxError(annotation.range, fmt::format("unknown generic type '{}'", printSource(*sub->value)));
  }
  std::string name = typeName(annotation);
  static const std::map<std::string, TypeKind> kSimple = {
      {"int", TypeKind::Int},       {"float", TypeKind::Float},   {"bool", TypeKind::Bool},
      {"str", TypeKind::Str},       {"Tensor", TypeKind::Tensor}, {"NoneType", TypeKind::None},
      {"Any", TypeKind::Any},       {"number", TypeKind::Number}, {"Device", TypeKind::Device},
      {"device", TypeKind::Device}, {"Scalar", TypeKind::Number}, {"Generator", TypeKind::Generator},
  };
  auto it = kSimple.find(name);
  if (it == kSimple.end()) throwSyntaxError(annotation.range, fmt::format("unknown type '{}'", printSource(annotation)));
  return Type::get(it->second);
}

std::shared_ptr<ir::Graph> compileFunction(const FunctionDef& def, BuiltinResolver& builtins) {
  return FunctionCompiler(def, builtins).run();
}

std::shared_ptr<ir::Graph> FunctionCompiler::run() {
  for (const Param& p : def_.params) {
    ir::TypePtr type = p.annotation ? parseTypeAnnotation(*p.annotation) : ir::Type::tensor();
    ir::Value* v = graph_->addInput(p.name);
    v->setType(type);
    env_[p.name] = v;
  }
  returnType_ = def_.returns ? parseTypeAnnotation(*def_.returns) : nullptr;
  emitBody(def_.body, true);
  if (!returned_) {
    if (returnType_ && returnType_->kind() != ir::TypeKind::None) {
      fail(def_.range, fmt::format("function '{}' must return a value of type {}", def_.name, returnType_->annotationStr()));
    }
    graph_->registerOutput(constant(IValue(), def_.range));
  }
  graph_->lint();
  return graph_;
}

ir::Node* FunctionCompiler::insert(ir::Node* n, const SourceRange& where) {
  n->setLocation(toLocation(where));
  return graph_->insertNode(n);
}

ir::Value* FunctionCompiler::constant(const IValue& v, const SourceRange& where) {
  return insert(graph_->createConstant(v), where)->output();
}

void FunctionCompiler::fail(const SourceRange& where, const std::string& message) const {
  throwSyntaxError(where, message);
}

}  // namespace wick::frontend

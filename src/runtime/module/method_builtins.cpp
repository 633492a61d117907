// Object operations inside archive methods: attribute access, archive
// constants and method calls, which are inlined into the caller's graph.
#include "runtime/module/method_builtins.h"

#include <fmt/format.h>

#include "runtime/module/archive_classes.h"
#include "wick/error.h"

namespace wick::module {

namespace {

[[noreturn]] void fail(const ir::SourceLocation& loc, const std::string& message) {
  Error e(message);
  if (loc.valid()) e.addContext("at " + loc.str());
  throw e;
}

// The value of a constant argument the rewrite produced (an attribute name,
// a constant index).
const IValue& constantOf(const ir::Value* v, const ir::SourceLocation& loc) {
  const ir::Node* n = v->node();
  if (n->kind() != ir::Symbol::prim_Constant || !n->hasAttribute("value")) fail(loc, "expected a constant argument");
  return n->ival("value");
}

ir::Value* insertConstant(ir::Graph& graph, const IValue& v, const ir::SourceLocation& loc) {
  ir::Node* n = graph.insertNode(graph.createConstant(v));
  n->setLocation(loc);
  return n->output();
}

const ir::ClassType* classOf(const ir::Value* v) { return dynamic_cast<const ir::ClassType*>(v->type().get()); }

}  // namespace

ir::Value* MethodBuiltins::emitCall(ir::Graph& graph, const std::string& qualName,
                                    const std::vector<frontend::NamedValue>& args,
                                    const std::vector<frontend::NamedValue>& kwargs, const ir::SourceLocation& loc) {
  // The compiler typed these inputs Tensor (their annotations were taken
  // away); they are typed before anything reads them through here.
  for (const auto& [i, type] : paramTypes_) {
    if (i < graph.inputs().size() && graph.inputs()[i]->type() != type) graph.inputs()[i]->setType(type);
  }
  if (qualName == "wick::bind_params") return insertConstant(graph, IValue(), loc);
  if (qualName == "prim::GetAttr" && args.size() == 2 && kwargs.empty()) {
    return emitGetAttr(graph, args[0].value, constantOf(args[1].value, loc).toStringRef(), loc);
  }
  if (qualName == "prim::SetAttr" && args.size() == 3 && kwargs.empty()) {
    const std::string& name = constantOf(args[1].value, loc).toStringRef();
    const ir::ClassType* cls = classOf(args[0].value);
    if (!cls || cls->findAttribute(name) < 0) {
      fail(loc, fmt::format("cannot assign attribute '{}' of a value of type {}", name,
                            args[0].value->type()->annotationStr()));
    }
    ir::Node* n = graph.insertNode(graph.create(ir::Symbol::prim_SetAttr, {args[0].value, args[2].value}, 0));
    n->s_("name", name);
    n->setLocation(loc);
    return insertConstant(graph, IValue(), loc);
  }
  // getattr(self, "0"): how the printer names a numbered submodule.
  if (qualName == "aten::getattr" && args.size() == 2 && kwargs.empty() && classOf(args[0].value)) {
    return emitGetAttr(graph, args[0].value, constantOf(args[1].value, loc).toStringRef(), loc);
  }
  if (qualName == "wick::call_function" && !args.empty()) {
    const std::string& callee = constantOf(args[0].value, loc).toStringRef();
    if (ir::TypePtr t = classes_.namedTupleFor(callee)) {
      return emitNamedTuple(graph, t, std::vector<frontend::NamedValue>(args.begin() + 1, args.end()), kwargs, loc);
    }
    ir::Function& fn = classes_.function(callee);
    return emitInlined(graph, fn, std::vector<frontend::NamedValue>(args.begin() + 1, args.end()), kwargs, loc);
  }
  if (qualName == "wick::create_object" && args.size() == 1) {
    auto cls = classes_.classFor(constantOf(args[0].value, loc).toStringRef());
    ir::Node* n = graph.insertNode(graph.create(ir::Symbol::prim_CreateObject, {}, 1));
    n->setLocation(loc);
    return n->output()->setType(cls);
  }
  if (qualName == "wick::archive_constant" && args.size() == 1) {
    return insertConstant(graph, classes_.constant(constantOf(args[0].value, loc).toInt()), loc);
  }
  if (!args.empty() && qualName.rfind("aten::", 0) == 0) {
    if (const ir::ClassType* cls = classOf(args[0].value)) {
      return emitMethodCall(graph, *cls, qualName.substr(6), args, kwargs, loc);
    }
  }
  return RegistryBuiltins::emitCall(graph, qualName, args, kwargs, loc);
}

ir::Value* MethodBuiltins::emitGetAttr(ir::Graph& graph, ir::Value* object, const std::string& name,
                                       const ir::SourceLocation& loc) {
  const ir::Type& type = *object->type();
  if (type.isNamedTuple()) {
    const auto& fields = type.fieldNames();
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i] != name) continue;
      ir::Value* index = insertConstant(graph, IValue(static_cast<int64_t>(i)), loc);
      ir::Node* n = graph.insertNode(graph.create(ir::Symbol::prim_TupleIndex, {object, index}, 1));
      n->setLocation(loc);
      return n->output()->setType(type.containedTypes()[i]);
    }
    fail(loc, fmt::format("NamedTuple {} has no field '{}'", type.name(), name));
  }
  const ir::ClassType* cls = classOf(object);
  if (!cls) {
    fail(loc, fmt::format("attribute '{}' of a value of type {} is not supported", name,
                          object->type()->annotationStr()));
  }
  int64_t slot = cls->findAttribute(name);
  if (slot >= 0) {
    ir::Node* n = graph.insertNode(graph.create(ir::Symbol::prim_GetAttr, {object}, 1));
    n->s_("name", name);
    n->setLocation(loc);
    return n->output()->setType(cls->attributeType(static_cast<size_t>(slot)));
  }
  // Final attributes are class constants, folded into the graph.
  auto it = cls->constants().find(name);
  if (it != cls->constants().end()) return insertConstant(graph, it->second, loc);
  fail(loc, fmt::format("class '{}' has no attribute '{}'", cls->qualifiedName(), name));
}

ir::Value* MethodBuiltins::emitNamedTuple(ir::Graph& graph, const ir::TypePtr& type,
                                          const std::vector<frontend::NamedValue>& args,
                                          const std::vector<frontend::NamedValue>& kwargs,
                                          const ir::SourceLocation& loc) {
  const auto& fields = type->fieldNames();
  std::vector<ir::Value*> values(fields.size(), nullptr);
  if (args.size() > fields.size()) fail(loc, fmt::format("{} has {} fields, {} given", type->name(), fields.size(), args.size()));
  for (size_t i = 0; i < args.size(); ++i) values[i] = args[i].value;
  for (const frontend::NamedValue& k : kwargs) {
    size_t i = 0;
    while (i < fields.size() && fields[i] != k.name) ++i;
    if (i == fields.size() || values[i]) fail(loc, fmt::format("{} has no field '{}' to set", type->name(), k.name));
    values[i] = k.value;
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!values[i]) fail(loc, fmt::format("{} is missing field '{}'", type->name(), fields[i]));
  }
  ir::Node* n = graph.insertNode(graph.create(ir::Symbol::prim_TupleConstruct, values, 1));
  n->setLocation(loc);
  return n->output()->setType(type);
}

ir::Value* MethodBuiltins::emitMethodCall(ir::Graph& graph, const ir::ClassType& cls, const std::string& name,
                                          const std::vector<frontend::NamedValue>& args,
                                          const std::vector<frontend::NamedValue>& kwargs,
                                          const ir::SourceLocation& loc) {
  if (!classes_.hasMethod(cls, name)) fail(loc, fmt::format("class '{}' has no method '{}'", cls.qualifiedName(), name));
  return emitInlined(graph, classes_.method(cls, name), args, kwargs, loc);
}

ir::Value* MethodBuiltins::emitInlined(ir::Graph& graph, ir::Function& callee,
                                       const std::vector<frontend::NamedValue>& args,
                                       const std::vector<frontend::NamedValue>& kwargs, const ir::SourceLocation& loc) {
  const auto& params = callee.params();
  std::vector<ir::Value*> inputs(params.size(), nullptr);
  if (args.size() > params.size()) {
    fail(loc, fmt::format("{} takes {} arguments, {} given", callee.qualName(), params.size(), args.size()));
  }
  for (size_t i = 0; i < args.size(); ++i) inputs[i] = args[i].value;
  for (const frontend::NamedValue& k : kwargs) {
    size_t i = 0;
    while (i < params.size() && params[i].name != k.name) ++i;
    if (i == params.size() || inputs[i]) {
      fail(loc, fmt::format("{} got an unexpected or repeated keyword argument '{}'", callee.qualName(), k.name));
    }
    inputs[i] = k.value;
  }
  for (size_t i = 0; i < params.size(); ++i) {
    if (inputs[i]) continue;
    if (!params[i].defaultValue) fail(loc, fmt::format("{} is missing argument '{}'", callee.qualName(), params[i].name));
    inputs[i] = insertConstant(graph, *params[i].defaultValue, loc);
  }
  std::vector<ir::Value*> outs = graph.insertGraph(*callee.graph(), inputs);
  if (outs.size() != 1) fail(loc, fmt::format("{} returns {} values", callee.qualName(), outs.size()));
  return outs[0];
}

}  // namespace wick::module

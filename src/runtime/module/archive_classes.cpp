// Class declaration from archive source and lazy method compilation: the
// module object model's loader half (method_builtins.cpp emits the object
// operations inside method bodies).
#include "runtime/module/archive_classes.h"

#include <fmt/format.h>

#include "frontend/compiler.h"
#include "frontend/parser.h"
#include "runtime/interpreter.h"
#include "runtime/module/method_builtins.h"
#include "runtime/module/source_rewrite.h"
#include "wick/error.h"

namespace wick::module {

using frontend::ClassDef;
using frontend::Expr;
using frontend::FunctionDef;

ArchiveClasses::ArchiveClasses(std::shared_ptr<const serialize::ZipArchive> archive, std::string name)
    : archive_(std::move(archive)), name_(std::move(name)) {}

const IValue& ArchiveClasses::constant(int64_t index) const {
  if (index < 0 || static_cast<size_t>(index) >= constants_.size()) {
    throw Error(fmt::format("{}: CONSTANTS.c{} is out of range (constants.pkl holds {} values)", name_, index,
                            constants_.size()));
  }
  return constants_[static_cast<size_t>(index)];
}

ArchiveClasses::SourceFile& ArchiveClasses::sourceFor(const std::string& path) {
  auto it = files_.find(path);
  if (it != files_.end()) return *it->second;
  auto file = std::make_unique<SourceFile>();
  file->text = std::string(archive_->read(path).view());
  file->tree = frontend::parseFile(file->text, path);
  return *files_.emplace(path, std::move(file)).first->second;
}

bool ArchiveClasses::mentionsArchiveType(const Expr& annotation) {
  if (dottedName(annotation).rfind("__torch__.", 0) == 0) return true;
  if (auto* sub = annotation.as<frontend::Subscript>()) {
    for (const auto& index : sub->indices) {
      if (mentionsArchiveType(*index)) return true;
    }
  }
  if (auto* tuple = annotation.as<frontend::TupleLiteral>()) {
    for (const auto& e : tuple->elts) {
      if (mentionsArchiveType(*e)) return true;
    }
  }
  return false;
}

std::string ArchiveClasses::sourcePath(const std::string& qualName) const {
  std::string path = "code/" + qualName.substr(0, qualName.rfind('.')) + ".py";
  for (size_t i = 5; i < path.size() - 3; ++i) {
    if (path[i] == '.') path[i] = '/';
  }
  return path;
}

ClassDef& ArchiveClasses::classDef(const std::string& qualName) {
  size_t dot = qualName.rfind('.');
  if (qualName.rfind("__torch__.", 0) != 0 || dot == std::string::npos) {
    throw Error(fmt::format("{}: class '{}' is not a TorchScript class of the archive", name_, qualName));
  }
  std::string path = sourcePath(qualName);
  if (!archive_->hasRecord(path)) {
    throw Error(fmt::format("{}: no source for class '{}' (expected {})", name_, qualName, path));
  }
  SourceFile& file = sourceFor(path);
  std::string shortName = qualName.substr(dot + 1);
  for (auto& stmt : file.tree) {
    if (auto* c = stmt->as<ClassDef>(); c && c->name == shortName) return *c;
  }
  throw Error(fmt::format("{}: {} does not define class '{}'", name_, path, shortName));
}

bool ArchiveClasses::isNamedTuple(const ClassDef& def) {
  for (const auto& base : def.bases) {
    if (dottedName(*base) == "NamedTuple") return true;
  }
  return false;
}

ir::TypePtr ArchiveClasses::typeFor(const std::string& qualName) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  if (auto it = namedTuples_.find(qualName); it != namedTuples_.end()) return it->second;
  if (classes_.count(qualName)) return classes_.find(qualName)->second.type;
  ClassDef& def = classDef(qualName);
  if (!isNamedTuple(def)) return classFor(qualName);
  // `class Out(NamedTuple):` with one annotated line per field.
  std::vector<std::string> fields;
  std::vector<ir::TypePtr> types;
  for (auto& stmt : def.body) {
    auto* ann = stmt->as<frontend::AnnAssign>();
    auto* target = ann ? ann->target->as<frontend::Name>() : nullptr;
    if (!target || ann->value) {
      throw Error(fmt::format("{}: {}: NamedTuple '{}' may hold only annotated fields without defaults", name_,
                              stmt->range.str(), qualName));
    }
    fields.push_back(target->id);
    types.push_back(annotationType(*ann->annotation));
  }
  ir::TypePtr t = ir::Type::namedTuple(qualName, std::move(fields), std::move(types));
  namedTuples_[qualName] = t;
  return t;
}

ir::TypePtr ArchiveClasses::namedTupleFor(const std::string& qualName) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  size_t dot = qualName.rfind('.');
  if (dot == std::string::npos || !archive_->hasRecord(sourcePath(qualName))) return nullptr;
  const std::string shortName = qualName.substr(dot + 1);
  for (auto& stmt : sourceFor(sourcePath(qualName)).tree) {
    if (auto* c = stmt->as<ClassDef>(); c && c->name == shortName && isNamedTuple(*c)) return typeFor(qualName);
  }
  return nullptr;
}

std::shared_ptr<ir::ClassType> ArchiveClasses::classFor(const std::string& qualName) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  if (auto it = classes_.find(qualName); it != classes_.end()) return it->second.type;
  ClassDef* def = &classDef(qualName);
  bool isModule = false;
  for (const auto& base : def->bases) {
    std::string b = dottedName(*base);
    if (b == "Module") isModule = true;
    else if (b == "NamedTuple") throw Error(fmt::format("{}: '{}' is a NamedTuple, not a class", name_, qualName));
    else if (!b.empty()) throw Error(fmt::format("{}: class '{}' derives from {}, which Wick does not load yet", name_, qualName, b));
  }
  // Attribute types declare their classes recursively; bounded like calls.
  if (declaring_ >= kMaxDepth) {
    throw Error(fmt::format("{}: class attributes nest more than {} deep at '{}'", name_, kMaxDepth, qualName));
  }
  ClassEntry& entry = classes_[qualName];
  entry.type = std::make_shared<ir::ClassType>(qualName, isModule);
  ++declaring_;
  struct Leave {
    size_t& depth;
    ~Leave() { --depth; }
  } leave{declaring_};
  try {
    // Registered before its members are declared: an attribute may name the
    // class itself.
    declareMembers(entry, *def);
  } catch (...) {
    classes_.erase(qualName);
    throw;
  }
  return entry.type;
}

ir::TypePtr ArchiveClasses::annotationType(const Expr& annotation) {
  std::string dotted = dottedName(annotation);
  if (dotted.rfind("__torch__.", 0) == 0) return typeFor(dotted);
  if (auto* sub = annotation.as<frontend::Subscript>(); sub && sub->indices.size() == 1) {
    std::string outer = dottedName(*sub->value);
    if (outer == "Optional") return ir::Type::optional(annotationType(*sub->indices[0]));
    if (outer == "List") return ir::Type::list(annotationType(*sub->indices[0]));
    if (outer == "Final") return annotationType(*sub->indices[0]);
  }
  return frontend::parseTypeAnnotation(annotation);
}

void ArchiveClasses::declareMembers(ClassEntry& entry, ClassDef& def) {
  ir::ClassType& cls = *entry.type;
  std::set<std::string> parameters, buffers;
  for (auto& stmt : def.body) {
    if (auto* ann = stmt->as<frontend::AnnAssign>()) {
      auto* target = ann->target->as<frontend::Name>();
      if (!target) throw Error(fmt::format("{}: {}: unsupported class member", name_, ann->range.str()));
      if (ann->value) {
        // `in_features : Final[int] = 8`: a class constant.
        auto v = literalValue(*ann->value);
        if (!v) throw Error(fmt::format("{}: {}: the constant '{}' is not a literal", name_, ann->range.str(), target->id));
        cls.addConstant(target->id, *v);
        continue;
      }
      cls.addAttribute(target->id, annotationType(*ann->annotation));
    } else if (auto* assign = stmt->as<frontend::Assign>()) {
      // `__annotations__["0"] = __torch__.X`: an attribute whose name is no
      // identifier (the entries of nn.Sequential).
      if (auto* sub = assign->targets.size() == 1 ? assign->targets[0]->as<frontend::Subscript>() : nullptr) {
        auto key = sub->indices.size() == 1 ? literalValue(*sub->indices[0]) : std::nullopt;
        if (dottedName(*sub->value) == "__annotations__" && key && key->isString()) {
          cls.addAttribute(key->toStringRef(), annotationType(*assign->value));
          continue;
        }
      }
      auto* target = assign->targets.size() == 1 ? assign->targets[0]->as<frontend::Name>() : nullptr;
      if (!target) throw Error(fmt::format("{}: {}: unsupported class member", name_, assign->range.str()));
      std::set<std::string>* names = target->id == "__parameters__" ? &parameters
                                     : target->id == "__buffers__"  ? &buffers
                                                                    : nullptr;
      auto v = literalValue(*assign->value);
      if (names && v && v->isList()) {
        for (const IValue& n : v->toList()->elements) {
          if (n.isString()) names->insert(n.toStringRef());
        }
      } else if (v) {
        cls.addConstant(target->id, *v);
      }
    } else if (auto* fn = stmt->as<FunctionDef>()) {
      if (fn->params.empty()) throw Error(fmt::format("{}: {}: a method must take self", name_, fn->range.str()));
      // `self: __torch__.Foo` names a class the frontend does not know; the
      // method resolver types self instead.
      fn->params[0].annotation.reset();
      rewriteObjectAccess(fn->body);
      entry.defs[fn->name] = fn;
    } else if (!stmt->as<frontend::Pass>() && !stmt->as<frontend::ExprStmt>()) {
      throw Error(fmt::format("{}: {}: unsupported statement in the body of class '{}'", name_, stmt->range.str(),
                              cls.qualifiedName()));
    }
  }
  for (size_t slot = 0; slot < cls.numAttributes(); ++slot) {
    const std::string& n = cls.attributeName(slot);
    cls.setAttributeFlags(slot, parameters.count(n) != 0, buffers.count(n) != 0);
  }
}

ArchiveClasses::ClassEntry& ArchiveClasses::entryOf(const ir::ClassType& cls) {
  auto it = classes_.find(cls.qualifiedName());
  if (it == classes_.end() || it->second.type.get() != &cls) {
    throw Error(fmt::format("{}: class '{}' does not belong to this archive", name_, cls.qualifiedName()));
  }
  return it->second;
}

bool ArchiveClasses::hasMethod(const ir::ClassType& cls, const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  return entryOf(cls).defs.count(name) != 0;
}

ArchiveClasses::~ArchiveClasses() {
  for (auto& [name, entry] : classes_) {
    if (entry.type) entry.type->clearMethods();
  }
}

ir::Function& ArchiveClasses::method(const ir::ClassType& cls, const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  ClassEntry& entry = entryOf(cls);
  if (auto it = entry.compiled.find(name); it != entry.compiled.end()) return *it->second;
  return compileMethod(entry, name);
}

ir::Function& ArchiveClasses::compileMethod(ClassEntry& entry, const std::string& name) {
  auto defIt = entry.defs.find(name);
  if (defIt == entry.defs.end()) {
    throw Error(fmt::format("{}: class '{}' has no method '{}'", name_, entry.type->qualifiedName(), name));
  }
  auto fn = compile(*defIt->second, entry.type->qualifiedName() + "." + name, entry.type);
  entry.type->addMethod(fn);
  entry.compiled[name] = fn;
  return *fn;
}

ir::Function& ArchiveClasses::function(const std::string& qualName) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  if (auto it = functions_.find(qualName); it != functions_.end()) return *it->second;
  size_t dot = qualName.rfind('.');
  std::string path = dot == std::string::npos ? "" : sourcePath(qualName);
  if (path.empty() || !archive_->hasRecord(path)) {
    throw Error(fmt::format("{}: no source for function '{}' (expected {})", name_, qualName, path));
  }
  SourceFile& file = sourceFor(path);
  std::string shortName = qualName.substr(dot + 1);
  FunctionDef* def = nullptr;
  for (auto& stmt : file.tree) {
    if (auto* f = stmt->as<FunctionDef>(); f && f->name == shortName) def = f;
  }
  if (!def) throw Error(fmt::format("{}: {} does not define function '{}'", name_, path, shortName));
  if (!rewritten_.count(def)) {
    rewriteObjectAccess(def->body);
    rewritten_.insert(def);
  }
  auto fn = compile(*def, qualName, nullptr);
  functions_[qualName] = fn;
  return *fn;
}

std::shared_ptr<ir::Function> ArchiveClasses::compile(FunctionDef& def, const std::string& qualName,
                                                      const std::shared_ptr<ir::ClassType>& self) {
  // Each nested call compiles its callee on the stack: an archive must not
  // be able to exhaust it with a long chain of calls.
  if (compiling_.size() >= kMaxDepth) {
    throw Error(fmt::format("{}: calls nest more than {} deep at '{}'", name_, kMaxDepth, qualName));
  }
  if (!compiling_.insert(qualName).second) {
    throw Error(fmt::format("{}: '{}' calls itself; recursive calls are not supported", name_, qualName));
  }
  // Annotations naming archive classes are beyond the frontend: their
  // types are taken here and given to the graph by the resolver.
  auto [typesIt, fresh] = archiveParamTypes_.try_emplace(&def);
  if (fresh) {
    for (size_t i = self ? 1 : 0; i < def.params.size(); ++i) {
      if (def.params[i].annotation && mentionsArchiveType(*def.params[i].annotation)) {
        typesIt->second.emplace_back(i, annotationType(*def.params[i].annotation));
        def.params[i].annotation.reset();
      }
    }
    if (def.returns && mentionsArchiveType(*def.returns)) def.returns.reset();
    // A first statement that reaches the resolver before the body reads
    // any parameter, so that their types are right from the start.
    def.body.insert(def.body.begin(), bindParamsStatement(def.range));
  }
  std::vector<std::pair<size_t, ir::TypePtr>> paramTypes = typesIt->second;
  if (self) paramTypes.emplace_back(0, self);
  std::shared_ptr<ir::Graph> graph;
  try {
    MethodBuiltins builtins(*this, paramTypes);
    graph = frontend::compileFunction(def, builtins);
  } catch (Error& e) {
    compiling_.erase(qualName);
    e.addContext(fmt::format("while compiling {} of {}", qualName, name_));
    throw;
  }
  compiling_.erase(qualName);
  for (const auto& [i, type] : paramTypes) graph->inputs()[i]->setType(type);
  auto fn = std::make_shared<ir::Function>(qualName, graph);
  std::vector<ir::Function::Param> params;
  for (size_t i = 0; i < def.params.size(); ++i) {
    const frontend::Param& p = def.params[i];
    ir::Function::Param param{p.name, graph->inputs()[i]->type(), std::nullopt, false};
    if (p.defaultValue) {
      param.defaultValue = literalValue(*p.defaultValue);
      if (!param.defaultValue) {
        throw Error(fmt::format("{}: {}: the default of '{}' is not a literal", name_, p.range.str(), p.name));
      }
    }
    params.push_back(std::move(param));
  }
  fn->setParams(std::move(params));
  return fn;
}

IValue ArchiveClasses::call(const Ref<Object>& self, const std::string& name, std::vector<IValue> args) {
  auto* cls = dynamic_cast<const ir::ClassType*>(self->type.get());
  if (!cls) throw Error(fmt::format("{}: the object has no TorchScript class", name_));
  ir::Function& fn = method(*cls, name);
  const auto& params = fn.params();
  // Trailing parameters the caller left out take their defaults.
  while (args.size() + 1 < params.size() && params[args.size() + 1].defaultValue) {
    args.push_back(*params[args.size() + 1].defaultValue);
  }
  if (args.size() + 1 != params.size()) {
    throw Error(fmt::format("{} takes {} arguments besides self, {} given", fn.qualName(), params.size() - 1,
                            args.size()));
  }
  args.insert(args.begin(), IValue(self));
  std::shared_ptr<GraphExecutor> executor;
  {
    // Interpreter compilation records ops on the graph's nodes, which the
    // inliner may be reading for another method at the same time.
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto it = executors_.find(&fn);
    if (it == executors_.end()) {
      it = executors_.emplace(&fn, makeGraphExecutor(codeFor(fn), fn.qualName())).first;
      executorOrder_.push_back(it->second);
    }
    executor = it->second;
  }
  std::vector<IValue> out = executor->run(std::move(args));
  return out.empty() ? IValue() : std::move(out[0]);
}

std::vector<MethodStats> ArchiveClasses::stats() {
  std::vector<std::shared_ptr<GraphExecutor>> executors;
  {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    executors = executorOrder_;
  }
  std::vector<MethodStats> out;
  for (const auto& e : executors) out.push_back(e->stats());
  return out;
}

}  // namespace wick::module

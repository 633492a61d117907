// wick::load and wick::Module: the archive's pickles through the
// unpickler, its classes through ArchiveClasses.
#include "wick/module.h"

#include <fmt/format.h>

#include "ir/type.h"
#include "runtime/module/archive_classes.h"
#include "serialize/archive_reader.h"
#include "wick/error.h"

namespace wick {

namespace {

const ir::ClassType* classOf(const Object& o) { return dynamic_cast<const ir::ClassType*>(o.type.get()); }

void collectParameters(const Object& o, const std::string& prefix, bool recurse,
                       std::vector<std::pair<std::string, Tensor>>& out) {
  const ir::ClassType* cls = classOf(o);
  if (!cls) return;
  for (size_t slot = 0; slot < cls->numAttributes(); ++slot) {
    const auto& a = cls->attributes()[slot];
    const IValue& v = o.slots[slot];
    if (a.isParameter && v.isTensor()) out.emplace_back(prefix + a.name, v.toTensor());
  }
  if (!recurse) return;
  for (size_t slot = 0; slot < cls->numAttributes(); ++slot) {
    const IValue& v = o.slots[slot];
    if (v.isObject() && classOf(v.objectRef()) && classOf(v.objectRef())->isModule()) {
      collectParameters(v.objectRef(), prefix + cls->attributeName(slot) + ".", recurse, out);
    }
  }
}

void setEval(Object& o) {
  const ir::ClassType* cls = classOf(o);
  if (!cls || !cls->isModule()) return;
  int64_t training = cls->findAttribute("training");
  if (training >= 0) o.slots[static_cast<size_t>(training)] = IValue(false);
  for (IValue& v : o.slots) {
    if (v.isObject()) setEval(v.objectRef());
  }
}

}  // namespace

Module::Module(std::shared_ptr<module::ArchiveClasses> classes, Ref<Object> object)
    : classes_(std::move(classes)), object_(std::move(object)) {}

IValue Module::runMethod(const std::string& name, std::vector<IValue> args) const {
  return classes_->call(object_, name, std::move(args));
}

std::vector<MethodStats> Module::stats() const { return classes_->stats(); }

bool Module::hasMethod(const std::string& name) const {
  const ir::ClassType* cls = classOf(*object_);
  return cls && classes_->hasMethod(*cls, name);
}

std::vector<std::pair<std::string, Tensor>> Module::named_parameters(bool recurse) const {
  std::vector<std::pair<std::string, Tensor>> out;
  collectParameters(*object_, "", recurse, out);
  return out;
}

IValue Module::attr(const std::string& name) const { return object_->attr(name); }

Module Module::submodule(const std::string& name) const {
  IValue v = attr(name);
  if (!v.isObject()) throw Error(fmt::format("attribute '{}' of {} is not a module", name, typeName()));
  return Module(classes_, v.toObject());
}

Module& Module::eval() {
  setEval(*object_);
  return *this;
}

const std::string& Module::typeName() const { return object_->type->qualifiedName(); }

Module load(const std::string& path) {
  auto archive = serialize::ZipArchive::open(path);
  archive->version();
  auto classes = std::make_shared<module::ArchiveClasses>(archive, path);
  serialize::UnpickleOptions options;
  options.resolveClass = [&](const std::string& name) -> std::shared_ptr<const ClassInfo> {
    return classes->classFor(name);
  };
  options.setState = [&](const Ref<Object>& object, IValue state) {
    classes->call(object, "__setstate__", {std::move(state)});
  };
  if (archive->hasRecord("constants.pkl")) {
    IValue constants = serialize::unpickleRecord(archive, "constants.pkl", "constants/", options);
    if (!constants.isTuple()) throw Error(fmt::format("{}: constants.pkl does not hold a tuple", path));
    classes->setConstants(constants.toTuple()->elements);
  }
  IValue root = serialize::unpickleRecord(archive, "data.pkl", "data/", options);
  if (!root.isObject()) throw Error(fmt::format("{}: data.pkl does not hold a module object", path));
  return Module(std::move(classes), root.toObject());
}

}  // namespace wick

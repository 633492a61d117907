// Relations between types and values: subtyping, unification, the type of
// a run-time value and conformance checks; and ClassType's slots.
#include <algorithm>

#include "core/check.h"
#include "ir/graph.h"
#include "ir/type.h"

namespace wick::ir {
namespace {

// Every field `want` states must hold in `have`.
bool tensorInfoRefines(const TensorInfo* have, const TensorInfo* want) {
  if (!want) return true;
  if (!have) return false;
  return (!want->dtype || want->dtype == have->dtype) && (!want->sizes || want->sizes == have->sizes) &&
         (!want->strides || want->strides == have->strides) &&
         (!want->device || want->device == have->device) &&
         (!want->requires_grad || want->requires_grad == have->requires_grad);
}

// Lists and dicts are mutable, hence invariant; refined tensors still count
// as Tensor so profiled graphs type-check.
bool invariantMatch(const Type& a, const Type& b) {
  if (a.kind() == TypeKind::Tensor && b.kind() == TypeKind::Tensor) return a.isSubtypeOf(b);
  return a.equals(b) || b.kind() == TypeKind::Any || b.kind() == TypeKind::Var || a.kind() == TypeKind::Var;
}

}  // namespace

bool Type::isSubtypeOf(const Type& other) const {
  if (equals(other)) return true;
  const TypeKind ok = other.kind();
  if (ok == TypeKind::Any || ok == TypeKind::Var || kind_ == TypeKind::Var) return true;
  if (ok == TypeKind::Optional) {
    if (kind_ == TypeKind::None) return true;
    if (kind_ == TypeKind::Optional) return contained_[0]->isSubtypeOf(*other.containedTypes()[0]);
    return isSubtypeOf(*other.containedTypes()[0]);
  }
  if (ok == TypeKind::Union) {
    if (kind_ == TypeKind::Union || kind_ == TypeKind::Optional) {
      // Optional[T] is Union[T, None].
      std::vector<TypePtr> members = contained_;
      if (kind_ == TypeKind::Optional) members.push_back(Type::get(TypeKind::None));
      return std::all_of(members.begin(), members.end(),
                         [&](const TypePtr& m) { return m->isSubtypeOf(other); });
    }
    for (const TypePtr& m : other.containedTypes())
      if (isSubtypeOf(*m)) return true;
    return false;
  }
  if (ok == TypeKind::Number) return kind_ == TypeKind::Int || kind_ == TypeKind::Float;
  if (kind_ != ok)
    return ok == TypeKind::Module && kind_ == TypeKind::Class &&
           static_cast<const ClassType&>(*this).isModule();
  switch (kind_) {
    case TypeKind::Tensor:
      return tensorInfoRefines(tensor_.get(), other.tensorInfo());
    case TypeKind::List:
    case TypeKind::Dict:
      for (size_t i = 0; i < contained_.size(); ++i)
        if (!invariantMatch(*contained_[i], *other.containedTypes()[i])) return false;
      return true;
    case TypeKind::Tuple:
    case TypeKind::Future:
      if (contained_.size() != other.containedTypes().size()) return false;
      if (!other.fieldNames().empty() && other.fieldNames() != fields_) return false;
      for (size_t i = 0; i < contained_.size(); ++i)
        if (!contained_[i]->isSubtypeOf(*other.containedTypes()[i])) return false;
      return true;
    default:
      return false;
  }
}

TypePtr unifyTypes(const TypePtr& a, const TypePtr& b) {
  if (!a || !b) return nullptr;
  if (a->isSubtypeOf(*b)) return b;
  if (b->isSubtypeOf(*a)) return a;
  if (a->kind() == TypeKind::Tensor && b->kind() == TypeKind::Tensor) {
    // Keep what both tensors agree on.
    const TensorInfo& x = *a->tensorInfo();
    const TensorInfo& y = *b->tensorInfo();
    TensorInfo m;
    if (x.dtype == y.dtype) m.dtype = x.dtype;
    if (x.sizes && y.sizes && x.sizes->size() == y.sizes->size()) {
      m.sizes.emplace();
      for (size_t i = 0; i < x.sizes->size(); ++i)
        m.sizes->push_back((*x.sizes)[i] == (*y.sizes)[i] ? (*x.sizes)[i] : std::nullopt);
    }
    if (m.sizes && x.strides == y.strides) m.strides = x.strides;
    if (x.device == y.device) m.device = x.device;
    if (x.requires_grad == y.requires_grad) m.requires_grad = x.requires_grad;
    return Type::tensor(std::move(m));
  }
  if (a->kind() == TypeKind::None) return Type::optional(b);
  if (b->kind() == TypeKind::None) return Type::optional(a);
  if (a->kind() == TypeKind::Optional || b->kind() == TypeKind::Optional) {
    TypePtr ea = a->kind() == TypeKind::Optional ? a->containedTypes()[0] : a;
    TypePtr eb = b->kind() == TypeKind::Optional ? b->containedTypes()[0] : b;
    TypePtr e = unifyTypes(ea, eb);
    return e ? Type::optional(e) : nullptr;
  }
  if (a->kind() != b->kind() || a->containedTypes().size() != b->containedTypes().size()) return nullptr;
  std::vector<TypePtr> elems;
  for (size_t i = 0; i < a->containedTypes().size(); ++i) {
    TypePtr e = unifyTypes(a->containedTypes()[i], b->containedTypes()[i]);
    if (!e) return nullptr;
    elems.push_back(e);
  }
  switch (a->kind()) {
    case TypeKind::Tuple:
      return a->fieldNames() == b->fieldNames() && !a->fieldNames().empty()
                 ? Type::namedTuple(a->name(), a->fieldNames(), elems)
                 : Type::tuple(elems);
    case TypeKind::List:
      // Lists are invariant: only tensor refinements merge.
      return elems[0]->kind() == TypeKind::Tensor ? Type::list(elems[0]) : nullptr;
    case TypeKind::Future:
      return Type::future(elems[0]);
    default:
      return nullptr;
  }
}

TypePtr typeOfValue(const IValue& v) {
  switch (v.tag()) {
    case IValue::Tag::None:
      return Type::get(TypeKind::None);
    case IValue::Tag::Bool:
      return Type::get(TypeKind::Bool);
    case IValue::Tag::Int:
      return Type::get(TypeKind::Int);
    case IValue::Tag::Double:
      return Type::get(TypeKind::Float);
    case IValue::Tag::String:
      return Type::get(TypeKind::Str);
    case IValue::Tag::Device:
      return Type::get(TypeKind::Device);
    case IValue::Tag::Tensor: {
      Tensor t = v.toTensor();
      if (!t.defined()) return Type::tensor();
      TensorInfo info;
      info.dtype = t.dtype();
      info.sizes.emplace(t.sizes().begin(), t.sizes().end());
      info.strides.emplace(t.strides().begin(), t.strides().end());
      info.device = t.device();
      return Type::tensor(std::move(info));
    }
    case IValue::Tag::List: {
      TypePtr elem;
      for (const IValue& e : v.listRef().elements) {
        TypePtr t = typeOfValue(e);
        elem = elem ? unifyTypes(elem, t) : t;
        if (!elem) break;
      }
      return Type::list(elem ? elem : Type::get(TypeKind::Any));
    }
    case IValue::Tag::Tuple: {
      std::vector<TypePtr> elems;
      for (const IValue& e : v.tupleRef().elements) elems.push_back(typeOfValue(e));
      return Type::tuple(std::move(elems));
    }
    case IValue::Tag::Dict: {
      TypePtr k, val;
      v.dictRef().forEach([&](const IValue& key, const IValue& value) {
        TypePtr kt = typeOfValue(key), vt = typeOfValue(value);
        k = k ? unifyTypes(k, kt) : kt;
        val = val ? unifyTypes(val, vt) : vt;
      });
      return Type::dict(k ? k : Type::get(TypeKind::Str), val ? val : Type::get(TypeKind::Any));
    }
    case IValue::Tag::Object: {
      auto cls = std::dynamic_pointer_cast<const ClassType>(v.objectRef().type);
      return cls ? TypePtr(cls) : Type::get(TypeKind::Any);
    }
    case IValue::Tag::Blob:
      return Type::get(TypeKind::Any);
  }
  return Type::get(TypeKind::Any);
}

bool valueMatchesType(const IValue& v, const Type& t) {
  switch (t.kind()) {
    case TypeKind::Any:
    case TypeKind::Var:
      return true;
    case TypeKind::Optional:
      return v.isNone() || valueMatchesType(v, *t.containedTypes()[0]);
    case TypeKind::Union:
      for (const TypePtr& m : t.containedTypes())
        if (valueMatchesType(v, *m)) return true;
      return false;
    case TypeKind::Number:
      return v.isInt() || v.isDouble() || v.isBool();
    case TypeKind::Int:
    case TypeKind::Layout:
    case TypeKind::ScalarType:
    case TypeKind::MemoryFormat:
      return v.isInt();
    case TypeKind::Float:
      return v.isDouble();
    case TypeKind::Bool:
      return v.isBool();
    case TypeKind::Str:
      return v.isString();
    case TypeKind::None:
      return v.isNone();
    case TypeKind::Device:
      return v.isDevice();
    case TypeKind::Tensor: {
      if (!v.isTensor()) return false;
      const TensorInfo* info = t.tensorInfo();
      if (!info) return true;
      Tensor x = v.toTensor();
      if (!x.defined()) return false;
      if (info->dtype && *info->dtype != x.dtype()) return false;
      if (info->sizes && info->sizes->size() != static_cast<size_t>(x.dim())) return false;
      return true;
    }
    case TypeKind::List: {
      if (!v.isList()) return false;
      for (const IValue& e : v.listRef().elements)
        if (!valueMatchesType(e, *t.containedTypes()[0])) return false;
      return true;
    }
    case TypeKind::Tuple: {
      if (!v.isTuple() || v.tupleRef().elements.size() != t.containedTypes().size()) return false;
      for (size_t i = 0; i < t.containedTypes().size(); ++i)
        if (!valueMatchesType(v.tupleRef().elements[i], *t.containedTypes()[i])) return false;
      return true;
    }
    case TypeKind::Dict: {
      if (!v.isDict()) return false;
      bool ok = true;
      v.dictRef().forEach([&](const IValue& k, const IValue& val) {
        ok = ok && valueMatchesType(k, *t.containedTypes()[0]) &&
             valueMatchesType(val, *t.containedTypes()[1]);
      });
      return ok;
    }
    case TypeKind::Class:
      return v.isObject() && v.objectRef().type &&
             v.objectRef().type->qualifiedName() == static_cast<const ClassType&>(t).qualifiedName();
    case TypeKind::Module:
      return v.isObject();
    default:
      return false;
  }
}

ClassType::ClassType(std::string qualName, bool isModule)
    : Type(TypeKind::Class), qualName_(std::move(qualName)), isModule_(isModule) {}

int64_t ClassType::findAttribute(std::string_view name) const {
  for (size_t i = 0; i < attrs_.size(); ++i)
    if (attrs_[i].name == name) return static_cast<int64_t>(i);
  return -1;
}

size_t ClassType::addAttribute(std::string name, TypePtr type, bool isParameter, bool isBuffer) {
  int64_t slot = findAttribute(name);
  if (slot >= 0) return static_cast<size_t>(slot);
  attrs_.push_back({std::move(name), std::move(type), isParameter, isBuffer});
  return attrs_.size() - 1;
}

void ClassType::setAttributeFlags(size_t slot, bool isParameter, bool isBuffer) {
  WICK_CHECK(slot < attrs_.size(), "class {}: no attribute slot {}", qualName_, slot);
  attrs_[slot].isParameter = isParameter;
  attrs_[slot].isBuffer = isBuffer;
}

Function* ClassType::findMethod(std::string_view name) const {
  for (const auto& m : methods_)
    if (m->name() == name) return m.get();
  return nullptr;
}

void ClassType::addMethod(std::shared_ptr<Function> fn) {
  WICK_CHECK(fn != nullptr, "class {}: adding a null method", qualName_);
  WICK_CHECK(findMethod(fn->name()) == nullptr, "class {} already has a method '{}'", qualName_, fn->name());
  methods_.push_back(std::move(fn));
}

}  // namespace wick::ir

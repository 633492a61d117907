// Type construction, printing (TorchScript and annotation spellings) and
// structural equality.
#include "ir/type.h"

#include <array>

#include "core/check.h"
#include "ir/type_internal.h"

namespace wick::ir {
namespace {

// Types are immutable after construction; a factory fills the protected
// fields through this subclass.
struct MutableType : Type {
  explicit MutableType(TypeKind k) : Type(k) {}
  std::vector<TypePtr>& contained() { return contained_; }
  std::shared_ptr<TensorInfo>& tensor() { return tensor_; }
  std::string& name() { return name_; }
  std::vector<std::string>& fields() { return fields_; }
};

std::shared_ptr<MutableType> make(TypeKind k, std::vector<TypePtr> contained) {
  auto t = std::make_shared<MutableType>(k);
  for (const TypePtr& c : contained) WICK_CHECK(c != nullptr, "type argument is null");
  t->contained() = std::move(contained);
  return t;
}

const char* kindName(TypeKind k) {
  switch (k) {
#define WICK_TYPE_KIND_NAME(K, S) \
  case TypeKind::K:               \
    return S;
    WICK_FORALL_TYPE_KINDS(WICK_TYPE_KIND_NAME)
#undef WICK_TYPE_KIND_NAME
  }
  return "?";
}

std::string joinStr(const std::vector<TypePtr>& ts, bool annotation) {
  std::string out;
  for (size_t i = 0; i < ts.size(); ++i) {
    if (i > 0) out += ", ";
    out += annotation ? ts[i]->annotationStr() : ts[i]->str();
  }
  return out;
}

}  // namespace

const char* tensorTypeDTypeName(DType t) {
  switch (t) {
    case DType::UInt8:
      return "Byte";
    case DType::Int8:
      return "Char";
    case DType::Int16:
      return "Short";
    case DType::Int32:
      return "Int";
    case DType::Int64:
      return "Long";
    case DType::Float16:
      return "Half";
    case DType::Float32:
      return "Float";
    case DType::Float64:
      return "Double";
    case DType::Bool:
      return "Bool";
    case DType::BFloat16:
      return "BFloat16";
  }
  return "Unknown";
}

// Matches PyTorch's operator<<(ostream, TensorType): dtype name (or
// "Tensor"), then sizes, strides when complete, requires_grad and device.
std::string tensorInfoStr(const TensorInfo& info) {
  std::string out = info.dtype ? tensorTypeDTypeName(*info.dtype) : "Tensor";
  if (info.dtype && !info.sizes) out += "Tensor";
  std::vector<std::string> parts;
  if (info.sizes) {
    for (const auto& s : *info.sizes) parts.push_back(s ? std::to_string(*s) : "*");
    bool stridesComplete = !info.sizes->empty() && info.strides && info.strides->size() == info.sizes->size();
    if (stridesComplete)
      for (const auto& s : *info.strides) stridesComplete = stridesComplete && s.has_value();
    if (stridesComplete) {
      std::string st = "strides=[";
      for (size_t i = 0; i < info.strides->size(); ++i)
        st += (i ? ", " : "") + std::to_string(*(*info.strides)[i]);
      parts.push_back(st + "]");
    }
  }
  if (info.requires_grad) parts.push_back(fmt::format("requires_grad={}", *info.requires_grad ? 1 : 0));
  if (info.device) parts.push_back("device=" + info.device->str());
  if (info.sizes || !parts.empty()) {
    out += "(";
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    out += ")";
  }
  return out;
}

TypePtr Type::get(TypeKind k) {
  static const std::array<TypePtr, static_cast<size_t>(TypeKind::Var) + 1> singletons = [] {
    std::array<TypePtr, static_cast<size_t>(TypeKind::Var) + 1> a;
    for (size_t i = 0; i < a.size(); ++i) a[i] = std::make_shared<MutableType>(static_cast<TypeKind>(i));
    return a;
  }();
  WICK_CHECK(k != TypeKind::List && k != TypeKind::Tuple && k != TypeKind::Dict && k != TypeKind::Optional &&
                 k != TypeKind::Union && k != TypeKind::Future && k != TypeKind::Class && k != TypeKind::Var,
             "Type::get: {} needs type arguments", kindName(k));
  return singletons[static_cast<size_t>(k)];
}

TypePtr Type::tensor(TensorInfo info) {
  if (info.empty()) return tensor();
  auto t = make(TypeKind::Tensor, {});
  t->tensor() = std::make_shared<TensorInfo>(std::move(info));
  return t;
}

TypePtr Type::list(TypePtr elem) { return make(TypeKind::List, {std::move(elem)}); }
TypePtr Type::tuple(std::vector<TypePtr> elems) { return make(TypeKind::Tuple, std::move(elems)); }

TypePtr Type::namedTuple(std::string qualName, std::vector<std::string> fields, std::vector<TypePtr> elems) {
  WICK_CHECK(fields.size() == elems.size(), "NamedTuple {}: {} field names for {} types", qualName,
             fields.size(), elems.size());
  auto t = make(TypeKind::Tuple, std::move(elems));
  t->name() = std::move(qualName);
  t->fields() = std::move(fields);
  return t;
}

TypePtr Type::dict(TypePtr key, TypePtr value) {
  return make(TypeKind::Dict, {std::move(key), std::move(value)});
}

TypePtr Type::optional(TypePtr elem) {
  WICK_CHECK(elem != nullptr, "Optional of a null type");
  // Optional[Optional[T]] and Optional[None] collapse, as in TorchScript.
  if (elem->kind() == TypeKind::Optional || elem->kind() == TypeKind::None) return elem;
  return make(TypeKind::Optional, {std::move(elem)});
}

TypePtr Type::unionOf(std::vector<TypePtr> members) { return make(TypeKind::Union, std::move(members)); }
TypePtr Type::future(TypePtr elem) { return make(TypeKind::Future, {std::move(elem)}); }

TypePtr Type::var(std::string name) {
  auto t = make(TypeKind::Var, {});
  t->name() = std::move(name);
  return t;
}

std::string Type::str() const {
  switch (kind_) {
    case TypeKind::Tensor:
      return tensor_ ? tensorInfoStr(*tensor_) : "Tensor";
    case TypeKind::List:
      return contained_[0]->str() + "[]";
    case TypeKind::Optional:
      return contained_[0]->str() + "?";
    case TypeKind::Tuple: {
      if (fields_.empty()) return "(" + joinStr(contained_, false) + ")";
      // PyTorch prints a NamedTuple's fields, not its name.
      std::string out = "NamedTuple(";
      for (size_t i = 0; i < contained_.size(); ++i)
        out += (i ? ", " : "") + fields_[i] + " : " + contained_[i]->str();
      return out + ")";
    }
    case TypeKind::Dict:
      return "Dict(" + joinStr(contained_, false) + ")";
    case TypeKind::Union:
      return "Union(" + joinStr(contained_, false) + ")";
    case TypeKind::Future:
      return "Future[" + contained_[0]->str() + "]";
    case TypeKind::Var:
      return name_;
    default:
      return kindName(kind_);
  }
}

std::string Type::annotationStr() const {
  switch (kind_) {
    case TypeKind::Tensor:
      return "Tensor";
    case TypeKind::Number:
      return "number";
    case TypeKind::List:
      return "List[" + contained_[0]->annotationStr() + "]";
    case TypeKind::Optional:
      return "Optional[" + contained_[0]->annotationStr() + "]";
    case TypeKind::Tuple:
      if (!name_.empty()) return name_;
      return "Tuple[" + (contained_.empty() ? std::string("()") : joinStr(contained_, true)) + "]";
    case TypeKind::Dict:
      return "Dict[" + joinStr(contained_, true) + "]";
    case TypeKind::Union:
      return "Union[" + joinStr(contained_, true) + "]";
    case TypeKind::Future:
      return "Future[" + contained_[0]->annotationStr() + "]";
    default:
      return str();
  }
}

bool Type::equals(const Type& o) const {
  if (this == &o) return true;
  if (kind_ != o.kind_ || contained_.size() != o.contained_.size()) return false;
  if (kind_ == TypeKind::Class)
    return static_cast<const ClassType&>(*this).qualifiedName() ==
           static_cast<const ClassType&>(o).qualifiedName();
  if (name_ != o.name_ || fields_ != o.fields_) return false;
  if ((tensor_ == nullptr) != (o.tensor_ == nullptr)) return false;
  if (tensor_ && !(*tensor_ == *o.tensor_)) return false;
  for (size_t i = 0; i < contained_.size(); ++i)
    if (!contained_[i]->equals(*o.contained_[i])) return false;
  return true;
}

}  // namespace wick::ir

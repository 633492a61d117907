// IValue construction, checked accessors, equality, hashing and repr.
#include "wick/ivalue.h"

#include <fmt/format.h>

#include <cmath>
#include <functional>

#include "core/check.h"

namespace wick {

IValue::IValue(Scalar s) noexcept {
  switch (s.kind()) {
    case Scalar::Kind::Int: tag_ = Tag::Int; v_.i = s.toInt(); break;
    case Scalar::Kind::Float: tag_ = Tag::Double; v_.d = s.toDouble(); break;
    case Scalar::Kind::Bool: tag_ = Tag::Bool; v_.i = s.toBool(); break;
  }
}
IValue::IValue(const Tensor& t) noexcept {
  Ref<TensorImpl> r = t.ref();
  if (r) setPtr(Tag::Tensor, r.leak());
  else { tag_ = Tag::None; v_.i = 0; }
}
IValue::IValue(Tensor&& t) noexcept : IValue(static_cast<const Tensor&>(t)) {}
IValue::IValue(std::string s) { setPtr(Tag::String, makeRef<StringObj>(std::move(s)).leak()); }
IValue::IValue(Ref<StringObj> s) noexcept { setPtr(Tag::String, s.leak()); }
IValue::IValue(Ref<ListObj> l) noexcept { setPtr(Tag::List, l.leak()); }
IValue::IValue(Ref<TupleObj> t) noexcept { setPtr(Tag::Tuple, t.leak()); }
IValue::IValue(Ref<DictObj> d) noexcept { setPtr(Tag::Dict, d.leak()); }
IValue::IValue(Ref<Object> o) noexcept { setPtr(Tag::Object, o.leak()); }

IValue IValue::blob(Ref<RefCounted> p) {
  IValue v;
  v.setPtr(Tag::Blob, p.leak());
  return v;
}

const char* IValue::tagName(Tag t) {
  switch (t) {
    case Tag::None: return "NoneType";
    case Tag::Bool: return "bool";
    case Tag::Int: return "int";
    case Tag::Double: return "float";
    case Tag::String: return "str";
    case Tag::Tensor: return "Tensor";
    case Tag::List: return "List";
    case Tag::Tuple: return "Tuple";
    case Tag::Dict: return "Dict";
    case Tag::Object: return "Object";
    case Tag::Device: return "Device";
    case Tag::Blob: return "Blob";
  }
  return "?";
}
const char* IValue::tagName() const { return tagName(tag_); }

void IValue::typeError(const char* expected) const {
  if (tag_ == Tag::Object) {
    throw Error(fmt::format("expected a value of type {} but got an object of class {}", expected,
                            static_cast<Object*>(v_.p)->type->qualifiedName()));
  }
  throw Error(fmt::format("expected a value of type {} but got {}", expected, tagName()));
}

Scalar IValue::toScalar() const {
  switch (tag_) {
    case Tag::Int: return Scalar(v_.i);
    case Tag::Double: return Scalar(v_.d);
    case Tag::Bool: return Scalar(v_.i != 0);
    case Tag::Tensor: {
      Tensor t(Ref<TensorImpl>(static_cast<TensorImpl*>(v_.p)));
      return t.item();
    }
    default: typeError("Scalar");
  }
}

Tensor IValue::toTensor() const& {
  if (tag_ != Tag::Tensor) typeError("Tensor");
  return Tensor(Ref<TensorImpl>(static_cast<TensorImpl*>(v_.p)));
}
Tensor IValue::toTensor() && {
  if (tag_ != Tag::Tensor) typeError("Tensor");
  tag_ = Tag::None;
  auto* p = static_cast<TensorImpl*>(v_.p);
  v_.i = 0;
  return Tensor(Ref<TensorImpl>::adopt(p));
}

const std::string& IValue::toStringRef() const {
  if (tag_ != Tag::String) typeError("str");
  return static_cast<StringObj*>(v_.p)->value;
}
Ref<StringObj> IValue::toStringObj() const {
  if (tag_ != Tag::String) typeError("str");
  return Ref<StringObj>(static_cast<StringObj*>(v_.p));
}
Ref<ListObj> IValue::toList() const {
  if (tag_ != Tag::List) typeError("List");
  return Ref<ListObj>(static_cast<ListObj*>(v_.p));
}
ListObj& IValue::listRef() const {
  if (tag_ != Tag::List) typeError("List");
  return *static_cast<ListObj*>(v_.p);
}
Ref<TupleObj> IValue::toTuple() const {
  if (tag_ != Tag::Tuple) typeError("Tuple");
  return Ref<TupleObj>(static_cast<TupleObj*>(v_.p));
}
TupleObj& IValue::tupleRef() const {
  if (tag_ != Tag::Tuple) typeError("Tuple");
  return *static_cast<TupleObj*>(v_.p);
}
Ref<DictObj> IValue::toDict() const {
  if (tag_ != Tag::Dict) typeError("Dict");
  return Ref<DictObj>(static_cast<DictObj*>(v_.p));
}
DictObj& IValue::dictRef() const {
  if (tag_ != Tag::Dict) typeError("Dict");
  return *static_cast<DictObj*>(v_.p);
}
Ref<Object> IValue::toObject() const {
  if (tag_ != Tag::Object) typeError("Object");
  return Ref<Object>(static_cast<Object*>(v_.p));
}
Object& IValue::objectRef() const {
  if (tag_ != Tag::Object) typeError("Object");
  return *static_cast<Object*>(v_.p);
}

bool IValue::equals(const IValue& o) const {
  // Numbers compare across int/float/bool like Python.
  if (isNumber() && o.isNumber()) {
    if (tag_ == Tag::Double || o.tag_ == Tag::Double) {
      double a = tag_ == Tag::Double ? v_.d : static_cast<double>(v_.i);
      double b = o.tag_ == Tag::Double ? o.v_.d : static_cast<double>(o.v_.i);
      return a == b;
    }
    return v_.i == o.v_.i;
  }
  if (tag_ != o.tag_) return false;
  switch (tag_) {
    case Tag::None: return true;
    case Tag::String: return toStringRef() == o.toStringRef();
    case Tag::Device: return toDevice() == o.toDevice();
    case Tag::List: {
      const auto& a = listRef().elements;
      const auto& b = o.listRef().elements;
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!a[i].equals(b[i])) return false;
      return true;
    }
    case Tag::Tuple: {
      const auto& a = tupleRef().elements;
      const auto& b = o.tupleRef().elements;
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (!a[i].equals(b[i])) return false;
      return true;
    }
    default: return v_.p == o.v_.p;  // Tensor, Dict, Object, Blob: identity
  }
}

bool IValue::isSameIdentity(const IValue& o) const {
  if (isPtr() || o.isPtr()) return tag_ == o.tag_ && v_.p == o.v_.p;
  return tag_ == o.tag_ && equals(o);
}

size_t IValue::hash() const {
  switch (tag_) {
    case Tag::None: return 0;
    case Tag::Bool:
    case Tag::Int: return std::hash<int64_t>()(v_.i);
    case Tag::Double: {
      double d = v_.d;
      // Equal numbers hash equally across int and float, as in Python.
      if (d == std::floor(d) && std::fabs(d) < 9.2e18) return std::hash<int64_t>()(static_cast<int64_t>(d));
      return std::hash<double>()(d);
    }
    case Tag::String: return std::hash<std::string>()(toStringRef());
    case Tag::Device: return static_cast<size_t>(v_.dev.type) * 131 + static_cast<size_t>(v_.dev.index + 1);
    case Tag::Tuple: {
      size_t h = 0x345678;
      for (const auto& e : tupleRef().elements) h = h * 1000003 ^ e.hash();
      return h;
    }
    default: return std::hash<const void*>()(v_.p);
  }
}

std::string IValue::repr() const {
  switch (tag_) {
    case Tag::None: return "None";
    case Tag::Bool: return v_.i ? "True" : "False";
    case Tag::Int: return std::to_string(v_.i);
    case Tag::Double: return Scalar(v_.d).str();
    case Tag::String: return "'" + toStringRef() + "'";
    case Tag::Tensor: return toTensor().str();
    case Tag::Device: return fmt::format("device(type='{}')", toDevice().str());
    case Tag::List: {
      std::string s = "[";
      bool first = true;
      for (const auto& e : listRef().elements) {
        s += (first ? "" : ", ") + e.repr();
        first = false;
      }
      return s + "]";
    }
    case Tag::Tuple: {
      const auto& els = tupleRef().elements;
      std::string s = "(";
      for (size_t i = 0; i < els.size(); ++i) s += (i ? ", " : "") + els[i].repr();
      if (els.size() == 1) s += ",";
      return s + ")";
    }
    case Tag::Dict: {
      std::string s = "{";
      bool first = true;
      dictRef().forEach([&](const IValue& k, const IValue& v) {
        s += (first ? "" : ", ") + k.repr() + ": " + v.repr();
        first = false;
      });
      return s + "}";
    }
    case Tag::Object: return fmt::format("<{} object>", objectRef().type->qualifiedName());
    case Tag::Blob: return "<blob>";
  }
  return "?";
}

// ---- DictObj ----

IValue* DictObj::find(const IValue& key) {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &values_[it->second];
}
const IValue* DictObj::find(const IValue& key) const {
  auto it = index_.find(key);
  return it == index_.end() ? nullptr : &values_[it->second];
}
void DictObj::insert(IValue key, IValue value) {
  auto it = index_.find(key);
  if (it != index_.end()) {
    values_[it->second] = std::move(value);
    return;
  }
  index_.emplace(key, keys_.size());
  keys_.push_back(std::move(key));
  values_.push_back(std::move(value));
  dead_.push_back(false);
}
bool DictObj::erase(const IValue& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  size_t i = it->second;
  index_.erase(it);
  dead_[i] = true;
  keys_[i] = IValue();
  values_[i] = IValue();
  ++erased_;
  if (erased_ > 16 && erased_ * 2 > keys_.size()) {  // compact
    std::vector<IValue> k, v;
    for (size_t j = 0; j < keys_.size(); ++j) {
      if (dead_[j]) continue;
      k.push_back(std::move(keys_[j]));
      v.push_back(std::move(values_[j]));
    }
    keys_ = std::move(k);
    values_ = std::move(v);
    dead_.assign(keys_.size(), false);
    erased_ = 0;
    index_.clear();
    for (size_t j = 0; j < keys_.size(); ++j) index_.emplace(keys_[j], j);
  }
  return true;
}
void DictObj::clear() {
  keys_.clear();
  values_.clear();
  dead_.clear();
  index_.clear();
  erased_ = 0;
}
std::vector<IValue> DictObj::keys() const {
  std::vector<IValue> out;
  forEach([&](const IValue& k, const IValue&) { out.push_back(k); });
  return out;
}
std::vector<IValue> DictObj::values() const {
  std::vector<IValue> out;
  forEach([&](const IValue&, const IValue& v) { out.push_back(v); });
  return out;
}

// ---- Object ----

const IValue& Object::attr(std::string_view name) const {
  int64_t slot = type ? type->findAttribute(name) : -1;
  WICK_CHECK(slot >= 0 && static_cast<size_t>(slot) < slots.size(),
             "object of class {} has no attribute '{}'", type ? type->qualifiedName() : "?", name);
  return slots[static_cast<size_t>(slot)];
}
void Object::setAttr(std::string_view name, IValue v) {
  int64_t slot = type ? type->findAttribute(name) : -1;
  WICK_CHECK(slot >= 0, "object of class {} has no attribute '{}'",
             type ? type->qualifiedName() : "?", name);
  if (static_cast<size_t>(slot) >= slots.size()) slots.resize(static_cast<size_t>(slot) + 1);
  slots[static_cast<size_t>(slot)] = std::move(v);
}

Ref<ListObj> makeList(std::vector<IValue> elements) { return makeRef<ListObj>(std::move(elements)); }
Ref<TupleObj> makeTuple(std::vector<IValue> elements) {
  return makeRef<TupleObj>(std::move(elements));
}
Ref<DictObj> makeDict() { return makeRef<DictObj>(); }

}  // namespace wick

// IValue: the dynamically typed value the interpreter moves around (None,
// bool, int, float, str, Tensor, List, Tuple, Dict, Object, Device).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "wick/device.h"
#include "wick/error.h"
#include "wick/ref.h"
#include "wick/scalar.h"
#include "wick/tensor.h"

namespace wick {

class IValue;
struct StringObj;
struct ListObj;
struct TupleObj;
struct DictObj;
struct Object;

// Runtime description of a class: its qualified name and attribute slots.
// The IR's class types derive from it; core knows only this much.
class ClassInfo {
 public:
  virtual ~ClassInfo() = default;
  virtual const std::string& qualifiedName() const = 0;
  virtual size_t numAttributes() const = 0;
  virtual const std::string& attributeName(size_t slot) const = 0;
  // Slot of `name`, or -1.
  virtual int64_t findAttribute(std::string_view name) const = 0;
};

// X-macro over IValue tags: X(Name).
#define WICK_FORALL_IVALUE_TAGS(X) \
  X(None)                          \
  X(Bool)                          \
  X(Int)                           \
  X(Double)                        \
  X(String)                        \
  X(Tensor)                        \
  X(List)                          \
  X(Tuple)                         \
  X(Dict)                          \
  X(Object)                        \
  X(Device)                        \
  X(Blob)

class IValue {
 public:
  enum class Tag : uint8_t {
#define WICK_TAG_ENUM(N) N,
    WICK_FORALL_IVALUE_TAGS(WICK_TAG_ENUM)
#undef WICK_TAG_ENUM
  };

  IValue() noexcept : tag_(Tag::None) { v_.i = 0; }
  IValue(bool b) noexcept : tag_(Tag::Bool) { v_.i = b; }            // NOLINT
  IValue(int64_t i) noexcept : tag_(Tag::Int) { v_.i = i; }          // NOLINT
  IValue(int i) noexcept : tag_(Tag::Int) { v_.i = i; }              // NOLINT
  IValue(double d) noexcept : tag_(Tag::Double) { v_.d = d; }        // NOLINT
  IValue(Device d) noexcept : tag_(Tag::Device) {                    // NOLINT
    v_.i = 0;
    v_.dev.type = static_cast<int8_t>(d.type);
    v_.dev.index = d.index;
  }
  IValue(Scalar s) noexcept;                                          // NOLINT
  IValue(const Tensor& t) noexcept;                                   // NOLINT
  IValue(Tensor&& t) noexcept;                                        // NOLINT
  IValue(std::string s);                                              // NOLINT
  IValue(const char* s) : IValue(std::string(s)) {}                   // NOLINT
  IValue(Ref<StringObj> s) noexcept;                                  // NOLINT
  IValue(Ref<ListObj> l) noexcept;                                    // NOLINT
  IValue(Ref<TupleObj> t) noexcept;                                   // NOLINT
  IValue(Ref<DictObj> d) noexcept;                                    // NOLINT
  IValue(Ref<Object> o) noexcept;                                     // NOLINT

  IValue(const IValue& o) noexcept : v_(o.v_), tag_(o.tag_) {
    if (isPtr()) v_.p->retain();
  }
  IValue(IValue&& o) noexcept : v_(o.v_), tag_(o.tag_) {
    o.tag_ = Tag::None;
    o.v_.i = 0;
  }
  IValue& operator=(const IValue& o) noexcept {
    IValue(o).swap(*this);
    return *this;
  }
  IValue& operator=(IValue&& o) noexcept {
    IValue(std::move(o)).swap(*this);
    return *this;
  }
  ~IValue() {
    if (isPtr()) v_.p->release();
  }
  void swap(IValue& o) noexcept {
    std::swap(v_, o.v_);
    std::swap(tag_, o.tag_);
  }

  Tag tag() const { return tag_; }
  bool isNone() const { return tag_ == Tag::None; }
  bool isBool() const { return tag_ == Tag::Bool; }
  bool isInt() const { return tag_ == Tag::Int; }
  bool isDouble() const { return tag_ == Tag::Double; }
  bool isNumber() const { return tag_ == Tag::Int || tag_ == Tag::Double || tag_ == Tag::Bool; }
  bool isString() const { return tag_ == Tag::String; }
  bool isTensor() const { return tag_ == Tag::Tensor; }
  bool isList() const { return tag_ == Tag::List; }
  bool isTuple() const { return tag_ == Tag::Tuple; }
  bool isDict() const { return tag_ == Tag::Dict; }
  bool isObject() const { return tag_ == Tag::Object; }
  bool isDevice() const { return tag_ == Tag::Device; }
  bool isBlob() const { return tag_ == Tag::Blob; }
  // True for tags whose payload is a counted pointer.
  bool isPtr() const { return (tag_ >= Tag::String && tag_ <= Tag::Object) || tag_ == Tag::Blob; }

  // Accessors throw wick::Error naming the expected and actual type.
  bool toBool() const {
    if (tag_ != Tag::Bool) typeError("bool");
    return v_.i != 0;
  }
  int64_t toInt() const {
    if (tag_ != Tag::Int) typeError("int");
    return v_.i;
  }
  double toDouble() const {
    if (tag_ != Tag::Double) typeError("float");
    return v_.d;
  }
  // int, float or bool as a Scalar.
  Scalar toScalar() const;
  Device toDevice() const {
    if (tag_ != Tag::Device) typeError("Device");
    return Device(static_cast<DeviceType>(v_.dev.type), v_.dev.index);
  }
  Tensor toTensor() const&;
  Tensor toTensor() &&;
  // Borrowed access without a refcount bump; valid while this IValue lives.
  TensorImpl* tensorImpl() const {
    if (tag_ != Tag::Tensor) typeError("Tensor");
    return static_cast<TensorImpl*>(v_.p);
  }
  const std::string& toStringRef() const;
  std::string_view toStringView() const { return toStringRef(); }
  Ref<StringObj> toStringObj() const;
  Ref<ListObj> toList() const;
  ListObj& listRef() const;
  Ref<TupleObj> toTuple() const;
  TupleObj& tupleRef() const;
  Ref<DictObj> toDict() const;
  DictObj& dictRef() const;
  Ref<Object> toObject() const;
  Object& objectRef() const;
  // Raw payload of a pointer tag, for identity comparisons (`is`).
  RefCounted* rawPtr() const { return isPtr() ? v_.p : nullptr; }

  // Unchecked fast paths for the interpreter, after static type checks.
  int64_t intUnchecked() const { return v_.i; }
  double doubleUnchecked() const { return v_.d; }
  bool boolUnchecked() const { return v_.i != 0; }

  // TorchScript type name of the value ("int", "Tensor", "List", ...).
  const char* tagName() const;
  static const char* tagName(Tag t);
  // Python-like repr: 1, 2.5, True, 'abc', [1, 2], (1,), {'a': 1}, tensors
  // by their values.
  std::string repr() const;

  // Value equality as TorchScript's `==` on non-tensor values (tensors
  // compare by identity).
  bool equals(const IValue& o) const;
  // `is`: identity for pointer payloads, equality for the rest.
  bool isSameIdentity(const IValue& o) const;
  size_t hash() const;

  // Wraps an arbitrary counted object (e.g. a packed weight). Tag::Blob.
  static IValue blob(Ref<RefCounted> p);
  RefCounted* blobPtr() const {
    if (tag_ != Tag::Blob) typeError("Blob");
    return v_.p;
  }

 private:
  [[noreturn]] void typeError(const char* expected) const;
  void setPtr(Tag t, RefCounted* p) noexcept {
    tag_ = t;
    v_.p = p;
  }

  union Payload {
    int64_t i;
    double d;
    RefCounted* p;
    struct {
      int8_t type;
      int8_t index;
    } dev;
  } v_;
  Tag tag_;
};

struct StringObj : RefCounted {
  explicit StringObj(std::string s) : value(std::move(s)) {}
  std::string value;
};

// TorchScript lists are mutable and shared by reference.
struct ListObj : RefCounted {
  ListObj() = default;
  explicit ListObj(std::vector<IValue> v) : elements(std::move(v)) {}
  std::vector<IValue> elements;
};

// Tuples are immutable once built.
struct TupleObj : RefCounted {
  TupleObj() = default;
  explicit TupleObj(std::vector<IValue> v) : elements(std::move(v)) {}
  std::vector<IValue> elements;
  // Set for NamedTuples: the qualified name and field names.
  std::shared_ptr<const ClassInfo> namedType;
};

struct IValueHash {
  size_t operator()(const IValue& v) const { return v.hash(); }
};
struct IValueEq {
  bool operator()(const IValue& a, const IValue& b) const { return a.equals(b); }
};

// Insertion-ordered dictionary, like Python's dict. Keys are str, int,
// float, bool or Tensor (by identity).
struct DictObj : RefCounted {
  size_t size() const { return keys_.size() - erased_; }
  // Returns nullptr when absent.
  IValue* find(const IValue& key);
  const IValue* find(const IValue& key) const;
  void insert(IValue key, IValue value);  // overwrites an existing key
  bool erase(const IValue& key);
  void clear();
  // Iterates in insertion order: fn(key, value).
  template <typename F>
  void forEach(F&& fn) const {
    for (size_t i = 0; i < keys_.size(); ++i)
      if (!dead_[i]) fn(keys_[i], values_[i]);
  }
  std::vector<IValue> keys() const;
  std::vector<IValue> values() const;

 private:
  std::vector<IValue> keys_;
  std::vector<IValue> values_;
  std::vector<bool> dead_;
  size_t erased_ = 0;
  std::unordered_map<IValue, size_t, IValueHash, IValueEq> index_;
};

// An instance of a TorchScript class (a module, a user class).
struct Object : RefCounted {
  explicit Object(std::shared_ptr<const ClassInfo> type)
      : type(std::move(type)), slots(this->type ? this->type->numAttributes() : 0) {}
  std::shared_ptr<const ClassInfo> type;
  std::vector<IValue> slots;

  // Attribute by name; throws naming the class and attribute when absent.
  const IValue& attr(std::string_view name) const;
  void setAttr(std::string_view name, IValue v);
};

// Builders.
Ref<ListObj> makeList(std::vector<IValue> elements = {});
Ref<TupleObj> makeTuple(std::vector<IValue> elements);
Ref<DictObj> makeDict();

}  // namespace wick

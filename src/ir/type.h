// IR types: what TorchScript knows statically about a value. Tensor types
// optionally carry dtype, sizes, strides and device: the profiling tiers fill
// these in.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wick/device.h"
#include "wick/dtype.h"
#include "wick/ivalue.h"

namespace wick::ir {

class Type;
class Function;
using TypePtr = std::shared_ptr<const Type>;

// X-macro of type kinds: X(Kind, printed name of the unparameterized type).
#define WICK_FORALL_TYPE_KINDS(X)   \
  X(Any, "Any")                     \
  X(Tensor, "Tensor")               \
  X(Int, "int")                     \
  X(Float, "float")                 \
  X(Bool, "bool")                   \
  X(Number, "Scalar")               \
  X(Str, "str")                     \
  X(None, "NoneType")               \
  X(Device, "Device")               \
  X(Layout, "Layout")               \
  X(ScalarType, "ScalarType")       \
  X(MemoryFormat, "MemoryFormat")   \
  X(Generator, "Generator")         \
  X(Storage, "Storage")             \
  X(List, "List")                   \
  X(Tuple, "Tuple")                 \
  X(Dict, "Dict")                   \
  X(Optional, "Optional")           \
  X(Union, "Union")                 \
  X(Future, "Future")               \
  X(Class, "Class")                 \
  X(Function, "Function")           \
  X(Module, "Module")               \
  X(Var, "t")

enum class TypeKind : uint8_t {
#define WICK_TYPE_KIND_ENUM(K, S) K,
  WICK_FORALL_TYPE_KINDS(WICK_TYPE_KIND_ENUM)
#undef WICK_TYPE_KIND_ENUM
};

// What is known of a tensor. Each field is optional; a size entry is
// nullopt when that dim varies (symbolic).
struct TensorInfo {
  std::optional<DType> dtype;
  std::optional<std::vector<std::optional<int64_t>>> sizes;
  std::optional<std::vector<std::optional<int64_t>>> strides;
  std::optional<Device> device;
  std::optional<bool> requires_grad;
  bool operator==(const TensorInfo& o) const = default;
  bool empty() const { return !dtype && !sizes && !strides && !device && !requires_grad; }
};

class Type {
 public:
  explicit Type(TypeKind k) : kind_(k) {}
  virtual ~Type() = default;
  TypeKind kind() const { return kind_; }

  // Contained types: List[T] -> {T}; Tuple -> elements; Dict -> {K, V};
  // Optional -> {T}; Union -> members; Future -> {T}.
  const std::vector<TypePtr>& containedTypes() const { return contained_; }
  const TensorInfo* tensorInfo() const { return tensor_.get(); }

  // TorchScript spelling: "Tensor", "int[]", "(Tensor, int)",
  // "Dict(str, Tensor)", "int?", "Float(2, 3, strides=[3, 1], device=cpu)".
  virtual std::string str() const;
  // Python annotation spelling: "List[int]", "Tuple[Tensor, int]",
  // "Optional[int]".
  virtual std::string annotationStr() const;

  bool equals(const Type& o) const;
  // Whether a value of this type may be used where `other` is expected
  // (int <: Scalar, T <: Optional[T], NoneType <: Optional[T], everything <:
  // Any, Tensor with info <: Tensor, Tuple covariance, ...).
  bool isSubtypeOf(const Type& other) const;

  // Singletons of unparameterized kinds.
  static TypePtr get(TypeKind k);
  static TypePtr tensor() { return get(TypeKind::Tensor); }
  static TypePtr tensor(TensorInfo info);
  static TypePtr list(TypePtr elem);
  static TypePtr tuple(std::vector<TypePtr> elems);
  // A NamedTuple: a tuple type with a qualified name and field names.
  static TypePtr namedTuple(std::string qualName, std::vector<std::string> fields,
                            std::vector<TypePtr> elems);
  static TypePtr dict(TypePtr key, TypePtr value);
  static TypePtr optional(TypePtr elem);
  static TypePtr unionOf(std::vector<TypePtr> members);
  static TypePtr future(TypePtr elem);
  // A type variable of a generic schema ("t", "t1", "K", "V"): matches any
  // type; kept by name so schemas print back as written.
  static TypePtr var(std::string name);

  // NamedTuple name (may be empty: PyTorch prints NamedTuple types without
  // it) and fields (empty for plain tuples); the name of a type variable.
  const std::string& name() const { return name_; }
  bool isNamedTuple() const { return kind_ == TypeKind::Tuple && !fields_.empty(); }
  const std::vector<std::string>& fieldNames() const { return fields_; }

 protected:
  TypeKind kind_;
  std::vector<TypePtr> contained_;
  std::shared_ptr<TensorInfo> tensor_;
  std::string name_;
  std::vector<std::string> fields_;
};

// The type of a value as seen at run time (for isinstance checks and
// profiling): Tensor types carry dtype, sizes, strides and device.
TypePtr typeOfValue(const IValue& v);
// Whether `v` conforms to `t` (used at method entry and by isinstance).
bool valueMatchesType(const IValue& v, const Type& t);
// The most specific type both a and b conform to, or nullptr.
TypePtr unifyTypes(const TypePtr& a, const TypePtr& b);

// A TorchScript class (a module type, a user class, an interface).
// Attributes are ordered slots; methods are Functions owned by the class.
class ClassType : public Type, public ClassInfo {
 public:
  explicit ClassType(std::string qualName, bool isModule = false);

  const std::string& qualifiedName() const override { return qualName_; }
  size_t numAttributes() const override { return attrs_.size(); }
  const std::string& attributeName(size_t slot) const override { return attrs_[slot].name; }
  int64_t findAttribute(std::string_view name) const override;

  struct Attribute {
    std::string name;
    TypePtr type;
    bool isParameter = false;
    bool isBuffer = false;
  };
  const std::vector<Attribute>& attributes() const { return attrs_; }
  TypePtr attributeType(size_t slot) const { return attrs_[slot].type; }
  // Adds (or returns the existing slot of) an attribute.
  size_t addAttribute(std::string name, TypePtr type, bool isParameter = false, bool isBuffer = false);
  void setAttributeFlags(size_t slot, bool isParameter, bool isBuffer);

  // Class-level constants (`Final` attributes and __constants__).
  const std::map<std::string, IValue, std::less<>>& constants() const { return constants_; }
  void addConstant(std::string name, IValue v) { constants_[std::move(name)] = std::move(v); }

  Function* findMethod(std::string_view name) const;
  void addMethod(std::shared_ptr<Function> fn);
  // Drops every method. A method's graph types `self` with this class, so
  // class and methods own each other; whoever created them breaks the cycle.
  void clearMethods() { methods_.clear(); }
  const std::vector<std::shared_ptr<Function>>& methods() const { return methods_; }

  bool isModule() const { return isModule_; }
  std::string str() const override { return qualName_; }
  std::string annotationStr() const override { return qualName_; }

 private:
  std::string qualName_;
  bool isModule_;
  std::vector<Attribute> attrs_;
  std::map<std::string, IValue, std::less<>> constants_;
  std::vector<std::shared_ptr<Function>> methods_;
};

using ClassTypePtr = std::shared_ptr<ClassType>;

}  // namespace wick::ir

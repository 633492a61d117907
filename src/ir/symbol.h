// Interned qualified names of node kinds ("aten::add", "prim::If").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wick::ir {

// Builtin symbols with fixed ids, so the interpreter and passes can switch on
// them: X(namespace, name).
#define WICK_FORALL_BUILTIN_SYMBOLS(X) \
  X(prim, Param)                       \
  X(prim, Return)                      \
  X(prim, Constant)                    \
  X(prim, If)                          \
  X(prim, Loop)                        \
  X(prim, TupleConstruct)              \
  X(prim, TupleUnpack)                 \
  X(prim, TupleIndex)                  \
  X(prim, TupleSlice)                  \
  X(prim, ListConstruct)               \
  X(prim, ListUnpack)                  \
  X(prim, DictConstruct)               \
  X(prim, GetAttr)                     \
  X(prim, SetAttr)                     \
  X(prim, CallMethod)                  \
  X(prim, CallFunction)                \
  X(prim, RaiseException)              \
  X(prim, Uninitialized)               \
  X(prim, unchecked_cast)              \
  X(prim, NumToTensor)                 \
  X(prim, ImplicitTensorToNum)         \
  X(prim, CreateObject)                \
  X(prim, isinstance)                  \
  X(prim, Enter)                       \
  X(prim, Exit)                        \
  X(prim, Print)                       \
  X(prim, FusionGroup)                 \
  X(prim, Guard)                       \
  X(aten, __is__)                      \
  X(aten, __isnot__)

class Symbol {
 public:
  enum Builtin : uint32_t {
#define WICK_SYMBOL_ENUM(ns, name) ns##_##name,
    WICK_FORALL_BUILTIN_SYMBOLS(WICK_SYMBOL_ENUM)
#undef WICK_SYMBOL_ENUM
    kNumBuiltins
  };

  Symbol() : id_(prim_Param) {}
  Symbol(Builtin b) : id_(b) {}  // NOLINT
  // Interns "ns::name"; thread-safe.
  static Symbol fromQualString(std::string_view qual);

  uint32_t id() const { return id_; }
  // "aten::add"
  const std::string& qualString() const;
  // "aten"
  std::string ns() const;
  // "add"
  std::string unqualName() const;
  bool isAten() const;
  bool isPrim() const;

  bool operator==(Symbol o) const { return id_ == o.id_; }
  bool operator!=(Symbol o) const { return id_ != o.id_; }
  bool operator<(Symbol o) const { return id_ < o.id_; }

 private:
  explicit Symbol(uint32_t id, int) : id_(id) {}
  uint32_t id_;
};

}  // namespace wick::ir

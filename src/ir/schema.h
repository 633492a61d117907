// Operator schemas in TorchScript's notation:
//   aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/type.h"
#include "wick/ivalue.h"

namespace wick::ir {

// Alias annotation of an argument: Tensor(a!) is set "a", written;
// Tensor(a|b) is set "a|b"; t(c -> *) is set "c" with afterSet "*" (the
// value joins the wildcard set, e.g. when stored into a list).
struct AliasInfo {
  std::string set;
  bool isWrite = false;
  std::string afterSet;
  std::string str() const;  // "(a!)", "(c -> *)"
  bool operator==(const AliasInfo& o) const = default;
};

struct Argument {
  std::string name;
  TypePtr type;
  std::optional<int64_t> fixedLength;  // int[2]
  std::optional<IValue> defaultValue;  // parsed: None, ints, floats, bools, strs, lists
  bool kwargOnly = false;
  // On the argument itself: Tensor(a!), Tensor(a!)?, t[](a!).
  std::optional<AliasInfo> alias;
  // On the elements of a list argument: Tensor(a)[].
  std::optional<AliasInfo> elementAlias;
  // The type as written in schemas: "int[2]", "Tensor(a!)", "Tensor(a)[]".
  std::string typeStr() const;
};

struct FunctionSchema {
  std::string name;      // "aten::add"
  std::string overload;  // "Tensor" (may be empty)
  std::vector<Argument> arguments;
  std::vector<Argument> returns;
  bool isVararg = false;  // (...) arguments
  bool isVarret = false;  // -> ...

  // "aten::add.Tensor"
  std::string qualifiedOverloadName() const;
  // Canonical text, parseable by parseSchema.
  std::string str() const;
  // Whether any argument is written (Tensor(a!)).
  bool isMutable() const;
};

// Parses the schema notation above, including native_functions.yaml's
// default spellings (contiguous_format, Mean, long: stored as the ints
// TorchScript passes); throws wick::Error with the column of the problem.
// str() prints what PyTorch 1.13 prints, so print(parse(s)) is stable.
FunctionSchema parseSchema(std::string_view text);
// Parses a type as written in schemas and graph text: "Tensor", "int[]",
// "Tensor?", "(int, Tensor)", "Dict(str, Tensor)", "Float(2, 3, ...)",
// "__torch__.Foo", and the annotation spellings "List[int]",
// "Optional[T]", "Tuple[...]", "Dict[K, V]". Class names are looked up
// through `resolveClass` when given (nullptr for unknown: an error),
// otherwise they become Any. "SymInt" reads as int; the type variables of
// generic schemas (t, t1, tVal, K, V) become TypeKind::Var.
TypePtr parseType(std::string_view text,
                  const std::function<TypePtr(const std::string&)>& resolveClass = {});

}  // namespace wick::ir

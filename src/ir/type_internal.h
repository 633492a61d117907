// Private to src/ir: type printing helpers and the type parser entry point
// shared by parseType, parseSchema and parseGraph.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "ir/schema.h"
#include "ir/text_cursor.h"
#include "ir/type.h"

namespace wick::ir {

// PyTorch's tensor type dtype names: "Float", "Long", ...
const char* tensorTypeDTypeName(DType t);
// "Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)"
std::string tensorInfoStr(const TensorInfo& info);

using ClassResolver = std::function<TypePtr(const std::string&)>;

// What a schema argument's type carries besides the type.
struct ArgTypeExtras {
  std::optional<int64_t> fixedLength;
  std::optional<AliasInfo> alias;
  std::optional<AliasInfo> elementAlias;
};

// Parses a type at the cursor. `extras` non-null enables schema syntax
// (alias annotations, int[2]); in graph text "Tensor(...)" is always a
// refined tensor type.
TypePtr parseTypeAt(TextCursor& c, const ClassResolver& resolve, ArgTypeExtras* extras = nullptr,
                    int depth = 0);

}  // namespace wick::ir

// Private to src/ir: how graph text spells literals, shared by the printer
// and the schema printer so both match PyTorch byte for byte.
#pragma once

#include <string>
#include <string_view>

#include "wick/ivalue.h"

namespace wick::ir {

// PyTorch's IValue spelling of a double: "2.", "0.5", "1.0000000000000001e-05",
// "inf", "-inf", "nan".
std::string formatDouble(double d);
// c10::printQuotedString: double quotes, C escapes, octal for other bytes
// below 0x20.
std::string quoteString(std::string_view s);
// A literal as PyTorch prints an IValue: 1, 2.5, True, None, "s", [1, 2],
// (1, 2), {"a": 1}; tensors as {v} (one element) or <Tensor>.
std::string literalStr(const IValue& v);

}  // namespace wick::ir

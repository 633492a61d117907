// How TorchScript prints values with str(), print() and str.format():
// floats with 17 significant digits and a trailing '.' when integral
// ("3.", "0.10000000000000001"), strings bare even inside containers.
#pragma once

#include <string>

#include "wick/ivalue.h"

namespace wick {

std::string displayString(const IValue& v);
std::string displayFloat(double d);

}  // namespace wick

// What this build knows: registered operators and WICK_* flags.
#include "wick/introspection.h"

#include <algorithm>

#include "core/flags.h"
#include "runtime/operator.h"

namespace wick {

std::vector<std::string> registeredOperators() {
  std::vector<std::string> out;
  for (const Operator* op : OperatorRegistry::global().all()) out.push_back(op->schema.str());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::pair<std::string, std::string>> flagsInEffect() { return Flags::get().inEffect(); }

std::string flagsHelp() { return Flags::describe(); }

}  // namespace wick

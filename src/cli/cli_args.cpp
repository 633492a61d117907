// Argument helpers shared by the `wick` subcommands.
#include "cli/cli_args.h"

#include <fmt/format.h>

#include "serialize/torch_save.h"

namespace wick::cli {

int64_t parseIntOption(const std::string& flag, const std::string& value, int64_t min) {
  size_t used = 0;
  long long n = 0;
  try {
    n = std::stoll(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value.size() || n < min)
    throw Error(fmt::format("{} expects an integer >= {}, got '{}'", flag, min, value));
  return n;
}

std::vector<IValue> loadPositionalArgs(const std::string& path) {
  IValue saved = serialize::loadTorchSaved(path);
  if (saved.isTuple()) return saved.toTuple()->elements;
  return {std::move(saved)};
}

}  // namespace wick::cli

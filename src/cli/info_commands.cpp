// `wick ops` and `wick flags`.
#include <cstdio>

#include "cli/commands.h"
#include "wick/error.h"
#include "wick/introspection.h"

namespace wick::cli {

int listOps(const std::vector<std::string>& args) {
  if (!args.empty()) throw Error("ops: takes no arguments");
  auto ops = registeredOperators();
  for (const auto& s : ops) std::printf("%s\n", s.c_str());
  std::fprintf(stderr, "wick: %zu operator schemas\n", ops.size());
  return 0;
}

int listFlags(const std::vector<std::string>& args) {
  if (!args.empty()) throw Error("flags: takes no arguments");
  std::printf("flags (environment variables):\n%s\nin effect:\n", flagsHelp().c_str());
  for (const auto& [k, v] : flagsInEffect()) std::printf("  %s=%s\n", k.c_str(), v.c_str());
  return 0;
}

}  // namespace wick::cli

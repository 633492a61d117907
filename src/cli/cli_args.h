// Argument helpers shared by the `wick` subcommands.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wick/ivalue.h"

namespace wick::cli {

// `value` of option `flag` as an integer >= min; a wick::Error naming the
// flag otherwise ("--iters expects an integer >= 1, got '0'").
int64_t parseIntOption(const std::string& flag, const std::string& value, int64_t min);

// The positional arguments in a torch.save file: torch.save(tuple_of_args)
// gives its elements; any other saved value is one argument.
std::vector<IValue> loadPositionalArgs(const std::string& path);

}  // namespace wick::cli

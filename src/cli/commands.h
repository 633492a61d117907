// The subcommands of `wick`. Each takes the arguments after its name and
// returns the exit code; errors are thrown as wick::Error.
#pragma once

#include <string>
#include <vector>

namespace wick::cli {

int runIr(const std::vector<std::string>& args);
int benchModel(const std::vector<std::string>& args);
int runModel(const std::vector<std::string>& args);
int listOps(const std::vector<std::string>& args);
int listFlags(const std::vector<std::string>& args);

}  // namespace wick::cli

// What this build of Wick knows: registered operators and WICK_* flags.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace wick {

// Every registered operator schema, sorted.
std::vector<std::string> registeredOperators();
// The WICK_* flags with the values in effect (validated: throws wick::Error
// for an unknown WICK_* name or a bad value in the environment).
std::vector<std::pair<std::string, std::string>> flagsInEffect();
// One line per flag: name, default and meaning.
std::string flagsHelp();

}  // namespace wick

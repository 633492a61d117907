// WICK_* environment flags: one table of names, parsed and validated once.
// The parsed Flags are immutable; components take what they need from them
// (or from a copy the caller adjusted) rather than reading globals.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace wick {

struct Flags {
  bool jit = true;                    // WICK_JIT
  int profiling_runs = 1;             // WICK_PROFILING_RUNS
  std::string fuser = "llvm";         // WICK_FUSER
  int max_specializations = 8;        // WICK_MAX_SPECIALIZATIONS
  bool freeze = true;                 // WICK_FREEZE
  bool winograd = true;               // WICK_WINOGRAD
  int num_threads = 0;                // WICK_NUM_THREADS (0 before parsing: cores)
  std::vector<std::string> dont_fuse; // WICK_DONT_FUSE
  std::string log;                    // WICK_LOG
  std::vector<std::string> dump;      // WICK_DUMP
  std::string dump_dir;               // WICK_DUMP_DIR

  // The process's flags, parsed from the environment on first use. Throws
  // wick::Error naming the flag for an unknown WICK_* name or a bad value.
  static const Flags& get();
  // Parses NAME=VALUE pairs (only WICK_* names are looked at).
  static Flags parse(const std::vector<std::pair<std::string, std::string>>& env);
  // Every flag with its value in effect, for `wick bench` and --stats.
  std::vector<std::pair<std::string, std::string>> inEffect() const;
  // One line per flag: name, default, meaning (for `wick --help`).
  static std::string describe();
};

}  // namespace wick

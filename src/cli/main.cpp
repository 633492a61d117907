// The `wick` command: dispatches to subcommands and turns every error into
// one line `wick: error: ...` and a non-zero exit.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "wick/error.h"
#include "wick/version.h"

namespace {

void printUsage(FILE* out) {
  std::fprintf(out,
               "usage: wick <command> [options]\n"
               "\n"
               "Wick runs TorchScript programs without libtorch.\n"
               "\n"
               "commands:\n"
               "  run MODEL.pt [--input ARGS.pt] [--output OUT.pt] [--method NAME] [--repeat N] [--stats]\n"
               "                   run a method of a TorchScript archive on torch.save'd arguments;\n"
               "                   the result goes to OUT.pt for torch.load (printed without --output);\n"
               "                   --stats prints the JIT's counters per method on stderr\n"
               "  bench MODEL.pt [--input ARGS.pt] [--method NAME] [--warmup N] [--iters N]\n"
               "                   [--threads N] [--json FILE]\n"
               "                   time a method: load, calls 1-3, steady-state percentiles, peak RSS\n"
               "  run-ir GRAPH.txt [--input SPEC]... [--seed N] [--repeat N] [--time]\n"
               "                   run TorchScript graph text on inputs given on the command line\n"
               "  ops              list the registered operator schemas\n"
               "  flags            list the WICK_* environment flags and their values in effect\n"
               "\n"
               "options:\n"
               "  -h, --help       show this help\n"
               "  --version        show the version\n"
               "\n"
               "input SPECs: 3, 2.5, true, None, 'text', [1, 2], (1, 2.5), randn(4, 8), rand(2),\n"
               "  zeros(2, 3), ones(3, dtype=int64), full(2, 2, value=1.5), arange(6),\n"
               "  tensor([[1, 2], [3, 4]], dtype=float64)\n");
}

// Error messages may carry context on further lines; the CLI prints one.
std::string oneLine(std::string s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') {
      while (i + 1 < s.size() && s[i + 1] == ' ') ++i;
      out += "; ";
    } else {
      out += s[i];
    }
  }
  return out;
}

// The intra-op pool runs on OpenMP's threads (shared with oneDNN). How
// libgomp's idle threads wait decides the latency at 2 threads: spinning
// without bound (its default, 300k spins) costs seconds per call when the
// machine has other busy threads; sleeping at once (PASSIVE) costs a futex
// wake per parallel region (mobilenet_v3_small at 2 threads, idle machine:
// 17 ms p50 passive, 3.3 ms spinning); a short spin then sleep gives both
// (3.1 ms idle, bounded waste under load). libgomp reads these only when it
// loads, so the command sets OMP_WAIT_POLICY=PASSIVE and GOMP_SPINCOUNT=10000
// and re-executes itself, unless the user chose either. Programs linking
// libwick should export the same.
void tuneOpenMPWaiting(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr || std::getenv("GOMP_SPINCOUNT") != nullptr) return;
  if (setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0 || setenv("GOMP_SPINCOUNT", "10000", 1) != 0) return;
  execv("/proc/self/exe", argv);
  // execv failed (no /proc): carry on with the default policy.
}

}  // namespace

int main(int argc, char** argv) {
  tuneOpenMPWaiting(argv);
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty()) throw wick::Error("no command given (see wick --help)");
    const std::string& cmd = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (cmd == "-h" || cmd == "--help" || cmd == "help") {
      printUsage(stdout);
      return 0;
    }
    if (cmd == "--version" || cmd == "version") {
      std::printf("wick %s\n", wick::version());
      return 0;
    }
    if (cmd == "run") return wick::cli::runModel(rest);
    if (cmd == "run-ir") return wick::cli::runIr(rest);
    if (cmd == "bench") return wick::cli::benchModel(rest);
    if (cmd == "ops") return wick::cli::listOps(rest);
    if (cmd == "flags") return wick::cli::listFlags(rest);
    throw wick::Error("unknown command '" + cmd + "' (see wick --help)");
  } catch (const wick::Error& e) {
    std::fprintf(stderr, "wick: error: %s\n", oneLine(e.what()).c_str());
    return 1;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "wick: error: out of memory\n");
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "wick: error: %s\n", oneLine(e.what()).c_str());
    return 1;
  }
}

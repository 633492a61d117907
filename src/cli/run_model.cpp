// `wick run MODEL.pt --input ARGS.pt --output OUT.pt [--method NAME]
// [--repeat N] [--stats]`: loads a TorchScript archive, calls one method on the
// arguments torch.save wrote, and saves the result for torch.load (or
// prints it when there is no --output). --stats prints the executor's
// counters per method on stderr (calls per tier, fusion groups, guards,
// kernels, compile time).
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/cli_args.h"
#include "cli/commands.h"
#include "serialize/torch_save.h"
#include "wick/error.h"
#include "wick/module.h"

namespace wick::cli {

namespace {

void printStats(const std::vector<MethodStats>& all) {
  for (const MethodStats& s : all) {
    double kernelMax = 0;
    for (const auto& k : s.kernels) kernelMax = std::max(kernelMax, k.compileMs);
    std::string text = fmt::format(
        "stats {}\n"
        "  calls {}: interpreter {}, profiling {}, optimized {} (first at call {})\n"
        "  fusion groups {}: guard checks {}, guard failures {}, interpreter fallbacks {}\n"
        "  kernels compiled {} (specialized {}, dynamic {}; {} reused compiled code), compile failures {}\n"
        "  compile {:.2f} ms: optimize {:.2f} ms, kernels {:.2f} ms (max {:.2f} ms)\n",
        s.method, s.calls, s.interpreterCalls, s.profilingCalls, s.optimizedCalls, s.optimizedAtCall,
        s.fusionGroups, s.guardChecks, s.guardFailures, s.fallbackRuns, s.kernelsCompiled(), s.specializations,
        s.dynamicKernels, s.kernelsReused, s.compileFailures, s.compileMs(), s.optimizeMs, s.kernelCompileMs, kernelMax);
    std::fputs(text.c_str(), stderr);
  }
}

}  // namespace

int runModel(const std::vector<std::string>& args) {
  std::string model, input, output, method = "forward";
  int64_t repeat = 1;
  bool stats = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw Error(a + " needs a value");
      return args[++i];
    };
    if (a == "--input") input = value();
    else if (a == "--output") output = value();
    else if (a == "--method") method = value();
    else if (a == "--repeat") repeat = parseIntOption(a, value(), 1);
    else if (a == "--stats") stats = true;
    else if (!a.empty() && a[0] == '-') throw Error("unknown option '" + a + "' for run (see wick --help)");
    else if (model.empty()) model = a;
    else throw Error("run takes one model, got '" + model + "' and '" + a + "'");
  }
  if (model.empty()) throw Error("run needs a model: wick run MODEL.pt --input ARGS.pt --output OUT.pt");
  std::vector<IValue> positional;
  if (!input.empty()) {
    // torch.save(tuple_of_args); a single non-tuple value is one argument.
    positional = loadPositionalArgs(input);
  }
  Module m = load(model);
  m.eval();
  IValue result;
  for (int64_t r = 0; r < repeat; ++r) result = m.runMethod(method, positional);
  if (stats) printStats(m.stats());
  // Without --output the result is printed, as run-ir prints its outputs.
  if (!output.empty()) serialize::saveTorchSaved(result, output);
  else std::printf("%s\n", result.repr().c_str());
  return 0;
}

}  // namespace wick::cli

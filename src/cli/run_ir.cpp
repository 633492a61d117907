// `wick run-ir`: runs TorchScript graph text on command-line inputs and
// prints each output.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/cli_args.h"
#include "cli/commands.h"
#include "cli/input_spec.h"
#include "wick/graph_function.h"

namespace wick::cli {

int runIr(const std::vector<std::string>& args) {
  std::string path;
  std::vector<std::string> specs;
  uint64_t seed = 0;
  int64_t repeat = 1;
  bool time = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw Error(fmt::format("{} expects a value", a));
      return args[++i];
    };
    if (a == "--input" || a == "-i") specs.push_back(value());
    else if (a == "--seed") seed = static_cast<uint64_t>(parseIntOption(a, value(), 1));
    else if (a == "--repeat") repeat = parseIntOption(a, value(), 1);
    else if (a == "--time") time = true;
    else if (!a.empty() && a[0] == '-' && a != "-") throw Error(fmt::format("run-ir: unknown option '{}'", a));
    else if (path.empty()) path = a;
    else throw Error(fmt::format("run-ir: unexpected argument '{}'", a));
  }
  if (path.empty()) throw Error("run-ir: missing GRAPH.txt (usage: wick run-ir GRAPH.txt [--input SPEC]...)");
  GraphFunction fn = GraphFunction::fromFile(path);
  std::vector<IValue> inputs;
  for (const auto& s : specs) inputs.push_back(parseInputSpec(s, seed));
  if (inputs.size() != fn.numInputs()) {
    auto types = fn.inputTypes();
    std::string sig;
    for (const auto& t : types) sig += (sig.empty() ? "" : ", ") + t;
    throw Error(fmt::format("{}: the graph takes {} inputs ({}) but {} --input values were given", path,
                            fn.numInputs(), sig, inputs.size()));
  }
  std::vector<IValue> outputs;
  auto start = std::chrono::steady_clock::now();
  for (int64_t r = 0; r < repeat; ++r) outputs = fn(inputs);
  auto end = std::chrono::steady_clock::now();
  for (const auto& o : outputs) std::printf("%s\n", o.repr().c_str());
  if (time) {
    double ms = std::chrono::duration<double, std::milli>(end - start).count();
    std::fprintf(stderr, "wick: %lld call(s), %.3f ms per call\n", static_cast<long long>(repeat), ms / repeat);
  }
  return 0;
}

}  // namespace wick::cli

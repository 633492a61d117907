// How a method or graph function runs: the seam between the runtime and the
// JIT layer above it.
//
// The runtime runs every method and GraphFunction through a GraphExecutor.
// Without the JIT (WICK_JIT=0, or a program that does not link jit/) the
// executor is the interpreter alone. The JIT installs a factory at start-up
// (setGraphExecutorFactory) whose executors profile, optimize, fuse and
// compile; the runtime never includes a jit header.
//
// prim::FusionGroup is declared here too: the runtime registers the op so
// the interpreter resolves it like any other, and the JIT provides what it
// does per node (setFusionGroupFactory).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/interpreter.h"
#include "runtime/operator.h"
#include "wick/method_stats.h"

namespace wick {

class GraphExecutor {
 public:
  virtual ~GraphExecutor() = default;
  // Runs the function on `inputs`; safe to call from many threads at once.
  virtual std::vector<IValue> run(std::vector<IValue> inputs) = 0;
  // Counters so far (calls per tier, guards, kernels, compile time).
  virtual MethodStats stats() const = 0;
};

// Makes the executor of one function whose interpreter code is `code`
// (compiled from the function's graph); `name` names it in stats and logs.
using GraphExecutorFactory = std::unique_ptr<GraphExecutor> (*)(std::shared_ptr<const Code> code,
                                                                const std::string& name);
// Installed by the JIT layer; nullptr uninstalls.
void setGraphExecutorFactory(GraphExecutorFactory factory);

// The executor for `code`: the installed factory's when WICK_JIT=1, else the
// interpreter alone.
std::unique_ptr<GraphExecutor> makeGraphExecutor(std::shared_ptr<const Code> code, const std::string& name);

// What prim::FusionGroup does for one node (its "Subgraph" attribute);
// called once per node when code is built.
using FusionGroupFactory = Operation (*)(const ir::Node& node);
void setFusionGroupFactory(FusionGroupFactory factory);

// Registers prim::FusionGroup(...) -> ... (OperatorRegistry::global() calls it).
void registerFusionGroupOp(OperatorRegistry& r);

}  // namespace wick

// Executor counters of one method or graph function: Module::stats(),
// GraphFunction::stats(), `wick run --stats`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wick {

// What the executor did for one method so far (Module::stats(), `wick run
// --stats`). Tiers: the interpreter alone (WICK_JIT=0, or while another
// thread is optimizing), profiling calls, then calls of the optimized graph.
struct MethodStats {
  std::string method;             // qualified name
  int64_t calls = 0;
  int64_t interpreterCalls = 0;
  int64_t profilingCalls = 0;
  int64_t optimizedCalls = 0;
  int64_t optimizedAtCall = 0;    // 1-based index of the first optimized call; 0: not yet
  int64_t fusionGroups = 0;       // prim::FusionGroup nodes in the optimized graph
  int64_t guardChecks = 0;        // fusion-group calls that checked a guard
  int64_t guardFailures = 0;      // ... where no compiled kernel applied
  int64_t fallbackRuns = 0;       // fusion-group calls run by the interpreter
  int64_t specializations = 0;    // shape-specialized kernels compiled
  int64_t dynamicKernels = 0;     // dynamic-shape kernels compiled
  int64_t kernelsReused = 0;      // of those, code reused from an identical kernel (no backend compile)
  int64_t compileFailures = 0;    // kernels that failed to compile (their group falls back)
  double optimizeMs = 0;          // passes + fusion + code of the optimized graph
  double kernelCompileMs = 0;     // all kernels together
  struct Kernel {
    std::string name;
    double compileMs = 0;
    bool dynamic = false;
    bool reused = false;  // code shared with an identical kernel compiled before
  };
  std::vector<Kernel> kernels;    // every kernel compiled, in order
  int64_t kernelsCompiled() const { return specializations + dynamicKernels; }
  double compileMs() const { return optimizeMs + kernelCompileMs; }
};

}  // namespace wick

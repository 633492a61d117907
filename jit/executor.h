// The JIT's GraphExecutor: tiers for one method or graph function.
//
//   call 1..P     profiling: the interpreter runs the original graph while a
//                 RunObserver records tensor facts (jit/profile.h);
//                 P = WICK_PROFILING_RUNS
//   call P+1      optimization: optimizeGraph (jit/optimize.h: passes,
//                 specialization from the profile, fusion) on a copy, then
//                 the interpreter's Code of that copy; a failure here is
//                 logged once and the method stays in the interpreter
//   calls after   the optimized Code. Each prim::FusionGroup in it keeps a
//                 cache of FusedKernels behind guards (executor_group.cpp):
//                 a miss compiles a new specialization for the inputs seen
//                 (up to WICK_MAX_SPECIALIZATIONS, then dynamic-shape
//                 kernels); when nothing can serve the call, the group's
//                 subgraph runs in the interpreter.
//
// Many threads may call run() at once: one thread optimizes while the
// others keep running the interpreter; the optimized code is published
// once through an atomic pointer, so the steady state takes no lock.
#pragma once

#include <memory>
#include <string>

#include "jit/backend.h"
#include "jit/fuser.h"
#include "jit/telemetry.h"
#include "runtime/graph_executor.h"

namespace wick {
struct Flags;
}

namespace wick::jit {

struct ExecutorOptions {
  int profilingRuns = 1;       // WICK_PROFILING_RUNS
  // WICK_FUSER: "llvm", "interp" (kernel IR evaluator) or "none" (profile
  // and passes, no fusion). "llvm" without an LLVM build acts as "none"
  // (logged once).
  std::string fuser = "llvm";
  int maxSpecializations = 8;  // WICK_MAX_SPECIALIZATIONS
  FuserOptions fuserOptions;
  // WICK_FREEZE: methods of eval-mode modules get their attributes frozen
  // into constants (jit/freeze.h), per module object.
  bool freeze = true;
  // Test hook: a backend to use instead of the one `fuser` names.
  Backend* backend = nullptr;

  static ExecutorOptions fromFlags(const Flags& flags);
};

// What a prim::FusionGroup node needs from the executor that compiled it.
struct GroupContext {
  std::string method;
  std::shared_ptr<Telemetry> telemetry;
  Backend* backend = nullptr;  // null: every group runs in the interpreter
  int maxSpecializations = 8;
};

std::unique_ptr<GraphExecutor> makeExecutor(std::shared_ptr<const Code> code, const std::string& name,
                                            const ExecutorOptions& opts);

// The Operation of one prim::FusionGroup node (executor_group.cpp). Uses the
// context of the executor compiling on this thread (see CompilingGroups),
// or a process-wide one built from the flags.
Operation makeFusionGroupOp(const ir::Node& node);

// While alive, prim::FusionGroup nodes compiled on this thread report to
// `ctx`.
class CompilingGroups {
 public:
  explicit CompilingGroups(const GroupContext* ctx);
  ~CompilingGroups();
  static const GroupContext* current();

 private:
  const GroupContext* previous_;
};

// Installs makeExecutor (with the flags' options) and makeFusionGroupOp
// into the runtime's hooks. Idempotent; the JIT layer calls it at start-up
// (executor_install.cpp), tests may call it again.
void installExecutor();

}  // namespace wick::jit

// The pipeline, top to bottom. Each pass is one named line; runPass logs its
// time (WICK_LOG=<name>) and the graph after it (WICK_LOG=<name>=2).
#include "jit/optimize.h"

#include <fmt/format.h>

#include <chrono>

#include "jit/epilogue_fusion.h"
#include "jit/freeze.h"
#include "jit/node_evaluator.h"
#include "jit/profile.h"
#include "jit/telemetry.h"
#include "passes/common_subexpression_elimination.h"
#include "passes/constant_propagation.h"
#include "passes/dead_code_elimination.h"
#include "passes/loop_unrolling.h"
#include "passes/peephole.h"

namespace wick::jit {

namespace {

template <typename Pass>
void runPass(const char* name, ir::Graph& graph, const OptimizeOptions& opts, Pass&& pass) {
  auto t0 = std::chrono::steady_clock::now();
  pass(graph);
  if (logEnabled(name)) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    logLine(name, fmt::format("{}: {:.3f} ms", opts.name, ms));
    if (logEnabled(name, 2)) logLine(name, graph.str());
  }
}

// Restores plain types at the top level: profiled facts are the fusion
// groups' business, the interpreter must accept anything.
void forgetProfileOutsideGroups(ir::Graph& graph) { eraseTensorInfo(graph); }

// Constant propagation that also folds tensor ops on constant tensors (what
// freezing and unrolling leave), running them through the interpreter.
void propagateConstants(ir::Graph& graph, const OptimizeOptions& opts) {
  passes::ConstantPropagationOptions o;
  o.evaluator = evaluateNode;
  size_t tensorOps = 0;
  o.tensorOpsFolded = &tensorOps;
  size_t n = passes::propagateConstants(graph, o);
  if (logEnabled("constant_propagation"))
    logLine("constant_propagation",
            fmt::format("{}: {} nodes folded or inlined, {} of them tensor ops", opts.name, n, tensorOps));
}

// Peephole rewrites on what the IR proves; the profiled facts on the value
// types are not proofs here (nothing guards them outside fusion groups).
void peephole(ir::Graph& graph, const OptimizeOptions& opts) {
  passes::PeepholeStats s = passes::peephole(graph);
  if (logEnabled("peephole")) logLine("peephole", fmt::format("{}: {}", opts.name, s.str()));
}

}  // namespace

std::shared_ptr<ir::Graph> optimizeGraph(const ir::Graph& original, const OptimizeOptions& opts) {
  std::shared_ptr<ir::Graph> g = original.copy();
  if (dumpEnabled("ir")) dump("ir", opts.name, "before optimization:\n" + g->str());

  // Specialization: the profile refines value types (dtype, sizes with
  // symbolic dims, strides, device), which later passes and the fuser may
  // use. It runs first because the profile is keyed by the values of the
  // original graph, which map onto the copy only while both have the same
  // structure; values the passes create are simply unrefined.
  if (opts.profile) {
    runPass("specialize", *g, opts, [&](ir::Graph& graph) { applyProfile(*opts.profile, original, graph); });
  }

  // Freezing first, so that every pass after it sees the attributes of an
  // eval-mode module as constants: `self.training` is False, so constant
  // propagation drops the training branches (batch norm's statistics
  // updates among them).
  if (opts.freeze && opts.self) {
    runPass("freeze", *g, opts, [&](ir::Graph& graph) {
      FreezeStats s = freezeModule(graph, *opts.self);
      if (logEnabled("freeze"))
        logLine("freeze", fmt::format("{}: {} attributes frozen, {} written or mutated, {} not constants", opts.name,
                                      s.frozen, s.written, s.unsupported));
    });
  }

  // Method and function calls are already inlined by the module loader
  // (archive_classes: callee methods are compiled into their callers), so
  // the pipeline starts on whole-method graphs.
  //   inline_calls: (done at load)
  // Cheap cleanups first, so that later passes and the fuser see less:
  // constant folding of scalars and constant branches, then dead-code
  // elimination of what it left unused.
  runPass("constant_propagation", *g, opts, [&](ir::Graph& graph) { propagateConstants(graph, opts); });
  // Conv + batch norm in eval mode -> one conv (folded weight and bias):
  // after constant propagation, which leaves batch_norm's running stats and
  // training flag as the constants freezing made; before DCE, which drops
  // the unfolded weights.
  runPass("fold_conv_bn", *g, opts, [&](ir::Graph& graph) {
    int64_t n = foldConvBatchNorm(graph);
    if (logEnabled("fold_conv_bn")) logLine("fold_conv_bn", fmt::format("{}: {} batch_norm folded", opts.name, n));
  });
  runPass("dead_code_elimination", *g, opts, passes::eliminateDeadCode);
  // After DCE (fewer nodes to hash), before fusion (one group input
  // instead of two equal ones).
  runPass("common_subexpression_elimination", *g, opts, passes::eliminateCommonSubexpressions);
  // Local rewrites (eval-mode dropout, None checks on non-Optional values,
  // tuple/list construct + index, ...), then complete unrolling of small
  // counted loops; both expose constants (None checks, induction variables,
  // list indices), so constant propagation, the peephole again (a constant
  // index into a ListConstruct) and DCE run once more after them.
  runPass("peephole", *g, opts, [&](ir::Graph& graph) { peephole(graph, opts); });
  runPass("unroll_small_loops", *g, opts, [&](ir::Graph& graph) {
    size_t n = passes::unrollSmallLoops(graph);
    if (logEnabled("unroll_small_loops"))
      logLine("unroll_small_loops", fmt::format("{}: {} loops unrolled", opts.name, n));
  });
  runPass("constant_propagation", *g, opts, [&](ir::Graph& graph) { propagateConstants(graph, opts); });
  runPass("peephole", *g, opts, [&](ir::Graph& graph) { peephole(graph, opts); });
  runPass("dead_code_elimination", *g, opts, passes::eliminateDeadCode);

  // Convolution -> [residual add] -> [activation] into one oneDNN
  // primitive with post-ops: after conv + batch norm folding and the
  // cleanups, which leave such chains adjacent; before the fuser, which
  // would take the elementwise tails into its groups.
  runPass("fuse_epilogues", *g, opts, [&](ir::Graph& graph) {
    int64_t n = fuseEpilogues(graph, opts.fuser);
    if (logEnabled("fuse_epilogues")) logLine("fuse_epilogues", fmt::format("{}: {} chains fused", opts.name, n));
  });

  // Fusion last: it partitions what the passes above left.
  if (opts.fuse) {
    runPass("fuser", *g, opts, [&](ir::Graph& graph) { fuseGraph(graph, opts.fuser); });
  }
  runPass("forget_profile", *g, opts, forgetProfileOutsideGroups);

  if (dumpEnabled("fused")) {
    dump("fused", opts.name, g->str());
  }
  if (dumpEnabled("ir")) dump("ir", opts.name, "after optimization:\n" + g->str());
  return g;
}

}  // namespace wick::jit

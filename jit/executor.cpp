// The per-method executor: profiling calls, one optimization, then the
// optimized code (see executor.h for the tiers).
#include "jit/executor.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <mutex>

#include "core/flags.h"
#include "jit/kir/evaluator.h"
#include "jit/optimize.h"
#include "jit/profile.h"
#include "wick/error.h"

namespace wick::jit {

ExecutorOptions ExecutorOptions::fromFlags(const Flags& flags) {
  ExecutorOptions o;
  o.profilingRuns = flags.profiling_runs;
  o.fuser = flags.fuser;
  o.maxSpecializations = flags.max_specializations;
  o.fuserOptions = FuserOptions::fromFlags(flags);
  return o;
}

namespace {

Backend* resolveBackend(const ExecutorOptions& o) {
  if (o.backend) return o.backend;
  if (o.fuser == "none") return nullptr;
  if (o.fuser == "interp") kir::registerInterpBackend();
  Backend* b = backendFor(o.fuser);
  if (!b) {
    static std::once_flag once;
    std::call_once(once, [&] {
      if (logEnabled("executor"))
        logLine("executor", fmt::format("WICK_FUSER={}: no such backend in this build; fusion is off", o.fuser));
    });
  }
  return b;
}

double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

class Executor final : public GraphExecutor {
 public:
  Executor(std::shared_ptr<const Code> code, std::string name, ExecutorOptions opts)
      : code_(std::move(code)), name_(std::move(name)), opts_(std::move(opts)),
        telemetry_(std::make_shared<Telemetry>()), profile_(code_->graph(), opts_.fuserOptions) {
    ctx_.method = name_;
    ctx_.telemetry = telemetry_;
    ctx_.backend = resolveBackend(opts_);
    ctx_.maxSpecializations = opts_.maxSpecializations;
  }

  std::vector<IValue> run(std::vector<IValue> inputs) override {
    int64_t call = telemetry_->calls.fetch_add(1, std::memory_order_relaxed) + 1;
    if (const Code* fast = optimized_.load(std::memory_order_acquire)) return runOptimized(*fast, call, inputs);
    if (!failed_.load(std::memory_order_acquire)) {
      if (call <= opts_.profilingRuns) return runProfiling(std::move(inputs));
      // One thread optimizes; the others do not wait for it.
      std::unique_lock<std::mutex> lock(optimizeMutex_, std::try_to_lock);
      if (lock.owns_lock()) {
        if (!optimized_.load(std::memory_order_acquire) && !failed_.load(std::memory_order_acquire))
          optimize(inputs);
        lock.unlock();
        if (const Code* fast = optimized_.load(std::memory_order_acquire)) return runOptimized(*fast, call, inputs);
      }
    }
    Telemetry::bump(telemetry_->interpreterCalls);
    return code_->run(std::move(inputs));
  }

  MethodStats stats() const override { return telemetry_->snapshot(name_); }

 private:
  std::vector<IValue> runProfiling(std::vector<IValue> inputs) {
    Telemetry::bump(telemetry_->profilingCalls);
    ProfilingRun observer(profile_);
    observer.recordInputs(code_->graph(), inputs);
    std::vector<IValue> out = code_->run(std::move(inputs), &observer);
    profile_.merge(observer);
    return out;
  }

  std::vector<IValue> runOptimized(const Code& code, int64_t call, std::vector<IValue>& inputs) {
    Telemetry::bump(telemetry_->optimizedCalls);
    int64_t expected = 0;
    telemetry_->optimizedAtCall.compare_exchange_strong(expected, call, std::memory_order_relaxed);
    return code.run(std::move(inputs));
  }

  // Under optimizeMutex_. Never throws: a failure leaves the method in the
  // interpreter for good.
  void optimize(const std::vector<IValue>& inputs) {
    auto t0 = std::chrono::steady_clock::now();
    try {
      if (profile_.runs() == 0) {
        // WICK_PROFILING_RUNS=0: what the first call's inputs say.
        ProfilingRun observer(profile_);
        observer.recordInputs(code_->graph(), inputs);
        profile_.merge(observer);
      }
      auto seen = profile_.snapshot();
      OptimizeOptions o;
      o.name = name_;
      o.profile = &seen;
      o.fuse = ctx_.backend != nullptr;
      o.fuser = opts_.fuserOptions;
      std::shared_ptr<ir::Graph> graph = optimizeGraph(code_->graph(), o);
      telemetry_->fusionGroups.store(static_cast<int64_t>(fusionGroups(*graph).size()), std::memory_order_relaxed);
      std::shared_ptr<const Code> code;
      {
        CompilingGroups groups(&ctx_);
        code = Code::compile(std::move(graph));
      }
      optimizedOwned_ = std::move(code);
      telemetry_->addOptimizeMs(msSince(t0));
      if (logEnabled("executor"))
        logLine("executor", fmt::format("{}: optimized in {:.2f} ms, {} fusion groups", name_, msSince(t0),
                                        telemetry_->fusionGroups.load()));
      optimized_.store(optimizedOwned_.get(), std::memory_order_release);
    } catch (const std::exception& e) {
      telemetry_->addOptimizeMs(msSince(t0));
      failed_.store(true, std::memory_order_release);
      logLine("executor", fmt::format("{}: optimization failed, the interpreter runs it: {}", name_, e.what()));
    }
  }

  std::shared_ptr<const Code> code_;
  std::string name_;
  ExecutorOptions opts_;
  std::shared_ptr<Telemetry> telemetry_;
  GroupContext ctx_;
  Profile profile_;
  std::mutex optimizeMutex_;
  std::shared_ptr<const Code> optimizedOwned_;
  std::atomic<const Code*> optimized_{nullptr};
  std::atomic<bool> failed_{false};
};

std::unique_ptr<GraphExecutor> makeExecutorFromFlags(std::shared_ptr<const Code> code, const std::string& name) {
  return makeExecutor(std::move(code), name, ExecutorOptions::fromFlags(Flags::get()));
}

}  // namespace

std::unique_ptr<GraphExecutor> makeExecutor(std::shared_ptr<const Code> code, const std::string& name,
                                            const ExecutorOptions& opts) {
  return std::make_unique<Executor>(std::move(code), name, opts);
}

void installExecutor() {
  setGraphExecutorFactory(&makeExecutorFromFlags);
  setFusionGroupFactory(&makeFusionGroupOp);
}

}  // namespace wick::jit

// The per-method executor: profiling calls, one optimization, then the
// optimized code (see executor.h for the tiers).
#include "jit/executor.h"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <mutex>

#include "core/flags.h"
#include "jit/freeze.h"
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
  o.freeze = flags.freeze;
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
    // Said once, whatever WICK_LOG is: the default (llvm) silently meaning
    // "no fusion" in a build without LLVM made slow runs hard to explain.
    std::call_once(once, [&] {
      logLine("executor", o.fuser == "llvm" && !llvmAvailable()
                              ? std::string("WICK_FUSER=llvm: this build has no LLVM (WICK_WITH_LLVM=OFF); fusion is off")
                              : fmt::format("WICK_FUSER={}: no such backend in this build; fusion is off", o.fuser));
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
    if (const Code* fast = readyCode(inputs)) return runOptimized(*fast, call, inputs);
    if (!failed_.load(std::memory_order_acquire)) {
      if (call <= opts_.profilingRuns) return runProfiling(std::move(inputs));
      // One thread optimizes; the others do not wait for it.
      std::unique_lock<std::mutex> lock(optimizeMutex_, std::try_to_lock);
      if (lock.owns_lock()) {
        if (!readyCode(inputs) && !failed_.load(std::memory_order_acquire)) optimize(inputs);
        lock.unlock();
        if (const Code* fast = readyCode(inputs)) return runOptimized(*fast, call, inputs);
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

  // Frozen code is made for one module object (the attribute values it
  // holds are that object's), and an executor serves every object of its
  // class: the frozen code runs when `self` is that object, the unfrozen
  // optimized code for any other (made when one first calls). The executor
  // holds a reference to the object, so its address cannot be reused by
  // another one while the frozen code may run.
  const Code* readyCode(const std::vector<IValue>& inputs) const {
    if (const Code* frozen = frozen_.load(std::memory_order_acquire)) {
      if (!inputs.empty() && inputs[0].isObject() && &inputs[0].objectRef() == frozenSelf_.get()) return frozen;
    }
    return optimized_.load(std::memory_order_acquire);
  }

  // Under optimizeMutex_. The first optimization freezes when the executor
  // freezes and `self` is an eval-mode module (jit/freeze.h); a failure to
  // freeze falls back to the unfrozen pipeline.
  void optimize(const std::vector<IValue>& inputs) {
    if (!freezeTried_) {
      freezeTried_ = true;
      if (opts_.freeze && !inputs.empty() && canFreeze(inputs[0])) {
        Ref<Object> self = inputs[0].toObject();
        if (std::shared_ptr<const Code> code = optimizeFor(inputs, self.get())) {
          frozenOwned_ = std::move(code);
          frozenSelf_ = std::move(self);
          frozen_.store(frozenOwned_.get(), std::memory_order_release);
          return;
        }
      }
    }
    if (std::shared_ptr<const Code> code = optimizeFor(inputs, nullptr)) {
      optimizedOwned_ = std::move(code);
      optimized_.store(optimizedOwned_.get(), std::memory_order_release);
    } else {
      failed_.store(true, std::memory_order_release);
    }
  }

  // The optimized code (frozen for `self` when not null), or null after
  // logging why optimization failed. Never throws.
  std::shared_ptr<const Code> optimizeFor(const std::vector<IValue>& inputs, const Object* self) {
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
      o.freeze = self != nullptr;
      o.self = self;
      std::shared_ptr<ir::Graph> graph = optimizeGraph(code_->graph(), o);
      telemetry_->fusionGroups.store(static_cast<int64_t>(fusionGroups(*graph).size()), std::memory_order_relaxed);
      std::shared_ptr<const Code> code;
      {
        CompilingGroups groups(&ctx_);
        code = Code::compile(std::move(graph));
      }
      telemetry_->addOptimizeMs(msSince(t0));
      if (logEnabled("executor"))
        logLine("executor", fmt::format("{}: optimized{} in {:.2f} ms, {} fusion groups", name_,
                                        self ? " (frozen for one module object)" : "", msSince(t0),
                                        telemetry_->fusionGroups.load()));
      return code;
    } catch (const std::exception& e) {
      telemetry_->addOptimizeMs(msSince(t0));
      logLine("executor", fmt::format("{}: optimization{} failed, {}: {}", name_, self ? " with freezing" : "",
                                      self ? "optimizing without it" : "the interpreter runs it", e.what()));
      return nullptr;
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
  // Frozen code and the object it was made for (see readyCode).
  bool freezeTried_ = false;  // under optimizeMutex_
  Ref<Object> frozenSelf_;
  std::shared_ptr<const Code> frozenOwned_;
  std::atomic<const Code*> frozen_{nullptr};
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

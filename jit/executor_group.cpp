// prim::FusionGroup at run time: a cache of FusedKernels behind guards, and
// the group's subgraph in the interpreter when none applies.
//
// The cache is a fixed array of published kernel pointers plus a count:
// readers load the count (acquire) and try each kernel's guard, without a
// lock. Compiling takes the group's mutex; a thread that finds it taken
// does not wait, it runs the subgraph in the interpreter instead.
#include <fmt/format.h>

#include <array>
#include <atomic>
#include <chrono>
#include <mutex>

#include "core/flags.h"
#include "jit/executor.h"
#include "jit/fused_kernel.h"
#include "jit/fuser.h"
#include "jit/kir/evaluator.h"
#include "jit/profile.h"
#include "jit/telemetry.h"

namespace wick::jit {

namespace {

thread_local const GroupContext* t_compiling = nullptr;

// For FusionGroup nodes compiled outside an executor (a graph that already
// holds groups, run with the plain interpreter).
const GroupContext& processContext() {
  static const GroupContext ctx = [] {
    GroupContext c;
    const Flags& f = Flags::get();
    c.method = "<no executor>";
    c.telemetry = std::make_shared<Telemetry>();
    c.maxSpecializations = f.max_specializations;
    if (f.fuser == "interp") kir::registerInterpBackend();
    if (f.fuser != "none") c.backend = backendFor(f.fuser);
    return c;
  }();
  return ctx;
}

// Whether profiling left a symbolic dim (or unknown sizes) on a tensor
// input: the first kernel is then dynamic right away.
bool profiledAsDynamic(const ir::Graph& g) {
  for (const ir::Value* v : g.inputs()) {
    const ir::TensorInfo* info = v->type() ? v->type()->tensorInfo() : nullptr;
    if (!info || !info->sizes) continue;
    for (const auto& d : *info->sizes)
      if (!d) return true;
  }
  return false;
}

std::atomic<bool> g_loggedCompileFailure{false};

class FusionGroupRunner {
 public:
  FusionGroupRunner(std::shared_ptr<ir::Graph> subgraph, const GroupContext& ctx)
      : subgraph_(std::move(subgraph)), ctx_(ctx), dynamicFirst_(profiledAsDynamic(*subgraph_)) {
    for (auto& s : slots_) s.store(nullptr, std::memory_order_relaxed);
    if (!ctx_.backend) broken_.store(true, std::memory_order_relaxed);
  }

  void operator()(Stack& stack) {
    const IValue* inputs = stack.data();
    size_t n = stack.size();
    Telemetry& tel = *ctx_.telemetry;
    if (!broken_.load(std::memory_order_acquire)) {
      int count = count_.load(std::memory_order_acquire);
      if (count > 0) Telemetry::bump(tel.guardChecks);
      for (int i = 0; i < count; ++i) {
        const FusedKernel* k = slots_[i].load(std::memory_order_relaxed);
        if (k->guard(inputs, n)) return finish(stack, k->run(inputs, n));
      }
      if (count > 0) Telemetry::bump(tel.guardFailures);
      if (const FusedKernel* k = compileFor(inputs, n)) return finish(stack, k->run(inputs, n));
    }
    Telemetry::bump(tel.fallbackRuns);
    finish(stack, fallback().run(std::vector<IValue>(stack.begin(), stack.end())));
  }

 private:
  static void finish(Stack& stack, std::vector<IValue> outs) {
    stack.clear();
    for (IValue& v : outs) stack.push_back(std::move(v));
  }

  // A kernel for these inputs, compiled now; nullptr when the call must run
  // in the interpreter (the lock is busy, the limits are reached, or
  // compilation failed, which retires the group's kernels for good).
  const FusedKernel* compileFor(const IValue* inputs, size_t n) {
    std::unique_lock<std::mutex> lock(mu_, std::try_to_lock);
    if (!lock.owns_lock() || broken_.load(std::memory_order_relaxed)) return nullptr;
    // Another thread may have compiled what we need meanwhile.
    int count = count_.load(std::memory_order_relaxed);
    for (int i = seenCount_; i < count; ++i)
      if (slots_[i].load(std::memory_order_relaxed)->guard(inputs, n)) return slots_[i].load();
    bool dynamic = dynamicFirst_ || specializations_ >= ctx_.maxSpecializations;
    if (dynamic && dynamicKernels_ >= ctx_.maxSpecializations) return nullptr;
    if (count >= static_cast<int>(kSlots)) return nullptr;
    std::shared_ptr<FusedKernel> k;
    try {
      std::vector<InputSpec> specs = InputSpec::of(inputs, n);
      // WICK_DUMP=llvm / asm (or cuda / ptx for the CUDA backend) asks the
      // backend to keep its intermediate text.
      bool gpu = std::string_view(ctx_.backend->name()) == "cuda";
      CompileOptions copts;
      copts.dumpIr = dumpEnabled(gpu ? "cuda" : "llvm");
      copts.dumpAsm = dumpEnabled(gpu ? "ptx" : "asm");
      k = FusedKernel::compile(*subgraph_, specs, dynamic, *ctx_.backend, copts);
      if (!k->guard(inputs, n)) {
        throw Error(fmt::format("the kernel compiled for ({}) rejects the inputs it was compiled for",
                                describe(specs)));
      }
    } catch (const std::exception& e) {
      Telemetry::bump(ctx_.telemetry->compileFailures);
      broken_.store(true, std::memory_order_release);
      if (!g_loggedCompileFailure.exchange(true) || logEnabled("executor")) {
        logLine("executor", fmt::format("{}: a fusion group failed to compile and runs in the interpreter "
                                        "from now on: {}",
                                        ctx_.method, e.what()));
      }
      return nullptr;
    }
    (dynamic ? dynamicKernels_ : specializations_)++;
    ctx_.telemetry->addKernel(k->name(), k->compileMs(), dynamic, k->reusedCode());
    if (logEnabled("executor", 2))
      logLine("executor", fmt::format("{}: compiled {} ({} kernel, {:.2f} ms)", ctx_.method, k->name(),
                                      dynamic ? "dynamic" : "specialized", k->compileMs()));
    if (dumpEnabled("kernel")) dump("kernel", ctx_.method, kir::toString(k->kernel()));
    const CompiledKernel& ck = k->compiled();
    bool gpu = std::string_view(ctx_.backend->name()) == "cuda";
    if (!ck.dumpIr.empty()) dump(gpu ? "cuda" : "llvm", ctx_.method, ck.dumpIr);
    if (!ck.dumpAsm.empty()) dump(gpu ? "ptx" : "asm", ctx_.method, ck.dumpAsm);
    owned_.push_back(k);
    slots_[count].store(k.get(), std::memory_order_relaxed);
    count_.store(count + 1, std::memory_order_release);
    seenCount_ = count + 1;
    return k.get();
  }

  static std::string describe(const std::vector<InputSpec>& specs) {
    std::string s;
    for (const auto& x : specs) s += (s.empty() ? "" : ", ") + x.str();
    return s;
  }

  // The subgraph, for the interpreter: a copy whose inputs accept any shape.
  const Code& fallback() {
    if (const Code* c = fallbackCode_.load(std::memory_order_acquire)) return *c;
    std::lock_guard<std::mutex> lock(fallbackMutex_);
    if (!fallbackOwned_) {
      std::shared_ptr<ir::Graph> g = subgraph_->copy();
      eraseTensorInfo(*g);
      fallbackOwned_ = Code::compile(std::move(g));
      fallbackCode_.store(fallbackOwned_.get(), std::memory_order_release);
    }
    return *fallbackOwned_;
  }

  static constexpr size_t kSlots = 2 * 64;  // WICK_MAX_SPECIALIZATIONS <= 64, and as many dynamic kernels
  std::shared_ptr<ir::Graph> subgraph_;
  GroupContext ctx_;
  bool dynamicFirst_;
  std::array<std::atomic<const FusedKernel*>, kSlots> slots_;
  std::atomic<int> count_{0};
  std::atomic<bool> broken_{false};
  std::mutex mu_;  // compiling; guards the members below
  std::vector<std::shared_ptr<FusedKernel>> owned_;
  int specializations_ = 0;
  int dynamicKernels_ = 0;
  int seenCount_ = 0;
  std::mutex fallbackMutex_;
  std::shared_ptr<const Code> fallbackOwned_;
  std::atomic<const Code*> fallbackCode_{nullptr};
};

}  // namespace

CompilingGroups::CompilingGroups(const GroupContext* ctx) : previous_(t_compiling) { t_compiling = ctx; }
CompilingGroups::~CompilingGroups() { t_compiling = previous_; }
const GroupContext* CompilingGroups::current() { return t_compiling; }

Operation makeFusionGroupOp(const ir::Node& node) {
  const GroupContext* ctx = CompilingGroups::current();
  auto runner = std::make_shared<FusionGroupRunner>(fusionSubgraph(node), ctx ? *ctx : processContext());
  Operation op;
  op.closure = [runner](Stack& stack) { (*runner)(stack); };
  return op;
}

}  // namespace wick::jit

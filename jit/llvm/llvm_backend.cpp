#include "jit/llvm/llvm_backend.h"

#include <llvm/ExecutionEngine/Orc/CompileUtils.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/DiagnosticInfo.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/CommandLine.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/TargetParser/Host.h>
#include <llvm/Transforms/IPO/AlwaysInliner.h>
#include <llvm/Transforms/IPO/GlobalDCE.h>
#include <llvm/Transforms/InstCombine/InstCombine.h>
#include <llvm/Transforms/Scalar/EarlyCSE.h>
#include <llvm/Transforms/Scalar/LICM.h>
#include <llvm/Transforms/Scalar/LoopPassManager.h>
#include <llvm/Transforms/Scalar/LoopRotation.h>
#include <llvm/Transforms/Scalar/SROA.h>
#include <llvm/Transforms/Scalar/SimplifyCFG.h>
#include <llvm/Transforms/Utils/Cloning.h>
#include <llvm/Transforms/Vectorize/LoopVectorize.h>

#include <atomic>
#include <time.h>

#include <chrono>
#include <mutex>
#include <unordered_map>

#include "core/check.h"
#include "jit/llvm/llvm_emit.h"

namespace wick::jit {

namespace {

namespace orc = llvm::orc;

std::string errorText(llvm::Error e) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << e;
  return os.str();
}

double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// CPU time of the calling thread, in ms (compile phases: steadier than wall
// time on a loaded machine; ORC compiles on the calling thread).
double threadCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

struct LlvmCompiledKernel final : CompiledKernel {
  orc::ResourceTrackerSP tracker;  // the code; null for a cache hit
  std::shared_ptr<const LlvmCompiledKernel> code;  // a cache hit: the kernel it shares code with
  LlvmCompileTimes times;
  ~LlvmCompiledKernel() override {
    if (tracker) llvm::consumeError(tracker->remove());
  }
};

// The kernel cache's key: the kernel IR text (buffers and their dtypes,
// parameters, loops, every expression and constant: kir::toString), the
// dtypes of integer immediates, which that text leaves implicit, and the
// dump options.
void appendImmDtypes(const kir::Expr& e, std::string& out) {
  if (e.kind == kir::Expr::Kind::IntImm) out += std::to_string(static_cast<int>(e.dtype)) + ",";
  for (const auto& o : e.operands)
    if (o) appendImmDtypes(*o, out);
}

void appendImmDtypes(const kir::Stmt& s, std::string& out) {
  for (const kir::ExprPtr* e : {&s.start, &s.stop, &s.index, &s.value})
    if (*e) appendImmDtypes(**e, out);
  for (const auto& c : s.body)
    if (c) appendImmDtypes(*c, out);
}

std::string cacheKey(const kir::Kernel& k, const CompileOptions& opts) {
  std::string key = kir::toString(k);
  key += opts.dumpIr ? "#ir" : "#-";
  key += opts.dumpAsm ? "#asm" : "#-";
  key += "#imm:";
  if (k.outerExtent) appendImmDtypes(*k.outerExtent, key);
  if (k.body) appendImmDtypes(*k.body, key);
  return key;
}

class LlvmBackend final : public Backend {
 public:
  LlvmBackend() {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    disableLoopStrengthReduction();
    orc::JITTargetMachineBuilder jtmb((llvm::Triple(llvm::sys::getProcessTriple())));
    jtmb.setCPU(llvm::sys::getHostCPUName().str());
    for (auto& f : llvm::sys::getHostCPUFeatures()) jtmb.getFeatures().AddFeature(f.first(), f.second);
    jtmb.setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
    // What LLJIT picks for JITLink on x86-64 ELF anyway, set here so that tm_
    // (the optimizer's and WICK_DUMP=asm's target machine) agrees with it: a
    // target machine made for a JIT defaults to the large code model, where
    // every constant costs a movabsq and the dump misleads.
    jtmb.setCodeModel(llvm::CodeModel::Small);
    jtmb.setRelocationModel(llvm::Reloc::PIC_);
    cpu_ = jtmb.getCPU() + " " + jtmb.getFeatures().getString();
    avx512_ = cpu_.find("+avx512f") != std::string::npos;
    auto tm = jtmb.createTargetMachine();
    if (!tm) {
      initError_ = errorText(tm.takeError());
      return;
    }
    tm_ = std::move(*tm);
    auto jit = orc::LLJITBuilder().setJITTargetMachineBuilder(jtmb).create();
    if (!jit) {
      initError_ = errorText(jit.takeError());
      return;
    }
    jit_ = std::move(*jit);
    auto& jd = jit_->getMainJITDylib();
    auto gen = orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(jit_->getDataLayout().getGlobalPrefix());
    if (!gen) {
      initError_ = errorText(gen.takeError());
      return;
    }
    jd.addGenerator(std::move(*gen));
    orc::SymbolMap helpers;
    helpers[jit_->mangleAndIntern("wick_jit_ipow_i64")] = {
        orc::ExecutorAddr::fromPtr(&llvmjit::wick_jit_ipow_i64), llvm::JITSymbolFlags::Exported};
    if (auto err = jd.define(orc::absoluteSymbols(std::move(helpers)))) initError_ = errorText(std::move(err));
  }

  // The code generator's loop strength reduction cost 2-6 ms per kernel
  // (half of code generation for small kernels) and made no measurable
  // difference to their speed (x86 addresses take base + index * scale; the
  // loop keeps one more add). The option is global, but only to this copy of
  // LLVM: it is linked statically into libwick with hidden symbols.
  static void disableLoopStrengthReduction() {
    auto& options = llvm::cl::getRegisteredOptions();
    auto it = options.find("disable-lsr");
    if (it != options.end()) static_cast<llvm::cl::opt<bool>*>(it->second)->setValue(true);
  }

  const char* name() const override { return "llvm"; }
  const std::string& cpu() const { return cpu_; }

  std::shared_ptr<CompiledKernel> compile(const kir::Kernel& k, const CompileOptions& opts) override {
    WICK_CHECK(initError_.empty(), "llvm backend: cannot start LLVM ORC: {}", initError_);
    kir::verify(k);
    auto t0 = std::chrono::steady_clock::now();
    std::string key = cacheKey(k, opts);
    std::lock_guard<std::mutex> lock(mu_);
    if (auto hit = cached(key)) {
      auto ck = std::make_shared<LlvmCompiledKernel>();
      ck->code = hit;
      ck->fn = hit->fn;
      ck->name = hit->name;
      ck->dumpIr = hit->dumpIr;
      ck->dumpAsm = hit->dumpAsm;
      ck->times.cacheHit = true;
      ck->reused = true;
      ck->compileMs = msSince(t0);
      return ck;
    }
    auto ck = std::make_shared<LlvmCompiledKernel>();
    ck->name = "wick_" + k.name + "_" + std::to_string(counter_++);

    double tEmit = threadCpuMs();
    auto ctx = std::make_unique<llvm::LLVMContext>();
    // Optimization remarks and warnings (e.g. "loop not vectorized" for a
    // loop calling fmod) are not errors: keep them off stderr.
    ctx->setDiagnosticHandlerCallBack([](const llvm::DiagnosticInfo*, void*) {}, nullptr);
    auto m = llvmjit::emitKernel(k, *ctx, ck->name);
    m->setDataLayout(tm_->createDataLayout());
    m->setTargetTriple(tm_->getTargetTriple().str());
    for (auto& f : *m) {
      f.addFnAttr("target-cpu", tm_->getTargetCPU());
      f.addFnAttr("target-features", tm_->getTargetFeatureString());
      // LLVM's tuning for some AVX-512 CPUs (e.g. sapphirerapids) prefers
      // 256-bit vectors; fused kernels are long straight-line loops where
      // 512-bit vectors pay off, as in PyTorch's AVX-512 kernels.
      if (avx512_) f.addFnAttr("prefer-vector-width", "512");
    }
    double tOpt = threadCpuMs();
    ck->times.emitMs = tOpt - tEmit;
    optimize(*m);
    ck->times.optimizeMs = threadCpuMs() - tOpt;
    if (opts.dumpIr) {
      llvm::raw_string_ostream os(ck->dumpIr);
      m->print(os, nullptr);
    }
    if (opts.dumpAsm) ck->dumpAsm = assembly(*m);

    // Code generation to an object file here (timed on its own), then ORC
    // links it into the process.
    double tCodegen = threadCpuMs();
    auto obj = orc::SimpleCompiler(*tm_)(*m);
    if (!obj) WICK_FAIL("llvm backend: kernel '{}': {}", k.name, errorText(obj.takeError()));
    double tLink = threadCpuMs();
    ck->times.codegenMs = tLink - tCodegen;
    ck->tracker = jit_->getMainJITDylib().createResourceTracker();
    if (auto err = jit_->addObjectFile(ck->tracker, std::move(*obj)))
      WICK_FAIL("llvm backend: kernel '{}': {}", k.name, errorText(std::move(err)));
    auto sym = jit_->lookup(ck->name);
    if (!sym) WICK_FAIL("llvm backend: kernel '{}': {}", k.name, errorText(sym.takeError()));
    ck->fn = sym->toPtr<kir::KernelFn>();
    ck->times.linkMs = threadCpuMs() - tLink;
    ck->compileMs = msSince(t0);
    std::erase_if(cache_, [](const auto& entry) { return entry.second.expired(); });
    cache_[std::move(key)] = ck;
    return ck;
  }

 private:
  // The compiled kernel with this key, if one is still in use.
  std::shared_ptr<const LlvmCompiledKernel> cached(const std::string& key) {
    auto it = cache_.find(key);
    return it == cache_.end() ? nullptr : it->second.lock();
  }

  // The IR pipeline, chosen for fused kernels instead of LLVM's O2 (which
  // took 4-17 ms per kernel, the same code but for extra unrolling of
  // vector loops, which measured no faster; bench/jit_compile_bench.cpp).
  // A kernel is an entry function calling an always-inline body with
  // noalias buffers, whose loops are marked for vectorization. In order:
  void optimize(llvm::Module& m) {
    llvm::LoopAnalysisManager lam;
    llvm::FunctionAnalysisManager fam;
    llvm::CGSCCAnalysisManager cgam;
    llvm::ModuleAnalysisManager mam;
    llvm::PassBuilder pb(tm_.get());
    pb.registerModuleAnalyses(mam);
    pb.registerCGSCCAnalyses(cgam);
    pb.registerFunctionAnalyses(fam);
    pb.registerLoopAnalyses(lam);
    pb.crossRegisterProxies(lam, fam, cgam, mam);
    llvm::ModulePassManager mpm;
    // The body into the entry: its noalias arguments become alias scopes
    // (what lets the vectorizer skip run-time overlap checks); then the
    // body, now unused, goes.
    mpm.addPass(llvm::AlwaysInlinerPass());
    mpm.addPass(llvm::GlobalDCEPass());
    llvm::FunctionPassManager fpm;
    // Locals (Let/Assign, e.g. reduction accumulators) from allocas to SSA.
    fpm.addPass(llvm::SROAPass(llvm::SROAOptions::PreserveCFG));
    // Repeated loads and index arithmetic of the emitted code (dynamic
    // kernels read each stride at every use), constant folding, and the
    // CFG tidied, so the loops below are in canonical form.
    fpm.addPass(llvm::EarlyCSEPass());
    fpm.addPass(llvm::InstCombinePass());
    fpm.addPass(llvm::SimplifyCFGPass());
    // Loops are emitted test-first: rotation gives them the bottom-tested
    // form the vectorizer needs for reductions; LICM hoists row offsets and
    // per-row values (layer_norm's rsqrt of the variance) out of inner loops.
    llvm::LoopPassManager lpm;
    lpm.addPass(llvm::LoopRotatePass());
    lpm.addPass(llvm::LICMPass(llvm::LICMOptions()));
    fpm.addPass(llvm::createFunctionToLoopPassAdaptor(std::move(lpm), /*UseMemorySSA=*/true));
    // The vector loops (with interleaving, reductions and a vectorized
    // epilogue), then cleanup of the code it leaves.
    fpm.addPass(llvm::LoopVectorizePass());
    fpm.addPass(llvm::InstCombinePass());
    fpm.addPass(llvm::SimplifyCFGPass());
    mpm.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(fpm)));
    mpm.run(m, mam);
  }

  std::string assembly(llvm::Module& m) {
    auto clone = llvm::CloneModule(m);
    llvm::SmallString<4096> buf;
    llvm::raw_svector_ostream os(buf);
    llvm::legacy::PassManager pm;
    if (tm_->addPassesToEmitFile(pm, os, nullptr, llvm::CodeGenFileType::AssemblyFile))
      return "; llvm backend: this target cannot emit assembly\n";
    pm.run(*clone);
    return std::string(buf.str());
  }

  std::mutex mu_;
  std::string initError_, cpu_;
  std::unique_ptr<llvm::TargetMachine> tm_;
  std::unique_ptr<orc::LLJIT> jit_;
  // Kernels compiled, by cacheKey: identical fusion groups (a layer repeated
  // in a model, the same method of several module instances, a model loaded
  // twice) compile once. Entries do not keep code alive: a kernel's code is
  // freed with its last user, and its entry dropped at the next compile.
  std::unordered_map<std::string, std::weak_ptr<const LlvmCompiledKernel>> cache_;
  uint64_t counter_ = 0;
  bool avx512_ = false;
};

LlvmBackend& instance() {
  // Never destroyed: compiled kernels may be released after static destructors ran.
  static LlvmBackend* backend = new LlvmBackend();
  return *backend;
}

}  // namespace

Backend* llvmBackend() { return &instance(); }

std::string llvmHostCpu() { return instance().cpu(); }

LlvmCompileTimes llvmCompileTimes(const CompiledKernel& ck) {
  auto* k = dynamic_cast<const LlvmCompiledKernel*>(&ck);
  return k ? k->times : LlvmCompileTimes{};
}

}  // namespace wick::jit

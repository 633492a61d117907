#include "jit/llvm/llvm_backend.h"

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/DiagnosticInfo.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/TargetParser/Host.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <atomic>
#include <chrono>
#include <mutex>

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

struct LlvmCompiledKernel final : CompiledKernel {
  orc::ResourceTrackerSP tracker;
  ~LlvmCompiledKernel() override {
    if (tracker) llvm::consumeError(tracker->remove());
  }
};

class LlvmBackend final : public Backend {
 public:
  LlvmBackend() {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
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

  const char* name() const override { return "llvm"; }
  const std::string& cpu() const { return cpu_; }

  std::shared_ptr<CompiledKernel> compile(const kir::Kernel& k, const CompileOptions& opts) override {
    WICK_CHECK(initError_.empty(), "llvm backend: cannot start LLVM ORC: {}", initError_);
    kir::verify(k);
    auto t0 = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mu_);
    auto ck = std::make_shared<LlvmCompiledKernel>();
    ck->name = "wick_" + k.name + "_" + std::to_string(counter_++);

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
    optimize(*m);
    if (opts.dumpIr) {
      llvm::raw_string_ostream os(ck->dumpIr);
      m->print(os, nullptr);
    }
    if (opts.dumpAsm) ck->dumpAsm = assembly(*m);

    ck->tracker = jit_->getMainJITDylib().createResourceTracker();
    if (auto err = jit_->addIRModule(ck->tracker, orc::ThreadSafeModule(std::move(m), std::move(ctx))))
      WICK_FAIL("llvm backend: kernel '{}': {}", k.name, errorText(std::move(err)));
    auto sym = jit_->lookup(ck->name);
    if (!sym) WICK_FAIL("llvm backend: kernel '{}': {}", k.name, errorText(sym.takeError()));
    ck->fn = sym->toPtr<kir::KernelFn>();
    ck->compileMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return ck;
  }

 private:
  void optimize(llvm::Module& m) {
    llvm::LoopAnalysisManager lam;
    llvm::FunctionAnalysisManager fam;
    llvm::CGSCCAnalysisManager cgam;
    llvm::ModuleAnalysisManager mam;
    llvm::PipelineTuningOptions pto;
    pto.LoopVectorization = true;
    pto.SLPVectorization = true;
    llvm::PassBuilder pb(tm_.get(), pto);
    pb.registerModuleAnalyses(mam);
    pb.registerCGSCCAnalyses(cgam);
    pb.registerFunctionAnalyses(fam);
    pb.registerLoopAnalyses(lam);
    pb.crossRegisterProxies(lam, fam, cgam, mam);
    pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(m, mam);
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

}  // namespace wick::jit

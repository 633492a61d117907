#include "jit/cuda/cuda_backend.h"

#include <dlfcn.h>

#include <chrono>
#include <cstdlib>
#include <mutex>

#include "core/check.h"

namespace wick::jit {

namespace {

// The part of NVRTC's C API Wick uses, resolved with dlsym.
struct Nvrtc {
  using Program = void*;
  const char* (*getErrorString)(int) = nullptr;
  int (*createProgram)(Program*, const char*, const char*, int, const char* const*, const char* const*) = nullptr;
  int (*compileProgram)(Program, int, const char* const*) = nullptr;
  int (*getPTXSize)(Program, size_t*) = nullptr;
  int (*getPTX)(Program, char*) = nullptr;
  int (*getProgramLogSize)(Program, size_t*) = nullptr;
  int (*getProgramLog)(Program, char*) = nullptr;
  int (*destroyProgram)(Program*) = nullptr;
  std::string error;  // why it is unavailable; empty when loaded
};

const Nvrtc& nvrtc() {
  static const Nvrtc lib = [] {
    Nvrtc n;
    std::vector<std::string> names = {"libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2"};
    for (const char* env : {"CUDA_HOME", "CUDA_PATH"})
      if (const char* dir = std::getenv(env)) names.push_back(std::string(dir) + "/lib64/libnvrtc.so");
    names.push_back("/usr/local/cuda/lib64/libnvrtc.so");
    void* h = nullptr;
    for (auto& name : names)
      if ((h = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL))) break;
    if (!h) {
      n.error = "NVRTC not available (libnvrtc.so not found on the loader path or in /usr/local/cuda/lib64)";
      return n;
    }
    auto sym = [&](auto& fp, const char* name) {
      fp = reinterpret_cast<std::remove_reference_t<decltype(fp)>>(dlsym(h, name));
      if (!fp && n.error.empty()) n.error = std::string("NVRTC not available: libnvrtc lacks ") + name;
    };
    sym(n.getErrorString, "nvrtcGetErrorString");
    sym(n.createProgram, "nvrtcCreateProgram");
    sym(n.compileProgram, "nvrtcCompileProgram");
    sym(n.getPTXSize, "nvrtcGetPTXSize");
    sym(n.getPTX, "nvrtcGetPTX");
    sym(n.getProgramLogSize, "nvrtcGetProgramLogSize");
    sym(n.getProgramLog, "nvrtcGetProgramLog");
    sym(n.destroyProgram, "nvrtcDestroyProgram");
    return n;
  }();
  return lib;
}

class CudaBackend final : public Backend {
 public:
  const char* name() const override { return "cuda"; }
  std::shared_ptr<CompiledKernel> compile(const kir::Kernel& k, const CompileOptions& opts) override {
    auto t0 = std::chrono::steady_clock::now();
    auto ck = std::make_shared<CompiledKernel>();
    ck->name = cudaKernelName(k);
    std::string ptx = compileToPtx(k);
    if (opts.dumpIr) ck->dumpIr = cudaSource(k);
    if (opts.dumpAsm) ck->dumpAsm = std::move(ptx);
    ck->compileMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return ck;
  }
};

}  // namespace

Backend* cudaBackend() {
  static CudaBackend backend;
  return &backend;
}

bool nvrtcAvailable(std::string* why) {
  const Nvrtc& n = nvrtc();
  if (why) *why = n.error;
  return n.error.empty();
}

std::string compileToPtx(const kir::Kernel& k, const std::string& arch) {
  kir::verify(k);
  const Nvrtc& n = nvrtc();
  WICK_CHECK(n.error.empty(), "cuda backend: kernel '{}': {}", k.name, n.error);
  std::string src = cudaSource(k);
  Nvrtc::Program prog = nullptr;
  int rc = n.createProgram(&prog, src.c_str(), (k.name + ".cu").c_str(), 0, nullptr, nullptr);
  WICK_CHECK(rc == 0, "cuda backend: kernel '{}': nvrtcCreateProgram: {}", k.name, n.getErrorString(rc));
  std::string archOpt = "--gpu-architecture=" + arch;
  const char* options[] = {archOpt.c_str(), "--std=c++17"};
  rc = n.compileProgram(prog, 2, options);
  std::string log;
  size_t logSize = 0;
  if (n.getProgramLogSize(prog, &logSize) == 0 && logSize > 1) {
    log.resize(logSize);
    n.getProgramLog(prog, log.data());
    log.resize(logSize - 1);
  }
  std::string ptx;
  size_t ptxSize = 0;
  if (rc == 0 && n.getPTXSize(prog, &ptxSize) == 0 && ptxSize > 0) {
    ptx.resize(ptxSize);
    n.getPTX(prog, ptx.data());
    ptx.resize(ptxSize - 1);
  }
  n.destroyProgram(&prog);
  WICK_CHECK(rc == 0, "cuda backend: kernel '{}': NVRTC failed ({}):\n{}\n--- source ---\n{}", k.name,
             n.getErrorString(rc), log, src);
  return ptx;
}

}  // namespace wick::jit

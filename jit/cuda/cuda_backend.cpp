#include "jit/cuda/cuda_backend.h"

#include "core/check.h"

namespace wick::jit {

namespace {

class CudaBackend final : public Backend {
 public:
  const char* name() const override { return "cuda"; }
  std::shared_ptr<CompiledKernel> compile(const kir::Kernel& k, const CompileOptions& opts) override {
    WICK_FAIL("cuda backend: kernel '{}': not implemented yet", k.name);
  }
};

}  // namespace

Backend* cudaBackend() {
  static CudaBackend backend;
  return &backend;
}

std::string cudaSource(const kir::Kernel& k) { WICK_FAIL("cuda backend: not implemented yet"); }

bool nvrtcAvailable(std::string* why) {
  if (why) *why = "not implemented yet";
  return false;
}

std::string compileToPtx(const kir::Kernel& k, const std::string& arch) {
  WICK_FAIL("cuda backend: not implemented yet");
}

}  // namespace wick::jit

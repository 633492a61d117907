#include "jit/backend.h"

#include <map>
#include <mutex>

#include "jit/cuda/cuda_backend.h"
#ifdef WICK_WITH_LLVM
#include "jit/llvm/llvm_backend.h"
#endif

namespace wick::jit {

CompiledKernel::~CompiledKernel() = default;
Backend::~Backend() = default;

namespace {

struct Registry {
  std::mutex mu;
  std::map<std::string, Backend*> backends;
};

Registry& registry() {
  static Registry r;
  return r;
}

// Built-in backends, created on first use (no static initializers).
Backend* builtinBackend(const std::string& name) {
#ifdef WICK_WITH_LLVM
  if (name == "llvm") return llvmBackend();
#endif
  if (name == "cuda") return cudaBackend();
  return nullptr;
}

}  // namespace

Backend* backendFor(const std::string& name) {
  {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mu);
    auto it = r.backends.find(name);
    if (it != r.backends.end()) return it->second;
  }
  return builtinBackend(name);
}

void registerBackend(const std::string& name, Backend* backend) {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mu);
  r.backends[name] = backend;
}

std::vector<std::string> backendNames() {
  std::vector<std::string> names;
  if (llvmAvailable()) names.push_back("llvm");
  names.push_back("cuda");
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mu);
  for (auto& [n, b] : r.backends)
    if (n != "llvm" && n != "cuda") names.push_back(n);
  return names;
}

bool llvmAvailable() {
#ifdef WICK_WITH_LLVM
  return true;
#else
  return false;
#endif
}

}  // namespace wick::jit

// The kernel IR reference evaluator: runs a kir::Kernel by walking its
// statements, with the exact semantics of kernel_ir.h (float32 math rounded
// to float32 after every operation, integers wrapping at their width).
// Slow but exact; the differential tests use it, and it is the "interp"
// backend, a portable fallback where no code generator is available.
#pragma once

#include <memory>

#include "jit/backend.h"
#include "jit/kir/kernel_ir.h"

namespace wick::jit::kir {

// A kernel prepared for evaluation (variables resolved to slots).
class InterpretedKernel : public CompiledKernel {
 public:
  explicit InterpretedKernel(std::shared_ptr<const Kernel> k);
  ~InterpretedKernel() override;
  // Same contract as KernelFn; thread-safe.
  void run(void* const* bufs, const int64_t* ints, const double* floats, int64_t begin, int64_t end) const;
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The "interp" backend (a process-wide singleton).
Backend* interpBackend();
// Registers interpBackend() as backendFor("interp"); harmless to repeat.
void registerInterpBackend();

}  // namespace wick::jit::kir

// kir::Kernel -> LLVM IR (private to jit/llvm).
#pragma once

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <memory>
#include <string>

#include "jit/kir/kernel_ir.h"

namespace wick::jit::llvmjit {

// Emits `k` as an external function `symbol` with kir::KernelFn's ABI.
// Buffers are noalias (an output may share memory with an input only when
// every element is read before it is written at the same index, as in
// in-place elementwise ops). Loops marked `vectorize`, and the outer loop
// when the body has no loop of its own, carry llvm.loop.vectorize.enable.
// Floating-point math is IEEE except that an accumulator update
// `acc = acc + e` / `acc = acc * e` (Assign to a Let-declared float local
// of an expression that reads it) is `reassoc`, so reductions vectorize;
// results then differ from a sequential sum by rounding (like PyTorch's own
// vectorized reductions).
std::unique_ptr<llvm::Module> emitKernel(const kir::Kernel& k, llvm::LLVMContext& ctx, const std::string& symbol);

// The helper the generated code calls for integer pow (wrapping, PyTorch's
// rules for negative exponents); the backend defines it in the JIT under
// this name.
extern "C" int64_t wick_jit_ipow_i64(int64_t base, int64_t exp);


}  // namespace wick::jit::llvmjit

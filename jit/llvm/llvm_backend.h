// The LLVM ORC backend: kir::Kernel -> LLVM IR -> optimized host code.
//
// One LLJIT per process, created on first use and never destroyed (so a
// CompiledKernel may outlive every static). compile() is serialized by a
// mutex; compiled code may run on any number of threads. Code is generated
// for the host CPU (its name and features, e.g. AVX2 / AVX-512), optimized
// by a short pipeline made for fused kernels (inlining, SROA, CSE, LICM, the
// loop vectorizer; see optimize()), which costs a third of LLVM's O2.
// Transcendentals are inline polynomials (jit/llvm/llvm_math.h), so loops
// using them vectorize too. Compiled kernels are cached by their kernel IR
// text while in use: compiling an identical kernel again shares the code.
#pragma once

#include <string>

#include "jit/backend.h"

namespace wick::jit {

// (jit/llvm is compiled with hidden visibility; these are its entry points.)
#define WICK_LLVM_API __attribute__((visibility("default")))

// The process-wide LLVM backend (only in builds with WICK_WITH_LLVM).
WICK_LLVM_API Backend* llvmBackend();

// Where the time of one compile went, in ms of the compiling thread's CPU
// time: kernel IR -> LLVM IR, the IR optimization pipeline, code generation
// (instruction selection to an object file) and linking it into the
// process (ORC). Zeros for a kernel of another backend, and for a kernel
// the backend's cache answered (an identical kernel compiled earlier and
// still in use: its code is shared).
struct LlvmCompileTimes {
  double emitMs = 0, optimizeMs = 0, codegenMs = 0, linkMs = 0;
  bool cacheHit = false;
};
WICK_LLVM_API LlvmCompileTimes llvmCompileTimes(const CompiledKernel& ck);

// The CPU name and the feature string code is generated for.
WICK_LLVM_API std::string llvmHostCpu();

}  // namespace wick::jit

// The LLVM ORC backend: kir::Kernel -> LLVM IR -> optimized host code.
//
// One LLJIT per process, created on first use and never destroyed (so a
// CompiledKernel may outlive every static). compile() is serialized by a
// mutex; compiled code may run on any number of threads. Code is generated
// for the host CPU (its name and features, e.g. AVX2 / AVX-512), optimized
// with LLVM's O2 pipeline, which includes the loop and SLP vectorizers.
// Transcendentals are inline polynomials (jit/llvm/llvm_math.h), so loops
// using them vectorize too.
#pragma once

#include <string>

#include "jit/backend.h"

namespace wick::jit {

// (jit/llvm is compiled with hidden visibility; these are its entry points.)
#define WICK_LLVM_API __attribute__((visibility("default")))

// The process-wide LLVM backend (only in builds with WICK_WITH_LLVM).
WICK_LLVM_API Backend* llvmBackend();

// The CPU name and the feature string code is generated for.
WICK_LLVM_API std::string llvmHostCpu();

}  // namespace wick::jit

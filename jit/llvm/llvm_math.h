// Transcendental functions as inline LLVM IR (private to jit/llvm).
//
// Each function takes a float or double scalar and returns the same type,
// built only from arithmetic, compares, selects and bit casts (no calls, no
// branches), so the loop vectorizer widens it like any other expression.
// Range reduction follows the classic Cody-Waite / FreeBSD-msun scheme;
// polynomial coefficients are Taylor series or Chebyshev fits made by
// jit/llvm/fit_polynomials.py. Measured maximum errors (ulps) are in
// tests/jit/llvm_math_test.cpp and the README.
#pragma once

#include <llvm/IR/IRBuilder.h>

namespace wick::jit::llvmjit {

llvm::Value* emitExp(llvm::IRBuilder<>& b, llvm::Value* x);
llvm::Value* emitExp2(llvm::IRBuilder<>& b, llvm::Value* x);
llvm::Value* emitExpm1(llvm::IRBuilder<>& b, llvm::Value* x);
llvm::Value* emitLog(llvm::IRBuilder<>& b, llvm::Value* x);
llvm::Value* emitLog2(llvm::IRBuilder<>& b, llvm::Value* x);
llvm::Value* emitLog10(llvm::IRBuilder<>& b, llvm::Value* x);
llvm::Value* emitLog1p(llvm::IRBuilder<>& b, llvm::Value* x);
llvm::Value* emitTanh(llvm::IRBuilder<>& b, llvm::Value* x);
llvm::Value* emitSigmoid(llvm::IRBuilder<>& b, llvm::Value* x);
llvm::Value* emitErf(llvm::IRBuilder<>& b, llvm::Value* x);
llvm::Value* emitErfc(llvm::IRBuilder<>& b, llvm::Value* x);

}  // namespace wick::jit::llvmjit

// Backends: turn one verified kir::Kernel into callable machine code.
//
// A Backend consumes only kernel IR (jit/kir/kernel_ir.h) and returns a
// CompiledKernel whose `fn` follows kir::KernelFn's calling convention.
// Backends are process-wide singletons, thread-safe: compile() may be
// called from several threads at once, and a compiled `fn` may run on any
// number of threads at once (it keeps no state of its own).
//
//   jit::Backend* be = jit::backendFor("llvm");  // nullptr: built without LLVM
//   auto ck = be->compile(kernel);               // throws wick::Error on failure
//   ck->fn(bufs, ints, floats, 0, n);
//
// Backends by name:
//   "llvm"   the LLVM ORC backend (jit/llvm); nullptr when Wick was built
//            without LLVM (WICK_WITH_LLVM=OFF).
//   "cuda"   CUDA C + NVRTC (jit/cuda): compile() produces PTX in dumpAsm
//            and leaves `fn` null (nothing runs kernels on a GPU yet);
//            throws when NVRTC cannot be loaded.
//   others   whatever was registered with registerBackend(), e.g. "interp",
//            the kernel IR reference evaluator.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "jit/kir/kernel_ir.h"

namespace wick::jit {

// What to keep besides the code (WICK_DUMP=llvm / asm / cuda / ptx).
struct CompileOptions {
  bool dumpIr = false;   // optimized LLVM IR, or CUDA C source
  bool dumpAsm = false;  // host assembly, or PTX
};

struct CompiledKernel {
  kir::KernelFn fn = nullptr;
  double compileMs = 0;  // wall time of compile(), IR emission to code
  bool reused = false;   // the code of an identical kernel compiled before (compileMs: the lookup)
  std::string name;      // the kernel's symbol
  std::string dumpIr;    // filled when CompileOptions::dumpIr
  std::string dumpAsm;   // filled when CompileOptions::dumpAsm
  virtual ~CompiledKernel();
};

class Backend {
 public:
  virtual ~Backend();
  virtual const char* name() const = 0;
  // Throws wick::Error when compilation fails; thread-safe. The kernel
  // must pass kir::verify.
  virtual std::shared_ptr<CompiledKernel> compile(const kir::Kernel& k, const CompileOptions& opts) = 0;
  std::shared_ptr<CompiledKernel> compile(const kir::Kernel& k) { return compile(k, CompileOptions{}); }
};

// The backend registered or built in under `name`, or nullptr when there is
// none (e.g. "llvm" in a build without LLVM). Thread-safe.
Backend* backendFor(const std::string& name);

// Makes `backend` (not owned; it must outlive every use, normally a
// function-local static) available as backendFor(name), replacing an
// earlier registration of that name. Call it explicitly from the code that
// needs the backend (no static initializers); registering the same pointer
// again is harmless. Thread-safe.
void registerBackend(const std::string& name, Backend* backend);

// Names backendFor() currently answers (built-in and registered).
std::vector<std::string> backendNames();

// Whether Wick was built with the LLVM backend.
bool llvmAvailable();

}  // namespace wick::jit

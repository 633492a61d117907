// A fusion group compiled for concrete input specs: lowering (jit/lower.h)
// to kernel IR, compilation by a Backend, a guard that says whether a call's
// inputs match what the kernel assumed, and run(), which allocates the
// outputs and calls the kernel (split over the intra-op pool when large).
//
//   std::vector<jit::InputSpec> specs = jit::InputSpec::of(inputs, n);
//   auto fk = jit::FusedKernel::compile(*subgraph, specs, /*dynamicShapes=*/false,
//                                       *jit::backendFor("llvm"));
//   if (fk->guard(inputs, n)) outputs = fk->run(inputs, n);
//   else ... run the subgraph in the interpreter ...
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "jit/backend.h"
#include "jit/kir/kernel_ir.h"
#include "wick/ivalue.h"

namespace wick::jit {

// What a kernel assumes about one input of its group.
struct InputSpec {
  enum class Kind : uint8_t { Tensor, Int, Float, Bool };
  Kind kind = Kind::Tensor;
  // Tensors: dtype, sizes, strides (elements) and device as seen. A
  // specialized kernel assumes them exactly (strides only where the size is
  // not 1); a dynamic kernel assumes dtype, rank and device, and takes
  // sizes and strides at run time.
  DType dtype = DType::Float32;
  std::vector<int64_t> sizes;
  std::vector<int64_t> strides;
  Device device = kCPU;
  // Scalars: the value, when the kernel is specialized to it (the guard
  // then checks it); nullopt when it is a run-time argument.
  std::optional<int64_t> intValue;
  std::optional<double> floatValue;

  // The spec of a run-time value (scalar values are not recorded). Throws
  // wick::Error for values a fusion group cannot take (lists, None, ...).
  static InputSpec of(const IValue& v);
  static std::vector<InputSpec> of(const IValue* values, size_t n);
  // "Float(4, 8, strides=[8, 1])", "int", "float=0.5".
  std::string str() const;
  bool operator==(const InputSpec& o) const = default;
};

class FusedKernel {
 public:
  // Lowers `group` (a FusionGroup's subgraph) for `specs` (one per group
  // input) and compiles it with `backend`. Throws wick::Error when the
  // group cannot be lowered for these specs (an op or dtype the lowering
  // does not handle, a shape that does not broadcast) or compilation
  // fails: the caller then runs the subgraph in the interpreter.
  static std::shared_ptr<FusedKernel> compile(const ir::Graph& group, const std::vector<InputSpec>& specs,
                                              bool dynamicShapes, Backend& backend,
                                              const CompileOptions& options = {});

  // Whether `inputs` satisfy every assumption of the kernel. Cheap (no
  // allocation); `n` must be the group's input count.
  bool guard(const IValue* inputs, size_t n) const;
  // Runs the kernel; `inputs` must pass guard(). Returns the group's
  // outputs (fresh contiguous tensors from the caching allocator).
  std::vector<IValue> run(const IValue* inputs, size_t n) const;

  double compileMs() const;  // lowering + backend compile
  bool reusedCode() const;   // the backend reused an identical kernel's code
  bool dynamicShapes() const;
  const std::vector<InputSpec>& specs() const;
  const kir::Kernel& kernel() const;
  const CompiledKernel& compiled() const;
  const std::string& name() const;

  ~FusedKernel();
  struct Impl;

 private:
  FusedKernel();
  std::unique_ptr<Impl> impl_;
};

// Calls a compiled kernel: through `fn` when the backend produced machine
// code, else through the reference evaluator's interpreted kernel.
void invokeKernel(const CompiledKernel& ck, void* const* bufs, const int64_t* ints, const double* floats,
                  int64_t begin, int64_t end);

}  // namespace wick::jit

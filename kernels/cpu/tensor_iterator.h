// TensorIterator: the elementwise engine. It broadcasts the inputs,
// computes the result dtype with PyTorch's promotion rules, allocates or
// checks the output (out= and in-place), converts inputs to the compute
// dtype, coalesces dims and runs a 1-D inner loop over every element,
// in parallel above a grain.
#pragma once

#include <array>
#include <optional>

#include "core/parallel.h"
#include "kernels/cpu/type_promotion.h"
#include "wick/tensor.h"

namespace wick::kernels {

// Elements per parallel chunk: below this an op runs on the calling thread.
inline constexpr int64_t kElementwiseGrain = 32768;

// Broadcast shape of two shapes; throws naming `op` when they do not
// broadcast.
DimVector broadcastShapes(const char* op, IntArrayRef a, IntArrayRef b);

class TensorIterator;

// How an elementwise op wants its operands treated.
class IterConfig {
 public:
  explicit IterConfig(const char* op) : op_(op) {}

  // The out= tensor (undefined: allocate). Pass self for in-place ops
  // together with inPlace().
  IterConfig& output(const Tensor& out) {
    out_ = out;
    return *this;
  }
  // The output is also input 0: its shape must equal the broadcast shape
  // (it is never resized) and the result must be castable to its dtype.
  IterConfig& inPlace() {
    inPlace_ = true;
    return *this;
  }
  // Adds an input taking part in type promotion.
  IterConfig& input(const Input& in) { return addInput(in, std::nullopt); }
  // Adds an input converted to `dtype` and kept out of promotion (the
  // condition of where, operands of logical ops).
  IterConfig& inputAs(const Input& in, DType dtype) { return addInput(in, dtype); }
  // Integer and bool results become float32 (true division, exp, ...).
  IterConfig& promoteIntegerToFloat() {
    intToFloat_ = true;
    return *this;
  }
  // Forces the compute dtype instead of promoting.
  IterConfig& computeDType(DType t) {
    compute_ = t;
    return *this;
  }
  // The kernel writes this dtype instead of the compute dtype (bool for
  // comparisons).
  IterConfig& resultDType(DType t) {
    result_ = t;
    return *this;
  }

  TensorIterator build();

  // At most three inputs (where, clamp); fixed arrays keep a small op
  // free of heap allocations for its bookkeeping.
  static constexpr int kMaxInputs = 3;

 private:
  friend class TensorIterator;
  struct In {
    Input in = Input(Tensor());
    std::optional<DType> fixed;
  };
  IterConfig& addInput(const Input& in, std::optional<DType> fixed);
  const char* op_;
  Tensor out_;
  bool inPlace_ = false;
  bool intToFloat_ = false;
  std::array<In, kMaxInputs> inputs_;
  int ninputs_ = 0;
  std::optional<DType> compute_;
  std::optional<DType> result_;
};

// Inner loop: data[0] is the output, data[1..] the inputs; strides are in
// bytes; n elements.
using InnerLoop = FunctionRef<void(char** data, const int64_t* strides, int64_t n)>;

class TensorIterator {
 public:
  // Dtype the inputs are presented in.
  DType computeDType() const { return compute_; }
  // Dtype the kernel writes.
  DType resultDType() const { return result_; }
  const DimVector& shape() const { return shape_; }
  int64_t numel() const { return numel_; }
  int ntensors() const { return ntensors_; }
  const Tensor& operand(int i) const { return operands_[static_cast<size_t>(i)]; }
  // True when every operand is contiguous and of the full shape (one flat loop).
  bool isContiguous() const;

  // Runs `loop` over all elements, in parallel chunks of at least `grain`.
  void forEach(InnerLoop loop, int64_t grain = kElementwiseGrain) const;
  // Finishes the op: copies into the user's out= tensor when the kernel
  // wrote a temporary, and returns the tensor the op returns.
  Tensor finish() const;

 private:
  friend class IterConfig;
  const char* op_ = "";
  DimVector shape_;
  int64_t numel_ = 0;
  DType compute_ = DType::Float32;
  DType result_ = DType::Float32;
  std::array<Tensor, IterConfig::kMaxInputs + 1> operands_;  // [kernel output, inputs...]
  int ntensors_ = 0;
  // Coalesced iteration space: sizes and per-operand byte strides
  // (strides_[d * ntensors + k]).
  DimVector loopSizes_;
  SmallVector<int64_t, 24> loopStrides_;
  Tensor userOut_;  // out= / self when the kernel writes a temporary
  bool copyBack_ = false;
};

// Sets a tensor's shape for an out= result, reallocating when its storage
// is too small (PyTorch's resize_output).
void resizeOutput(const Tensor& out, IntArrayRef shape);

}  // namespace wick::kernels

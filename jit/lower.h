// Lowering: a fusion group's subgraph plus the specs of its inputs ->
// one kir::Kernel, and the plan FusedKernel::run follows to bind it.
//
// The kernel iterates a "domain": the broadcast shape of the group's
// elementwise values (for groups with reductions, the shape the reductions
// read). Its outer index runs over rows (the kept dims, flattened); the
// body loops over the reduced dims (or, for elementwise groups, the last
// dim) once per reduction pass and once more to store full-size outputs.
// Specialized kernels have sizes and strides as constants, with size-1
// dims dropped and adjacent dims merged, so contiguous inputs give one flat
// loop; dynamic kernels take the domain sizes and every buffer's strides as
// int parameters (they assume dtypes, ranks and which sizes are 1).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "jit/fused_kernel.h"
#include "jit/kir/kernel_ir.h"

namespace wick::jit {

struct LoweredGroup {
  std::shared_ptr<kir::Kernel> kernel;
  bool dynamicShapes = false;

  // Buffer of each group input (-1 for scalars), then the outputs.
  std::vector<int> inputBuffer;
  // Domain: rank, and for dynamic kernels where each size comes from:
  // (input, dim) of an input whose size there is not 1, or (-1, -1) when
  // every input has size 1 there.
  int domainRank = 0;
  std::vector<std::pair<int, int>> domainSizeSource;
  std::vector<int64_t> domainSizes;  // as specialized (spec sizes)

  struct Output {
    DType dtype;
    int buffer;
    // Per output dim: the domain dim it spans, or -1 for a size-1 dim.
    std::vector<int> dims;
    std::vector<int64_t> sizes;  // as specialized
  };
  std::vector<Output> outputs;

  // What each int / float kernel parameter holds.
  struct Param {
    enum Kind : uint8_t { ScalarInput, DomainSize, Stride } kind;
    int a = 0;  // input index (ScalarInput), domain dim (DomainSize), buffer (Stride)
    int b = 0;  // domain dim (Stride)
  };
  std::vector<Param> intParams;
  std::vector<Param> floatParams;
  // Per buffer (inputs then outputs), per domain dim: the tensor dim that
  // maps there (-1: none, stride 0). Used to fill Stride params.
  std::vector<std::vector<int>> bufferDimOfDomain;

  // Work per outer index, in elements (for the parallel split).
  int64_t workPerOuter = 1;
  // Reductions that would fail on an empty reduced extent (amax/amin).
  bool needsNonEmptyReduction = false;
  std::vector<int> reducedDomainDims;
};

// Throws wick::Error naming the node when the group cannot be lowered for
// these specs.
LoweredGroup lowerGroup(const ir::Graph& group, const std::vector<InputSpec>& specs, bool dynamicShapes);

}  // namespace wick::jit

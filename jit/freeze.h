// Freezing of eval-mode modules, and conv + batch-norm folding: two passes of
// the pipeline (jit/optimize.cpp) that read the module object, so they live
// in the JIT layer rather than in src/passes (which knows only the IR).
//
// Like torch.jit.freeze, freezing assumes that the module's attributes are
// not replaced from C++ after the method was optimized (the program itself
// is checked: attributes it writes or mutates stay attributes). Tensors are
// frozen by reference: a constant shares its storage with the parameter,
// so in-place changes made from C++ to a frozen, unfolded parameter are
// still seen; values computed from parameters (folded conv weights) are not.
#pragma once

#include <cstdint>

#include "ir/graph.h"
#include "wick/ivalue.h"

namespace wick::jit {

// Whether `self` may be frozen: a module object whose `training` is false,
// as it is in every submodule it holds.
bool canFreeze(const IValue& self);

struct FreezeStats {
  int64_t frozen = 0;     // prim::GetAttr nodes replaced with constants
  int64_t written = 0;    // left alone: written by prim::SetAttr or mutated in place
  int64_t unsupported = 0;  // left alone: a value constants do not hold (tuples, objects, ...)
};

// Replaces each prim::GetAttr chain on `self` (graph input 0, whose run-time
// value is `self`) that reads a tensor, scalar, string, None, device or
// list of scalars with a prim::Constant of its current value, unless an
// attribute of that name is written (prim::SetAttr) or may be mutated in
// place (an op writes the value or an alias of it, or the value escapes
// where that cannot be seen) in this graph or in any compiled method of the
// classes reached. aten::__is__ / __isnot__ between a frozen value and None
// become bool constants, so constant propagation can drop the training
// branches. The frozen graph is valid only for `self`: the caller keys it
// by that object.
FreezeStats freezeModule(ir::Graph& graph, const Object& self);

// aten::conv1d/conv2d/conv3d/_convolution (not transposed) whose output is
// used only by an aten::batch_norm with training=False and constant
// weight, bias, running stats and eps become one convolution with a folded
// weight W * g / sqrt(var + eps) and bias (b - mean) * g / sqrt(var + eps) + beta,
// computed in float64 and stored in the weight's dtype (float32/float64).
// Returns the number of batch_norm nodes folded.
int64_t foldConvBatchNorm(ir::Graph& graph);

}  // namespace wick::jit

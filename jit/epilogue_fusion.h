// fuse_epilogues: convolution (or linear) -> [residual add] -> [activation]
// chains become one wick::conv_fused (wick::linear_fused) node, which
// oneDNN runs as one primitive with post-ops
// (src/runtime/ops/conv_epilogue.cpp).
#pragma once

#include <cstdint>

#include "ir/graph.h"
#include "jit/fuser.h"

namespace wick::jit {

// Rewrites, in every block, a convolution (aten::conv1d/conv2d,
// aten::convolution/_convolution that is not transposed) or an aten::linear
// whose result feeds only
//   aten::add/add_(conv, other, alpha=1)   (other a tensor: the residual)
// and/or then only an activation (relu, hardtanh(0, 6)/relu6, hardswish,
// hardsigmoid, silu, sigmoid, gelu; functional or in-place), into one
// wick::conv_fused (wick::linear_fused). The intermediate values may have no other readers than
// aten::dim/aten::size, nothing between the chain's nodes may write memory,
// and a profiled dtype other than float32 (or residual sizes other than the
// output's) leaves the chain alone. Ops named in opts.dontFuse are never
// fused. Then results that only conv_fused nodes read (besides dim/size)
// are asked for in channels-last strides, oneDNN's own layout, which saves
// the two reorders per convolution (a plain convolution read only by
// conv_fused becomes one without epilogue for that). Returns the number of
// chains fused.
int64_t fuseEpilogues(ir::Graph& graph, const FuserOptions& opts);

}  // namespace wick::jit

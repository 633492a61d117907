// Shape ops. Those PyTorch implements as views return tensors sharing
// self's storage (view, permute, transpose, t, unsqueeze, squeeze, expand,
// slice, select, and reshape/flatten when the strides allow); cat and
// stack copy.
#pragma once

#include <optional>
#include <vector>

#include "wick/tensor.h"

namespace wick::kernels {

// `sizes` may hold one -1, inferred from the element count. view throws
// when the strides make a view impossible; reshape copies then.
Tensor view(const Tensor& self, IntArrayRef sizes);
Tensor reshape(const Tensor& self, IntArrayRef sizes);
Tensor flatten(const Tensor& self, int64_t startDim = 0, int64_t endDim = -1);
Tensor permute(const Tensor& self, IntArrayRef dims);
Tensor transpose(const Tensor& self, int64_t dim0, int64_t dim1);
// Transpose of a tensor of rank <= 2.
Tensor t(const Tensor& self);
Tensor unsqueeze(const Tensor& self, int64_t dim);
// Drops every size-1 dim.
Tensor squeeze(const Tensor& self);
// Drops `dim` when its size is 1; otherwise returns a view of self as is.
Tensor squeeze(const Tensor& self, int64_t dim);
// -1 keeps a size; new leading dims may be added.
Tensor expand(const Tensor& self, IntArrayRef sizes);
Tensor slice(const Tensor& self, int64_t dim, std::optional<int64_t> start,
             std::optional<int64_t> end, int64_t step = 1);
Tensor select(const Tensor& self, int64_t dim, int64_t index);
// The tensors are promoted to their common dtype.
Tensor cat(const std::vector<Tensor>& tensors, int64_t dim = 0, const Tensor& out = {});
Tensor stack(const std::vector<Tensor>& tensors, int64_t dim = 0, const Tensor& out = {});

// Views of consecutive pieces of `splitSize` along dim (the last may be
// shorter), of the given sizes, or of `chunks` nearly equal pieces.
std::vector<Tensor> split(const Tensor& self, int64_t splitSize, int64_t dim = 0);
std::vector<Tensor> splitWithSizes(const Tensor& self, IntArrayRef sizes, int64_t dim = 0);
std::vector<Tensor> chunk(const Tensor& self, int64_t chunks, int64_t dim = 0);

// The strides a view of `sizes` over (oldSizes, oldStrides) needs, or
// nullopt when no view exists (at::detail::computeStride).
std::optional<DimVector> computeViewStrides(IntArrayRef oldSizes, IntArrayRef oldStrides,
                                            IntArrayRef sizes);
// Resolves one -1 in `sizes` against numel; throws naming `op` when the
// shape does not fit.
DimVector inferSize(const char* op, IntArrayRef sizes, int64_t numel);

}  // namespace wick::kernels

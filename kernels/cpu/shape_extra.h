// Data-movement ops beyond plain views: repeat/tile, repeat_interleave,
// flip, roll, triu/tril, memory formats, and the views movedim, unflatten
// and diagonal. Views share self's storage as PyTorch's do; the others
// return new contiguous tensors. Every op here works on every dtype (they
// move bytes, never interpret them).
#pragma once

#include <optional>
#include <vector>

#include "wick/tensor.h"

namespace wick::kernels {

// self repeated `repeats[i]` times along dim i; repeats may name more dims
// than self has (new leading dims), never fewer.
Tensor repeat(const Tensor& self, IntArrayRef repeats);
// numpy.tile: like repeat, but fewer repeats than dims are padded with 1s
// in front.
Tensor tile(const Tensor& self, IntArrayRef dims);
// Each element (of flattened self when dim is empty) repeated repeats[i]
// times along dim; repeats is an int64/int32 tensor of one element or of
// self.size(dim) elements.
Tensor repeatInterleave(const Tensor& self, const Tensor& repeats, std::optional<int64_t> dim,
                        std::optional<int64_t> outputSize);
Tensor repeatInterleave(const Tensor& self, int64_t repeats, std::optional<int64_t> dim,
                        std::optional<int64_t> outputSize);
// [0]*r0 + [1]*r1 + ... for a 1-D integer tensor of counts.
Tensor repeatInterleaveIndices(const Tensor& repeats, std::optional<int64_t> outputSize);

Tensor flip(const Tensor& self, IntArrayRef dims);
// Rolls along each dim by its shift; with no dims, rolls the flattened
// tensor (one shift) and restores the shape.
Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims);

// The upper (triu) or lower (tril) triangle of the last two dims, the rest
// zero; `diagonal` shifts the boundary (PyTorch's convention).
Tensor triu(const Tensor& self, int64_t diagonal);
Tensor tril(const Tensor& self, int64_t diagonal);

// Views.
Tensor movedim(const Tensor& self, IntArrayRef source, IntArrayRef destination);
Tensor unflatten(const Tensor& self, int64_t dim, IntArrayRef sizes);
Tensor diagonal(const Tensor& self, int64_t offset = 0, int64_t dim1 = 0, int64_t dim2 = 1);

// PyTorch's MemoryFormat codes.
enum class MemoryFormat : int64_t { Contiguous = 0, Preserve = 1, ChannelsLast = 2, ChannelsLast3d = 3 };
MemoryFormat memoryFormatFromInt(int64_t code);
// The strides a tensor of `sizes` has in `format` (Contiguous or
// ChannelsLast/ChannelsLast3d, which need rank 4 / 5).
DimVector memoryFormatStrides(IntArrayRef sizes, MemoryFormat format);
// self when it already has that layout, else a copy in it (Preserve: as
// contiguous()).
Tensor contiguous(const Tensor& self, MemoryFormat format);
// A copy with its own storage in `format`; Preserve keeps self's strides
// when they are dense and non-overlapping, like PyTorch.
Tensor clone(const Tensor& self, MemoryFormat format);

// Fills self with 0/1 draws of probability p (per element when p is a
// tensor broadcasting to self) from the default generator; floating self
// (any dtype for a float p, as PyTorch).
Tensor bernoulli_(const Tensor& self, double p);
Tensor bernoulli_(const Tensor& self, const Tensor& p);

}  // namespace wick::kernels

// Reductions over any set of dims: sum, mean, amax, amin, argmax, all.
// `dims` empty (or absent) reduces every dim, as PyTorch's `int[1]? dim`
// does; `out` undefined allocates the result.
#pragma once

#include <optional>
#include <utility>

#include "wick/tensor.h"

namespace wick::kernels {

// dtype: the accumulation and result dtype; by default integers and bool
// sum to int64 and floating types keep their dtype.
Tensor sum(const Tensor& self, IntArrayRef dims = {}, bool keepdim = false,
           std::optional<DType> dtype = {}, const Tensor& out = {});
// Requires a floating self or a floating dtype.
Tensor mean(const Tensor& self, IntArrayRef dims = {}, bool keepdim = false,
            std::optional<DType> dtype = {}, const Tensor& out = {});
// NaN propagates; a reduced dim of size zero is an error.
Tensor amax(const Tensor& self, IntArrayRef dims = {}, bool keepdim = false, const Tensor& out = {});
Tensor amin(const Tensor& self, IntArrayRef dims = {}, bool keepdim = false, const Tensor& out = {});
// Index (int64) of the first maximum; NaN counts as the maximum. No dim:
// over the flattened tensor.
Tensor argmax(const Tensor& self, std::optional<int64_t> dim = {}, bool keepdim = false,
              const Tensor& out = {});
// max.dim / min.dim: (values, int64 indices of the first extreme).
std::pair<Tensor, Tensor> maxDim(const Tensor& self, int64_t dim, bool keepdim, bool isMax);
// max() / min() over every element (an error on an empty tensor).
Tensor maxAll(const Tensor& self, bool isMax);
// True where every element is nonzero (uint8 input gives a uint8 result,
// like PyTorch).
Tensor all(const Tensor& self, std::optional<int64_t> dim = {}, bool keepdim = false,
           const Tensor& out = {});

}  // namespace wick::kernels

// Reductions over any set of dims: sum, mean, prod, amax, amin, argmax,
// argmin, all, any, var, std, norm, logsumexp; scans (cumsum, cumprod) and
// sorting (sort, argsort, topk) along one dim.
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
Tensor argmin(const Tensor& self, std::optional<int64_t> dim = {}, bool keepdim = false,
              const Tensor& out = {});
// max.dim / min.dim: (values, int64 indices of the first extreme).
std::pair<Tensor, Tensor> maxDim(const Tensor& self, int64_t dim, bool keepdim, bool isMax);
// max() / min() over every element (an error on an empty tensor).
Tensor maxAll(const Tensor& self, bool isMax);
// True where every element is nonzero (uint8 input gives a uint8 result,
// like PyTorch).
Tensor all(const Tensor& self, std::optional<int64_t> dim = {}, bool keepdim = false,
           const Tensor& out = {});

// Resizes `out` to result's shape, copies result into it, returns out (the
// out= forms of ops with several results).
Tensor copyToOut(const Tensor& result, const Tensor& out);

// True where any element is nonzero (uint8 in, uint8 out).
Tensor any(const Tensor& self, std::optional<int64_t> dim = {}, bool keepdim = false,
           const Tensor& out = {});

// Product; dtype as for sum (integers and bool multiply in int64).
Tensor prod(const Tensor& self, IntArrayRef dims = {}, bool keepdim = false,
            std::optional<DType> dtype = {}, const Tensor& out = {});

// var / std with Bessel's correction `correction` (unbiased: 1), floating
// self only. withMean also returns the mean (var_mean / std_mean).
struct VarOptions {
  int64_t correction = 1;
  bool keepdim = false;
  bool takeSqrt = false;  // std
};
Tensor var(const Tensor& self, IntArrayRef dims, VarOptions opt, const Tensor& out = {});
std::pair<Tensor, Tensor> varMean(const Tensor& self, IntArrayRef dims, VarOptions opt);

// Vector p-norm over dims (all when empty): p = 2, 1, inf, -inf, 0 (count
// of nonzeros) or any other p. dtype: compute and result dtype (floating).
Tensor norm(const char* op, const Tensor& self, double p, IntArrayRef dims = {}, bool keepdim = false,
            std::optional<DType> dtype = {}, const Tensor& out = {});

// log(sum(exp(x))) over dims, stable for large values; integers give float32.
Tensor logsumexp(const Tensor& self, IntArrayRef dims, bool keepdim = false, const Tensor& out = {});

// Inclusive scans along dim; dtype as for sum.
Tensor cumsum(const Tensor& self, int64_t dim, std::optional<DType> dtype = {}, const Tensor& out = {});
Tensor cumprod(const Tensor& self, int64_t dim, std::optional<DType> dtype = {}, const Tensor& out = {});

// (values, int64 indices) sorted along dim; stable; NaN sorts as the
// largest value.
std::pair<Tensor, Tensor> sort(const Tensor& self, int64_t dim = -1, bool descending = false);
// The k largest (or smallest) along dim, in sorted order; k must be in
// [0, size of dim].
std::pair<Tensor, Tensor> topk(const Tensor& self, int64_t k, int64_t dim = -1, bool largest = true,
                               bool sorted = true);

}  // namespace wick::kernels

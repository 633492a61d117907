// Private to the reduction family (reduction.cpp, reduction_stats.cpp,
// scan_sort.cpp): the plan that views a tensor as [outer rows, inner
// reduced elements] and the row loop that reduces them in parallel.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <string>
#include <vector>

#include "core/check.h"
#include "core/parallel.h"
#include "kernels/cpu/tensor_iterator.h"
#include "wick/tensor.h"

namespace wick::kernels::reduce {

inline constexpr int64_t kReduceGrain = 32768;

struct ReducePlan {
  Tensor rows;  // [outer, inner], contiguous
  int64_t outer = 1;
  int64_t inner = 1;
  DimVector outShape;
};

// Views self as [outer, inner] (kept dims first, reduced dims last) in
// `dtype`, copying only when that view is not contiguous or the dtype
// differs. A zero-size reduced dim is an error unless allowEmpty.
inline ReducePlan makePlan(const char* op, const Tensor& self, IntArrayRef dims, bool keepdim, DType dtype,
                           bool allowEmpty) {
  const int64_t rank = self.dim();
  SmallVector<bool, 8> reduced(static_cast<size_t>(rank), dims.empty());
  const std::string what = fmt::format("{}: dim", op);
  for (int64_t d : dims) {
    int64_t w = wrapDim(d, rank, what.c_str());
    if (rank == 0) continue;
    WICK_CHECK(!reduced[w], "{}: dim {} appears multiple times in the list of dims", op, w);
    reduced[w] = true;
  }
  ReducePlan p;
  DimVector sizes, strides;
  for (int pass = 0; pass < 2; ++pass) {
    for (int64_t d = 0; d < rank; ++d) {
      if (reduced[d] != (pass == 1)) continue;
      sizes.push_back(self.sizes()[d]);
      strides.push_back(self.strides()[d]);
      if (pass == 0) p.outer *= self.sizes()[d];
      else p.inner *= self.sizes()[d];
    }
  }
  for (int64_t d = 0; d < rank; ++d) {
    if (!reduced[d]) p.outShape.push_back(self.sizes()[d]);
    else if (keepdim) p.outShape.push_back(1);
    if (reduced[d] && !allowEmpty && self.sizes()[d] == 0)
      WICK_FAIL("{}: expected reduction dim {} to have non-zero size (input shape [{}])", op, d,
                fmt::join(self.sizes(), ", "));
  }
  Tensor permuted = self.asStrided(sizes, strides, self.storageOffset());
  if (permuted.isContiguous() && permuted.dtype() == dtype) {
    p.rows = permuted;
  } else {
    p.rows = Tensor::empty(sizes, dtype);
    p.rows.copyFrom(permuted);
  }
  return p;
}

// Reduces each of `outer` rows: row(r, begin, end) -> Acc over part of row
// r, combine(Acc, Acc) -> Acc in order, fin(Acc) -> R.
template <typename R, typename Acc, typename RowFn, typename CombineFn, typename FinalFn>
void reduceRows(int64_t outer, int64_t inner, R* out, Acc identity, const RowFn& row,
                const CombineFn& combine, const FinalFn& fin) {
  if (outer == 0) return;
  if (outer > 1 && (outer >= 4 * numThreads() || inner < kReduceGrain)) {
    int64_t grain = std::max<int64_t>(1, kReduceGrain / std::max<int64_t>(inner, 1));
    parallelFor(0, outer, grain, [&](int64_t b, int64_t e) {
      for (int64_t r = b; r < e; ++r) out[r] = fin(inner ? row(r, 0, inner) : identity);
    });
    return;
  }
  const int64_t nchunks = std::max<int64_t>(1, (inner + kReduceGrain - 1) / kReduceGrain);
  std::vector<Acc> partial(static_cast<size_t>(nchunks), identity);
  for (int64_t r = 0; r < outer; ++r) {
    parallelFor(0, nchunks, 1, [&](int64_t b, int64_t e) {
      for (int64_t c = b; c < e; ++c) {
        int64_t lo = c * kReduceGrain, hi = std::min(inner, lo + kReduceGrain);
        partial[static_cast<size_t>(c)] = lo < hi ? row(r, lo, hi) : identity;
      }
    });
    Acc acc = partial[0];
    for (int64_t c = 1; c < nchunks; ++c) acc = combine(acc, partial[static_cast<size_t>(c)]);
    out[r] = fin(acc);
  }
}

inline Tensor finishOut(const Tensor& result, const Tensor& out) {
  if (!out.defined()) return result;
  resizeOutput(out, result.sizes());
  out.copyFrom(result);
  return out;
}

// Accumulators of sum-like ops: int64 for integers and bool, double for
// floating types.
template <typename T>
using SumAccT = std::conditional_t<std::is_integral_v<T>, int64_t, double>;

// sum / prod / cumsum without dtype=: integers and bool give int64.
inline DType defaultSumDType(DType t) { return isIntegral(t, true) ? DType::Int64 : t; }

}  // namespace wick::kernels::reduce

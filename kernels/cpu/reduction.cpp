// Reductions: the input is viewed with its kept dims first and reduced dims
// last, made contiguous in the accumulation dtype, and each row is reduced.
// Long rows are split into fixed-size chunks combined in order, so results
// do not depend on the thread count.
#include "kernels/cpu/reduction.h"

#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "core/check.h"
#include "core/dispatch.h"
#include "core/parallel.h"
#include "kernels/cpu/loops.h"
#include "kernels/cpu/tensor_iterator.h"

namespace wick::kernels {
namespace {

constexpr int64_t kReduceGrain = 32768;

struct ReducePlan {
  Tensor rows;  // [outer, inner], contiguous
  int64_t outer = 1;
  int64_t inner = 1;
  DimVector outShape;
};

ReducePlan makePlan(const char* op, const Tensor& self, IntArrayRef dims, bool keepdim, DType dtype,
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

template <typename T>
using SumAccT = std::conditional_t<std::is_integral_v<T>, int64_t, double>;

Tensor finishOut(const Tensor& result, const Tensor& out) {
  if (!out.defined()) return result;
  resizeOutput(out, result.sizes());
  out.copyFrom(result);
  return out;
}

DType defaultSumDType(DType t) { return isIntegral(t, true) ? DType::Int64 : t; }

Tensor sumOrMean(const char* op, const Tensor& self, IntArrayRef dims, bool keepdim, DType dtype,
                 bool isMean, const Tensor& out) {
  ReducePlan p = makePlan(op, self, dims, keepdim, dtype, true);
  Tensor result = Tensor::empty(p.outShape, dtype);
  const int64_t inner = p.inner;
  WICK_DISPATCH_ALL(dtype, op, {
    using acc_t = SumAccT<OpMathT<scalar_t>>;
    const scalar_t* in = static_cast<const scalar_t*>(p.rows.rawData());
    scalar_t* o = static_cast<scalar_t*>(result.rawData());
    auto row = [&](int64_t r, int64_t b, int64_t e) -> acc_t {
      const scalar_t* x = in + r * inner;
      // Sixteen independent partial sums: the compiler vectorizes the
      // lane loop (a single float accumulator would be a serial chain it
      // may not reorder), and the pairwise-ish split also helps accuracy.
      constexpr int kLanes = 16;
      acc_t lane[kLanes] = {};
      int64_t i = b;
      for (; i + kLanes <= e; i += kLanes)
        for (int j = 0; j < kLanes; ++j) lane[j] += static_cast<acc_t>(x[i + j]);
      acc_t s = 0;
      for (; i < e; ++i) s += static_cast<acc_t>(x[i]);
      for (int j = 0; j < kLanes; ++j) s += lane[j];
      return s;
    };
    auto combine = [](acc_t a, acc_t b) -> acc_t { return a + b; };
    auto fin = [&](acc_t s) -> scalar_t {
      if (isMean) return static_cast<scalar_t>(static_cast<double>(s) / static_cast<double>(inner));
      return static_cast<scalar_t>(s);
    };
    reduceRows(p.outer, inner, o, acc_t(0), row, combine, fin);
  });
  return finishOut(result, out);
}

Tensor minMax(const char* op, const Tensor& self, IntArrayRef dims, bool keepdim, bool isMax,
              const Tensor& out) {
  ReducePlan p = makePlan(op, self, dims, keepdim, self.dtype(), false);
  Tensor result = Tensor::empty(p.outShape, self.dtype());
  const int64_t inner = p.inner;
  WICK_DISPATCH_ALL(self.dtype(), op, {
    using acc_t = OpMathT<scalar_t>;
    const scalar_t* in = static_cast<const scalar_t*>(p.rows.rawData());
    scalar_t* o = static_cast<scalar_t*>(result.rawData());
    // NaN wins: once the accumulator is NaN no comparison replaces it.
    auto pick = [isMax](acc_t m, acc_t v) -> acc_t {
      if constexpr (std::is_floating_point_v<acc_t>) {
        if (std::isnan(v)) return v;
      }
      return isMax ? (v > m ? v : m) : (v < m ? v : m);
    };
    auto row = [&](int64_t r, int64_t b, int64_t e) -> acc_t {
      const scalar_t* x = in + r * inner;
      acc_t m = static_cast<acc_t>(x[b]);
      for (int64_t i = b + 1; i < e; ++i) m = pick(m, static_cast<acc_t>(x[i]));
      return m;
    };
    auto combine = [&](acc_t a, acc_t b) -> acc_t {
      if constexpr (std::is_floating_point_v<acc_t>) {
        if (std::isnan(a)) return a;
      }
      return pick(a, b);
    };
    auto fin = [](acc_t v) -> scalar_t { return static_cast<scalar_t>(v); };
    reduceRows(p.outer, inner, o, acc_t(0), row, combine, fin);
  });
  return finishOut(result, out);
}

}  // namespace

Tensor sum(const Tensor& self, IntArrayRef dims, bool keepdim, std::optional<DType> dtype,
           const Tensor& out) {
  return sumOrMean("aten::sum", self, dims, keepdim, dtype ? *dtype : defaultSumDType(self.dtype()),
                   false, out);
}

Tensor mean(const Tensor& self, IntArrayRef dims, bool keepdim, std::optional<DType> dtype,
            const Tensor& out) {
  DType dt = dtype ? *dtype : self.dtype();
  WICK_CHECK(isFloating(dt),
             "aten::mean: could not infer output dtype. Input dtype must be either a floating "
             "point or complex dtype. Got: {}",
             dtypeName(dt));
  return sumOrMean("aten::mean", self, dims, keepdim, dt, true, out);
}

Tensor amax(const Tensor& self, IntArrayRef dims, bool keepdim, const Tensor& out) {
  return minMax("aten::amax", self, dims, keepdim, true, out);
}

Tensor amin(const Tensor& self, IntArrayRef dims, bool keepdim, const Tensor& out) {
  return minMax("aten::amin", self, dims, keepdim, false, out);
}

namespace {

// The extreme value of each reduced row and the index of its first
// occurrence; NaN counts as the extreme (max and min). Values are only
// materialized when asked for.
std::pair<Tensor, Tensor> indexReduce(const char* op, const Tensor& self, std::optional<int64_t> dim,
                                      bool keepdim, bool isMax, bool wantValues) {
  WICK_CHECK(dim || self.numel() > 0,
             "{}: expected reduction dim to be specified for input.numel() == 0", op);
  ReducePlan p;
  if (dim) {
    int64_t d = *dim;
    p = makePlan(op, self, IntArrayRef(&d, 1), keepdim, self.dtype(), false);
  } else {
    Tensor flat = self.contiguous();
    int64_t n = self.numel();
    flat = flat.asStrided(IntArrayRef(&n, 1), {1}, flat.storageOffset());
    p = makePlan(op, flat, {}, false, self.dtype(), false);
    p.outShape = keepdim ? DimVector(static_cast<size_t>(self.dim()), 1) : DimVector();
  }
  Tensor indices = Tensor::empty(p.outShape, DType::Int64);
  Tensor values = wantValues ? Tensor::empty(p.outShape, self.dtype()) : Tensor();
  const int64_t inner = p.inner;
  WICK_DISPATCH_ALL(self.dtype(), op, {
    using acc_t = OpMathT<scalar_t>;
    struct Best {
      acc_t v;
      int64_t i;
    };
    const scalar_t* in = static_cast<const scalar_t*>(p.rows.rawData());
    // Later candidates win only when strictly better, or NaN over non-NaN.
    auto better = [isMax](const Best& cur, const Best& c) {
      if constexpr (std::is_floating_point_v<acc_t>) {
        if (std::isnan(cur.v)) return false;
        if (std::isnan(c.v)) return true;
      }
      return isMax ? c.v > cur.v : c.v < cur.v;
    };
    auto row = [&](int64_t r, int64_t b, int64_t e) -> Best {
      const scalar_t* x = in + r * inner;
      Best best{static_cast<acc_t>(x[b]), b};
      for (int64_t i = b + 1; i < e; ++i) {
        Best c{static_cast<acc_t>(x[i]), i};
        if (better(best, c)) best = c;
      }
      return best;
    };
    auto combine = [&](const Best& a, const Best& b) { return better(a, b) ? b : a; };
    std::vector<Best> best(static_cast<size_t>(p.outer));
    reduceRows(p.outer, inner, best.data(), Best{acc_t(0), 0}, row, combine, [](const Best& b) { return b; });
    int64_t* pi = static_cast<int64_t*>(indices.rawData());
    for (int64_t r = 0; r < p.outer; ++r) pi[r] = best[static_cast<size_t>(r)].i;
    if (wantValues) {
      scalar_t* pv = static_cast<scalar_t*>(values.rawData());
      for (int64_t r = 0; r < p.outer; ++r) pv[r] = static_cast<scalar_t>(best[static_cast<size_t>(r)].v);
    }
  });
  return {values, indices};
}

}  // namespace

Tensor argmax(const Tensor& self, std::optional<int64_t> dim, bool keepdim, const Tensor& out) {
  WICK_CHECK(self.dtype() != DType::Bool, "aten::argmax: bool tensors are not supported");
  return finishOut(indexReduce("aten::argmax", self, dim, keepdim, true, false).second, out);
}

std::pair<Tensor, Tensor> maxDim(const Tensor& self, int64_t dim, bool keepdim, bool isMax) {
  return indexReduce(isMax ? "aten::max" : "aten::min", self, dim, keepdim, isMax, true);
}

Tensor maxAll(const Tensor& self, bool isMax) {
  const char* op = isMax ? "aten::max" : "aten::min";
  WICK_CHECK(self.numel() > 0, "{}: expected reduction dim to be specified for input.numel() == 0", op);
  return minMax(op, self, {}, false, isMax, {});
}

Tensor all(const Tensor& self, std::optional<int64_t> dim, bool keepdim, const Tensor& out) {
  int64_t d = dim.value_or(0);
  IntArrayRef dims = dim ? IntArrayRef(&d, 1) : IntArrayRef();
  ReducePlan p = makePlan("aten::all", self, dims, keepdim, DType::Bool, true);
  Tensor result = Tensor::empty(p.outShape, DType::Bool);
  const bool* in = static_cast<const bool*>(p.rows.rawData());
  const int64_t inner = p.inner;
  auto row = [&](int64_t r, int64_t b, int64_t e) -> bool {
    const bool* x = in + r * inner;
    bool a = true;
    for (int64_t i = b; i < e; ++i) a = a && x[i];
    return a;
  };
  reduceRows(p.outer, inner, static_cast<bool*>(result.rawData()), true, row,
             [](bool a, bool b) { return a && b; }, [](bool a) { return a; });
  if (self.dtype() == DType::UInt8) result = result.to(DType::UInt8);
  return finishOut(result, out);
}

}  // namespace wick::kernels

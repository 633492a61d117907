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
#include "kernels/cpu/reduction_internal.h"
#include "kernels/cpu/tensor_iterator.h"

namespace wick::kernels {
using namespace reduce;
namespace {

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

Tensor copyToOut(const Tensor& result, const Tensor& out) { return finishOut(result, out); }

Tensor argmin(const Tensor& self, std::optional<int64_t> dim, bool keepdim, const Tensor& out) {
  WICK_CHECK(self.dtype() != DType::Bool, "aten::argmin: bool tensors are not supported");
  return finishOut(indexReduce("aten::argmin", self, dim, keepdim, false, false).second, out);
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

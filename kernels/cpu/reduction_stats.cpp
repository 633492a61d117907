// Reductions beyond sum and max: any, prod, var/std (and their _mean
// forms), vector norms and logsumexp, on the row plan of
// reduction_internal.h (rows reduced in parallel, long rows in fixed
// chunks combined in order).
#include <cmath>
#include <limits>

#include "core/check.h"
#include "core/dispatch.h"
#include "kernels/cpu/loops.h"
#include "kernels/cpu/math_functions.h"
#include "kernels/cpu/reduction.h"
#include "kernels/cpu/reduction_internal.h"

namespace wick::kernels {
using namespace reduce;
namespace {

// Sum of f(i) over [b, e) in kLanes independent partial sums, so the
// compiler vectorizes the lane loop and long rows lose less precision.
template <typename Acc, typename F>
Acc laneSum(int64_t b, int64_t e, const F& f) {
  constexpr int kLanes = sizeof(Acc) == 4 ? 16 : 8;
  Acc lane[kLanes] = {};
  int64_t i = b;
  for (; i + kLanes <= e; i += kLanes)
    for (int j = 0; j < kLanes; ++j) lane[j] += f(i + j);
  Acc s = 0;
  for (; i < e; ++i) s += f(i);
  for (int j = 0; j < kLanes; ++j) s += lane[j];
  return s;
}

template <typename T>
double toDouble(T x) {
  return static_cast<double>(static_cast<OpMathT<T>>(x));
}

void checkFloatingReduce(const char* op, DType t) {
  WICK_CHECK(isFloating(t), "{}: expected a floating-point input, got {}", op, dtypeName(t));
}

}  // namespace

Tensor any(const Tensor& self, std::optional<int64_t> dim, bool keepdim, const Tensor& out) {
  int64_t d = dim.value_or(0);
  IntArrayRef dims = dim ? IntArrayRef(&d, 1) : IntArrayRef();
  ReducePlan p = makePlan("aten::any", self, dims, keepdim, DType::Bool, true);
  Tensor result = Tensor::empty(p.outShape, DType::Bool);
  const uint8_t* in = static_cast<const uint8_t*>(p.rows.rawData());
  const int64_t inner = p.inner;
  auto row = [&](int64_t r, int64_t b, int64_t e) -> bool {
    const uint8_t* x = in + r * inner;
    uint8_t a = 0;
    for (int64_t i = b; i < e; ++i) a |= x[i];
    return a != 0;
  };
  reduceRows(p.outer, inner, static_cast<bool*>(result.rawData()), false, row,
             [](bool a, bool b) { return a || b; }, [](bool a) { return a; });
  if (self.dtype() == DType::UInt8) result = result.to(DType::UInt8);
  return finishOut(result, out);
}

Tensor prod(const Tensor& self, IntArrayRef dims, bool keepdim, std::optional<DType> dtype,
            const Tensor& out) {
  const DType dt = dtype ? *dtype : defaultSumDType(self.dtype());
  ReducePlan p = makePlan("aten::prod", self, dims, keepdim, dt, true);
  Tensor result = Tensor::empty(p.outShape, dt);
  const int64_t inner = p.inner;
  WICK_DISPATCH_ALL(dt, "aten::prod", {
    using acc_t = SumAccT<OpMathT<scalar_t>>;
    const scalar_t* in = static_cast<const scalar_t*>(p.rows.rawData());
    auto row = [&](int64_t r, int64_t b, int64_t e) -> acc_t {
      const scalar_t* x = in + r * inner;
      constexpr int kLanes = 8;
      acc_t lane[kLanes];
      for (acc_t& l : lane) l = 1;
      int64_t i = b;
      for (; i + kLanes <= e; i += kLanes)
        for (int j = 0; j < kLanes; ++j) lane[j] *= static_cast<acc_t>(x[i + j]);
      acc_t s = 1;
      for (; i < e; ++i) s *= static_cast<acc_t>(x[i]);
      for (int j = 0; j < kLanes; ++j) s *= lane[j];
      return s;
    };
    reduceRows(p.outer, inner, static_cast<scalar_t*>(result.rawData()), acc_t(1), row,
               [](acc_t a, acc_t b) -> acc_t { return a * b; },
               [](acc_t s) -> scalar_t { return static_cast<scalar_t>(s); });
  });
  return finishOut(result, out);
}

namespace {

// Count, mean and sum of squared deviations of part of a row; parts merge
// with Chan's formula, so chunked rows stay as accurate as two passes.
struct Moments {
  double n = 0, mean = 0, m2 = 0;
};

Moments merge(const Moments& a, const Moments& b) {
  if (a.n == 0) return b;
  if (b.n == 0) return a;
  Moments r;
  r.n = a.n + b.n;
  const double delta = b.mean - a.mean;
  r.mean = a.mean + delta * (b.n / r.n);
  r.m2 = a.m2 + b.m2 + delta * delta * (a.n * b.n / r.n);
  return r;
}

// (var or std, mean) of each reduced row; wantMean also fills the mean.
std::pair<Tensor, Tensor> moments(const char* op, const Tensor& self, IntArrayRef dims, VarOptions opt,
                                  bool wantMean) {
  WICK_CHECK(isFloating(self.dtype()),
             "{}: std and var only support floating point and complex dtypes, got {}", op,
             dtypeName(self.dtype()));
  ReducePlan p = makePlan(op, self, dims, opt.keepdim, self.dtype(), true);
  const int64_t inner = p.inner;
  std::vector<Moments> m(static_cast<size_t>(p.outer));
  WICK_DISPATCH_FLOATING(self.dtype(), op, {
    const scalar_t* in = static_cast<const scalar_t*>(p.rows.rawData());
    auto row = [&](int64_t r, int64_t b, int64_t e) -> Moments {
      const scalar_t* x = in + r * inner;
      Moments mo;
      mo.n = static_cast<double>(e - b);
      if (e <= b) return mo;
      mo.mean = laneSum<double>(b, e, [x](int64_t i) { return toDouble(x[i]); }) / mo.n;
      const double mean = mo.mean;
      mo.m2 = laneSum<double>(b, e, [x, mean](int64_t i) {
        const double d = toDouble(x[i]) - mean;
        return d * d;
      });
      return mo;
    };
    reduceRows(p.outer, inner, m.data(), Moments{}, row, merge, [](const Moments& v) { return v; });
  });
  Tensor var = Tensor::empty(p.outShape, self.dtype());
  Tensor mean = wantMean ? Tensor::empty(p.outShape, self.dtype()) : Tensor();
  const double correction = static_cast<double>(opt.correction);
  WICK_DISPATCH_FLOATING(self.dtype(), op, {
    scalar_t* pv = static_cast<scalar_t*>(var.rawData());
    for (int64_t r = 0; r < p.outer; ++r) {
      const Moments& mo = m[static_cast<size_t>(r)];
      // As PyTorch: divide by max(n - correction, 0), so too few elements
      // give inf or nan rather than an error.
      double v = mo.m2 / std::max(mo.n - correction, 0.0);
      pv[r] = static_cast<scalar_t>(opt.takeSqrt ? std::sqrt(v) : v);
    }
    if (wantMean) {
      scalar_t* pm = static_cast<scalar_t*>(mean.rawData());
      for (int64_t r = 0; r < p.outer; ++r) {
        const Moments& mo = m[static_cast<size_t>(r)];
        pm[r] = static_cast<scalar_t>(mo.n == 0 ? std::numeric_limits<double>::quiet_NaN() : mo.mean);
      }
    }
  });
  return {var, mean};
}

}  // namespace

Tensor var(const Tensor& self, IntArrayRef dims, VarOptions opt, const Tensor& out) {
  return finishOut(moments(opt.takeSqrt ? "aten::std" : "aten::var", self, dims, opt, false).first, out);
}

std::pair<Tensor, Tensor> varMean(const Tensor& self, IntArrayRef dims, VarOptions opt) {
  return moments(opt.takeSqrt ? "aten::std_mean" : "aten::var_mean", self, dims, opt, true);
}

Tensor norm(const char* op, const Tensor& self, double p, IntArrayRef dims, bool keepdim,
            std::optional<DType> dtype, const Tensor& out) {
  checkFloatingReduce(op, self.dtype());
  const DType dt = dtype ? *dtype : self.dtype();
  checkFloatingReduce(op, dt);
  const bool isInf = std::isinf(p);
  // The max/min of nothing is undefined: like PyTorch, an error.
  ReducePlan plan = makePlan(op, self, dims, keepdim, dt, !isInf);
  Tensor result = Tensor::empty(plan.outShape, dt);
  const int64_t inner = plan.inner;
  WICK_DISPATCH_FLOATING(dt, op, {
    using acc_t = OpMathT<scalar_t>;
    const scalar_t* in = static_cast<const scalar_t*>(plan.rows.rawData());
    scalar_t* o = static_cast<scalar_t*>(result.rawData());
    auto absAt = [in, inner](int64_t r, int64_t i) -> acc_t {
      return std::abs(static_cast<acc_t>(in[r * inner + i]));
    };
    if (isInf) {
      const bool isMax = p > 0;
      // NaN propagates as in amax.
      auto pick = [isMax](acc_t a, acc_t b) -> acc_t {
        if (a != a || b != b) return a != a ? a : b;
        return isMax ? (a > b ? a : b) : (a < b ? a : b);
      };
      auto row = [&](int64_t r, int64_t b, int64_t e) -> acc_t {
        acc_t m = absAt(r, b);
        for (int64_t i = b + 1; i < e; ++i) m = pick(m, absAt(r, i));
        return m;
      };
      reduceRows(plan.outer, inner, o, acc_t(0), row, pick,
                 [](acc_t v) -> scalar_t { return static_cast<scalar_t>(v); });
    } else {
      // Each chunk sums in acc_t lanes (vectorized), chunks combine in
      // double; the final power turns the sum into the norm.
      auto run = [&](auto f, auto fin) {
        auto row = [in, inner, f](int64_t r, int64_t b, int64_t e) -> double {
          const scalar_t* x = in + r * inner;
          return static_cast<double>(laneSum<acc_t>(b, e, [x, f](int64_t i) { return f(static_cast<acc_t>(x[i])); }));
        };
        reduceRows(plan.outer, inner, o, 0.0, row, [](double a, double b) { return a + b; },
                   [fin](double s) -> scalar_t { return static_cast<scalar_t>(fin(s)); });
      };
      if (p == 2) run([](acc_t a) { return a * a; }, [](double s) { return std::sqrt(s); });
      else if (p == 1) run([](acc_t a) { return std::abs(a); }, [](double s) { return s; });
      else if (p == 0) run([](acc_t a) { return a != acc_t(0) ? acc_t(1) : acc_t(0); }, [](double s) { return s; });
      else
        run([p](acc_t a) { return static_cast<acc_t>(std::pow(static_cast<double>(std::abs(a)), p)); },
            [p](double s) { return std::pow(s, 1.0 / p); });
    }
  });
  return finishOut(result, out);
}

Tensor logsumexp(const Tensor& self, IntArrayRef dims, bool keepdim, const Tensor& out) {
  const DType dt = isFloating(self.dtype()) ? self.dtype() : DType::Float32;
  ReducePlan p = makePlan("aten::logsumexp", self, dims, keepdim, dt, true);
  Tensor result = Tensor::empty(p.outShape, dt);
  const int64_t inner = p.inner;
  // (shift, sum of exp(x - shift)); an infinite max shifts by 0 so that
  // inf and -inf rows give inf and -inf, as in PyTorch.
  struct Acc {
    double shift, sum;
  };
  WICK_DISPATCH_FLOATING(dt, "aten::logsumexp", {
    using acc_t = OpMathT<scalar_t>;
    const scalar_t* in = static_cast<const scalar_t*>(p.rows.rawData());
    auto row = [&](int64_t r, int64_t b, int64_t e) -> Acc {
      const scalar_t* x = in + r * inner;
      // Max and a NaN flag as separate branch-free reductions, so the loop
      // vectorizes.
      acc_t m = static_cast<acc_t>(x[b]);
      bool nan = false;
      for (int64_t i = b; i < e; ++i) {
        const acc_t v = static_cast<acc_t>(x[i]);
        m = v > m ? v : m;
        nan |= v != v;
      }
      if (nan) m = std::numeric_limits<acc_t>::quiet_NaN();
      if (std::isinf(m)) m = 0;
      double s;
      if constexpr (std::is_same_v<acc_t, float>) {
        s = laneSum<float>(b, e, [x, m](int64_t i) { return math::expf(static_cast<float>(x[i]) - m); });
      } else {
        s = laneSum<double>(b, e, [x, m](int64_t i) { return std::exp(static_cast<double>(x[i]) - m); });
      }
      return Acc{static_cast<double>(m), s};
    };
    auto combine = [](const Acc& a, const Acc& b) -> Acc {
      if (a.shift != a.shift || b.shift != b.shift) return Acc{std::nan(""), 0};
      const double m = std::max(a.shift, b.shift);
      return Acc{m, a.sum * std::exp(a.shift - m) + b.sum * std::exp(b.shift - m)};
    };
    reduceRows(p.outer, inner, static_cast<scalar_t*>(result.rawData()), Acc{0, 0}, row, combine,
               [](const Acc& a) -> scalar_t { return static_cast<scalar_t>(std::log(a.sum) + a.shift); });
  });
  return finishOut(result, out);
}

}  // namespace wick::kernels

// Scaled dot-product attention on batched heads (see attention.h).
#include "kernels/cpu/attention.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/check.h"
#include "core/parallel.h"
#include "kernels/cpu/activation.h"
#include "kernels/cpu/elementwise.h"
#include "kernels/cpu/linalg.h"
#include "kernels/cpu/shape.h"

namespace wick::kernels {
namespace {

// -inf above the diagonal of every [L, S] matrix of a contiguous scores
// tensor: query i attends keys 0..i.
template <typename T>
void fillCausal(T* scores, int64_t matrices, int64_t l, int64_t s) {
  const T ninf = -std::numeric_limits<T>::infinity();
  for (int64_t m = 0; m < matrices; ++m) {
    for (int64_t i = 0; i < l; ++i) {
      T* row = scores + (m * l + i) * s;
      for (int64_t j = i + 1; j < s; ++j) row[j] = ninf;
    }
  }
}

// The rows whose every score is -inf (softmax has nothing to normalize).
template <typename T>
std::vector<int64_t> maskedOutRows(const T* scores, int64_t rows, int64_t s) {
  std::vector<int64_t> dead;
  const T ninf = -std::numeric_limits<T>::infinity();
  for (int64_t r = 0; r < rows; ++r) {
    const T* row = scores + r * s;
    if (std::all_of(row, row + s, [&](T x) { return x == ninf; })) dead.push_back(r);
  }
  return dead;
}

template <typename T>
void zeroRows(T* p, const std::vector<int64_t>& rows, int64_t s) {
  for (int64_t r : rows) std::fill(p + r * s, p + (r + 1) * s, T(0));
}

}  // namespace

Tensor attention(const char* op, const Tensor& q, const Tensor& k, const Tensor& v, const Tensor& mask,
                 AttentionMask maskKind, const AttentionOptions& options, Tensor* weights) {
  const int64_t d = q.dim();
  WICK_CHECK(d >= 2 && k.dim() == d && v.dim() == d,
             "{}: query, key and value must have the same rank (at least 2), got [{}], [{}] and [{}]", op,
             fmt::join(q.sizes(), ", "), fmt::join(k.sizes(), ", "), fmt::join(v.sizes(), ", "));
  WICK_CHECK(q.dtype() == DType::Float32 || q.dtype() == DType::Float64,
             "{}: expected float32 or float64 query, got {}", op, dtypeName(q.dtype()));
  WICK_CHECK(k.dtype() == q.dtype() && v.dtype() == q.dtype(),
             "{}: query, key and value must have one dtype, got {}, {} and {}", op, dtypeName(q.dtype()),
             dtypeName(k.dtype()), dtypeName(v.dtype()));
  const int64_t l = q.size(-2), e = q.size(-1), s = k.size(-2), ev = v.size(-1);
  DimVector lead(q.sizes().slice(0, d - 2));
  WICK_CHECK(IntArrayRef(lead) == k.sizes().slice(0, d - 2) && IntArrayRef(lead) == v.sizes().slice(0, d - 2) &&
                 k.size(-1) == e && v.size(-2) == s,
             "{}: shapes do not match: query [{}], key [{}], value [{}]", op, fmt::join(q.sizes(), ", "),
             fmt::join(k.sizes(), ", "), fmt::join(v.sizes(), ", "));
  int64_t bh = 1;
  for (int64_t x : lead) bh *= x;
  const DType dt = q.dtype();
  Tensor q3 = reshape(q, {bh, l, e}), k3 = reshape(k, {bh, s, e}), v3 = reshape(v, {bh, s, ev});
  DimVector full = lead;
  full.push_back(l);
  full.push_back(s);

  const bool hasMask = mask.defined() && maskKind != AttentionMask::None;
  Tensor scores = Tensor::empty(full, dt);
  double beta = 0;
  if (hasMask && maskKind == AttentionMask::Additive) {
    // The scores start as the mask; the GEMM adds scale * q @ k^T to it.
    WICK_CHECK(isFloating(mask.dtype()), "{}: a float attention mask is expected, got {}", op,
               dtypeName(mask.dtype()));
    scores.copyFrom(expand(mask.to(dt), full));
    beta = 1;
  }
  Tensor scores3 = view(scores, {bh, l, s});
  // Per-head products are small: one per thread, each single-threaded (as
  // kernels::bmm runs them); large ones one after another on every thread.
  auto grainFor = [&](int64_t flops) { return flops >= (int64_t(1) << 22) ? bh : int64_t(1); };
  parallelFor(0, bh, grainFor(l * s * e), [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) {
      gemm(select(q3, 0, i), transpose(select(k3, 0, i), 0, 1), select(scores3, 0, i), options.scale, beta);
    }
  });
  if (hasMask && maskKind != AttentionMask::Additive) {
    Tensor drop;
    if (maskKind == AttentionMask::Drop) {
      drop = mask.dtype() == DType::Bool ? mask : compare(CompareOp::Ne, mask, Input(0));
    } else {
      WICK_CHECK(mask.dtype() == DType::Bool, "{}: a boolean attention mask is expected, got {}", op,
                 dtypeName(mask.dtype()));
      drop = compare(CompareOp::Eq, mask, Input(false));
    }
    maskedFill(scores, drop, Input(-std::numeric_limits<double>::infinity()), /*inPlace=*/true);
  }
  if (options.causal) {
    if (dt == DType::Float32) fillCausal(scores.data<float>(), bh, l, s);
    else fillCausal(scores.data<double>(), bh, l, s);
  }
  std::vector<int64_t> dead;
  if (options.zeroMaskedRows && (hasMask || options.causal)) {
    dead = dt == DType::Float32 ? maskedOutRows(scores.data<float>(), bh * l, s)
                                : maskedOutRows(scores.data<double>(), bh * l, s);
  }
  Tensor p = softmax(op, scores, -1, std::nullopt, false).contiguous();
  if (dt == DType::Float32) zeroRows(p.data<float>(), dead, s);
  else zeroRows(p.data<double>(), dead, s);
  Tensor p3 = view(p, {bh, l, s});
  Tensor out = Tensor::empty({bh, l, ev}, dt);
  parallelFor(0, bh, grainFor(l * s * ev), [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) gemm(select(p3, 0, i), select(v3, 0, i), select(out, 0, i), 1, 0);
  });
  if (weights) *weights = p;
  DimVector outShape = lead;
  outShape.push_back(l);
  outShape.push_back(ev);
  return view(out, outShape);
}

}  // namespace wick::kernels

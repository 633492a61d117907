// Ops along one dim: cumsum and cumprod (inclusive scans), sort and topk.
// The input is viewed as [outer, n, inner] with the dim in the middle;
// scans run over blocks of the contiguous inner dim (vectorizable), sorts
// per (outer, inner) line with std algorithms, in parallel over lines.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "core/check.h"
#include "core/dispatch.h"
#include "core/parallel.h"
#include "kernels/cpu/loops.h"
#include "kernels/cpu/reduction.h"
#include "kernels/cpu/reduction_internal.h"

namespace wick::kernels {
using namespace reduce;
namespace {

struct Lines {
  int64_t dim = 0;
  int64_t outer = 1, n = 1, inner = 1;
};

Lines splitAt(const char* op, const Tensor& self, int64_t dim) {
  const std::string what = fmt::format("{}: dim", op);
  Lines l;
  l.dim = wrapDim(dim, self.dim(), what.c_str());
  for (int64_t d = 0; d < self.dim(); ++d) {
    if (d < l.dim) l.outer *= self.sizes()[d];
    else if (d == l.dim) l.n = self.sizes()[d];
    else l.inner *= self.sizes()[d];
  }
  return l;
}

// Inner elements a scan task carries in registers-sized blocks.
constexpr int64_t kScanBlock = 256;

template <bool IsProd>
Tensor scan(const char* op, const Tensor& self, int64_t dim, std::optional<DType> dtype, const Tensor& out) {
  const DType dt = dtype ? *dtype : defaultSumDType(self.dtype());
  const Lines l = splitAt(op, self, dim);
  Tensor in = self.to(dt).contiguous();
  Tensor result = Tensor::empty(self.sizes(), dt);
  if (self.numel() > 0) {
    const int64_t nblocks = (l.inner + kScanBlock - 1) / kScanBlock;
    const int64_t grain = std::max<int64_t>(1, kReduceGrain / std::max<int64_t>(1, l.n * std::min(l.inner, kScanBlock)));
    WICK_DISPATCH_ALL(dt, op, {
      using acc_t = SumAccT<OpMathT<scalar_t>>;
      const scalar_t* x = static_cast<const scalar_t*>(in.rawData());
      scalar_t* y = static_cast<scalar_t*>(result.rawData());
      if (l.inner == 1) {
        // Scans along the last dim: one serial sum per row, rows in parallel.
        parallelFor(0, l.outer, std::max<int64_t>(1, kReduceGrain / std::max<int64_t>(1, l.n)), [&](int64_t b, int64_t e) {
          for (int64_t o = b; o < e; ++o) {
            const scalar_t* xr = x + o * l.n;
            scalar_t* yr = y + o * l.n;
            acc_t acc = IsProd ? acc_t(1) : acc_t(0);
            for (int64_t j = 0; j < l.n; ++j) {
              if constexpr (IsProd) acc *= static_cast<acc_t>(xr[j]);
              else acc += static_cast<acc_t>(xr[j]);
              yr[j] = static_cast<scalar_t>(acc);
            }
          }
        });
        return;
      }
      parallelFor(0, l.outer * nblocks, grain, [&](int64_t tb, int64_t te) {
        acc_t acc[kScanBlock];
        for (int64_t t = tb; t < te; ++t) {
          const int64_t o = t / nblocks, k0 = (t % nblocks) * kScanBlock;
          const int64_t m = std::min(kScanBlock, l.inner - k0);
          for (int64_t k = 0; k < m; ++k) acc[k] = IsProd ? acc_t(1) : acc_t(0);
          const int64_t base = o * l.n * l.inner + k0;
          for (int64_t j = 0; j < l.n; ++j) {
            const scalar_t* xr = x + base + j * l.inner;
            scalar_t* yr = y + base + j * l.inner;
            for (int64_t k = 0; k < m; ++k) {
              if constexpr (IsProd) acc[k] *= static_cast<acc_t>(xr[k]);
              else acc[k] += static_cast<acc_t>(xr[k]);
              yr[k] = static_cast<scalar_t>(acc[k]);
            }
          }
        }
      });
    });
  }
  return finishOut(result, out);
}

// NaN sorts above every number, as in PyTorch.
template <typename T>
bool lessNan(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    if (b != b) return a == a;
  }
  return a < b;
}

// Sorts (or partially sorts, keeping the first k) every line; writes k
// values and indices per line into [outer, k, inner] outputs.
template <typename T>
void sortLines(const Tensor& in, const Lines& l, int64_t k, bool descending, bool partial,
               const Tensor& values, const Tensor& indices) {
  using acc_t = OpMathT<T>;
  const T* x = static_cast<const T*>(in.rawData());
  T* pv = static_cast<T*>(values.rawData());
  int64_t* pi = static_cast<int64_t*>(indices.rawData());
  const int64_t lines = l.outer * l.inner;
  const int64_t grain = std::max<int64_t>(1, 4096 / std::max<int64_t>(1, l.n));
  parallelFor(0, lines, grain, [&](int64_t b, int64_t e) {
    std::vector<std::pair<acc_t, int64_t>> buf(static_cast<size_t>(l.n));
    for (int64_t line = b; line < e; ++line) {
      const int64_t o = line / l.inner, c = line % l.inner;
      const T* src = x + o * l.n * l.inner + c;
      for (int64_t j = 0; j < l.n; ++j) buf[static_cast<size_t>(j)] = {static_cast<acc_t>(src[j * l.inner]), j};
      // Ties keep index order (stable), so results do not depend on the
      // algorithm.
      auto cmp = [descending](const std::pair<acc_t, int64_t>& u, const std::pair<acc_t, int64_t>& v) {
        if (descending ? lessNan(v.first, u.first) : lessNan(u.first, v.first)) return true;
        if (descending ? lessNan(u.first, v.first) : lessNan(v.first, u.first)) return false;
        return u.second < v.second;
      };
      if (partial) std::partial_sort(buf.begin(), buf.begin() + k, buf.end(), cmp);
      else std::stable_sort(buf.begin(), buf.end(), cmp);
      const int64_t dst = o * k * l.inner + c;
      for (int64_t j = 0; j < k; ++j) {
        pv[dst + j * l.inner] = static_cast<T>(buf[static_cast<size_t>(j)].first);
        pi[dst + j * l.inner] = buf[static_cast<size_t>(j)].second;
      }
    }
  });
}

std::pair<Tensor, Tensor> sortImpl(const char* op, const Tensor& self, int64_t k, int64_t dim,
                                   bool descending, bool partial) {
  const Lines l = splitAt(op, self, dim);
  DimVector shape(self.sizes());
  if (self.dim() > 0) shape[static_cast<size_t>(l.dim)] = k;
  Tensor values = Tensor::empty(shape, self.dtype());
  Tensor indices = Tensor::empty(shape, DType::Int64);
  if (values.numel() == 0) return {values, indices};
  Tensor in = self.contiguous();
  WICK_DISPATCH_ALL(self.dtype(), op, { sortLines<scalar_t>(in, l, k, descending, partial, values, indices); });
  return {values, indices};
}

}  // namespace

Tensor cumsum(const Tensor& self, int64_t dim, std::optional<DType> dtype, const Tensor& out) {
  return scan<false>("aten::cumsum", self, dim, dtype, out);
}

Tensor cumprod(const Tensor& self, int64_t dim, std::optional<DType> dtype, const Tensor& out) {
  return scan<true>("aten::cumprod", self, dim, dtype, out);
}

std::pair<Tensor, Tensor> sort(const Tensor& self, int64_t dim, bool descending) {
  const Lines l = splitAt("aten::sort", self, dim);
  return sortImpl("aten::sort", self, l.n, dim, descending, false);
}

std::pair<Tensor, Tensor> topk(const Tensor& self, int64_t k, int64_t dim, bool largest, bool sorted) {
  (void)sorted;  // always sorted: a valid answer either way
  const Lines l = splitAt("aten::topk", self, dim);
  WICK_CHECK(self.dtype() != DType::Bool, "aten::topk: unsupported dtype Bool");
  WICK_CHECK(k >= 0 && k <= l.n, "aten::topk: k ({}) is out of range for dim {} of size {}", k, l.dim, l.n);
  return sortImpl("aten::topk", self, k, dim, largest, true);
}

}  // namespace wick::kernels

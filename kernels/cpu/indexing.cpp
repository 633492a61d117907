// Advanced indexing (index, index_put_), index_select, masked_select,
// nonzero and embedding: each turns its indices into element offsets
// into self, checked against the sizes before any read or write.
#include "kernels/cpu/indexing.h"

#include <fmt/ranges.h>

#include "core/check.h"
#include "core/dispatch.h"
#include "kernels/cpu/shape.h"

namespace wick::kernels {
namespace {

template <typename T>
bool isNonzero(T v) {
  if constexpr (std::is_arithmetic_v<T>) return v != T(0);
  else return static_cast<float>(v) != 0.f;  // Half/BFloat16; NaN counts as non-zero
}

template <typename T>
T addValues(T a, T b) {
  if constexpr (std::is_same_v<T, bool>) return a || b;
  else if constexpr (std::is_arithmetic_v<T>) return static_cast<T>(a + b);
  else return T(static_cast<float>(a) + static_cast<float>(b));
}

DimVector broadcastShapes(const char* op, IntArrayRef a, IntArrayRef b) {
  size_t n = std::max(a.size(), b.size());
  DimVector r(n, 1);
  for (size_t k = 0; k < n; ++k) {
    int64_t x = k < n - a.size() ? 1 : a[k - (n - a.size())];
    int64_t y = k < n - b.size() ? 1 : b[k - (n - b.size())];
    WICK_CHECK(x == y || x == 1 || y == 1, "{}: shape mismatch: shapes {} and {} cannot be broadcast together", op,
               a.vec(), b.vec());
    r[k] = x == 1 ? y : x;
  }
  return r;
}

// The result shape of self[indices] and, per result element, its element
// offset from self.rawData().
struct IndexPlan {
  DimVector shape;
  std::vector<int64_t> offsets;
};

// wrap: negative indices count from the end (index, index_put_); the ops
// built on index_select reject them like PyTorch does.
IndexPlan planIndex(const char* op, const Tensor& self, const std::vector<Tensor>& indices, bool wrap) {
  std::vector<Tensor> idx;  // Long or undefined, one per indexed dim
  for (const Tensor& t : indices) {
    if (!t.defined()) {
      idx.push_back(Tensor());
    } else if (t.dtype() == DType::Bool || t.dtype() == DType::UInt8) {
      int64_t first = static_cast<int64_t>(idx.size());
      WICK_CHECK(first + t.dim() <= self.dim(), "{}: too many indices for tensor of dimension {}", op, self.dim());
      for (int64_t k = 0; k < t.dim(); ++k)
        WICK_CHECK(t.size(k) == self.size(first + k),
                   "{}: the shape of the mask {} at index {} does not match the shape of the indexed tensor {} at "
                   "index {}",
                   op, t.sizes().vec(), k, self.sizes().vec(), first + k);
      if (t.dim() == 0) {
        // A 0-d mask adds a dim of size 1 (true) or 0 (false).
        WICK_FAIL("{}: 0-dimensional boolean indices are not supported", op);
      }
      Tensor nz = nonzero(t);
      for (int64_t k = 0; k < t.dim(); ++k) idx.push_back(select(nz, 1, k));
    } else {
      WICK_CHECK(t.dtype() == DType::Int64, "{}: tensors used as indices must be long, byte or bool tensors, got {}",
                 op, dtypeName(t.dtype()));
      idx.push_back(t);
    }
  }
  const int64_t rank = self.dim();
  WICK_CHECK(static_cast<int64_t>(idx.size()) <= rank, "{}: too many indices for tensor of dimension {} (got {})", op,
             rank, idx.size());
  idx.resize(rank);
  DimVector b;
  int64_t first = -1, last = -1, count = 0;
  for (int64_t d = 0; d < rank; ++d) {
    if (!idx[d].defined()) continue;
    b = count == 0 ? DimVector(idx[d].sizes()) : broadcastShapes(op, b, idx[d].sizes());
    if (first < 0) first = d;
    last = d;
    ++count;
  }
  const int64_t nb = computeNumel(b);
  std::vector<int64_t> bOff(static_cast<size_t>(nb), 0);
  for (int64_t d = 0; d < rank && count > 0; ++d) {
    if (!idx[d].defined()) continue;
    Tensor e = expand(idx[d], b).contiguous();
    const int64_t* p = e.data<int64_t>();
    const int64_t size = self.size(d), stride = self.stride(d);
    for (int64_t k = 0; k < nb; ++k) {
      int64_t v = p[k];
      WICK_CHECK(v < size && (wrap ? v >= -size : v >= 0), "{}: index {} is out of bounds for dimension {} with size {}",
                 op, v, d, size);
      bOff[k] += (v < 0 ? v + size : v) * stride;
    }
  }
  // Axes of the result: plain dims of self and the one broadcast block.
  struct Axis {
    int64_t size, stride;
    bool block;
  };
  std::vector<Axis> axes;
  IndexPlan plan;
  auto addPlain = [&](int64_t d) {
    axes.push_back({self.size(d), self.stride(d), false});
    plan.shape.push_back(self.size(d));
  };
  auto addBlock = [&] {
    axes.push_back({nb, 0, true});
    for (int64_t s : b) plan.shape.push_back(s);
  };
  const bool adjacent = count > 0 && last - first + 1 == count;
  for (int64_t d = 0; d < rank; ++d) {
    if (d == first && count > 0) {
      if (adjacent) addBlock();
      else {
        // Separated advanced indices: the block goes first (NumPy's rule).
        axes.insert(axes.begin(), Axis{nb, 0, true});
        DimVector shape(b);
        for (int64_t s : plan.shape) shape.push_back(s);
        plan.shape = shape;
      }
    }
    if (!idx[d].defined()) addPlain(d);
  }
  const int64_t total = computeNumel(plan.shape);
  plan.offsets.resize(static_cast<size_t>(total));
  for (int64_t i = 0; i < total; ++i) {
    int64_t rest = i, off = 0;
    for (auto a = axes.rbegin(); a != axes.rend(); ++a) {
      int64_t c = rest % a->size;
      rest /= a->size;
      off += a->block ? bOff[c] : c * a->stride;
    }
    plan.offsets[i] = off;
  }
  return plan;
}

Tensor gatherOffsets(const Tensor& self, const IndexPlan& plan, const char* op) {
  Tensor out = Tensor::empty(plan.shape, self.dtype());
  WICK_DISPATCH_ALL(self.dtype(), op, {
    const scalar_t* src = static_cast<const scalar_t*>(self.rawData());
    scalar_t* dst = out.data<scalar_t>();
    for (size_t k = 0; k < plan.offsets.size(); ++k) dst[k] = src[plan.offsets[k]];
  });
  return out;
}

Tensor selectIndex(const char* op, const Tensor& index) {
  WICK_CHECK(index.dim() <= 1, "{}: index is supposed to be a vector, got {} dims", op, index.dim());
  WICK_CHECK(index.dtype() == DType::Int64 || index.dtype() == DType::Int32,
             "{}: expected dtype int32 or int64 for index, got {}", op, dtypeName(index.dtype()));
  return reshape(index.to(DType::Int64), {index.numel()});
}

}  // namespace

Tensor index(const Tensor& self, const std::vector<Tensor>& indices) {
  return gatherOffsets(self, planIndex("aten::index", self, indices, true), "aten::index");
}

Tensor indexPut_(const Tensor& self, const std::vector<Tensor>& indices, const Tensor& values, bool accumulate) {
  const char* op = "aten::index_put_";
  WICK_CHECK(values.dtype() == self.dtype(),
             "{}: index put requires the source and destination dtypes match, got {} for the destination and {} for "
             "the source",
             op, dtypeName(self.dtype()), dtypeName(values.dtype()));
  IndexPlan plan = planIndex(op, self, indices, true);
  WICK_CHECK(values.dim() <= static_cast<int64_t>(plan.shape.size()),
             "{}: shape mismatch: value tensor of shape {} cannot be broadcast to indexing result of shape {}", op,
             values.sizes().vec(), IntArrayRef(plan.shape).vec());
  for (int64_t k = 1; k <= values.dim(); ++k) {
    int64_t v = values.size(-k), r = plan.shape[plan.shape.size() - k];
    WICK_CHECK(v == r || v == 1,
               "{}: shape mismatch: value tensor of shape {} cannot be broadcast to indexing result of shape {}", op,
               values.sizes().vec(), IntArrayRef(plan.shape).vec());
  }
  // A copy: values may alias self.
  Tensor v = expand(values, plan.shape).clone();
  WICK_DISPATCH_ALL(self.dtype(), op, {
    scalar_t* dst = static_cast<scalar_t*>(self.rawData());
    const scalar_t* src = v.data<scalar_t>();
    for (size_t k = 0; k < plan.offsets.size(); ++k) {
      scalar_t& d = dst[plan.offsets[k]];
      d = accumulate ? addValues(d, src[k]) : src[k];
    }
  });
  return self;
}

Tensor indexSelect(const Tensor& self, int64_t dim, const Tensor& index) {
  const char* op = "aten::index_select";
  Tensor idx = selectIndex(op, index);
  if (self.dim() == 0) {
    (void)wrapDim(dim, 1);
    Tensor r = indexSelect(reshape(self, {1}), 0, idx);
    return index.dim() == 0 ? reshape(r, {}) : r;
  }
  dim = wrapDim(dim, self.dim());
  std::vector<Tensor> indices(static_cast<size_t>(dim));
  indices.push_back(idx);
  return gatherOffsets(self, planIndex(op, self, indices, false), op);
}

Tensor embedding(const Tensor& weight, const Tensor& indices) {
  const char* op = "aten::embedding";
  WICK_CHECK(weight.dim() == 2, "{}: 'weight' must be 2-D, got {} dims", op, weight.dim());
  WICK_CHECK(indices.dtype() == DType::Int64 || indices.dtype() == DType::Int32,
             "{}: expected indices of dtype int64 or int32, got {}", op, dtypeName(indices.dtype()));
  Tensor flat = reshape(indices.to(DType::Int64), {indices.numel()});
  Tensor r = gatherOffsets(weight, planIndex(op, weight, {flat}, false), op);
  DimVector shape(indices.sizes());
  shape.push_back(weight.size(1));
  return reshape(r, shape);
}

Tensor maskedSelect(const Tensor& self, const Tensor& mask) {
  const char* op = "aten::masked_select";
  WICK_CHECK(mask.dtype() == DType::Bool || mask.dtype() == DType::UInt8,
             "{}: expected BoolTensor for mask, got {}", op, dtypeName(mask.dtype()));
  DimVector shape = broadcastShapes(op, self.sizes(), mask.sizes());
  Tensor m = expand(mask.to(DType::Bool), shape).contiguous();
  Tensor s = expand(self, shape).contiguous();
  const bool* mp = m.data<bool>();
  int64_t n = 0;
  for (int64_t k = 0; k < m.numel(); ++k) n += mp[k];
  Tensor out = Tensor::empty({n}, self.dtype());
  WICK_DISPATCH_ALL(self.dtype(), op, {
    const scalar_t* sp = s.data<scalar_t>();
    scalar_t* o = out.data<scalar_t>();
    for (int64_t k = 0; k < m.numel(); ++k)
      if (mp[k]) *o++ = sp[k];
  });
  return out;
}

Tensor nonzero(const Tensor& self) {
  Tensor c = self.contiguous();
  std::vector<int64_t> flat;
  WICK_DISPATCH_ALL(self.dtype(), "aten::nonzero", {
    const scalar_t* p = c.data<scalar_t>();
    for (int64_t k = 0; k < c.numel(); ++k)
      if (isNonzero(p[k])) flat.push_back(k);
  });
  const int64_t rank = self.dim(), n = static_cast<int64_t>(flat.size());
  Tensor out = Tensor::empty({n, rank}, DType::Int64);
  int64_t* o = out.data<int64_t>();
  for (int64_t i = 0; i < n; ++i) {
    int64_t rest = flat[i];
    for (int64_t d = rank - 1; d >= 0; --d) {
      o[i * rank + d] = rest % self.size(d);
      rest /= self.size(d);
    }
  }
  return out;
}

std::vector<Tensor> whereNonzero(const Tensor& self) {
  Tensor nz = nonzero(self);
  std::vector<Tensor> r;
  for (int64_t d = 0; d < self.dim(); ++d) r.push_back(select(nz, 1, d).contiguous());
  return r;
}

}  // namespace wick::kernels

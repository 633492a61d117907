// gather, scatter(_add), embedding_bag and one_hot: the indexing ops that
// pair each element of an index tensor with a position along one dim.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/ranges.h>

#include "core/check.h"
#include "core/dispatch.h"
#include "kernels/cpu/indexing.h"
#include "kernels/cpu/shape.h"

namespace wick::kernels {
namespace {

template <typename T>
T combine(T a, T b, char how) {
  if (how == 'a') {
    if constexpr (std::is_same_v<T, bool>) return a || b;
    else if constexpr (std::is_arithmetic_v<T>) return static_cast<T>(a + b);
    else return T(static_cast<float>(a) + static_cast<float>(b));
  }
  if (how == 'm') {
    if constexpr (std::is_same_v<T, bool>) return a && b;
    else if constexpr (std::is_arithmetic_v<T>) return static_cast<T>(a * b);
    else return T(static_cast<float>(a) * static_cast<float>(b));
  }
  return b;
}

// Offset (in elements) of the element at flat row-major position i of a
// tensor with the given sizes, in a tensor with the given strides;
// skipDim's coordinate is returned in *skipCoord and left out.
int64_t offsetOf(int64_t i, IntArrayRef sizes, IntArrayRef strides, int64_t skipDim, int64_t* skipCoord) {
  int64_t off = 0;
  for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0; --d) {
    int64_t c = i % sizes[d];
    i /= sizes[d];
    if (d == skipDim) *skipCoord = c;
    else off += c * strides[d];
  }
  return off;
}

// Checks shared by gather and scatter (PyTorch's gather_shape_check and
// scatter_shape_check): same rank, index no larger than self off dim.
void checkIndexShape(const char* op, const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src) {
  WICK_CHECK(index.dtype() == DType::Int64, "{}: expected dtype int64 for index, got {}", op,
             dtypeName(index.dtype()));
  const int64_t rank = std::max<int64_t>(self.dim(), 1);
  auto dimOf = [](const Tensor& t) { return std::max<int64_t>(t.dim(), 1); };
  auto sizeOf = [](const Tensor& t, int64_t d) { return t.dim() == 0 ? int64_t(1) : t.size(d); };
  WICK_CHECK(index.numel() == 0 || dimOf(index) == rank,
             "{}: index tensor must have the same number of dimensions as self tensor", op);
  if (src.defined())
    WICK_CHECK(index.numel() == 0 || dimOf(src) == rank,
               "{}: index tensor must have the same number of dimensions as src tensor", op);
  if (index.numel() == 0) return;
  for (int64_t d = 0; d < rank; ++d) {
    if (d != dim)
      WICK_CHECK(sizeOf(index, d) <= sizeOf(self, d),
                 "{}: size does not match at dimension {}: expected index {} to be smaller than self {} apart from "
                 "dimension {}",
                 op, d, index.sizes().vec(), self.sizes().vec(), dim);
    if (src.defined())
      WICK_CHECK(sizeOf(index, d) <= sizeOf(src, d),
                 "{}: expected index {} to be smaller than src {} at dimension {}", op, index.sizes().vec(),
                 src.sizes().vec(), d);
  }
}

// A 0-d tensor seen as 1-d, so every op below can treat dim 0 uniformly.
Tensor atLeast1d(const Tensor& t) { return t.dim() == 0 ? reshape(t, {1}) : t; }

}  // namespace

Tensor gather(const Tensor& self, int64_t dim, const Tensor& index) {
  const char* op = "aten::gather";
  dim = wrapDim(dim, std::max<int64_t>(self.dim(), 1));
  checkIndexShape(op, self, dim, index, Tensor());
  Tensor out = Tensor::empty(index.sizes(), self.dtype());
  if (index.numel() == 0) return out;
  Tensor s = atLeast1d(self), idx = atLeast1d(index).contiguous();
  const int64_t* ip = idx.data<int64_t>();
  const int64_t size = s.size(dim), stride = s.stride(dim);
  WICK_DISPATCH_ALL(self.dtype(), op, {
    const scalar_t* sp = static_cast<const scalar_t*>(s.rawData());
    scalar_t* o = out.data<scalar_t>();
    for (int64_t i = 0; i < idx.numel(); ++i) {
      int64_t unused = 0, v = ip[i];
      WICK_CHECK(v >= 0 && v < size, "{}: index {} is out of bounds for dimension {} with size {}", op, v, dim, size);
      o[i] = sp[offsetOf(i, idx.sizes(), s.strides(), dim, &unused) + v * stride];
    }
  });
  return out;
}

Tensor scatter_(const Tensor& self, int64_t dim, const Tensor& index, const Tensor& src,
                const std::optional<Scalar>& value, const std::string& reduce, const char* op) {
  dim = wrapDim(dim, std::max<int64_t>(self.dim(), 1));
  char how = 0;
  if (reduce == "add") how = 'a';
  else if (reduce == "multiply") how = 'm';
  else WICK_CHECK(reduce.empty(), "{}: reduce argument must be either add or multiply, got {}", op, reduce);
  if (src.defined())
    WICK_CHECK(src.dtype() == self.dtype(), "{}: expected self.dtype to be equal to src.dtype, got {} and {}", op,
               dtypeName(self.dtype()), dtypeName(src.dtype()));
  checkIndexShape(op, self, dim, index, src);
  if (index.numel() == 0) return self;
  Tensor s = atLeast1d(self), idx = atLeast1d(index).contiguous();
  Tensor from = src.defined() ? atLeast1d(src) : Tensor();
  // Reading src while writing self must see src as it was.
  if (from.defined() && from.sharesStorage(self)) from = from.clone();
  const int64_t* ip = idx.data<int64_t>();
  const int64_t size = s.size(dim), stride = s.stride(dim);
  WICK_DISPATCH_ALL(self.dtype(), op, {
    scalar_t* dp = static_cast<scalar_t*>(s.rawData());
    const scalar_t* fp = from.defined() ? static_cast<const scalar_t*>(from.rawData()) : nullptr;
    const scalar_t fill = value ? value->to<scalar_t>() : scalar_t();
    for (int64_t i = 0; i < idx.numel(); ++i) {
      int64_t c = 0, v = ip[i];
      WICK_CHECK(v >= 0 && v < size, "{}: index {} is out of bounds for dimension {} with size {}", op, v, dim, size);
      scalar_t x = fill;
      if (fp) {
        int64_t srcOff = offsetOf(i, idx.sizes(), from.strides(), dim, &c);
        x = fp[srcOff + c * from.stride(dim)];
      }
      scalar_t& d = dp[offsetOf(i, idx.sizes(), s.strides(), dim, &c) + v * stride];
      d = combine(d, x, how);
    }
  });
  return self;
}

EmbeddingBagResult embeddingBag(const Tensor& weight, const Tensor& indices, const Tensor& offsetsIn, int64_t mode,
                                const Tensor& perSampleWeights, bool includeLastOffset,
                                std::optional<int64_t> paddingIdx) {
  const char* op = "aten::embedding_bag";
  WICK_CHECK(weight.dim() == 2, "{}: 'weight' must be 2-D, got {} dims", op, weight.dim());
  WICK_CHECK(mode >= 0 && mode <= 2, "{}: mode must be 0 (sum), 1 (mean) or 2 (max), got {}", op, mode);
  WICK_CHECK(indices.dtype() == DType::Int64 || indices.dtype() == DType::Int32,
             "{}: expected indices of dtype int64 or int32, got {}", op, dtypeName(indices.dtype()));
  WICK_CHECK(!perSampleWeights.defined() || mode == 0,
             "{}: per_sample_weights is only supported for mode='sum' (got mode {})", op, mode);
  const int64_t rows = weight.size(0), width = weight.size(1);
  Tensor idx = indices.to(DType::Int64).contiguous();
  Tensor offs;
  if (idx.dim() == 2) {  // fixed-size bags, one per row
    std::vector<int64_t> o;
    for (int64_t b = 0; b < idx.size(0); ++b) o.push_back(b * idx.size(1));
    offs = Tensor::fromVector(o, {static_cast<int64_t>(o.size())});
    idx = reshape(idx, {idx.numel()});
    includeLastOffset = false;
  } else {
    WICK_CHECK(idx.dim() == 1, "{}: input has to be a 1D or 2D tensor, got {} dims", op, idx.dim());
    WICK_CHECK(offsetsIn.defined() && offsetsIn.dim() == 1, "{}: offsets has to be a 1D tensor", op);
    offs = offsetsIn.to(DType::Int64).contiguous();
  }
  const int64_t n = idx.numel();
  const int64_t* ip = idx.data<int64_t>();
  const int64_t* op0 = offs.data<int64_t>();
  int64_t bags = offs.numel();
  if (includeLastOffset) {
    WICK_CHECK(bags >= 1, "{}: include_last_offset requires at least one offset", op);
    --bags;
  }
  if (offs.numel() > 0)
    WICK_CHECK(op0[0] == 0, "{}: offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from "
               "position 0. However, got {}", op, op0[0]);
  for (int64_t b = 0; b + 1 < offs.numel(); ++b)
    WICK_CHECK(op0[b] <= op0[b + 1] && op0[b + 1] <= n, "{}: offsets must be non-decreasing and at most {}, got {}",
               op, n, op0[b + 1]);
  if (perSampleWeights.defined())
    WICK_CHECK(perSampleWeights.numel() == n, "{}: expected per_sample_weights to have {} elements, got {}", op, n,
               perSampleWeights.numel());
  int64_t pad = -1;
  if (paddingIdx && *paddingIdx >= -rows && *paddingIdx < rows) pad = *paddingIdx < 0 ? *paddingIdx + rows : *paddingIdx;
  for (int64_t k = 0; k < n; ++k)
    WICK_CHECK(ip[k] >= 0 && ip[k] < rows, "{}: index {} is out of bounds for dimension 0 with size {}", op, ip[k],
               rows);
  EmbeddingBagResult r;
  r.output = Tensor::zeros({bags, width}, weight.dtype());
  r.offset2bag = Tensor::zeros({n}, DType::Int64);
  r.bagSize = Tensor::zeros({bags}, DType::Int64);
  r.maxIndices = mode == 2 ? Tensor::full({bags, width}, Scalar(int64_t(-1)), DType::Int64)
                           : Tensor::zeros({bags}, DType::Int64);
  Tensor psw = perSampleWeights.defined() ? perSampleWeights.to(DType::Float64).contiguous() : Tensor();
  WICK_DISPATCH_FLOATING(weight.dtype(), op, {
    const scalar_t* wp = static_cast<const scalar_t*>(weight.rawData());
    const int64_t ws0 = weight.stride(0), ws1 = weight.stride(1);
    scalar_t* out = r.output.data<scalar_t>();
    int64_t* o2b = r.offset2bag.data<int64_t>();
    int64_t* bs = r.bagSize.data<int64_t>();
    int64_t* mi = r.maxIndices.data<int64_t>();
    std::vector<double> acc(static_cast<size_t>(width));
    for (int64_t b = 0; b < bags; ++b) {
      const int64_t begin = op0[b], end = b + 1 < offs.numel() ? op0[b + 1] : n;
      const double init = mode == 2 ? -std::numeric_limits<double>::infinity() : 0.0;
      std::fill(acc.begin(), acc.end(), init);
      int64_t count = 0;
      for (int64_t k = begin; k < end; ++k) {
        o2b[k] = b;
        if (ip[k] == pad) continue;
        ++count;
        const scalar_t* row = wp + ip[k] * ws0;
        const double scale = psw.defined() ? psw.data<double>()[k] : 1.0;
        for (int64_t j = 0; j < width; ++j) {
          const double x = static_cast<double>(row[j * ws1]);
          if (mode != 2) {
            acc[j] += x * scale;
          } else if (x > acc[j] || std::isnan(x)) {
            acc[j] = x;
            mi[b * width + j] = ip[k];
          }
        }
      }
      bs[b] = count;
      if (mode != 2) mi[b] = count;
      for (int64_t j = 0; j < width; ++j) {
        double v = acc[j];
        if (mode == 1) v = count > 0 ? v / static_cast<double>(count) : 0.0;
        if (mode == 2 && count == 0) v = 0.0;
        out[b * width + j] = static_cast<scalar_t>(v);
      }
    }
  });
  return r;
}

Tensor oneHot(const Tensor& self, int64_t numClasses) {
  const char* op = "aten::one_hot";
  WICK_CHECK(self.dtype() == DType::Int64, "{}: one_hot is only applicable to index tensor, got {}", op,
             dtypeName(self.dtype()));
  Tensor c = self.contiguous();
  const int64_t* p = c.data<int64_t>();
  const int64_t n = c.numel();
  if (numClasses == -1) {
    WICK_CHECK(n > 0, "{}: can not infer total number of classes from empty tensor", op);
    numClasses = *std::max_element(p, p + n) + 1;
  }
  WICK_CHECK(numClasses >= 0, "{}: num_classes should be -1 or non-negative, got {}", op, numClasses);
  for (int64_t k = 0; k < n; ++k) {
    WICK_CHECK(p[k] >= 0, "{}: class values must be non-negative, got {}", op, p[k]);
    WICK_CHECK(p[k] < numClasses, "{}: class values must be smaller than num_classes; index {} is out of bounds for "
               "{} classes", op, p[k], numClasses);
  }
  DimVector shape(self.sizes());
  shape.push_back(numClasses);
  Tensor out = Tensor::zeros(shape, DType::Int64);
  int64_t* o = out.data<int64_t>();
  for (int64_t k = 0; k < n; ++k) o[k * numClasses + p[k]] = 1;
  return out;
}

}  // namespace wick::kernels

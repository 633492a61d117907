// View ops (new sizes and strides over the same storage) and the copying
// joins cat and stack.
#include "kernels/cpu/shape.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/check.h"

namespace wick::kernels {
namespace {

Tensor makeView(const Tensor& self, IntArrayRef sizes, IntArrayRef strides, int64_t offset) {
  return self.asStrided(sizes, strides, offset);
}

std::string shapeStr(IntArrayRef s) { return fmt::format("[{}]", fmt::join(s, ", ")); }

}  // namespace

DimVector inferSize(const char* op, IntArrayRef sizes, int64_t numel) {
  DimVector out(sizes);
  int64_t known = 1;
  int64_t infer = -1;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == -1) {
      WICK_CHECK(infer < 0, "{}: only one dimension can be inferred", op);
      infer = static_cast<int64_t>(i);
    } else {
      WICK_CHECK(sizes[i] >= 0, "{}: invalid shape dimension {}", op, sizes[i]);
      known *= sizes[i];
    }
  }
  if (infer >= 0) {
    WICK_CHECK(known != 0 && numel % known == 0, "{}: shape '{}' is invalid for input of size {}", op,
               shapeStr(sizes), numel);
    out[infer] = numel / known;
  } else {
    WICK_CHECK(known == numel, "{}: shape '{}' is invalid for input of size {}", op, shapeStr(sizes),
               numel);
  }
  return out;
}

std::optional<DimVector> computeViewStrides(IntArrayRef oldSizes, IntArrayRef oldStrides,
                                            IntArrayRef sizes) {
  const int64_t nd = static_cast<int64_t>(sizes.size());
  if (oldSizes.empty()) return DimVector(sizes.size(), 1);
  int64_t numel = computeNumel(oldSizes);
  DimVector st;
  st.resize(sizes.size());
  if (numel == 0) {
    if (oldSizes == sizes) return DimVector(oldStrides);
    for (int64_t d = nd - 1; d >= 0; --d)
      st[d] = d == nd - 1 ? 1 : std::max<int64_t>(sizes[d + 1], 1) * st[d + 1];
    return st;
  }
  int64_t viewD = nd - 1;
  int64_t chunkBase = oldStrides.back();
  int64_t tensorNumel = 1, viewNumel = 1;
  for (int64_t td = static_cast<int64_t>(oldSizes.size()) - 1; td >= 0; --td) {
    tensorNumel *= oldSizes[td];
    if (td == 0 || (oldSizes[td - 1] != 1 && oldStrides[td - 1] != tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || sizes[viewD] == 1)) {
        st[viewD] = viewNumel * chunkBase;
        viewNumel *= sizes[viewD];
        --viewD;
      }
      if (viewNumel != tensorNumel) return std::nullopt;
      if (td > 0) {
        chunkBase = oldStrides[td - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD != -1) return std::nullopt;
  return st;
}

Tensor view(const Tensor& self, IntArrayRef sizes) {
  DimVector shape = inferSize("aten::view", sizes, self.numel());
  auto st = computeViewStrides(self.sizes(), self.strides(), shape);
  WICK_CHECK(st.has_value(),
             "aten::view: view size is not compatible with input tensor's size and stride (at least "
             "one dimension spans across two contiguous subspaces). Use .reshape(...) instead. "
             "(view {} of a tensor of size {} and stride {})",
             shapeStr(shape), shapeStr(self.sizes()), shapeStr(self.strides()));
  return makeView(self, shape, *st, self.storageOffset());
}

Tensor reshape(const Tensor& self, IntArrayRef sizes) {
  DimVector shape = inferSize("aten::reshape", sizes, self.numel());
  if (auto st = computeViewStrides(self.sizes(), self.strides(), shape))
    return makeView(self, shape, *st, self.storageOffset());
  Tensor c = self.clone();
  return makeView(c, shape, contiguousStrides(shape), 0);
}

Tensor flatten(const Tensor& self, int64_t startDim, int64_t endDim) {
  const int64_t rank = self.dim();
  int64_t s = wrapDim(startDim, rank, "aten::flatten: start_dim");
  int64_t e = wrapDim(endDim, rank, "aten::flatten: end_dim");
  WICK_CHECK(s <= e, "aten::flatten: start_dim ({}) cannot come after end_dim ({})", s, e);
  if (rank == 0) return reshape(self, {1});
  if (s == e) return self;
  DimVector shape;
  for (int64_t d = 0; d < s; ++d) shape.push_back(self.sizes()[d]);
  int64_t m = 1;
  for (int64_t d = s; d <= e; ++d) m *= self.sizes()[d];
  shape.push_back(m);
  for (int64_t d = e + 1; d < rank; ++d) shape.push_back(self.sizes()[d]);
  return reshape(self, shape);
}

Tensor permute(const Tensor& self, IntArrayRef dims) {
  const int64_t rank = self.dim();
  WICK_CHECK(static_cast<int64_t>(dims.size()) == rank,
             "aten::permute: number of dims don't match in permute: got {} dims for a tensor of "
             "shape {}",
             dims.size(), shapeStr(self.sizes()));
  DimVector sizes, strides;
  SmallVector<bool, 8> seen(static_cast<size_t>(rank), false);
  for (int64_t d : dims) {
    int64_t w = wrapDim(d, rank, "aten::permute: dim");
    WICK_CHECK(!seen[w], "aten::permute: repeated dim {} in permute", w);
    seen[w] = true;
    sizes.push_back(self.sizes()[w]);
    strides.push_back(self.strides()[w]);
  }
  return makeView(self, sizes, strides, self.storageOffset());
}

Tensor transpose(const Tensor& self, int64_t dim0, int64_t dim1) {
  const int64_t rank = self.dim();
  int64_t a = wrapDim(dim0, rank, "aten::transpose: dim0");
  int64_t b = wrapDim(dim1, rank, "aten::transpose: dim1");
  if (rank == 0) return makeView(self, {}, {}, self.storageOffset());
  DimVector sizes(self.sizes()), strides(self.strides());
  std::swap(sizes[a], sizes[b]);
  std::swap(strides[a], strides[b]);
  return makeView(self, sizes, strides, self.storageOffset());
}

Tensor t(const Tensor& self) {
  WICK_CHECK(self.dim() <= 2, "aten::t: expects a tensor with <= 2 dimensions, but self is {}D",
             self.dim());
  return self.dim() < 2 ? transpose(self, 0, 0) : transpose(self, 0, 1);
}

Tensor unsqueeze(const Tensor& self, int64_t dim) {
  int64_t d = wrapDim(dim, self.dim() + 1, "aten::unsqueeze: dim");
  DimVector sizes(self.sizes()), strides(self.strides());
  int64_t st = d < self.dim() ? self.sizes()[d] * self.strides()[d] : 1;
  sizes.resize(sizes.size() + 1);
  strides.resize(strides.size() + 1);
  for (int64_t i = self.dim(); i > d; --i) {
    sizes[i] = sizes[i - 1];
    strides[i] = strides[i - 1];
  }
  sizes[d] = 1;
  strides[d] = st;
  return makeView(self, sizes, strides, self.storageOffset());
}

Tensor squeeze(const Tensor& self) {
  DimVector sizes, strides;
  for (int64_t d = 0; d < self.dim(); ++d) {
    if (self.sizes()[d] == 1) continue;
    sizes.push_back(self.sizes()[d]);
    strides.push_back(self.strides()[d]);
  }
  return makeView(self, sizes, strides, self.storageOffset());
}

Tensor squeeze(const Tensor& self, int64_t dim) {
  int64_t d = wrapDim(dim, self.dim(), "aten::squeeze: dim");
  if (self.dim() == 0 || self.sizes()[d] != 1)
    return makeView(self, self.sizes(), self.strides(), self.storageOffset());
  DimVector sizes, strides;
  for (int64_t i = 0; i < self.dim(); ++i) {
    if (i == d) continue;
    sizes.push_back(self.sizes()[i]);
    strides.push_back(self.strides()[i]);
  }
  return makeView(self, sizes, strides, self.storageOffset());
}

Tensor expand(const Tensor& self, IntArrayRef sizes) {
  const int64_t nd = static_cast<int64_t>(sizes.size());
  WICK_CHECK(nd >= self.dim(),
             "aten::expand: the number of sizes provided ({}) must be greater or equal to the "
             "number of dimensions in the tensor ({})",
             nd, self.dim());
  DimVector outSizes, outStrides;
  outSizes.resize(static_cast<size_t>(nd));
  outStrides.resize(static_cast<size_t>(nd));
  for (int64_t i = nd - 1; i >= 0; --i) {
    int64_t off = nd - 1 - i;
    int64_t sd = self.dim() - 1 - off;
    int64_t size = sd >= 0 ? self.sizes()[sd] : 1;
    int64_t stride = sd >= 0 ? self.strides()[sd] : (i + 1 < nd ? outSizes[i + 1] * outStrides[i + 1] : 1);
    int64_t target = sizes[i];
    if (target == -1) {
      WICK_CHECK(sd >= 0, "aten::expand: -1 is not allowed in a leading, non-existing dimension {}", i);
      target = size;
    }
    WICK_CHECK(target >= 0, "aten::expand: invalid size {} at dimension {}", target, i);
    if (size != target) {
      WICK_CHECK(size == 1,
                 "aten::expand: the expanded size of the tensor ({}) must match the existing size "
                 "({}) at non-singleton dimension {}.  Target sizes: {}.  Tensor sizes: {}",
                 target, size, i, shapeStr(sizes), shapeStr(self.sizes()));
      stride = 0;
    }
    outSizes[i] = target;
    outStrides[i] = stride;
  }
  return makeView(self, outSizes, outStrides, self.storageOffset());
}

Tensor slice(const Tensor& self, int64_t dim, std::optional<int64_t> start,
             std::optional<int64_t> end, int64_t step) {
  WICK_CHECK(self.dim() > 0, "aten::slice: cannot be applied to a 0-dim tensor");
  int64_t d = wrapDim(dim, self.dim(), "aten::slice: dim");
  WICK_CHECK(step > 0, "aten::slice: slice step must be positive, got {}", step);
  const int64_t n = self.sizes()[d];
  int64_t s = start.value_or(0), e = end.value_or(INT64_MAX);
  if (s < 0) s += n;
  if (e < 0) e += n;
  s = std::clamp<int64_t>(s, 0, n);
  e = std::clamp<int64_t>(e, s, n);
  DimVector sizes(self.sizes()), strides(self.strides());
  sizes[d] = (e - s + step - 1) / step;
  strides[d] = self.strides()[d] * step;
  return makeView(self, sizes, strides, self.storageOffset() + s * self.strides()[d]);
}

Tensor select(const Tensor& self, int64_t dim, int64_t index) {
  WICK_CHECK(self.dim() > 0, "aten::select: cannot be applied to a 0-dim tensor");
  int64_t d = wrapDim(dim, self.dim(), "aten::select: dim");
  const int64_t n = self.sizes()[d];
  WICK_CHECK(index >= -n && index < n,
             "aten::select: index {} out of range for tensor of size {} at dimension {}", index,
             shapeStr(self.sizes()), d);
  if (index < 0) index += n;
  DimVector sizes, strides;
  for (int64_t i = 0; i < self.dim(); ++i) {
    if (i == d) continue;
    sizes.push_back(self.sizes()[i]);
    strides.push_back(self.strides()[i]);
  }
  return makeView(self, sizes, strides, self.storageOffset() + index * self.strides()[d]);
}

}  // namespace wick::kernels

// The copying joins (cat, stack) and the splits (split, split_with_sizes,
// chunk), whose pieces are views of self.
#include <fmt/format.h>

#include "core/check.h"
#include "kernels/cpu/shape.h"
#include "kernels/cpu/tensor_iterator.h"
#include "kernels/cpu/type_promotion.h"

namespace wick::kernels {
namespace {

std::string shapeStr(IntArrayRef s) { return fmt::format("[{}]", fmt::join(s, ", ")); }

}  // namespace

Tensor cat(const std::vector<Tensor>& tensors, int64_t dim, const Tensor& out) {
  WICK_CHECK(!tensors.empty(), "aten::cat: expected a non-empty list of Tensors");
  ResultTypeState st;
  const Tensor* ref = nullptr;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& x = tensors[i];
    WICK_CHECK(x.dim() > 0, "aten::cat: zero-dimensional tensor (at position {}) cannot be concatenated", i);
    st.update(x);
    // Legacy rule: 1-D empty tensors are skipped whatever the other shapes.
    if (!ref && !(x.dim() == 1 && x.numel() == 0)) ref = &x;
  }
  DType dtype = st.result();
  if (!ref) {
    Tensor r = Tensor::empty({0}, dtype);
    if (out.defined()) {
      resizeOutput(out, r.sizes());
      return out;
    }
    return r;
  }
  const int64_t rank = ref->dim();
  const int64_t d = wrapDim(dim, rank, "aten::cat: dim");
  DimVector shape(ref->sizes());
  int64_t total = 0;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const Tensor& x = tensors[i];
    if (x.dim() == 1 && x.numel() == 0) continue;
    WICK_CHECK(x.dim() == rank, "aten::cat: tensors must have same number of dimensions: got {} and {}",
               rank, x.dim());
    for (int64_t k = 0; k < rank; ++k) {
      if (k == d) continue;
      WICK_CHECK(x.sizes()[k] == shape[k],
                 "aten::cat: sizes of tensors must match except in dimension {}. Expected size {} but "
                 "got size {} for tensor number {} in the list",
                 d, shape[k], x.sizes()[k], i);
    }
    total += x.sizes()[d];
  }
  shape[d] = total;
  Tensor result = Tensor::empty(shape, dtype);
  int64_t offset = 0;
  for (const Tensor& x : tensors) {
    if (x.dim() == 1 && x.numel() == 0) continue;
    int64_t len = x.sizes()[d];
    slice(result, d, offset, offset + len).copyFrom(x);
    offset += len;
  }
  if (!out.defined()) return result;
  resizeOutput(out, result.sizes());
  out.copyFrom(result);
  return out;
}

Tensor stack(const std::vector<Tensor>& tensors, int64_t dim, const Tensor& out) {
  WICK_CHECK(!tensors.empty(), "aten::stack: expects a non-empty TensorList");
  const int64_t d = wrapDim(dim, tensors[0].dim() + 1, "aten::stack: dim");
  std::vector<Tensor> parts;
  parts.reserve(tensors.size());
  for (size_t i = 0; i < tensors.size(); ++i) {
    WICK_CHECK(tensors[i].sizes() == tensors[0].sizes(),
               "aten::stack: stack expects each tensor to be equal size, but got {} at entry 0 and {} "
               "at entry {}",
               shapeStr(tensors[0].sizes()), shapeStr(tensors[i].sizes()), i);
    parts.push_back(unsqueeze(tensors[i], d));
  }
  return cat(parts, d, out);
}

std::vector<Tensor> split(const Tensor& self, int64_t splitSize, int64_t dim) {
  WICK_CHECK(self.dim() > 0, "aten::split: expects at least a 1-dimensional tensor");
  WICK_CHECK(splitSize >= 0, "aten::split: split expects split_size be non-negative, but got split_size={}",
             splitSize);
  const int64_t d = wrapDim(dim, self.dim(), "aten::split: dim");
  const int64_t n = self.sizes()[d];
  WICK_CHECK(splitSize > 0 || n == 0,
             "aten::split: split_size can only be 0 if dimension size is 0, but got dimension size of {}", n);
  std::vector<Tensor> parts;
  if (splitSize == 0) {
    parts.push_back(slice(self, d, 0, 0, 1));
    return parts;
  }
  const int64_t count = std::max<int64_t>((n + splitSize - 1) / splitSize, 1);
  for (int64_t i = 0; i < count; ++i)
    parts.push_back(slice(self, d, i * splitSize, std::min(n, (i + 1) * splitSize), 1));
  return parts;
}

std::vector<Tensor> splitWithSizes(const Tensor& self, IntArrayRef sizes, int64_t dim) {
  WICK_CHECK(self.dim() > 0, "aten::split_with_sizes: expects at least a 1-dimensional tensor");
  const int64_t d = wrapDim(dim, self.dim(), "aten::split_with_sizes: dim");
  const int64_t n = self.sizes()[d];
  int64_t total = 0;
  for (int64_t s : sizes) {
    WICK_CHECK(s >= 0, "aten::split_with_sizes: split_sizes must be non-negative, got {}", shapeStr(sizes));
    total += s;
  }
  WICK_CHECK(total == n,
             "aten::split_with_sizes: split_sizes {} must sum exactly to {} (the input's size at dimension {})",
             shapeStr(sizes), n, d);
  std::vector<Tensor> parts;
  int64_t start = 0;
  for (int64_t s : sizes) {
    parts.push_back(slice(self, d, start, start + s, 1));
    start += s;
  }
  return parts;
}

std::vector<Tensor> chunk(const Tensor& self, int64_t chunks, int64_t dim) {
  WICK_CHECK(self.dim() > 0, "aten::chunk: expects at least a 1-dimensional tensor");
  WICK_CHECK(chunks > 0, "aten::chunk: chunk expects `chunks` to be greater than 0, got: {}", chunks);
  const int64_t d = wrapDim(dim, self.dim(), "aten::chunk: dim");
  const int64_t n = self.sizes()[d];
  const int64_t size = (n + chunks - 1) / chunks;
  // A zero-length dim still yields `chunks` empty pieces, like PyTorch.
  if (size == 0) {
    std::vector<Tensor> parts;
    for (int64_t i = 0; i < chunks; ++i) parts.push_back(slice(self, d, 0, 0, 1));
    return parts;
  }
  return split(self, size, d);
}

}  // namespace wick::kernels

// Data-movement ops: repeat/tile and repeat_interleave (by expand + copy
// and index_select), flip (a strided gather with negated strides), roll
// (cat of two slices per dim), triu/tril, memory formats, bernoulli_, and
// the views movedim, unflatten and diagonal.
#include "kernels/cpu/shape_extra.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "core/check.h"
#include "kernels/cpu/creation.h"
#include "kernels/cpu/indexing.h"
#include "kernels/cpu/shape.h"

namespace wick::kernels {
namespace {

std::string shapeStr(IntArrayRef s) { return fmt::format("[{}]", fmt::join(s, ", ")); }

// Copies the elements of a strided source (strides in elements, possibly
// negative) into contiguous `out`, row-major.
template <typename E>
void gatherLoop(E* out, const E* src, IntArrayRef sizes, IntArrayRef strides) {
  const int64_t nd = static_cast<int64_t>(sizes.size());
  if (nd == 0) {
    *out = *src;
    return;
  }
  const int64_t inner = sizes[nd - 1], innerStride = strides[nd - 1];
  int64_t outer = 1;
  for (int64_t d = 0; d + 1 < nd; ++d) outer *= sizes[d];
  DimVector idx(static_cast<size_t>(nd), 0);
  for (int64_t o = 0; o < outer; ++o) {
    int64_t off = 0;
    for (int64_t d = 0; d + 1 < nd; ++d) off += idx[d] * strides[d];
    const E* p = src + off;
    for (int64_t i = 0; i < inner; ++i) out[i] = p[i * innerStride];
    out += inner;
    for (int64_t d = nd - 2; d >= 0; --d) {
      if (++idx[d] < sizes[d]) break;
      idx[d] = 0;
    }
  }
}

// out (contiguous, same sizes) = the view of self's storage at `offset`
// with `strides`.
void gatherStrided(const Tensor& out, const Tensor& self, IntArrayRef strides, int64_t offset) {
  if (out.numel() == 0) return;
  const char* base = static_cast<const char*>(self.storage()->data()) + offset * self.elementSize();
  switch (self.elementSize()) {
    case 1: gatherLoop(static_cast<uint8_t*>(out.rawData()), reinterpret_cast<const uint8_t*>(base), out.sizes(), strides); break;
    case 2: gatherLoop(static_cast<uint16_t*>(out.rawData()), reinterpret_cast<const uint16_t*>(base), out.sizes(), strides); break;
    case 4: gatherLoop(static_cast<uint32_t*>(out.rawData()), reinterpret_cast<const uint32_t*>(base), out.sizes(), strides); break;
    case 8: gatherLoop(static_cast<uint64_t*>(out.rawData()), reinterpret_cast<const uint64_t*>(base), out.sizes(), strides); break;
    default: WICK_FAIL("flip: unsupported element size {}", self.elementSize());
  }
}

void checkIndexDType(const char* op, const Tensor& t) {
  WICK_CHECK(t.dtype() == DType::Int64 || t.dtype() == DType::Int32,
             "{}: repeats has to be Long or Int tensor, got {}", op, dtypeName(t.dtype()));
}

Tensor zeroTriangle(const Tensor& self, int64_t diagonal, bool upper) {
  const char* op = upper ? "aten::triu" : "aten::tril";
  WICK_CHECK(self.dim() >= 2, "{}: input tensor must have at least 2 dimensions, got {}", op, self.dim());
  Tensor out = self.clone();
  const int64_t rows = out.size(-2), cols = out.size(-1);
  const int64_t mats = rows * cols == 0 ? 0 : out.numel() / (rows * cols);
  const int64_t es = out.elementSize();
  char* p = static_cast<char*>(out.rawData());
  for (int64_t m = 0; m < mats; ++m) {
    for (int64_t i = 0; i < rows; ++i) {
      char* row = p + ((m * rows + i) * cols) * es;
      // triu keeps j - i >= diagonal; tril keeps j - i <= diagonal.
      int64_t lo, hi;  // the zeroed columns [lo, hi)
      if (upper) {
        lo = 0;
        hi = std::clamp<int64_t>(i + diagonal, 0, cols);
      } else {
        lo = std::clamp<int64_t>(i + diagonal + 1, 0, cols);
        hi = cols;
      }
      if (hi > lo) std::memset(row + lo * es, 0, static_cast<size_t>((hi - lo) * es));
    }
  }
  return out;
}

bool isNonOverlappingAndDense(const Tensor& t) {
  if (t.isContiguous()) return true;
  const int64_t nd = t.dim();
  std::vector<int64_t> perm(static_cast<size_t>(nd));
  for (int64_t i = 0; i < nd; ++i) perm[i] = i;
  std::sort(perm.begin(), perm.end(), [&](int64_t a, int64_t b) {
    if (t.sizes()[a] < 2) return false;
    if (t.sizes()[b] < 2) return true;
    return t.strides()[a] < t.strides()[b];
  });
  int64_t expected = 1;
  for (int64_t d : perm) {
    if (t.sizes()[d] == 1) continue;
    if (t.strides()[d] != expected) return false;
    expected *= t.sizes()[d];
  }
  return true;
}

}  // namespace

Tensor repeat(const Tensor& self, IntArrayRef repeats) {
  const int64_t nr = static_cast<int64_t>(repeats.size());
  WICK_CHECK(nr >= self.dim(),
             "aten::repeat: Number of dimensions of repeat dims ({}) can not be smaller than number of "
             "dimensions of tensor ({})",
             nr, self.dim());
  for (int64_t r : repeats)
    WICK_CHECK(r >= 0, "aten::repeat: Trying to create tensor with negative dimension {}: {}", r, shapeStr(repeats));
  // self padded with leading 1s and broadcast, by stride 0, to
  // [r0, s0, r1, s1, ...]: the output's shape split per dim.
  const int64_t lead = nr - self.dim();
  DimVector outSizes, srcStrides, bigSizes;
  for (int64_t d = 0; d < nr; ++d) {
    int64_t s = d < lead ? 1 : self.sizes()[d - lead];
    outSizes.push_back(s * repeats[d]);
    srcStrides.push_back(0);
    srcStrides.push_back(d < lead ? 0 : self.strides()[d - lead]);
    bigSizes.push_back(repeats[d]);
    bigSizes.push_back(s);
  }
  Tensor out = Tensor::empty(outSizes, self.dtype());
  if (out.numel() == 0) return out;
  Tensor padded = self.asStrided(bigSizes, srcStrides, self.storageOffset());
  Tensor outView = out.asStrided(bigSizes, contiguousStrides(bigSizes), 0);
  outView.copyFrom(padded);
  return out;
}

Tensor tile(const Tensor& self, IntArrayRef dims) {
  DimVector reps;
  for (int64_t d = static_cast<int64_t>(dims.size()); d < self.dim(); ++d) reps.push_back(1);
  for (int64_t r : dims) reps.push_back(r);
  return repeat(self, reps);
}

Tensor repeatInterleaveIndices(const Tensor& repeats, std::optional<int64_t> outputSize) {
  const char* op = "aten::repeat_interleave";
  checkIndexDType(op, repeats);
  WICK_CHECK(repeats.dim() == 1, "{}: repeats must be 0-dim or 1-dim tensor, got {} dims", op, repeats.dim());
  Tensor r = repeats.to(DType::Int64).contiguous();
  const int64_t* rp = r.data<int64_t>();
  int64_t total = 0;
  for (int64_t i = 0; i < r.numel(); ++i) {
    WICK_CHECK(rp[i] >= 0, "{}: repeats can not be negative (got {} at index {})", op, rp[i], i);
    total += rp[i];
  }
  if (outputSize)
    WICK_CHECK(*outputSize == total, "{}: output_size ({}) does not match the sum of repeats ({})", op,
               *outputSize, total);
  Tensor out = Tensor::empty({total}, repeats.dtype());
  int64_t k = 0;
  for (int64_t i = 0; i < r.numel(); ++i)
    for (int64_t j = 0; j < rp[i]; ++j, ++k) {
      if (out.dtype() == DType::Int64) out.data<int64_t>()[k] = i;
      else out.data<int32_t>()[k] = static_cast<int32_t>(i);
    }
  return out;
}

Tensor repeatInterleave(const Tensor& self, const Tensor& repeats, std::optional<int64_t> dim,
                        std::optional<int64_t> outputSize) {
  const char* op = "aten::repeat_interleave";
  checkIndexDType(op, repeats);
  Tensor input = dim ? self : reshape(self, {-1});
  int64_t d = dim ? wrapDim(*dim, input.dim(), "aten::repeat_interleave: dim") : 0;
  Tensor reps = repeats;
  const int64_t n = input.dim() == 0 ? 1 : input.size(d);
  if (reps.dim() == 0 || (reps.dim() == 1 && reps.numel() == 1)) {
    reps = expand(reshape(reps, {1}), {n});
  }
  WICK_CHECK(reps.dim() == 1, "{}: repeats must be 0-dim or 1-dim tensor, got {} dims", op, reps.dim());
  WICK_CHECK(reps.numel() == n, "{}: repeats must have the same size as input along dim (repeats: {}, input: {})",
             op, reps.numel(), n);
  Tensor idx = repeatInterleaveIndices(reps.contiguous(), outputSize).to(DType::Int64);
  if (input.dim() == 0) input = reshape(input, {1});
  return indexSelect(input, d, idx);
}

Tensor repeatInterleave(const Tensor& self, int64_t repeats, std::optional<int64_t> dim,
                        std::optional<int64_t> outputSize) {
  WICK_CHECK(repeats >= 0, "aten::repeat_interleave: repeats can not be negative (got {})", repeats);
  return repeatInterleave(self, Tensor::scalar(repeats, DType::Int64), dim, outputSize);
}

Tensor flip(const Tensor& self, IntArrayRef dims) {
  const int64_t nd = self.dim();
  SmallVector<bool, 8> flipped(static_cast<size_t>(std::max<int64_t>(nd, 1)), false);
  for (int64_t d : dims) {
    int64_t w = wrapDim(d, nd, "aten::flip: dim");
    WICK_CHECK(!flipped[w], "aten::flip: dim {} appears multiple times in the list of dims", w);
    flipped[w] = true;
  }
  Tensor out = Tensor::empty(self.sizes(), self.dtype());
  if (out.numel() == 0) return out;
  DimVector strides(self.strides());
  int64_t offset = self.storageOffset();
  for (int64_t d = 0; d < nd; ++d) {
    if (!flipped[d]) continue;
    offset += (self.sizes()[d] - 1) * strides[d];
    strides[d] = -strides[d];
  }
  gatherStrided(out, self, strides, offset);
  return out;
}

Tensor roll(const Tensor& self, IntArrayRef shifts, IntArrayRef dims) {
  WICK_CHECK(!shifts.empty(), "aten::roll: `shifts` required");
  if (dims.empty()) {
    WICK_CHECK(shifts.size() == 1, "aten::roll: shifts and dimensions must align. shifts: {}, dims: 0",
               shifts.size());
    Tensor flat = reshape(self, {-1});
    return reshape(roll(flat, shifts, {0}), self.sizes());
  }
  WICK_CHECK(shifts.size() == dims.size(), "aten::roll: shifts and dimensions must align. shifts: {}, dims: {}",
             shifts.size(), dims.size());
  Tensor cur = self;
  for (size_t i = 0; i < dims.size(); ++i) {
    int64_t d = wrapDim(dims[i], self.dim(), "aten::roll: dim");
    const int64_t n = cur.dim() == 0 ? 1 : cur.size(d);
    if (n == 0) continue;
    int64_t s = ((shifts[i] % n) + n) % n;
    if (s == 0) continue;
    cur = cat({slice(cur, d, n - s, n, 1), slice(cur, d, 0, n - s, 1)}, d);
  }
  return cur.isSameTensor(self) ? self.clone() : cur;
}

Tensor triu(const Tensor& self, int64_t diagonal) { return zeroTriangle(self, diagonal, true); }
Tensor tril(const Tensor& self, int64_t diagonal) { return zeroTriangle(self, diagonal, false); }

Tensor movedim(const Tensor& self, IntArrayRef source, IntArrayRef destination) {
  const int64_t nd = self.dim();
  WICK_CHECK(source.size() == destination.size(),
             "aten::movedim: Invalid source or destination dims: source ({} dims) should contain the same "
             "number of dims as destination ({} dims)",
             shapeStr(source), shapeStr(destination));
  const int64_t rank = std::max<int64_t>(nd, 1);
  std::vector<int64_t> order(static_cast<size_t>(rank), -1);
  std::vector<bool> srcUsed(static_cast<size_t>(rank), false);
  for (size_t i = 0; i < source.size(); ++i) {
    int64_t s = wrapDim(source[i], nd, "aten::movedim: source dim");
    int64_t t = wrapDim(destination[i], nd, "aten::movedim: destination dim");
    WICK_CHECK(!srcUsed[s], "aten::movedim: repeated dim in `source` ({})", shapeStr(source));
    WICK_CHECK(order[t] < 0, "aten::movedim: repeated dim in `destination` ({})", shapeStr(destination));
    srcUsed[s] = true;
    order[t] = s;
  }
  if (nd == 0) return self.asStrided(self.sizes(), self.strides(), self.storageOffset());
  int64_t next = 0;
  for (int64_t t = 0; t < nd; ++t) {
    if (order[t] >= 0) continue;
    while (srcUsed[next]) ++next;
    order[t] = next++;
  }
  return permute(self, order);
}

Tensor unflatten(const Tensor& self, int64_t dim, IntArrayRef sizes) {
  WICK_CHECK(self.dim() > 0, "aten::unflatten: cannot unflatten a 0-dim tensor");
  int64_t d = wrapDim(dim, self.dim(), "aten::unflatten: dim");
  WICK_CHECK(!sizes.empty(), "aten::unflatten: sizes must be non-empty");
  const int64_t n = self.sizes()[d];
  int64_t known = 1, infer = -1;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == -1) {
      WICK_CHECK(infer < 0, "aten::unflatten: only one dimension can be inferred");
      infer = static_cast<int64_t>(i);
    } else {
      known *= sizes[i];
    }
  }
  bool ok = infer >= 0 ? (known != 0 && n % known == 0) : known == n;
  WICK_CHECK(ok, "aten::unflatten: Provided sizes {} don't multiply up to the size of dim {} ({}) in the input tensor",
             shapeStr(sizes), dim, n);
  DimVector shape;
  for (int64_t i = 0; i < d; ++i) shape.push_back(self.sizes()[i]);
  for (size_t i = 0; i < sizes.size(); ++i)
    shape.push_back(static_cast<int64_t>(i) == infer ? n / known : sizes[i]);
  for (int64_t i = d + 1; i < self.dim(); ++i) shape.push_back(self.sizes()[i]);
  return view(self, shape);
}

Tensor diagonal(const Tensor& self, int64_t offset, int64_t dim1, int64_t dim2) {
  const int64_t nd = self.dim();
  WICK_CHECK(nd >= 2, "aten::diagonal: needs a tensor of at least 2 dimensions, got {}", nd);
  int64_t a = wrapDim(dim1, nd, "aten::diagonal: dim1");
  int64_t b = wrapDim(dim2, nd, "aten::diagonal: dim2");
  WICK_CHECK(a != b, "aten::diagonal: diagonal dimensions cannot be identical {}, {}", dim1, dim2);
  int64_t start = self.storageOffset();
  int64_t len;
  if (offset >= 0) {
    len = std::max<int64_t>(std::min(self.sizes()[a], self.sizes()[b] - offset), 0);
    if (len > 0) start += offset * self.strides()[b];
  } else {
    len = std::max<int64_t>(std::min(self.sizes()[a] + offset, self.sizes()[b]), 0);
    if (len > 0) start -= offset * self.strides()[a];
  }
  DimVector sizes, strides;
  for (int64_t i = 0; i < nd; ++i) {
    if (i == a || i == b) continue;
    sizes.push_back(self.sizes()[i]);
    strides.push_back(self.strides()[i]);
  }
  sizes.push_back(len);
  strides.push_back(self.strides()[a] + self.strides()[b]);
  return self.asStrided(sizes, strides, start);
}

MemoryFormat memoryFormatFromInt(int64_t code) {
  WICK_CHECK(code >= 0 && code <= 3, "unknown memory format code {}", code);
  return static_cast<MemoryFormat>(code);
}

DimVector memoryFormatStrides(IntArrayRef sizes, MemoryFormat format) {
  const int64_t nd = static_cast<int64_t>(sizes.size());
  if (format == MemoryFormat::Contiguous || format == MemoryFormat::Preserve) return contiguousStrides(sizes);
  const int64_t want = format == MemoryFormat::ChannelsLast ? 4 : 5;
  WICK_CHECK(nd == want, "required rank {} tensor to use {} format, got rank {}", want,
             want == 4 ? "channels_last" : "channels_last_3d", nd);
  // Channels innermost, then the spatial dims right to left, then batch.
  DimVector st(static_cast<size_t>(nd), 0);
  int64_t s = 1;
  st[1] = s;
  s *= std::max<int64_t>(sizes[1], 1);
  for (int64_t d = nd - 1; d >= 2; --d) {
    st[d] = s;
    s *= std::max<int64_t>(sizes[d], 1);
  }
  st[0] = s;
  return st;
}

Tensor contiguous(const Tensor& self, MemoryFormat format) {
  if (format == MemoryFormat::Contiguous || format == MemoryFormat::Preserve) return self.contiguous();
  DimVector st = memoryFormatStrides(self.sizes(), format);
  bool same = true;
  for (int64_t d = 0; d < self.dim(); ++d)
    if (self.sizes()[d] > 1 && self.strides()[d] != st[d]) same = false;
  if (same) return self;
  Tensor out = Tensor::emptyStrided(self.sizes(), st, self.dtype());
  out.copyFrom(self);
  return out;
}

Tensor clone(const Tensor& self, MemoryFormat format) {
  DimVector st;
  if (format == MemoryFormat::Preserve)
    st = isNonOverlappingAndDense(self) ? DimVector(self.strides()) : contiguousStrides(self.sizes());
  else
    st = memoryFormatStrides(self.sizes(), format);
  Tensor out = Tensor::emptyStrided(self.sizes(), st, self.dtype());
  out.copyFrom(self);
  return out;
}

Tensor bernoulli_(const Tensor& self, double p) {
  WICK_CHECK(p >= 0 && p <= 1, "aten::bernoulli_: expects p to be in [0, 1], but got p={}", p);
  Tensor u = Tensor::empty(self.sizes(), DType::Float64);
  defaultGenerator().fillUniform(u);
  const double* up = u.data<double>();
  Tensor draws = Tensor::empty(self.sizes(), DType::Bool);
  bool* dp = draws.data<bool>();
  for (int64_t i = 0; i < u.numel(); ++i) dp[i] = up[i] < p;
  self.copyFrom(draws);
  return self;
}

Tensor bernoulli_(const Tensor& self, const Tensor& p) {
  WICK_CHECK(isFloating(p.dtype()), "aten::bernoulli_: p must be a floating tensor, got {}", dtypeName(p.dtype()));
  Tensor probs = Tensor::empty(self.sizes(), DType::Float64);
  probs.copyFrom(p);
  Tensor u = Tensor::empty(self.sizes(), DType::Float64);
  defaultGenerator().fillUniform(u);
  const double* up = u.data<double>();
  const double* pp = probs.data<double>();
  Tensor draws = Tensor::empty(self.sizes(), DType::Bool);
  bool* dp = draws.data<bool>();
  for (int64_t i = 0; i < u.numel(); ++i) {
    WICK_CHECK(pp[i] >= 0 && pp[i] <= 1, "aten::bernoulli_: p must be in [0, 1], got {} at element {}", pp[i], i);
    dp[i] = up[i] < pp[i];
  }
  self.copyFrom(draws);
  return self;
}

}  // namespace wick::kernels

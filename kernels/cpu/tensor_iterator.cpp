// The elementwise engine's setup (broadcast, promotion, output, coalescing)
// and its parallel driver.
#include "kernels/cpu/tensor_iterator.h"

#include <fmt/format.h>

#include "core/check.h"

namespace wick::kernels {

DimVector broadcastShapes(const char* op, IntArrayRef a, IntArrayRef b) {
  size_t n = std::max(a.size(), b.size());
  DimVector out;
  out.resize(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    WICK_CHECK(da == db || da == 1 || db == 1, "{}: shapes [{}] and [{}] do not broadcast", op,
               fmt::join(a, ", "), fmt::join(b, ", "));
    out[i] = da == 1 ? db : da;
  }
  return out;
}

void resizeOutput(const Tensor& out, IntArrayRef shape) {
  if (std::equal(out.sizes().begin(), out.sizes().end(), shape.begin(), shape.end())) return;
  DimVector st = contiguousStrides(shape);
  int64_t need = computeNumel(shape) * out.elementSize();
  int64_t have = out.storage()->nbytes() - out.storageOffset() * out.elementSize();
  if (need > have) {
    out.impl()->setStorage(makeRef<StorageImpl>(need, out.device()));
    out.impl()->setSizesAndStrides(shape, st.span(), 0);
  } else {
    out.impl()->setSizesAndStrides(shape, st.span(), out.storageOffset());
  }
}

namespace {

// Strides (in elements) of `t` viewed at the broadcast `shape`.
DimVector broadcastStrides(const Tensor& t, IntArrayRef shape) {
  DimVector st;
  st.resize(shape.size());
  size_t lead = shape.size() - static_cast<size_t>(t.dim());
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i < lead) {
      st[i] = 0;
      continue;
    }
    st[i] = t.sizes()[i - lead] == 1 ? 0 : t.strides()[i - lead];
  }
  return st;
}

}  // namespace

IterConfig& IterConfig::addInput(const Input& in, std::optional<DType> fixed) {
  WICK_ASSERT(ninputs_ < kMaxInputs, "{}: too many elementwise inputs", op_);
  inputs_[static_cast<size_t>(ninputs_++)] = In{in, fixed};
  return *this;
}

TensorIterator IterConfig::build() {
  TensorIterator it;
  it.op_ = op_;
  WICK_ASSERT(ninputs_ > 0, "an elementwise op needs inputs");
  const std::span<const In> inputs(inputs_.data(), static_cast<size_t>(ninputs_));

  // Shape.
  DimVector shape(inputs[0].in.tensor.sizes());
  for (size_t i = 1; i < inputs.size(); ++i)
    shape = broadcastShapes(op_, shape.span(), inputs[i].in.tensor.sizes());
  it.shape_ = shape;
  it.numel_ = computeNumel(shape.span());

  // Dtypes.
  DType compute;
  if (compute_) {
    compute = *compute_;
  } else {
    ResultTypeState st;
    bool any = false;
    for (const In& in : inputs) {
      if (in.fixed) continue;
      st.update(in.in);
      any = true;
    }
    compute = any ? st.result() : inputs[0].in.tensor.dtype();
    if (intToFloat_ && !isFloating(compute)) compute = DType::Float32;
  }
  DType result = result_ ? *result_ : compute;
  it.compute_ = compute;
  it.result_ = result;

  // Output.
  Tensor kernelOut;
  if (out_.defined()) {
    WICK_CHECK(canCast(result, out_.dtype()),
               "{}: result type {} can't be cast to the desired output type {}", op_,
               dtypeName(result), dtypeName(out_.dtype()));
    if (inPlace_) {
      WICK_CHECK(std::equal(out_.sizes().begin(), out_.sizes().end(), shape.begin(), shape.end()),
                 "{}: output with shape [{}] doesn't match the broadcast shape [{}]", op_,
                 fmt::join(out_.sizes(), ", "), fmt::join(shape, ", "));
    } else {
      resizeOutput(out_, shape.span());
    }
    if (out_.dtype() == result) {
      kernelOut = out_;
    } else {
      kernelOut = Tensor::empty(shape.span(), result);
      it.userOut_ = out_;
      it.copyBack_ = true;
    }
  } else {
    kernelOut = Tensor::empty(shape.span(), result);
  }
  it.operands_[0] = kernelOut;
  it.ntensors_ = 1;
  for (const In& in : inputs) {
    DType want = in.fixed ? *in.fixed : compute;
    it.operands_[static_cast<size_t>(it.ntensors_++)] = in.in.tensor.to(want);
  }

  // Byte strides per operand at the broadcast shape, then coalesce.
  const size_t nt = static_cast<size_t>(it.ntensors_);
  const size_t nd = shape.size();
  std::array<DimVector, kMaxInputs + 1> st;
  for (size_t k = 0; k < nt; ++k) {
    st[k] = broadcastStrides(it.operands_[k], shape.span());
    for (size_t d = 0; d < nd; ++d) st[k][d] *= it.operands_[k].elementSize();
  }
  DimVector sizes;
  SmallVector<int64_t, 24> strides;  // per kept dim: nt strides
  for (size_t d = 0; d < nd; ++d) {
    if (shape[d] == 1) continue;
    if (!sizes.empty()) {
      size_t last = sizes.size() - 1;
      bool merge = true;
      for (size_t k = 0; k < nt; ++k)
        if (strides[last * nt + k] != st[k][d] * shape[d]) merge = false;
      if (merge) {
        sizes[last] *= shape[d];
        for (size_t k = 0; k < nt; ++k) strides[last * nt + k] = st[k][d];
        continue;
      }
    }
    sizes.push_back(shape[d]);
    for (size_t k = 0; k < nt; ++k) strides.push_back(st[k][d]);
  }
  if (sizes.empty()) {
    sizes.push_back(1);
    for (size_t k = 0; k < nt; ++k) strides.push_back(it.operands_[k].elementSize());
  }
  it.loopSizes_ = sizes;
  it.loopStrides_ = strides;
  return it;
}

bool TensorIterator::isContiguous() const {
  if (loopSizes_.size() != 1) return false;
  for (int k = 0; k < ntensors(); ++k)
    if (loopStrides_[static_cast<size_t>(k)] != operands_[static_cast<size_t>(k)].elementSize())
      return false;
  return true;
}

void TensorIterator::forEach(InnerLoop loop, int64_t grain) const {
  if (numel_ == 0) return;
  const int nt = ntensors();
  const int64_t nd = static_cast<int64_t>(loopSizes_.size());
  const int64_t inner = loopSizes_[static_cast<size_t>(nd - 1)];
  const int64_t* innerStrides = loopStrides_.data() + (nd - 1) * nt;
  std::array<char*, IterConfig::kMaxInputs + 1> base{};
  for (int k = 0; k < nt; ++k) base[static_cast<size_t>(k)] = static_cast<char*>(operands_[static_cast<size_t>(k)].rawData());

  auto chunk = [&](int64_t begin, int64_t end) {
    // Multi-index of `begin` over the outer dims.
    DimVector idx;
    idx.resize(static_cast<size_t>(nd));
    int64_t rest = begin / inner;
    int64_t col = begin % inner;
    for (int64_t d = nd - 2; d >= 0; --d) {
      idx[d] = rest % loopSizes_[d];
      rest /= loopSizes_[d];
    }
    SmallVector<char*, 6> ptr;
    ptr.resize(static_cast<size_t>(nt));
    int64_t pos = begin;
    while (pos < end) {
      for (int k = 0; k < nt; ++k) {
        int64_t off = col * innerStrides[k];
        for (int64_t d = 0; d < nd - 1; ++d) off += idx[d] * loopStrides_[static_cast<size_t>(d * nt + k)];
        ptr[k] = base[static_cast<size_t>(k)] + off;
      }
      int64_t n = std::min(inner - col, end - pos);
      loop(ptr.data(), innerStrides, n);
      pos += n;
      col = 0;
      for (int64_t d = nd - 2; d >= 0; --d) {
        if (++idx[d] < loopSizes_[d]) break;
        idx[d] = 0;
      }
    }
  };
  // Small ops skip the pool's bookkeeping entirely.
  if (numel_ < grain) chunk(0, numel_);
  else parallelFor(0, numel_, grain, chunk);
}

Tensor TensorIterator::finish() const {
  if (copyBack_) {
    userOut_.copyFrom(operands_[0]);
    return userOut_;
  }
  return operands_[0];
}

}  // namespace wick::kernels

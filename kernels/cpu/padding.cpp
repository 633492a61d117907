// Padding (constant, reflect, replicate, circular) for any dtype: constant
// padding copies the input into a filled output through strided views;
// the other modes gather rows and columns through precomputed index maps.
#include <cstring>
#include <vector>

#include "core/parallel.h"
#include "kernels/cpu/cnn_common.h"
#include "kernels/cpu/pooling.h"

namespace wick::kernels {
namespace {

Tensor constantPad(const char* op, const Tensor& input, IntArrayRef pad, Scalar value) {
  int64_t nd = input.dim(), np = static_cast<int64_t>(pad.size()) / 2;
  DimVector outShape(input.sizes());
  // The input region that survives cropping, and where it lands.
  DimVector srcStart(nd, 0), dstStart(nd, 0), len(input.sizes());
  for (int64_t i = 0; i < np; ++i) {
    int64_t d = nd - 1 - i, l = pad[2 * i], r = pad[2 * i + 1];
    outShape[d] = input.size(d) + l + r;
    WICK_CHECK(outShape[d] >= 0,
               "{}: the input size {} in dim {} plus padding {} and {} would be {}: it must be "
               "non-negative",
               op, input.size(d), d, l, r, outShape[d]);
    srcStart[d] = std::max<int64_t>(-l, 0);
    dstStart[d] = std::max<int64_t>(l, 0);
    len[d] = std::max<int64_t>(0, input.size(d) - srcStart[d] - std::max<int64_t>(-r, 0));
  }
  Tensor out = Tensor::full(outShape, value, input.dtype());
  if (computeNumel(len) == 0) return out;
  int64_t srcOff = input.storageOffset(), dstOff = 0;
  for (int64_t d = 0; d < nd; ++d) {
    srcOff += srcStart[d] * input.stride(d);
    dstOff += dstStart[d] * out.stride(d);
  }
  out.asStrided(len, out.strides(), dstOff).copyFrom(input.asStrided(len, input.strides(), srcOff));
  return out;
}

// Source index of output position o for a dim of size n padded by l.
int64_t sourceIndex(PadMode mode, int64_t o, int64_t n, int64_t l) {
  int64_t i = o - l;
  switch (mode) {
    case PadMode::Reflect:
      if (i < 0) i = -i;
      if (i >= n) i = 2 * (n - 1) - i;
      return i;
    case PadMode::Replicate: return std::min(std::max<int64_t>(i, 0), n - 1);
    case PadMode::Circular: return ((i % n) + n) % n;
    case PadMode::Constant: break;
  }
  return i;
}

const char* modeName(PadMode m) {
  switch (m) {
    case PadMode::Reflect: return "reflect";
    case PadMode::Replicate: return "replicate";
    case PadMode::Circular: return "circular";
    case PadMode::Constant: break;
  }
  return "constant";
}

template <typename E>
void gatherPlanes(const char* src, char* dst, int64_t planes, int64_t h, int64_t w,
                  const std::vector<int64_t>& rows, const std::vector<int64_t>& cols) {
  int64_t oh = static_cast<int64_t>(rows.size()), ow = static_cast<int64_t>(cols.size());
  const E* s = reinterpret_cast<const E*>(src);
  E* d = reinterpret_cast<E*>(dst);
  parallelFor(0, planes, std::max<int64_t>(1, 16384 / std::max<int64_t>(oh * ow, 1)), [&](int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; ++p)
      for (int64_t y = 0; y < oh; ++y) {
        const E* row = s + (p * h + rows[y]) * w;
        E* out = d + (p * oh + y) * ow;
        for (int64_t x = 0; x < ow; ++x) out[x] = row[cols[x]];
      }
  });
}

Tensor indexPad(const char* op, const Tensor& input, IntArrayRef pad, PadMode mode) {
  int64_t sd = static_cast<int64_t>(pad.size()) / 2;
  WICK_CHECK(sd == 1 || sd == 2, "{}: {} padding supports the last 1 or 2 dims, got padding {}",
             op, modeName(mode), shapeStr(pad));
  WICK_CHECK(input.dim() == sd + 1 || input.dim() == sd + 2,
             "{}: {} padding of {} dims expects a {}-D or {}-D input, got {}", op, modeName(mode),
             sd, sd + 1, sd + 2, shapeStr(input.sizes()));
  for (int64_t d = input.dim() == sd + 2 ? 1 : 0; d < input.dim(); ++d)
    WICK_CHECK(input.size(d) > 0,
               "{}: expected input with non-zero sizes except an optional 0 batch dim, got {}", op,
               shapeStr(input.sizes()));
  int64_t w = input.size(-1), h = sd == 2 ? input.size(-2) : 1;
  int64_t pl = pad[0], pr = pad[1], pt = sd == 2 ? pad[2] : 0, pb = sd == 2 ? pad[3] : 0;
  for (auto [p, n, what] : {std::tuple{pl, w, "left"}, std::tuple{pr, w, "right"},
                            std::tuple{pt, h, "top"}, std::tuple{pb, h, "bottom"}}) {
    if (mode == PadMode::Reflect)
      WICK_CHECK(p < n,
                 "{}: padding size should be less than the corresponding input dimension, but got "
                 "{} padding {} for input {}",
                 op, what, p, shapeStr(input.sizes()));
    if (mode == PadMode::Circular)
      WICK_CHECK(p <= n, "{}: circular padding {} of {} is larger than the input {}", op, what,
                 p, shapeStr(input.sizes()));
  }
  int64_t ow = w + pl + pr, oh = h + pt + pb;
  WICK_CHECK(ow > 0 && oh > 0, "{}: input {} with padding {} gives an empty output", op,
             shapeStr(input.sizes()), shapeStr(pad));
  std::vector<int64_t> rows(oh), cols(ow);
  for (int64_t i = 0; i < oh; ++i) rows[i] = sourceIndex(mode, i, h, pt);
  for (int64_t i = 0; i < ow; ++i) cols[i] = sourceIndex(mode, i, w, pl);
  DimVector outShape(input.sizes());
  outShape[outShape.size() - 1] = ow;
  if (sd == 2) outShape[outShape.size() - 2] = oh;
  Tensor x = input.contiguous();
  Tensor out = Tensor::empty(outShape, input.dtype());
  int64_t planes = input.numel() / (h * w);
  const char* src = static_cast<const char*>(x.rawData());
  char* dst = static_cast<char*>(out.rawData());
  switch (input.elementSize()) {
    case 1: gatherPlanes<uint8_t>(src, dst, planes, h, w, rows, cols); break;
    case 2: gatherPlanes<uint16_t>(src, dst, planes, h, w, rows, cols); break;
    case 4: gatherPlanes<uint32_t>(src, dst, planes, h, w, rows, cols); break;
    default: gatherPlanes<uint64_t>(src, dst, planes, h, w, rows, cols); break;
  }
  return out;
}

}  // namespace

PadMode padModeFromString(const char* op, std::string_view mode) {
  if (mode == "constant") return PadMode::Constant;
  if (mode == "reflect") return PadMode::Reflect;
  if (mode == "replicate") return PadMode::Replicate;
  if (mode == "circular") return PadMode::Circular;
  WICK_FAIL("{}: unknown padding mode \"{}\" (expected constant, reflect, replicate or circular)",
            op, mode);
}

Tensor pad(const char* op, const Tensor& input, IntArrayRef pad, PadMode mode, Scalar value) {
  WICK_CHECK(pad.size() % 2 == 0, "{}: padding length must be even, got {}", op, shapeStr(pad));
  WICK_CHECK(static_cast<int64_t>(pad.size()) <= 2 * input.dim(),
             "{}: padding {} has more pairs than the input {} has dims", op, shapeStr(pad),
             shapeStr(input.sizes()));
  if (mode == PadMode::Constant) return constantPad(op, input, pad, value);
  return indexPad(op, input, pad, mode);
}

}  // namespace wick::kernels

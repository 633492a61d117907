// Convolution front end: validates shapes and parameters like PyTorch,
// maps 1-D and unbatched problems onto batched 2-D ones, and picks oneDNN
// or im2col + GEMM.
#include "kernels/cpu/convolution.h"

#include "kernels/cpu/cnn_common.h"
#include "kernels/cpu/conv_internal.h"

namespace wick::kernels {
namespace {

// A view of contiguous `t` with new sizes (same element count).
Tensor viewContiguous(const Tensor& t, IntArrayRef sizes) {
  return t.asStrided(sizes, contiguousStrides(sizes), t.storageOffset());
}

void fillBias(const Tensor& out, const Tensor& bias) {
  int64_t n = out.size(0), o = out.size(1), inner = out.numel() / std::max<int64_t>(n * o, 1);
  if (!bias.defined()) {
    out.copyFrom(Tensor::zeros({}, out.dtype()));
    return;
  }
  Tensor b = bias.contiguous();
  for (int64_t i = 0; i < n; ++i)
    for (int64_t c = 0; c < o; ++c) {
      Tensor slice = out.asStrided({inner}, {1}, out.storageOffset() + (i * o + c) * inner);
      slice.copyFrom(b.asStrided({}, {}, b.storageOffset() + c));
    }
}

Tensor convolutionImpl(const char* op, const Tensor& input, const Tensor& weight,
                       const Tensor& bias, const ConvParams& p, ConvOptions options,
                       const Epilogue* epilogue, bool* applied) {
  WICK_CHECK(input.defined() && weight.defined(), "{}: input and weight must be defined", op);
  checkFloating(op, input);
  checkSameDType(op, input, weight, "weight");
  if (bias.defined()) checkSameDType(op, input, bias, "bias");
  int64_t wdim = weight.dim();
  WICK_CHECK(wdim == 3 || wdim == 4,
             "{}: expected a 3-D or 4-D weight (1-D or 2-D convolution), got weight of shape {}",
             op, shapeStr(weight.sizes()));
  size_t sd = static_cast<size_t>(wdim - 2);
  bool batched = input.dim() == wdim;
  WICK_CHECK(batched || input.dim() == wdim - 1,
             "{}: expected {}-D (batched) or {}-D (unbatched) input for weight of shape {}, but "
             "got input of shape {}",
             op, wdim, wdim - 1, shapeStr(weight.sizes()), shapeStr(input.sizes()));
  DimVector stride = expandParam(op, "stride", p.stride, sd);
  DimVector pad = expandParam(op, "padding", p.padding, sd);
  DimVector dil = expandParam(op, "dilation", p.dilation, sd);
  DimVector outPad = expandParam(op, "output_padding", p.outputPadding, sd);
  int64_t groups = p.groups;
  WICK_CHECK(groups > 0, "{}: groups must be positive, got {}", op, groups);
  for (size_t d = 0; d < sd; ++d) {
    WICK_CHECK(stride[d] > 0, "{}: stride must be positive, got {}", op, shapeStr(stride));
    WICK_CHECK(dil[d] > 0, "{}: dilation must be positive, got {}", op, shapeStr(dil));
    WICK_CHECK(pad[d] >= 0, "{}: padding must be non-negative, got {}", op, shapeStr(pad));
    WICK_CHECK(outPad[d] >= 0, "{}: output_padding must be non-negative, got {}", op,
               shapeStr(outPad));
    if (p.transposed)
      WICK_CHECK(outPad[d] < stride[d] || outPad[d] < dil[d],
                 "{}: output padding {} must be smaller than either stride {} or dilation {}", op,
                 shapeStr(outPad), shapeStr(stride), shapeStr(dil));
    else
      WICK_CHECK(outPad[d] == 0, "{}: output_padding {} requires transposed=True", op,
                 shapeStr(outPad));
    WICK_CHECK(weight.size(2 + d) > 0, "{}: kernel size must be positive, got weight of shape {}",
               op, shapeStr(weight.sizes()));
  }

  DimVector xs(input.sizes());
  if (!batched) xs.insert(0, 1);
  int64_t n = xs[0], c = xs[1], o;
  WICK_CHECK(weight.size(0) % groups == 0,
             "{}: weight of shape {}: dim 0 must be divisible by groups={}", op,
             shapeStr(weight.sizes()), groups);
  if (!p.transposed) {
    WICK_CHECK(c == weight.size(1) * groups,
               "{}: expected input of shape {} to have {} channels (weight {} with groups={}), "
               "but got {} channels",
               op, shapeStr(input.sizes()), weight.size(1) * groups, shapeStr(weight.sizes()),
               groups, c);
    o = weight.size(0);
  } else {
    WICK_CHECK(c == weight.size(0),
               "{}: expected input of shape {} to have {} channels (transposed weight {}), but "
               "got {} channels",
               op, shapeStr(input.sizes()), weight.size(0), shapeStr(weight.sizes()), c);
    o = weight.size(1) * groups;
  }
  if (bias.defined())
    WICK_CHECK(bias.dim() == 1 && bias.size(0) == o,
               "{}: expected bias of shape [{}], got {}", op, o, shapeStr(bias.sizes()));

  DimVector outShape{n, o};
  for (size_t d = 0; d < sd; ++d) {
    int64_t in = xs[2 + d], k = weight.size(2 + d), dk = dil[d] * (k - 1) + 1;
    int64_t os;
    if (!p.transposed) {
      WICK_CHECK(in + 2 * pad[d] >= dk,
                 "{}: input of shape {} padded by {} is smaller than the kernel {} dilated by {}",
                 op, shapeStr(input.sizes()), shapeStr(pad), shapeStr(weight.sizes().slice(2)),
                 shapeStr(dil));
      os = (in + 2 * pad[d] - dk) / stride[d] + 1;
    } else {
      os = (in - 1) * stride[d] - 2 * pad[d] + dk + outPad[d];
      WICK_CHECK(os > 0, "{}: calculated output size {} for input {} is too small", op, os,
                 shapeStr(input.sizes()));
    }
    outShape.push_back(os);
  }

  int64_t reduce = p.transposed ? weight.size(0) / groups : weight.size(1);
  for (size_t d = 0; d < sd; ++d) reduce *= (xs[2 + d] > 0 ? 1 : 0);
  // Channels-last only where oneDNN will compute it (see ConvOptions).
  bool channelsLast = options.channelsLast && options.allowDnnl && batched && sd == 2 && !p.transposed &&
                      input.dtype() == DType::Float32 && reduce > 0 && conv::dnnlAvailable();
  Tensor out;
  if (channelsLast) {
    int64_t oh = outShape[2], ow = outShape[3];
    out = Tensor::emptyStrided(outShape, {oh * ow * o, 1, ow * o, o}, input.dtype());
  } else {
    out = Tensor::empty(outShape, input.dtype());
  }
  if (out.numel() > 0) {
    if (reduce == 0) {
      fillBias(out, bias);
    } else {
      // Everything below works on batched 2-D NCHW problems.
      auto to4d = [&](IntArrayRef s) {
        DimVector r(s);
        if (sd == 1) r.insert(2, 1);
        return r;
      };
      // A channels-last input goes to oneDNN as it is.
      bool xNhwc = batched && sd == 2 && conv::isChannelsLast(input);
      Tensor x = xNhwc ? input : viewContiguous(input.contiguous(), to4d(xs));
      Tensor w = weight.contiguous();
      if (sd == 1) w = viewContiguous(w, to4d(weight.sizes()));
      Tensor y = channelsLast ? out : viewContiguous(out, to4d(outShape));
      conv::Conv2dShape s{};
      s.n = n, s.c = c, s.h = x.size(2), s.w = x.size(3);
      s.o = o, s.oh = y.size(2), s.ow = y.size(3);
      s.kh = w.size(2), s.kw = w.size(3);
      // 1-D problems have no H parameters: H is a unit dim with kernel 1.
      size_t hd = 0, wd = sd - 1;
      s.sh = sd == 1 ? 1 : stride[hd], s.sw = stride[wd];
      s.ph = sd == 1 ? 0 : pad[hd], s.pw = pad[wd];
      s.dh = sd == 1 ? 1 : dil[hd], s.dw = dil[wd];
      s.oph = sd == 1 ? 0 : outPad[hd], s.opw = outPad[wd];
      s.groups = groups, s.transposed = p.transposed;
      Tensor b = bias.defined() ? bias.contiguous() : Tensor();
      // The residual, when there is one oneDNN can add: same sizes and
      // dtype as the output, viewed like it.
      Epilogue epi;
      const Epilogue* epiPtr = nullptr;
      if (epilogue && !epilogue->empty() && x.dtype() == DType::Float32) {
        const Tensor& r = epilogue->residual;
        if (!r.defined() || (r.dtype() == DType::Float32 && r.sizes() == IntArrayRef(outShape))) {
          epi.activation = epilogue->activation;
          if (r.defined())
            epi.residual = sd == 2 && conv::isChannelsLast(r) ? r : viewContiguous(r.contiguous(), to4d(outShape));
          epiPtr = &epi;
        }
      }
      bool done = options.allowDnnl && x.dtype() == DType::Float32 &&
                  conv::dnnlConv2d(x, w, b, y, s, options.cacheWeights, epiPtr, applied);
      if (!done) {
        // The GEMM path takes contiguous NCHW only.
        Tensor xc = xNhwc ? viewContiguous(x.contiguous(), to4d(xs)) : x;
        if (channelsLast) {
          Tensor yc = Tensor::empty(outShape, input.dtype());
          conv::gemmConv2d(xc, w, b, yc, s);
          out.copyFrom(yc);
        } else {
          conv::gemmConv2d(xc, w, b, y, s);
        }
      }
    }
  }
  if (!batched) {
    DimVector us(IntArrayRef(outShape).slice(1));
    out = viewContiguous(out, us);
  }
  return out;
}

}  // namespace

Tensor convolution(const char* op, const Tensor& input, const Tensor& weight, const Tensor& bias,
                   const ConvParams& p, ConvOptions options) {
  return convolutionImpl(op, input, weight, bias, p, options, nullptr, nullptr);
}

Tensor convolutionWithEpilogue(const char* op, const Tensor& input, const Tensor& weight,
                               const Tensor& bias, const ConvParams& p,
                               const Epilogue& epilogue, bool* applied, ConvOptions options) {
  *applied = false;
  return convolutionImpl(op, input, weight, bias, p, options, &epilogue, applied);
}

Tensor convolutionPaddingMode(const char* op, const Tensor& input, const Tensor& weight,
                              const Tensor& bias, IntArrayRef stride, std::string_view padding,
                              IntArrayRef dilation, int64_t groups) {
  WICK_CHECK(weight.defined() && (weight.dim() == 3 || weight.dim() == 4),
             "{}: expected a 3-D or 4-D weight", op);
  size_t sd = static_cast<size_t>(weight.dim() - 2);
  ConvParams p;
  p.stride = DimVector(stride);
  p.dilation = DimVector(dilation);
  p.groups = groups;
  if (padding == "valid") {
    p.padding = DimVector{0};
    return convolution(op, input, weight, bias, p);
  }
  WICK_CHECK(padding == "same", "{}: padding must be \"same\" or \"valid\", got \"{}\"", op,
             padding);
  DimVector st = expandParam(op, "stride", stride, sd);
  DimVector dil = expandParam(op, "dilation", dilation, sd);
  for (size_t d = 0; d < sd; ++d)
    WICK_CHECK(st[d] == 1, "{}: padding='same' is not supported for strided convolutions", op);
  // Total padding d*(k-1) per dim; PyTorch puts the odd extra element on
  // the right, which symmetric padding cannot express: pad the input first.
  DimVector left, extraRight;
  bool asymmetric = false;
  for (size_t d = 0; d < sd; ++d) {
    int64_t total = dil[d] * (weight.size(2 + d) - 1);
    left.push_back(total / 2);
    extraRight.push_back(total % 2);
    asymmetric |= total % 2 != 0;
  }
  p.padding = left;
  if (!asymmetric) return convolution(op, input, weight, bias, p);
  checkFloating(op, input);
  WICK_CHECK(input.dim() >= static_cast<int64_t>(sd) + 1,
             "{}: input of shape {} has too few dims for weight {}", op, shapeStr(input.sizes()),
             shapeStr(weight.sizes()));
  DimVector ps(input.sizes());
  size_t first = ps.size() - sd;
  for (size_t d = 0; d < sd; ++d) ps[first + d] += extraRight[d];
  Tensor padded = Tensor::zeros(ps, input.dtype());
  padded.asStrided(input.sizes(), padded.strides(), 0).copyFrom(input);
  return convolution(op, padded, weight, bias, p);
}

void clearConvolutionCache() { conv::dnnlClearCache(); }
void forgetConvolutionWeight(const Tensor& weight) { conv::dnnlForget(weight); }
size_t convolutionCacheSize() { return conv::dnnlCacheSize(); }
size_t convolutionWinogradPlans() { return conv::dnnlWinogradPlans(); }
bool convolutionUsesDnnl() { return conv::dnnlAvailable(); }

}  // namespace wick::kernels

// LSTM/GRU/RNN inference: per layer and direction, one GEMM projects the
// input of every time step, then each step runs one GEMM for the hidden
// projection and a fused loop for the gates and state update.
#include "kernels/cpu/recurrent.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/check.h"
#include "core/parallel.h"
#include "kernels/cpu/float_kernels.h"
#include "kernels/cpu/linalg.h"

namespace wick::kernels {
namespace {

int64_t gateCount(RnnMode m) {
  switch (m) {
    case RnnMode::Lstm: return 4;
    case RnnMode::Gru: return 3;
    default: return 1;
  }
}

std::string shapeStr(const Tensor& t) {
  if (!t.defined()) return "None";
  std::string s = "[";
  for (int64_t d = 0; d < t.dim(); ++d) s += (d ? ", " : "") + std::to_string(t.size(d));
  return s + "]";
}

// A contiguous tensor seen with another shape of the same numel.
Tensor viewAs(const Tensor& t, DimVector sizes) {
  DimVector strides = contiguousStrides(sizes);
  return t.asStrided(sizes, strides, t.storageOffset());
}

// w (rows x cols, contiguous) seen as w^T (cols x rows), so the GEMM reads
// the weights in place instead of copying a transpose.
Tensor transposed(const Tensor& w) {
  return w.asStrided({w.size(1), w.size(0)}, {1, w.size(1)}, w.storageOffset());
}

// The first `rows` rows of a contiguous 2-D tensor.
Tensor rowPrefix(const Tensor& t, int64_t rows) {
  return t.asStrided({rows, t.size(1)}, {t.size(1), 1}, t.storageOffset());
}

struct DirWeights {
  Tensor wIh, wHh, bIh, bHh, wHr;  // contiguous; biases/wHr may be undefined
};

// Gate nonlinearities over a run of values; float32 uses the project's
// vectorized loops, which dominate the step time otherwise.
template <typename T>
void sigmoidInPlace(T* p, int64_t n) {
  for (int64_t i = 0; i < n; ++i) p[i] = T(1) / (T(1) + std::exp(-p[i]));
}
template <>
void sigmoidInPlace<float>(float* p, int64_t n) {
  floatKernels().unary[static_cast<int>(FloatUnary::Sigmoid)](p, p, n);
}
template <typename T>
void tanhInPlace(T* p, int64_t n) {
  for (int64_t i = 0; i < n; ++i) p[i] = std::tanh(p[i]);
}
template <>
void tanhInPlace<float>(float* p, int64_t n) {
  floatKernels().unary[static_cast<int>(FloatUnary::Tanh)](p, p, n);
}

// Runs one layer in one direction. x: (N, in) rows in time-major order,
// step t owning rows [offsets[t], offsets[t] + batchSizes[t]) (packed
// batches shrink over time, so only a prefix of the batch is live). h
// (B, hOut) and c (B, hidden) hold the initial states and receive the final
// ones: rows past a step's batch size are left alone, which is both what a
// finished sequence keeps (forward) and what a not-yet-started one starts
// from (reverse). Writes h of each step into out's columns
// [col, col + hOut).
template <typename T>
void runDirection(RnnMode mode, const Tensor& x, const std::vector<int64_t>& batchSizes,
                  const std::vector<int64_t>& offsets, bool reverse, const DirWeights& w, int64_t hidden,
                  const Tensor& h, const Tensor& c, const Tensor& out, int64_t col) {
  const DType dt = x.dtype();
  const int64_t G = gateCount(mode), GH = G * hidden, N = x.size(0), B = h.size(0), hOut = h.size(1);
  const int64_t steps = static_cast<int64_t>(batchSizes.size());
  Tensor gx = Tensor::empty({N, GH}, dt);
  gemm(x, transposed(w.wIh), gx, 1, 0);
  T* gxp = static_cast<T*>(gx.rawData());
  const T* bih = w.bIh.defined() ? static_cast<const T*>(w.bIh.rawData()) : nullptr;
  const T* bhh = w.bHh.defined() ? static_cast<const T*>(w.bHh.rawData()) : nullptr;
  // Fold the biases into the input projection once, except GRU's hidden
  // bias of the n gate, which sits inside r * (W_hn h + b_hn).
  if (bih) {
    const int64_t foldHh = mode == RnnMode::Gru ? 2 * hidden : GH;
    parallelFor(0, N, std::max<int64_t>(1, 32768 / std::max<int64_t>(GH, 1)), [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {
        T* row = gxp + r * GH;
        for (int64_t j = 0; j < GH; ++j) row[j] += bih[j];
        for (int64_t j = 0; j < foldHh; ++j) row[j] += bhh[j];
      }
    });
  }
  Tensor gh = Tensor::empty({B, GH}, dt);
  T* ghp = static_cast<T*>(gh.rawData());
  const bool proj = w.wHr.defined();
  Tensor hPre = proj ? Tensor::empty({B, hidden}, dt) : Tensor();
  T* hp = static_cast<T*>(h.rawData());
  T* cp = c.defined() ? static_cast<T*>(c.rawData()) : nullptr;
  T* prep = proj ? static_cast<T*>(hPre.rawData()) : nullptr;
  T* outp = static_cast<T*>(out.rawData());
  const int64_t outCols = out.size(1);
  const Tensor wHhT = transposed(w.wHh);
  const T* bhn = bhh ? bhh + 2 * hidden : nullptr;

  for (int64_t s = 0; s < steps; ++s) {
    const int64_t t = reverse ? steps - 1 - s : s;
    const int64_t bs = batchSizes[t], row0 = offsets[t];
    const Tensor hLive = rowPrefix(h, bs);
    gemm(hLive, wHhT, rowPrefix(gh, bs), 1, 0);
    // Rows are independent; small batches stay on this thread.
    parallelFor(0, bs, std::max<int64_t>(1, 16384 / std::max<int64_t>(GH, 1)), [&](int64_t b0, int64_t b1) {
      for (int64_t b = b0; b < b1; ++b) {
        const T* gxr = gxp + (row0 + b) * GH;
        T* hr = hp + b * hOut;
        T* outr = outp + (row0 + b) * outCols + col;
        // The row of gh becomes the gate pre-activations, then the gates.
        T* g = ghp + b * GH;
        switch (mode) {
          case RnnMode::Lstm: {
            T* cr = cp + b * hidden;
            T* dst = proj ? prep + b * hidden : hr;
            for (int64_t j = 0; j < GH; ++j) g[j] += gxr[j];
            sigmoidInPlace(g, 2 * hidden);
            tanhInPlace(g + 2 * hidden, hidden);
            sigmoidInPlace(g + 3 * hidden, hidden);
            for (int64_t j = 0; j < hidden; ++j) dst[j] = cr[j] = g[hidden + j] * cr[j] + g[j] * g[2 * hidden + j];
            tanhInPlace(dst, hidden);
            for (int64_t j = 0; j < hidden; ++j) dst[j] *= g[3 * hidden + j];
            break;
          }
          case RnnMode::Gru: {
            for (int64_t j = 0; j < 2 * hidden; ++j) g[j] += gxr[j];
            sigmoidInPlace(g, 2 * hidden);
            T* n = g + 2 * hidden;
            for (int64_t j = 0; j < hidden; ++j) n[j] = gxr[2 * hidden + j] + g[j] * (n[j] + (bhn ? bhn[j] : T(0)));
            tanhInPlace(n, hidden);
            for (int64_t j = 0; j < hidden; ++j) hr[j] = n[j] + g[hidden + j] * (hr[j] - n[j]);
            break;
          }
          case RnnMode::RnnTanh:
            for (int64_t j = 0; j < hidden; ++j) hr[j] = gxr[j] + g[j];
            tanhInPlace(hr, hidden);
            break;
          case RnnMode::RnnRelu:
            for (int64_t j = 0; j < hidden; ++j) hr[j] = std::max(gxr[j] + g[j], T(0));
            break;
        }
        if (!proj) std::copy(hr, hr + hOut, outr);
      }
    });
    if (proj) {
      gemm(rowPrefix(hPre, bs), transposed(w.wHr), hLive, 1, 0);
      for (int64_t b = 0; b < bs; ++b) std::copy(hp + b * hOut, hp + (b + 1) * hOut, outp + (row0 + b) * outCols + col);
    }
  }
}

void runDirectionTyped(RnnMode mode, const Tensor& x, const std::vector<int64_t>& batchSizes,
                       const std::vector<int64_t>& offsets, bool reverse, const DirWeights& w, int64_t hidden,
                       const Tensor& h, const Tensor& c, const Tensor& out, int64_t col) {
  if (x.dtype() == DType::Float32) runDirection<float>(mode, x, batchSizes, offsets, reverse, w, hidden, h, c, out, col);
  else runDirection<double>(mode, x, batchSizes, offsets, reverse, w, hidden, h, c, out, col);
}

void checkFloat(const char* op, const char* what, const Tensor& t, DType dt) {
  WICK_CHECK(t.dtype() == DType::Float32 || t.dtype() == DType::Float64,
             "{}: {} must be float32 or float64, got {}", op, what, dtypeName(t.dtype()));
  WICK_CHECK(t.dtype() == dt, "{}: {} has dtype {} but the input has {}", op, what, dtypeName(t.dtype()),
             dtypeName(dt));
}

void checkShape(const char* op, const std::string& what, const Tensor& t, std::initializer_list<int64_t> want,
                DType dt) {
  DimVector w(want);
  bool ok = t.dim() == static_cast<int64_t>(w.size());
  for (size_t i = 0; ok && i < w.size(); ++i) ok = t.size(static_cast<int64_t>(i)) == w[i];
  std::string ws = "[";
  for (size_t i = 0; i < w.size(); ++i) ws += (i ? ", " : "") + std::to_string(w[i]);
  WICK_CHECK(ok, "{}: {} has shape {}, expected {}]", op, what, shapeStr(t), ws);
  checkFloat(op, what.c_str(), t, dt);
}

// Layer-major, direction-minor: PyTorch's flat weights.
std::vector<DirWeights> collectWeights(const RnnOptions& o, const std::vector<Tensor>& params, int64_t inSize,
                                       int64_t hidden, int64_t hOut, bool proj, DType dt) {
  const int64_t dirs = o.bidirectional ? 2 : 1;
  const int64_t per = 2 + (o.hasBiases ? 2 : 0) + (proj ? 1 : 0);
  WICK_CHECK(static_cast<int64_t>(params.size()) == o.numLayers * dirs * per,
             "{}: expected {} params ({} layers x {} directions x {} per direction{}{}), got {}", o.op,
             o.numLayers * dirs * per, o.numLayers, dirs, per, o.hasBiases ? ", with biases" : ", without biases",
             proj ? ", with projections" : "", params.size());
  const int64_t GH = gateCount(o.mode) * hidden;
  std::vector<DirWeights> ws;
  for (int64_t l = 0; l < o.numLayers; ++l) {
    const int64_t layerIn = l == 0 ? inSize : dirs * hOut;
    for (int64_t d = 0; d < dirs; ++d) {
      const Tensor* p = params.data() + (l * dirs + d) * per;
      const std::string sfx = fmt::format("_l{}{}", l, d ? "_reverse" : "");
      DirWeights w;
      checkShape(o.op, "weight_ih" + sfx, p[0], {GH, layerIn}, dt);
      checkShape(o.op, "weight_hh" + sfx, p[1], {GH, hOut}, dt);
      w.wIh = p[0].contiguous();
      w.wHh = p[1].contiguous();
      if (o.hasBiases) {
        checkShape(o.op, "bias_ih" + sfx, p[2], {GH}, dt);
        checkShape(o.op, "bias_hh" + sfx, p[3], {GH}, dt);
        w.bIh = p[2].contiguous();
        w.bHh = p[3].contiguous();
      }
      if (proj) {
        checkShape(o.op, "weight_hr" + sfx, p[per - 1], {hOut, hidden}, dt);
        w.wHr = p[per - 1].contiguous();
      }
      ws.push_back(std::move(w));
    }
  }
  return ws;
}

// The shared core: x is (N, in) time-major rows, h0 (layers*dirs, B, hOut)
// and c0 (layers*dirs, B, hidden) contiguous. Returns the last layer's
// output (N, dirs*hOut) and the final states in h0/c0's shapes.
RnnResult runStack(const RnnOptions& o, const Tensor& x, const std::vector<int64_t>& batchSizes, const Tensor& h0,
                   const Tensor& c0, const std::vector<Tensor>& params) {
  WICK_CHECK(o.numLayers >= 1, "{}: num_layers must be at least 1, got {}", o.op, o.numLayers);
  WICK_CHECK(!(o.train && o.dropout > 0),
             "{}: dropout {} with train=True is not supported: Wick runs inference (script or call the model in "
             "eval mode)",
             o.op, o.dropout);
  const DType dt = x.dtype();
  const bool lstm = o.mode == RnnMode::Lstm;
  const int64_t dirs = o.bidirectional ? 2 : 1;
  const int64_t B = h0.size(1), hOut = h0.size(2);
  const int64_t hidden = lstm ? c0.size(2) : hOut;
  const bool proj = lstm && hidden != hOut;
  std::vector<DirWeights> ws = collectWeights(o, params, x.size(1), hidden, hOut, proj, dt);
  std::vector<int64_t> offsets(batchSizes.size());
  int64_t acc = 0;
  for (size_t t = 0; t < batchSizes.size(); ++t) {
    offsets[t] = acc;
    acc += batchSizes[t];
  }
  RnnResult r;
  r.hy = h0.clone();
  if (lstm) r.cy = c0.clone();
  Tensor layerIn = x;
  for (int64_t l = 0; l < o.numLayers; ++l) {
    Tensor out = Tensor::empty({x.size(0), dirs * hOut}, dt);
    for (int64_t d = 0; d < dirs; ++d) {
      const int64_t idx = l * dirs + d;
      Tensor h = r.hy.asStrided({B, hOut}, {hOut, 1}, r.hy.storageOffset() + idx * B * hOut);
      Tensor c = lstm ? r.cy.asStrided({B, hidden}, {hidden, 1}, r.cy.storageOffset() + idx * B * hidden) : Tensor();
      runDirectionTyped(o.mode, layerIn, batchSizes, offsets, d == 1, ws[idx], hidden, h, c, out, d * hOut);
    }
    layerIn = out;
  }
  r.output = layerIn;
  return r;
}

// Checks hx/cx against (layers*dirs, batch, ...) and returns them 3-D and
// contiguous.
std::pair<Tensor, Tensor> checkStates(const RnnOptions& o, const Tensor& hx, const Tensor& cx, int64_t batch,
                                      bool unbatched, DType dt) {
  const int64_t ld = o.numLayers * (o.bidirectional ? 2 : 1);
  const int64_t want = unbatched ? 2 : 3;
  const bool lstm = o.mode == RnnMode::Lstm;
  WICK_CHECK(hx.dim() == want && (!lstm || cx.dim() == want),
             "{}: hidden state must be {}-D for {}-D input, got hx {}{}", o.op, want, want, shapeStr(hx),
             lstm ? " and cx " + shapeStr(cx) : "");
  WICK_CHECK(hx.size(0) == ld && (unbatched || hx.size(1) == batch),
             "{}: hx has shape {}, expected {} (num_layers * num_directions) x {} batch x hidden", o.op, shapeStr(hx),
             ld, unbatched ? 1 : batch);
  checkFloat(o.op, "hx", hx, dt);
  Tensor h = hx.contiguous(), c;
  h = viewAs(h, {ld, batch, hx.size(-1)});
  if (lstm) {
    WICK_CHECK(cx.size(0) == ld && (unbatched || cx.size(1) == batch) && cx.size(-1) >= hx.size(-1),
               "{}: cx has shape {} but hx has {}: expected {} x {} batch x hidden (hidden >= hx's size)", o.op,
               shapeStr(cx), shapeStr(hx), ld, batch);
    checkFloat(o.op, "cx", cx, dt);
    c = viewAs(cx.contiguous(), {ld, batch, cx.size(-1)});
  }
  return {h, c};
}

void checkInput(const char* op, const Tensor& input) {
  WICK_CHECK(input.dtype() == DType::Float32 || input.dtype() == DType::Float64,
             "{}: input must be float32 or float64, got {}", op, dtypeName(input.dtype()));
}

}  // namespace

RnnResult rnnForward(const RnnOptions& o, const Tensor& input, const Tensor& hx, const Tensor& cx,
                     const std::vector<Tensor>& params) {
  WICK_CHECK(input.dim() == 2 || input.dim() == 3,
             "{}: input must be 3-D (seq, batch, feature) or 2-D unbatched, got shape {}", o.op, shapeStr(input));
  checkInput(o.op, input);
  const bool unbatched = input.dim() == 2;
  const bool bf = o.batchFirst && !unbatched;
  const int64_t T = input.size(bf ? 1 : 0), B = unbatched ? 1 : input.size(bf ? 0 : 1), F = input.size(-1);
  auto [h0, c0] = checkStates(o, hx, cx, B, unbatched, input.dtype());
  Tensor x;
  if (bf) {
    // Time-major rows for the per-step prefix views.
    x = input.asStrided({T, B, F}, {input.stride(1), input.stride(0), input.stride(2)}, input.storageOffset())
            .contiguous();
  } else {
    x = input.contiguous();
  }
  x = viewAs(x, {T * B, F});
  RnnResult r = runStack(o, x, std::vector<int64_t>(static_cast<size_t>(T), B), h0, c0, params);
  const int64_t cols = r.output.size(1);
  if (unbatched) {
    r.output = viewAs(r.output, {T, cols});
  } else if (bf) {
    Tensor o3 = viewAs(r.output, {T, B, cols});
    r.output = o3.asStrided({B, T, cols}, {cols, B * cols, 1}, o3.storageOffset()).contiguous();
  } else {
    r.output = viewAs(r.output, {T, B, cols});
  }
  r.hy = viewAs(r.hy, DimVector(hx.sizes()));
  if (r.cy.defined()) r.cy = viewAs(r.cy, DimVector(cx.sizes()));
  return r;
}

RnnResult rnnForwardPacked(const RnnOptions& o, const Tensor& data, const Tensor& batchSizes, const Tensor& hx,
                           const Tensor& cx, const std::vector<Tensor>& params) {
  WICK_CHECK(data.dim() == 2, "{}: packed data must be 2-D (total, feature), got shape {}", o.op, shapeStr(data));
  checkInput(o.op, data);
  WICK_CHECK(batchSizes.dim() == 1 && batchSizes.dtype() == DType::Int64 && batchSizes.numel() > 0,
             "{}: batch_sizes must be a non-empty 1-D int64 tensor, got {} {}", o.op, dtypeName(batchSizes.dtype()),
             shapeStr(batchSizes));
  Tensor bsT = batchSizes.contiguous();
  const int64_t* bp = static_cast<const int64_t*>(bsT.rawData());
  std::vector<int64_t> bs(bp, bp + bsT.numel());
  int64_t total = 0;
  for (size_t t = 0; t < bs.size(); ++t) {
    WICK_CHECK(bs[t] > 0 && (t == 0 || bs[t] <= bs[t - 1]),
               "{}: batch_sizes must be positive and non-increasing, got {} at step {}", o.op, bs[t], t);
    total += bs[t];
  }
  WICK_CHECK(total == data.size(0), "{}: batch_sizes sum to {} but data has shape {}", o.op, total, shapeStr(data));
  auto [h0, c0] = checkStates(o, hx, cx, bs[0], false, data.dtype());
  RnnResult r = runStack(o, data.contiguous(), bs, h0, c0, params);
  r.hy = viewAs(r.hy, DimVector(hx.sizes()));
  if (r.cy.defined()) r.cy = viewAs(r.cy, DimVector(cx.sizes()));
  return r;
}

namespace {

// A cell is one step of a one-layer, one-direction stack.
std::pair<Tensor, Tensor> runCell(const char* op, RnnMode mode, const Tensor& input, const Tensor& hx,
                                  const Tensor& cx, const Tensor& wIh, const Tensor& wHh, const Tensor& bIh,
                                  const Tensor& bHh) {
  WICK_CHECK(input.dim() == 1 || input.dim() == 2, "{}: input must be 1-D or 2-D, got shape {}", op,
             shapeStr(input));
  checkInput(op, input);
  const DType dt = input.dtype();
  const bool unbatched = input.dim() == 1;
  const int64_t B = unbatched ? 1 : input.size(0), F = input.size(-1);
  const bool lstm = mode == RnnMode::Lstm;
  WICK_CHECK(hx.dim() == input.dim() && (unbatched || hx.size(0) == B),
             "{}: input has shape {} but hx has {} (expected {}batch x hidden)", op, shapeStr(input), shapeStr(hx),
             unbatched ? "1-D hidden, not " : "");
  checkFloat(op, "hx", hx, dt);
  const int64_t H = hx.size(-1), GH = gateCount(mode) * H;
  if (lstm) {
    WICK_CHECK(cx.dim() == hx.dim() && cx.size(0) == hx.size(0) && cx.size(-1) == H,
               "{}: hx has shape {} but cx has {}", op, shapeStr(hx), shapeStr(cx));
    checkFloat(op, "cx", cx, dt);
  }
  checkShape(op, "w_ih", wIh, {GH, F}, dt);
  checkShape(op, "w_hh", wHh, {GH, H}, dt);
  WICK_CHECK(bIh.defined() == bHh.defined(), "{}: b_ih and b_hh must both be given or both be None", op);
  DirWeights w{wIh.contiguous(), wHh.contiguous(), Tensor(), Tensor(), Tensor()};
  if (bIh.defined()) {
    checkShape(op, "b_ih", bIh, {GH}, dt);
    checkShape(op, "b_hh", bHh, {GH}, dt);
    w.bIh = bIh.contiguous();
    w.bHh = bHh.contiguous();
  }
  Tensor x = viewAs(input.contiguous(), {B, F});
  Tensor h = viewAs(hx.clone(), {B, H});
  Tensor c = lstm ? viewAs(cx.clone(), {B, H}) : Tensor();
  Tensor out = Tensor::empty({B, H}, dt);
  runDirectionTyped(mode, x, {B}, {0}, false, w, H, h, c, out, 0);
  return {viewAs(h, DimVector(hx.sizes())), lstm ? viewAs(c, DimVector(cx.sizes())) : Tensor()};
}

}  // namespace

std::pair<Tensor, Tensor> lstmCell(const Tensor& input, const Tensor& hx, const Tensor& cx, const Tensor& wIh,
                                   const Tensor& wHh, const Tensor& bIh, const Tensor& bHh) {
  return runCell("aten::lstm_cell", RnnMode::Lstm, input, hx, cx, wIh, wHh, bIh, bHh);
}

Tensor gruCell(const Tensor& input, const Tensor& hx, const Tensor& wIh, const Tensor& wHh, const Tensor& bIh,
               const Tensor& bHh) {
  return runCell("aten::gru_cell", RnnMode::Gru, input, hx, Tensor(), wIh, wHh, bIh, bHh).first;
}

Tensor rnnTanhCell(const Tensor& input, const Tensor& hx, const Tensor& wIh, const Tensor& wHh, const Tensor& bIh,
                   const Tensor& bHh) {
  return runCell("aten::rnn_tanh_cell", RnnMode::RnnTanh, input, hx, Tensor(), wIh, wHh, bIh, bHh).first;
}

Tensor rnnReluCell(const Tensor& input, const Tensor& hx, const Tensor& wIh, const Tensor& wHh, const Tensor& bIh,
                   const Tensor& bHh) {
  return runCell("aten::rnn_relu_cell", RnnMode::RnnRelu, input, hx, Tensor(), wIh, wHh, bIh, bHh).first;
}

}  // namespace wick::kernels

// Recurrent layers for inference: LSTM (optionally with projections), GRU
// and Elman RNNs (tanh/relu), multi-layer, bidirectional, padded or packed
// input, and their single-step cells, on float32/float64.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "wick/tensor.h"

namespace wick::kernels {

enum class RnnMode { Lstm, Gru, RnnTanh, RnnRelu };

// The arguments aten::lstm/gru/rnn_* share. `op` names the op in errors.
struct RnnOptions {
  const char* op = "aten::lstm";
  RnnMode mode = RnnMode::Lstm;
  bool hasBiases = true;
  int64_t numLayers = 1;
  double dropout = 0;
  bool train = false;
  bool bidirectional = false;
  bool batchFirst = false;
};

struct RnnResult {
  Tensor output;
  Tensor hy;
  Tensor cy;  // LSTM only
};

// Padded input: (seq, batch, feature), (batch, seq, feature) when
// batchFirst, or unbatched (seq, feature) with 2-D hidden states. `cx` is
// the LSTM cell state (undefined for the other modes). `params` is
// PyTorch's flat weight list: w_ih, w_hh[, b_ih, b_hh][, w_hr] per layer
// and direction.
RnnResult rnnForward(const RnnOptions& o, const Tensor& input, const Tensor& hx, const Tensor& cx,
                     const std::vector<Tensor>& params);

// Packed input (PackedSequence data and batch_sizes); batchFirst is
// ignored.
RnnResult rnnForwardPacked(const RnnOptions& o, const Tensor& data, const Tensor& batchSizes,
                           const Tensor& hx, const Tensor& cx, const std::vector<Tensor>& params);

// One step. Inputs (batch, feature) or unbatched (feature); biases may be
// undefined.
std::pair<Tensor, Tensor> lstmCell(const Tensor& input, const Tensor& hx, const Tensor& cx, const Tensor& wIh,
                                   const Tensor& wHh, const Tensor& bIh, const Tensor& bHh);
Tensor gruCell(const Tensor& input, const Tensor& hx, const Tensor& wIh, const Tensor& wHh, const Tensor& bIh,
               const Tensor& bHh);
Tensor rnnTanhCell(const Tensor& input, const Tensor& hx, const Tensor& wIh, const Tensor& wHh, const Tensor& bIh,
                   const Tensor& bHh);
Tensor rnnReluCell(const Tensor& input, const Tensor& hx, const Tensor& wIh, const Tensor& wHh, const Tensor& bIh,
                   const Tensor& bHh);

}  // namespace wick::kernels

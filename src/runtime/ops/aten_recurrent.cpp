// Registers the aten:: recurrent ops (lstm, gru, rnn_tanh, rnn_relu, padded
// and packed, and their cells), binding kernels/cpu/recurrent.h.
#include <tuple>

#include "kernels/cpu/recurrent.h"
#include "runtime/operator.h"
#include "runtime/ops/aten_args.h"
#include "runtime/ops/ops.h"

namespace wick {

using namespace atenargs;
namespace k = kernels;

namespace {

// The trailing (has_biases, num_layers, dropout, train, bidirectional[,
// batch_first]) arguments every full-sequence overload shares.
k::RnnOptions options(const char* op, k::RnnMode mode, const IValue* a, bool withBatchFirst) {
  k::RnnOptions o;
  o.op = op;
  o.mode = mode;
  o.hasBiases = a[0].toBool();
  o.numLayers = a[1].toInt();
  o.dropout = a[2].toDouble();
  o.train = a[3].toBool();
  o.bidirectional = a[4].toBool();
  o.batchFirst = withBatchFirst && a[5].toBool();
  return o;
}

// hx of lstm is [h, c].
std::pair<Tensor, Tensor> lstmStates(const char* op, const IValue& v) {
  std::vector<Tensor> hx = tensorList(v);
  WICK_CHECK(hx.size() == 2, "{}: hx must be a list of two tensors (h_0, c_0), got {}", op, hx.size());
  return {hx[0], hx[1]};
}

template <k::RnnMode Mode>
void rnnInput(Stack& s, const char* op) {
  IValue* a = args(s, 9);
  k::RnnOptions o = options(op, Mode, a + 3, true);
  Tensor h, c;
  if constexpr (Mode == k::RnnMode::Lstm) std::tie(h, c) = lstmStates(op, a[1]);
  else h = a[1].toTensor();
  k::RnnResult r = k::rnnForward(o, a[0].toTensor(), h, c, tensorList(a[2]));
  ret(s, 9, r.output);
  s.emplace_back(r.hy);
  if constexpr (Mode == k::RnnMode::Lstm) s.emplace_back(r.cy);
}

template <k::RnnMode Mode>
void rnnData(Stack& s, const char* op) {
  IValue* a = args(s, 9);
  k::RnnOptions o = options(op, Mode, a + 4, false);
  Tensor h, c;
  if constexpr (Mode == k::RnnMode::Lstm) std::tie(h, c) = lstmStates(op, a[2]);
  else h = a[2].toTensor();
  k::RnnResult r = k::rnnForwardPacked(o, a[0].toTensor(), a[1].toTensor(), h, c, tensorList(a[3]));
  ret(s, 9, r.output);
  s.emplace_back(r.hy);
  if constexpr (Mode == k::RnnMode::Lstm) s.emplace_back(r.cy);
}

using CellFn = Tensor (*)(const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Tensor&, const Tensor&);

template <CellFn Fn>
void cell(Stack& s) {
  IValue* a = args(s, 6);
  ret(s, 6, Fn(a[0].toTensor(), a[1].toTensor(), a[2].toTensor(), a[3].toTensor(), optTensor(a[4]), optTensor(a[5])));
}

}  // namespace

void registerRecurrentOps(OperatorRegistry& r) {
  r.add("aten::lstm.input(Tensor input, Tensor[] hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor, Tensor)",
        [](Stack& s) { rnnInput<k::RnnMode::Lstm>(s, "aten::lstm"); });
  r.add("aten::lstm.data(Tensor data, Tensor batch_sizes, Tensor[] hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional) -> (Tensor, Tensor, Tensor)",
        [](Stack& s) { rnnData<k::RnnMode::Lstm>(s, "aten::lstm"); });
  r.add("aten::gru.input(Tensor input, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor)",
        [](Stack& s) { rnnInput<k::RnnMode::Gru>(s, "aten::gru"); });
  r.add("aten::gru.data(Tensor data, Tensor batch_sizes, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional) -> (Tensor, Tensor)",
        [](Stack& s) { rnnData<k::RnnMode::Gru>(s, "aten::gru"); });
  r.add("aten::rnn_tanh.input(Tensor input, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor)",
        [](Stack& s) { rnnInput<k::RnnMode::RnnTanh>(s, "aten::rnn_tanh"); });
  r.add("aten::rnn_tanh.data(Tensor data, Tensor batch_sizes, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional) -> (Tensor, Tensor)",
        [](Stack& s) { rnnData<k::RnnMode::RnnTanh>(s, "aten::rnn_tanh"); });
  r.add("aten::rnn_relu.input(Tensor input, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first) -> (Tensor, Tensor)",
        [](Stack& s) { rnnInput<k::RnnMode::RnnRelu>(s, "aten::rnn_relu"); });
  r.add("aten::rnn_relu.data(Tensor data, Tensor batch_sizes, Tensor hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional) -> (Tensor, Tensor)",
        [](Stack& s) { rnnData<k::RnnMode::RnnRelu>(s, "aten::rnn_relu"); });

  r.add("aten::lstm_cell(Tensor input, Tensor[] hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih=None, Tensor? b_hh=None) -> (Tensor, Tensor)",
        [](Stack& s) {
          IValue* a = args(s, 6);
          auto [h, c] = lstmStates("aten::lstm_cell", a[1]);
          auto [hy, cy] = k::lstmCell(a[0].toTensor(), h, c, a[2].toTensor(), a[3].toTensor(), optTensor(a[4]),
                                      optTensor(a[5]));
          ret(s, 6, hy);
          s.emplace_back(cy);
        });
  r.add("aten::gru_cell(Tensor input, Tensor hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih=None, Tensor? b_hh=None) -> Tensor",
        cell<k::gruCell>);
  r.add("aten::rnn_tanh_cell(Tensor input, Tensor hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih=None, Tensor? b_hh=None) -> Tensor",
        cell<k::rnnTanhCell>);
  r.add("aten::rnn_relu_cell(Tensor input, Tensor hx, Tensor w_ih, Tensor w_hh, Tensor? b_ih=None, Tensor? b_hh=None) -> Tensor",
        cell<k::rnnReluCell>);
}

}  // namespace wick

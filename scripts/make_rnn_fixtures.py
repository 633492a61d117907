#!/usr/bin/env python3
"""Writes tests/data/rnn/cases.txt: PyTorch-computed cases for Wick's
recurrent ops (aten::lstm/gru/rnn_tanh/rnn_relu, padded and packed, and the
cells), read by tests/kernels/recurrent_test.cpp.

Format, one record per case:
  case <name> <overload> <rtol> <atol>
  arg T <dtype> <ndim> <sizes...> <values...>    a tensor
  arg U <n>                                      a tensor list; n "item T ..." lines follow
  arg B <0|1> | arg I <int> | arg F <float> | arg N
  out T ...                                      one line per returned tensor
  end
Run with a Python that has torch (1.13 used): python3 scripts/make_rnn_fixtures.py
"""
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "rnn", "cases.txt")
lines = []


def tensor_line(prefix, t):
    t = t.detach().contiguous()
    dt = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64"}[t.dtype]
    if t.dtype == torch.float32:
        vals = ["%.9g" % v for v in t.flatten().tolist()]
    elif t.dtype == torch.float64:
        vals = [repr(v) for v in t.flatten().tolist()]
    else:
        vals = [str(v) for v in t.flatten().tolist()]
    return " ".join([prefix, "T", dt, str(t.dim())] + [str(s) for s in t.shape] + vals)


def emit(name, overload, args, outs, dtype):
    rtol, atol = (1e-4, 1e-5) if dtype == torch.float32 else (1e-9, 1e-11)
    lines.append("case %s %s %g %g" % (name, overload, rtol, atol))
    for a in args:
        if isinstance(a, torch.Tensor):
            lines.append(tensor_line("arg", a))
        elif isinstance(a, (list, tuple)):
            lines.append("arg U %d" % len(a))
            lines.extend(tensor_line("item", t) for t in a)
        elif isinstance(a, bool):
            lines.append("arg B %d" % int(a))
        elif isinstance(a, int):
            lines.append("arg I %d" % a)
        elif isinstance(a, float):
            lines.append("arg F %r" % a)
        elif a is None:
            lines.append("arg N")
    for o in outs:
        lines.append(tensor_line("out", o))
    lines.append("end")


KINDS = {
    "lstm": (torch.nn.LSTM, torch.lstm),
    "gru": (torch.nn.GRU, torch.gru),
    "rnn_tanh": (lambda *a, **k: torch.nn.RNN(*a, nonlinearity="tanh", **k), torch.rnn_tanh),
    "rnn_relu": (lambda *a, **k: torch.nn.RNN(*a, nonlinearity="relu", **k), torch.rnn_relu),
}


def full_case(name, kind, seq, batch, inp, hidden, layers=1, bias=True, bidir=False, batch_first=False,
              dtype=torch.float32, dropout=0.0, proj=0, unbatched=False):
    make, op = KINDS[kind]
    kw = dict(num_layers=layers, bias=bias, bidirectional=bidir, batch_first=batch_first, dropout=dropout)
    if proj:
        kw["proj_size"] = proj
    m = make(inp, hidden, **kw).to(dtype).eval()
    dirs = 2 if bidir else 1
    hout = proj or hidden
    if unbatched:
        x = torch.randn(seq, inp, dtype=dtype)
        h0 = torch.randn(layers * dirs, hout, dtype=dtype)
        c0 = torch.randn(layers * dirs, hidden, dtype=dtype)
    else:
        x = torch.randn(batch, seq, inp, dtype=dtype) if batch_first else torch.randn(seq, batch, inp, dtype=dtype)
        h0 = torch.randn(layers * dirs, batch, hout, dtype=dtype)
        c0 = torch.randn(layers * dirs, batch, hidden, dtype=dtype)
    params = [p.detach() for p in m._flat_weights]
    hx = [h0, c0] if kind == "lstm" else h0
    with torch.no_grad():
        # The module handles unbatched input; aten's op itself wants 3-D.
        outs = m(x, (h0, c0) if kind == "lstm" else h0)
        outs = [outs[0]] + (list(outs[1]) if kind == "lstm" else [outs[1]])
        if not unbatched:
            ref = op(x, hx, params, bias, layers, dropout, False, bidir, batch_first)
            for a, b in zip(ref, outs):
                assert torch.equal(a, b)
    emit(name, "aten::%s.input" % kind, [x, hx, params, bias, layers, dropout, False, bidir, batch_first], outs,
         dtype)


def packed_case(name, kind, lengths, inp, hidden, layers=1, bias=True, bidir=False, dtype=torch.float32):
    make, op = KINDS[kind]
    m = make(inp, hidden, num_layers=layers, bias=bias, bidirectional=bidir).to(dtype).eval()
    dirs = 2 if bidir else 1
    seqs = [torch.randn(n, inp, dtype=dtype) for n in lengths]
    packed = torch.nn.utils.rnn.pack_sequence(seqs)
    batch = len(lengths)
    h0 = torch.randn(layers * dirs, batch, hidden, dtype=dtype)
    c0 = torch.randn(layers * dirs, batch, hidden, dtype=dtype)
    params = [p.detach() for p in m._flat_weights]
    hx = [h0, c0] if kind == "lstm" else h0
    with torch.no_grad():
        outs = op(packed.data, packed.batch_sizes, hx, params, bias, layers, 0.0, False, bidir)
    emit(name, "aten::%s.data" % kind, [packed.data, packed.batch_sizes, hx, params, bias, layers, 0.0, False, bidir],
         list(outs), dtype)


def cell_case(name, kind, batch, inp, hidden, bias=True, dtype=torch.float32, unbatched=False):
    cls = {"lstm": torch.nn.LSTMCell, "gru": torch.nn.GRUCell, "rnn_tanh": torch.nn.RNNCell,
           "rnn_relu": lambda *a, **k: torch.nn.RNNCell(*a, nonlinearity="relu", **k)}[kind]
    m = cls(inp, hidden, bias=bias).to(dtype).eval()
    shape = (lambda *s: s[1:]) if unbatched else (lambda *s: s)
    x = torch.randn(*shape(batch, inp), dtype=dtype)
    h0 = torch.randn(*shape(batch, hidden), dtype=dtype)
    c0 = torch.randn(*shape(batch, hidden), dtype=dtype)
    b_ih = m.bias_ih.detach() if bias else None
    b_hh = m.bias_hh.detach() if bias else None
    with torch.no_grad():
        if kind == "lstm":
            outs = list(m(x, (h0, c0)))
            hx = [h0, c0]
        else:
            outs = [m(x, h0)]
            hx = h0
    emit(name, "aten::%s_cell" % kind, [x, hx, m.weight_ih.detach(), m.weight_hh.detach(), b_ih, b_hh], outs, dtype)


def main():
    torch.manual_seed(0)
    f64 = torch.float64
    full_case("lstm_basic", "lstm", 5, 3, 4, 6)
    full_case("lstm_bf_bidir_2layer", "lstm", 4, 2, 3, 5, layers=2, bidir=True, batch_first=True)
    full_case("lstm_nobias_f64", "lstm", 4, 3, 3, 4, layers=2, bias=False, dtype=f64)
    full_case("lstm_unbatched_bidir", "lstm", 6, 1, 3, 4, bidir=True, unbatched=True)
    full_case("lstm_proj_bidir", "lstm", 4, 2, 3, 5, layers=2, bidir=True, proj=3)
    full_case("lstm_dropout_eval", "lstm", 3, 2, 3, 4, layers=2, dropout=0.5)
    full_case("lstm_bidir_f64", "lstm", 5, 2, 4, 3, bidir=True, batch_first=True, dtype=f64)
    full_case("gru_basic", "gru", 5, 3, 4, 6)
    full_case("gru_bf_bidir_2layer", "gru", 4, 2, 3, 5, layers=2, bidir=True, batch_first=True)
    full_case("gru_nobias_f64", "gru", 4, 3, 3, 4, layers=2, bias=False, dtype=f64)
    full_case("gru_unbatched", "gru", 5, 1, 3, 4, layers=2, unbatched=True)
    full_case("rnn_tanh_bidir_2layer", "rnn_tanh", 5, 3, 4, 6, layers=2, bidir=True)
    full_case("rnn_tanh_unbatched_f64", "rnn_tanh", 4, 1, 3, 4, dtype=f64, unbatched=True)
    full_case("rnn_relu_bf_nobias", "rnn_relu", 4, 2, 3, 5, bias=False, batch_first=True)
    full_case("rnn_relu_bidir_f64", "rnn_relu", 4, 2, 3, 5, layers=2, bidir=True, dtype=f64)
    packed_case("lstm_packed_bidir_2layer", "lstm", [5, 3, 3, 1], 3, 4, layers=2, bidir=True)
    packed_case("gru_packed_bidir", "gru", [4, 2, 1], 3, 4, bidir=True)
    packed_case("rnn_tanh_packed_f64", "rnn_tanh", [3, 3, 2], 2, 3, layers=2, dtype=f64)
    packed_case("rnn_relu_packed_nobias", "rnn_relu", [4, 1], 3, 3, bias=False)
    for kind in ["lstm", "gru", "rnn_tanh", "rnn_relu"]:
        cell_case(kind + "_cell", kind, 3, 4, 5)
        cell_case(kind + "_cell_nobias_f64", kind, 2, 3, 4, bias=False, dtype=f64)
        cell_case(kind + "_cell_unbatched", kind, 1, 3, 4, unbatched=True)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

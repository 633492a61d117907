#!/usr/bin/python3
"""Writes the TorchScript-module fixtures (scripted; traced for traced_*) that tests/model/run_fixtures.sh runs
through `wick run`: NAME.pt (torch.jit.save), NAME.args.pt (the positional
arguments, a tuple) and NAME.expected.pt (what TorchScript returns).

usage: /usr/bin/python3 scripts/make_fixtures.py [OUT_DIR] [--small] [NAME...]
  (OUT_DIR defaults to build/fixtures; --small leaves out the torchvision
  models; NAMEs pick cases)
"""
import os
import sys

from typing import Dict, List, NamedTuple, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_language  # noqa: E402


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 16)
        self.fc2 = nn.Linear(16, 4)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


class LoopIf(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.randn(5))
        self.steps: int = 3

    def forward(self, x, n: int):
        y = x
        for i in range(n + self.steps):
            if i % 2 == 0:
                y = y * self.scale + 1.0
            else:
                y = torch.tanh(y) - i
        return y


class Inner(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(6, 6))

    def forward(self, x):
        return torch.matmul(x, self.w).sigmoid()

    def twice(self, x):
        return self.forward(self.forward(x))


class Outer(nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = Inner()
        self.bias = nn.Parameter(torch.randn(6))

    def forward(self, x):
        return self.inner.twice(x) + self.bias + self.inner(x)


class Helpers(nn.Module):
    def __init__(self):
        super().__init__()
        self.offset = 0.5

    def scaled(self, x, scale: float = 3.0, shift: bool = False):
        y = x * scale
        if shift:
            y = y + self.offset
        return y

    def forward(self, x):
        a = self.scaled(x)
        b = self.scaled(x, 2.0, shift=True)
        values, indices = torch.max(a + b, 1)
        return values, indices, torch.sum(a, 1, keepdim=True)


class TracedConstant(nn.Module):
    """Traced: the captured tensor becomes CONSTANTS.c0 in constants.pkl."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.k = torch.randn(4)

    def forward(self, x):
        return self.fc(x) * self.k + x.view(-1, 4)[0]


class NormAct(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm = nn.LayerNorm(8)
        self.proj = nn.Linear(8, 3, bias=False)
        self.drop = nn.Dropout(0.1)

    def forward(self, x):
        return F.softmax(self.proj(self.drop(F.gelu(self.norm(x)))), dim=-1)


class ModList(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(4, 4) for _ in range(3)])
        self.acts = nn.ModuleDict({"a": nn.ReLU(), "b": nn.Tanh()})

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return self.acts["a"](x) + self.acts["b"](x)


class Containers(nn.Module):
    def __init__(self):
        super().__init__()
        self.table: Dict[str, int] = {"a": 1, "b": 2}
        self.sizes: List[int] = [2, 3]

    def forward(self, x, key: str, opt: Optional[torch.Tensor] = None):
        n = self.table[key]
        y = x.reshape(self.sizes) * n
        if opt is not None:
            y = y + opt
        out: List[torch.Tensor] = []
        for i in range(len(self.sizes)):
            out.append(y[i])
        return torch.stack(out, 0).sum(dim=1), {"k": y.mean()}


class Conv1dNoBias(nn.Module):
    def __init__(self):
        super().__init__()
        self.c = nn.Conv1d(2, 4, 3, bias=False, padding=1)
        self.bn = nn.BatchNorm1d(4)
        self.pool = nn.AvgPool1d(2)

    def forward(self, x):
        return self.pool(torch.sigmoid(self.bn(self.c(x))))


@torch.jit.script
class Accumulator(object):
    def __init__(self, scale: float):
        self.scale = scale
        self.total = 0.0

    def add(self, x: torch.Tensor) -> torch.Tensor:
        self.total += float(x.sum())
        return x * self.scale


class UserClass(nn.Module):
    def forward(self, x):
        acc = Accumulator(2.0)
        return acc.add(x) + acc.add(x) + acc.total


class Slicing(nn.Module):
    def forward(self, x):
        n = x.shape[0]
        return torch.cat([x[:, 0:2], x[1:, ::2].sum(0, keepdim=True).expand(n, -1)], 1)


class Exported(nn.Module):
    def forward(self, x):
        return self.helper(x)

    @torch.jit.export
    def helper(self, x):
        return x.clamp(min=0.0)


class SetState(nn.Module):
    """__setstate__ runs on load (in Wick as in torch.jit.load): w doubles."""

    def __init__(self):
        super().__init__()
        self.w = torch.randn(3)
        self.k = 2

    def forward(self, x):
        return x * self.w + self.k

    @torch.jit.export
    def __getstate__(self) -> Tuple[torch.Tensor, int, bool]:
        return (self.w, self.k, self.training)

    @torch.jit.export
    def __setstate__(self, state: Tuple[torch.Tensor, int, bool]):
        self.w = state[0] * 2
        self.k = state[1] + 1
        self.training = state[2]


class Pair(NamedTuple):
    y: torch.Tensor
    n: int


class NamedTupleOut(nn.Module):
    def combine(self, p: Pair) -> torch.Tensor:
        return p.y * p.n

    def forward(self, x) -> Pair:
        p = Pair(x * 2, x.size(0))
        return Pair(y=self.combine(p) + 1, n=p.n)


def small_cnn():
    return nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 8, 3, stride=2), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 4))


class SelfAttention(nn.Module):
    """nn.MultiheadAttention on one tensor (query is key is value), with the
    head-averaged weights: its fused path when PyTorch can take it."""

    def __init__(self):
        super().__init__()
        self.attn = nn.MultiheadAttention(32, 4, dropout=0.0, batch_first=True)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, Optional[torch.Tensor]]:
        return self.attn(x, x, x, need_weights=True)


class CrossAttention(nn.Module):
    """nn.MultiheadAttention with a separate key/value, a key padding mask and
    per-head weights: always F.multi_head_attention_forward."""

    def __init__(self):
        super().__init__()
        self.attn = nn.MultiheadAttention(32, 4, dropout=0.0, batch_first=True)

    def forward(self, q: torch.Tensor, kv: torch.Tensor, pad: torch.Tensor) -> Tuple[torch.Tensor, Optional[torch.Tensor]]:
        return self.attn(q, kv, kv, key_padding_mask=pad, need_weights=True, average_attn_weights=False)


class Sdpa(nn.Module):
    """F.scaled_dot_product_attention (PyTorch 2.x only): causal with more
    keys than queries, a boolean mask, a float mask with a given scale, and
    grouped-query attention (2 key/value heads for 4 query heads)."""

    def forward(self, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, keep: torch.Tensor, bias: torch.Tensor,
                k2: torch.Tensor, v2: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        b = F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
        c = F.scaled_dot_product_attention(q, k, v, attn_mask=bias, scale=0.3)
        d = F.scaled_dot_product_attention(q, k2, v2, enable_gqa=True)
        return a, b, c, d


def sdpa_cases():
    if not hasattr(F, "scaled_dot_product_attention"):
        return
    q, k, v = torch.randn(2, 4, 5, 8), torch.randn(2, 4, 6, 8), torch.randn(2, 4, 6, 8)
    keep = torch.rand(5, 6) > 0.4
    keep[:, 0] = True  # no query without a key
    bias = torch.randn(2, 1, 5, 6)
    yield "sdpa", Sdpa(), (q, k, v, keep, bias, torch.randn(2, 2, 6, 8), torch.randn(2, 2, 6, 8))


def encoder_layer(**kw):
    return nn.TransformerEncoderLayer(32, 4, 64, **kw)


def transformer_cases():
    x = torch.randn(2, 5, 32)
    pad = torch.tensor([[False, False, False, True, True], [False, False, False, False, False]])
    causal = torch.triu(torch.full((5, 5), float("-inf")), diagonal=1)
    # Fused: torch._transformer_encoder_layer_fwd (no grad, eval, batch_first, relu/gelu).
    yield "tel", encoder_layer(batch_first=True), (x,)
    yield "tel_gelu_norm_first", encoder_layer(batch_first=True, activation="gelu", norm_first=True), (x,)
    yield "tel_key_padding", encoder_layer(batch_first=True), (x, None, pad)
    # Decomposed: a src_mask, or an activation that is neither relu nor gelu,
    # or sequence-first layout, takes F.multi_head_attention_forward (or, with
    # dropout 0, the fused torch._native_multi_head_attention of the MHA).
    yield "tel_src_mask", encoder_layer(batch_first=True), (x, causal)
    yield "tel_tanh", encoder_layer(batch_first=True, activation=torch.tanh, dropout=0.0), (x,)
    yield "tel_seq_first", encoder_layer(), (x.transpose(0, 1).contiguous(), None, pad)
    yield "transformer_encoder", nn.TransformerEncoder(
        encoder_layer(batch_first=True), 2, norm=nn.LayerNorm(32)), (x,)
    yield "transformer_encoder_padding", nn.TransformerEncoder(
        encoder_layer(batch_first=True), 2, enable_nested_tensor=False), (x, None, pad)
    yield "mha_self", SelfAttention(), (x,)
    yield "mha_cross", CrossAttention(), (x[:, :3], x, pad)


class Lstm(nn.Module):
    """A scripted nn.LSTM has no `forward` of its own (it is overloaded on
    packed sequences), so the fixture calls it from a module."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(8, 16, num_layers=2, bidirectional=True, batch_first=True)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, Tuple[torch.Tensor, torch.Tensor]]:
        return self.rnn(x)


class Gru(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(8, 16, num_layers=2, bidirectional=True, batch_first=True)

    def forward(self, x: torch.Tensor, h0: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        return self.rnn(x, h0)


def recurrent_cases():
    x = torch.randn(3, 5, 8)
    yield "lstm", Lstm(), (x,)
    yield "gru", Gru(), (x, torch.randn(4, 3, 16))


# Whole models compare with rtol 1e-3 / atol 1e-4, everything else with
# compare.py's default (rtol 1e-4 / atol 1e-5).
MODEL_TOLERANCE = (1e-3, 1e-4)


def cases():
    """(name, module, args, tolerance or None) for every fixture."""
    small = [
        ("mlp", Mlp(), (torch.randn(3, 8),)),
        ("loop_if", LoopIf(), (torch.randn(5), 4)),
        ("submodule", Outer(), (torch.randn(2, 6),)),
        ("helpers", Helpers(), (torch.randn(3, 4),)),
        ("small_cnn", small_cnn(), (torch.randn(2, 3, 16, 16),)),
        ("traced_constant", TracedConstant(), (torch.randn(3, 4),)),
        ("norm_act", NormAct(), (torch.randn(2, 5, 8),)),
        ("module_list", ModList(), (torch.randn(2, 4),)),
        ("containers", Containers(), (torch.randn(6), "b", torch.randn(3))),
        ("conv1d", Conv1dNoBias(), (torch.randn(2, 2, 8),)),
        ("user_class", UserClass(), (torch.randn(3),)),
        ("slicing", Slicing(), (torch.randn(3, 4),)),
        ("exported", Exported(), (torch.randn(3),)),
        ("setstate", SetState(), (torch.randn(3),)),
        ("named_tuple", NamedTupleOut(), (torch.randn(3),)),
    ]
    for name, module, args in small:
        yield name, module, args, None
    for name, module, args in fixture_language.cases():
        yield name, module, args, None
    for name, module, args in transformer_cases():
        yield name, module, args, MODEL_TOLERANCE
    for name, module, args in recurrent_cases():
        yield name, module, args, MODEL_TOLERANCE
    for name, module, args in sdpa_cases():
        yield name, module, args, None
    try:
        import torchvision
    except ImportError:
        return
    image = (torch.randn(1, 3, 64, 64),)
    yield "resnet18", torchvision.models.resnet18(), image, MODEL_TOLERANCE
    yield "traced_resnet18", torchvision.models.resnet18(), image, MODEL_TOLERANCE
    yield "mobilenet_v2", torchvision.models.mobilenet_v2(), image, MODEL_TOLERANCE
    yield "squeezenet1_1", torchvision.models.squeezenet1_1(), image, MODEL_TOLERANCE


def save_fixture(out, name, module, args, tolerance):
    """Writes NAME.pt, NAME.args.pt, NAME.expected.pt (and NAME.tol when the
    case has its own tolerance) with the torch that runs this script."""
    module = module.eval()
    if name.startswith("traced_"):
        scripted = torch.jit.trace(module, args)
    else:
        scripted = torch.jit.script(module)
    path = os.path.join(out, name + ".pt")
    torch.jit.save(scripted, path)
    torch.save(args, os.path.join(out, name + ".args.pt"))
    # The expectation comes from the archive as torch.jit.load sees it
    # (after __setstate__), which is what Wick loads. Without grad, as Wick
    # runs (torch.is_grad_enabled() is false there), so the fused
    # transformer paths are the ones compared.
    with torch.no_grad():
        result = torch.jit.load(path)(*args)
        # A NamedTuple's class is TorchScript's, which pickle cannot
        # name; Wick writes NamedTuples as tuples.
        result = plain(result)
        torch.save(result, os.path.join(out, name + ".expected.pt"))
    tol_path = os.path.join(out, name + ".tol")
    if tolerance:
        with open(tol_path, "w") as f:
            f.write(f"{tolerance[0]} {tolerance[1]}\n")
    elif os.path.exists(tol_path):
        os.remove(tol_path)


def plain(value):
    """NamedTuples (also nested ones) as plain tuples."""
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


# The whole torchvision models: --small leaves them out (for runs that
# repeat the corpus many times, such as the JIT's comparisons).
LARGE = {"resnet18", "traced_resnet18", "mobilenet_v2", "squeezenet1_1"}


def main():
    argv = sys.argv[1:]
    small = "--small" in argv
    argv = [a for a in argv if a != "--small"]
    out = argv[0] if argv else "build/fixtures"
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    only = set(argv[1:])
    for name, module, args, tolerance in cases():
        if only and name not in only:
            continue
        if small and name in LARGE:
            continue
        save_fixture(out, name, module, args, tolerance)
        print(name)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Builds the benchmark workloads of `scripts/compare_torch.py` with PyTorch
(Debian's 1.13) and random weights: for each workload NAME a TorchScript
archive NAME.pt (torch.jit.save) and its positional arguments NAME.args.pt
(torch.save of a tuple), plus workloads.json describing them.

    /usr/bin/python3 bench/workloads/make_workloads.py [OUT_DIR] [--only W1,W5]

OUT_DIR defaults to build/workloads. Deterministic (fixed seeds); a workload
whose two files already exist is kept unless --force is given.

    /usr/bin/python3 bench/workloads/make_workloads.py --smoke bench/workloads/smoke

writes the tiny archive the ctest smoke (bench/bench_smoke.sh) runs: W1's
module on a [4, 8] input (smoke.pt, smoke.args.pt; committed).
"""
import argparse
import json
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class GeluErf(nn.Module):
    """W1: GELU (erf form) as an elementwise chain."""

    def forward(self, x):
        return x * 0.5 * (1.0 + torch.erf(x * 0.7071067811865476))


class BiasSiluResidual(nn.Module):
    """W2: bias add, SiLU, residual add."""

    def __init__(self, n):
        super().__init__()
        self.bias = nn.Parameter(torch.randn(n))

    def forward(self, x, residual):
        y = x + self.bias
        y = y * torch.sigmoid(y)
        return y + residual


class LayerNormOps(nn.Module):
    """W3: LayerNorm over the last dimension written as ops."""

    def __init__(self, n):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(n))
        self.bias = nn.Parameter(torch.randn(n))

    def forward(self, x):
        mean = x.mean(-1, keepdim=True)
        centered = x - mean
        var = (centered * centered).mean(-1, keepdim=True)
        return centered * torch.rsqrt(var + 1e-5) * self.weight + self.bias


class Mlp(nn.Module):
    """W4: Linear(1024, 4096) -> GELU -> Linear(4096, 1024)."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(1024, 4096)
        self.fc2 = nn.Linear(4096, 1024)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class LstmLoop(nn.Module):
    """W8: a hand-written LSTM cell looped over the sequence."""

    def __init__(self, input_size, hidden):
        super().__init__()
        k = 1.0 / math.sqrt(hidden)
        self.w_ih = nn.Parameter(torch.empty(4 * hidden, input_size).uniform_(-k, k))
        self.w_hh = nn.Parameter(torch.empty(4 * hidden, hidden).uniform_(-k, k))
        self.b = nn.Parameter(torch.empty(4 * hidden).uniform_(-k, k))

    def forward(self, xs, h, c):
        for t in range(xs.size(0)):
            gates = torch.mm(xs[t], self.w_ih.t()) + torch.mm(h, self.w_hh.t()) + self.b
            i, f, g, o = gates.chunk(4, 1)
            i = torch.sigmoid(i)
            f = torch.sigmoid(f)
            g = torch.tanh(g)
            o = torch.sigmoid(o)
            c = f * c + i * g
            h = o * torch.tanh(c)
        return h, c


class ScalarLoop(nn.Module):
    """W9: int/float arithmetic and a branch, no tensors."""

    def forward(self, n: int) -> float:
        k = 0
        acc = 0.0
        for i in range(n):
            k = (k * 31 + i) % 1000003
            if k % 3 == 0:
                acc = acc + float(k) * 0.5
            else:
                acc = acc - 1.25
        return acc


class TinyTensorLoop(nn.Module):
    """W9b: x = x * 0.5 + 1 on a one-element tensor."""

    def forward(self, x, n: int):
        for _ in range(n):
            x = x * 0.5 + 1
        return x


def resnet18():
    import torchvision
    return torch.jit.script(torchvision.models.resnet18().eval())


def mobilenet_v3_small():
    import torchvision
    return torch.jit.script(torchvision.models.mobilenet_v3_small().eval())


def transformer_layer():
    layer = nn.TransformerEncoderLayer(256, 4, 1024, batch_first=True).eval()
    return torch.jit.script(layer)


F32 = 4
N = 4096 * 1024

# name -> (description, builder of the scripted module, builder of the args,
#          ideal bytes moved per call for memory-bound workloads or None,
#          FLOPs per call for compute-bound ones or None)
WORKLOADS = {
    "W1": ("GELU(erf) chain, [4096, 1024]", lambda: torch.jit.script(GeluErf()),
           lambda: (torch.randn(4096, 1024),), 2 * N * F32, None),
    "W2": ("bias + SiLU + residual, [4096, 1024]", lambda: torch.jit.script(BiasSiluResidual(1024)),
           lambda: (torch.randn(4096, 1024), torch.randn(4096, 1024)), 3 * N * F32, None),
    "W3": ("LayerNorm as ops, [4096, 1024]", lambda: torch.jit.script(LayerNormOps(1024)),
           lambda: (torch.randn(4096, 1024),), 2 * N * F32, None),
    "W4": ("MLP 1024-4096-1024, GELU, batch 64", lambda: torch.jit.script(Mlp()),
           lambda: (torch.randn(64, 1024),), None, 2 * 2 * 64 * 1024 * 4096),
    "W5": ("resnet18, batch 1, 224x224", resnet18, lambda: (torch.randn(1, 3, 224, 224),), None,
           2 * 1.814e9),
    "W6": ("mobilenet_v3_small, batch 1, 224x224", mobilenet_v3_small,
           lambda: (torch.randn(1, 3, 224, 224),), None, None),
    "W7": ("TransformerEncoderLayer(256, 4, 1024), [8, 128, 256]", transformer_layer,
           lambda: (torch.randn(8, 128, 256),), None, None),
    "W8": ("hand-written LSTM cell, 64 steps, batch 16, hidden 256",
           lambda: torch.jit.script(LstmLoop(256, 256)),
           lambda: (torch.randn(64, 16, 256), torch.zeros(16, 256), torch.zeros(16, 256)), None,
           64 * 2 * 2 * 16 * 256 * 1024),
    "W9": ("scalar loop, 100,000 iterations", lambda: torch.jit.script(ScalarLoop()),
           lambda: (100000,), None, None),
    "W9b": ("x = x * 0.5 + 1 on a 1-element tensor, 10,000 iterations",
            lambda: torch.jit.script(TinyTensorLoop()), lambda: (torch.ones(1), 10000), None, None),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default="build/workloads")
    ap.add_argument("--only", default="", help="comma-separated workload names")
    ap.add_argument("--force", action="store_true", help="rebuild existing workloads")
    ap.add_argument("--smoke", metavar="DIR", help="write only the tiny smoke workload to DIR")
    a = ap.parse_args()
    if a.smoke:
        os.makedirs(a.smoke, exist_ok=True)
        torch.manual_seed(1)
        torch.jit.save(torch.jit.script(GeluErf()), os.path.join(a.smoke, "smoke.pt"))
        torch.save((torch.randn(4, 8),), os.path.join(a.smoke, "smoke.args.pt"))
        return
    names = [n for n in a.only.split(",") if n] or list(WORKLOADS)
    for n in names:
        if n not in WORKLOADS:
            sys.exit(f"make_workloads: unknown workload {n} (have {', '.join(WORKLOADS)})")
    os.makedirs(a.out, exist_ok=True)
    meta = {}
    for name, (desc, build, make_args, ideal_bytes, flops) in WORKLOADS.items():
        meta[name] = {"description": desc, "model": f"{name}.pt", "args": f"{name}.args.pt",
                      "ideal_bytes": ideal_bytes, "flops": flops}
        if name not in names:
            continue
        model = os.path.join(a.out, f"{name}.pt")
        args = os.path.join(a.out, f"{name}.args.pt")
        if not a.force and os.path.exists(model) and os.path.exists(args):
            continue
        torch.manual_seed(0)
        m = build()
        torch.manual_seed(1)
        inputs = make_args()
        with torch.no_grad():
            m(*inputs)  # the archive runs under TorchScript before it is a workload
        torch.jit.save(m, model)
        torch.save(inputs, args)
        print(f"make_workloads: {name}: {desc}")
    with open(os.path.join(a.out, "workloads.json"), "w") as f:
        json.dump(meta, f, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Writes examples/*.txt: TorchScript graphs printed by PyTorch, which
`scripts/demo` runs with `wick run-ir`. Run with /usr/bin/python3 (torch)."""
import os

import torch
from torch import Tensor


def mlp_block(x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor) -> Tensor:
    # A tiny MLP with a residual and an RMS normalization.
    h = torch.nn.functional.gelu(torch.addmm(b1, x, w1.t()))
    y = torch.matmul(h, w2) + x
    scale = torch.rsqrt((y * y).mean(-1, keepdim=True) + 1e-6)
    return y * scale


def collatz_steps(n: int) -> int:
    # Scalar control flow: a while loop with a branch.
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples")
    for fn in (mlp_block, collatz_steps):
        with open(os.path.join(out, fn.__name__ + ".txt"), "w") as f:
            f.write(str(torch.jit.script(fn).graph))
    torch.manual_seed(0)
    print(collatz_steps(27))

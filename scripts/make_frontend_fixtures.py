#!/usr/bin/python3
"""Writes tests/data/frontend/<model>/code/**/*.py: the TorchScript source that
PyTorch 1.13's printer stores in `torch.jit.save` archives, the reference
input for Wick's source lexer and parser. Only the code files are kept (no
weights). Run with a Python that has torch: /usr/bin/python3."""
import io
import os
import shutil
import sys
import zipfile
from typing import Dict, List, NamedTuple, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "frontend")


def lists_and_loops(xs: List[int], n: int) -> List[int]:
    out = annotate_list()
    for i in range(n):
        if i == 2:
            continue
        if i > 5:
            break
        out.append(xs[i % len(xs)] * 2)
    while n > 0:
        n -= 1
        out.insert(0, n << 1 >> 1 & 7 | 8 ^ 3)
    return out[1:] + [v * 3 for v in xs]


def annotate_list() -> List[int]:
    r: List[int] = []
    return r


def dicts(d: Dict[str, torch.Tensor], key: str) -> Dict[str, int]:
    e: Dict[str, int] = {"a": 1, "b": 2}
    for k, v in d.items():
        e[k] = v.numel()
    if key in e and key not in ["z"]:
        e[key] += 1
    return {k: v * 2 for k, v in e.items()}


def optional_refine(x: Optional[torch.Tensor], y: Optional[int] = None) -> torch.Tensor:
    if x is None:
        x = torch.zeros([2])
    if y is not None and y > 1:
        return x * y
    assert x is not None, "x must be set"
    return x


def strings(s: str, n: int) -> str:
    a = 'single \'quoted\'' + "double \"q\" \n\t\\"
    b = """triple
quoted"""
    if s.startswith("x") or not s.endswith("y"):
        a = a + s.upper()
    return "{} {}".format(a, b) + str(n) + f"{n}"


def tuples(x: torch.Tensor, y: torch.Tensor) -> Tuple[torch.Tensor, int]:
    t = (x, (y, 3))
    a, (b, c) = t
    return a @ b.t(), c


def slicing(x: torch.Tensor) -> torch.Tensor:
    a = x[0]
    b = x[1:]
    c = x[:, None, ::2]
    d = x[..., 1]
    e = x[1:-1:2, 0]
    x[0] = 1.0
    return a.sum() + b.sum() + c.sum() + d.sum() + e.sum()


def arith(a: int, b: float, t: torch.Tensor) -> float:
    r = a // 3 + a % 2 - (-a) ** 2
    m = ~(t > 0)
    f = b / 2.5 + 1e-3 + 0x1F + float("inf")
    if 0 < a < 10:
        f = f * 2.0
    g = f if a > 3 else -f
    t2 = t.to(torch.float64).to(dtype=torch.int32)
    return r + g + float(t2.sum().item()) + float(t.dim()) + float(m.sum())


def raises(x: int) -> int:
    if x < 0:
        raise ValueError("negative: " + str(x))
    elif x == 0:
        raise RuntimeError("zero")
    else:
        pass
    return x


def isinstances(x: Optional[List[int]], y: Tuple[int, str]) -> int:
    if isinstance(x, list):
        return len(x)
    return y[0]


class Point(NamedTuple):
    x: torch.Tensor
    y: Optional[int]


def make_point(t: torch.Tensor) -> Point:
    p = Point(t, 3)
    return Point(p.x * 2, None)


@torch.jit.script
class Counter(object):
    def __init__(self, start: int):
        self.count = start
        self.names: List[str] = []

    def bump(self, by: int = 1) -> int:
        self.count += by
        return self.count


def use_counter(n: int) -> int:
    c = Counter(n)
    c.bump()
    return c.bump(by=2)


class WithConstants(nn.Module):
    __constants__ = ["dim", "mode"]

    def __init__(self):
        super().__init__()
        self.dim = 1
        self.mode = "sum"
        self.lin = nn.Linear(4, 4)
        self.seq = nn.Sequential(nn.ReLU(), nn.Linear(4, 2))
        self.items = nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2)])
        self.register_buffer("scale", torch.ones(1))

    @torch.jit.export
    def helper(self, x: torch.Tensor, flag: bool = False) -> torch.Tensor:
        return x.sum(self.dim, keepdim=flag)

    def forward(self, x: torch.Tensor, y: Optional[torch.Tensor] = None) -> torch.Tensor:
        x = self.lin(x) * self.scale
        x = self.seq(x)
        for m in self.items:
            x = m(x)
        if y is not None:
            x = x + y
        xs = [x, x]
        ys = torch.cat(xs, dim=self.dim)
        return F.softmax(ys, dim=-1) + self.helper(ys, True)


class WithTensorLists(nn.Module):
    def forward(self, xs: List[torch.Tensor]) -> Tuple[List[torch.Tensor], Dict[int, torch.Tensor]]:
        out = torch.jit.annotate(List[torch.Tensor], [])
        d: Dict[int, torch.Tensor] = {}
        for i, x in enumerate(xs):
            out.append(x.relu())
            d[i] = x
        for a, b in zip(xs, out):
            a.add_(b)
        return out, d


def nested_break(xs: List[List[int]], limit: int) -> Tuple[int, bool]:
    total = 0
    found = False
    for row in xs:
        for v in row:
            if v < 0:
                continue
            total += v
            if total > limit:
                found = True
                break
        if found:
            break
    return total, found


def no_grad_block(x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        y = x * 2
    return y.detach() if x.requires_grad else y


def uninit_and_types(x: Optional[int], t: Tuple[int, float]) -> float:
    if x is None:
        return 0.0
    a, b = t
    if isinstance(b, float) and not isinstance(x, (str, bool)):
        return b * a + x
    raise AssertionError("unreachable")


def traced_const(x: torch.Tensor) -> torch.Tensor:
    return x * torch.tensor([1.0, 2.0]) + 3


FUNCTIONS = [nested_break, no_grad_block, uninit_and_types, lists_and_loops, dicts, optional_refine, strings, tuples, slicing, arith, raises,
             isinstances, make_point, use_counter]


def extract(name, scripted):
    buf = io.BytesIO()
    torch.jit.save(scripted, buf)
    dest = os.path.join(OUT, name)
    shutil.rmtree(dest, ignore_errors=True)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        for entry in z.namelist():
            parts = entry.split("/")
            if len(parts) < 3 or parts[1] != "code" or not entry.endswith(".py"):
                continue
            path = os.path.join(dest, *parts[1:])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(z.read(entry))


class FunctionHolder(nn.Module):
    """Wraps the free functions so one archive keeps all of them."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x


def main():
    # The printer lists Final constants in set order; a fixed hash seed makes
    # reruns write identical files.
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        os.execve(sys.executable, [sys.executable] + sys.argv, env)
    import torchvision

    torch.manual_seed(0)
    extract("resnet18", torch.jit.script(torchvision.models.resnet18()))
    extract("mobilenet_v2", torch.jit.script(torchvision.models.mobilenet_v2()))
    extract("transformer_encoder_layer", torch.jit.script(nn.TransformerEncoderLayer(64, 4, 128)))
    extract("lstm", torch.jit.script(nn.LSTM(8, 16, 2, bidirectional=True)))
    extract("resnet18_traced", torch.jit.trace(torchvision.models.resnet18().eval(),
                                               torch.randn(1, 3, 64, 64)))
    extract("with_constants", torch.jit.script(WithConstants()))
    extract("tensor_lists", torch.jit.script(WithTensorLists()))
    extract("fn_traced_const", torch.jit.trace(traced_const, torch.randn(3, 2)))
    for fn in FUNCTIONS:
        extract("fn_" + fn.__name__, torch.jit.script(fn))
    print("wrote", OUT, file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Writes tests/data/ir/<name>.txt: PyTorch 1.13's printed TorchScript graphs
(with their `# file:line:col` comments), the reference for Wick's graph text
printer and parser. Run with a Python that has torch: /usr/bin/python3."""
import math
import os
import sys
from typing import Any, Dict, List, NamedTuple, Optional, Tuple, Union

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "ir")


def loop_break_continue(x: torch.Tensor, n: int) -> torch.Tensor:
    for i in range(n):
        if i == 2:
            continue
        if i > 5:
            break
        x = x + i
    return x


def if_elif(a: int, b: float) -> float:
    if a > 3:
        r = b * 2.0
    elif a < -1:
        r = b - 1.5
    else:
        r = float(a)
    return r


def tuples(x: torch.Tensor, y: torch.Tensor) -> Tuple[torch.Tensor, int]:
    t = (x, y, 3)
    a, b, c = t
    return a + b, c


def lists(xs: List[int]) -> List[int]:
    out: List[int] = []
    for v in xs:
        out.append(v * 2)
    out[0] = 7
    return out + [1, 2]


def dicts(d: Dict[str, torch.Tensor], key: str) -> torch.Tensor:
    e: Dict[str, int] = {"a": 1, "b": 2}
    if key in d:
        return d[key] * e["a"]
    return torch.zeros(3)


def strings(s: str, n: int) -> str:
    t = s + "-\"q\"\n" + str(n)
    if t.startswith("ab"):
        t = t.upper()
    return t[1:3]


def optional_refine(x: Optional[torch.Tensor], y: torch.Tensor) -> torch.Tensor:
    if x is None:
        return y
    return x + y


def int_float_math(a: int, b: float) -> float:
    c = a // 3 + a % 5 - (a << 1)
    d = b / 2.5 + math.inf - 1e-5
    return c * d ** 2.0


def tensor_math(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    y = torch.matmul(x, w).relu()
    z = torch.softmax(y, dim=-1)
    return z.sum(0, keepdim=True) + y.mean() * 0.5 - torch.tensor([1.0, 2.0])


def nested_loops(n: int, m: int) -> int:
    total = 0
    for i in range(n):
        j = 0
        while j < m:
            total += i * j
            j += 1
    return total


def raise_untaken(x: torch.Tensor, flag: bool) -> torch.Tensor:
    if flag:
        raise ValueError("flag must be false")
    return x.neg()


def while_loop(x: float) -> float:
    i = 0
    while x > 1.0:
        x = x / 2.0
        i += 1
    return x + i


def layer_norm(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    y = torch.layer_norm(x, [x.size(-1)], w, b, 1e-05)
    return torch.nn.functional.gelu(y).view(-1, 4).contiguous()


def constants(x: torch.Tensor) -> Tuple[bool, Optional[int], float, str, torch.Tensor]:
    y = x.to(torch.float64)
    z = torch.zeros([2, 2], dtype=torch.int32, device=torch.device("cpu"))
    return True, None, -math.inf, "s\t'x'", y + z


class Pair(NamedTuple):
    a: int
    b: torch.Tensor


@torch.jit.script
class Counter:
    def __init__(self, n: int):
        self.n = n

    def inc(self) -> int:
        self.n += 1
        return self.n


def objects_and_unions(x: Any, y: Union[int, str], p: Pair,
                       z: List[Optional[torch.Tensor]]) -> Tuple[bool, int, Pair]:
    b = isinstance(x, int)
    c = Counter(3)
    k = c.inc()
    q = Pair(k, p.b)
    if isinstance(y, int):
        k = k + y
    u = (1, 2.5)
    return b, k + int(u[1]), q


def fork_and_dict(x: torch.Tensor) -> Dict[int, List[float]]:
    d: Dict[int, List[float]] = {}
    d[1] = [float(x.sum()), 2.0]
    fut = torch.jit.fork(torch.relu, x)
    y = torch.jit.wait(fut)
    return d


def context_print_assert(x: torch.Tensor):
    with torch.no_grad():
        y = x * 2
    print(y, "hi")
    assert x.dim() == 2, "must be 2d"
    return y[0, 1:], x.shape, x.dtype, x.device


class Foo(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(4, 3)
        self.count = 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.count += 1
        return torch.relu(self.lin(x)) * self.count


def main():
    os.makedirs(OUT, exist_ok=True)
    fns = [loop_break_continue, if_elif, tuples, lists, dicts, strings, optional_refine,
           int_float_math, tensor_math, nested_loops, raise_untaken, while_loop, layer_norm,
           constants, objects_and_unions, fork_and_dict, context_print_assert]
    graphs = {fn.__name__: torch.jit.script(fn).graph for fn in fns}
    graphs["module_forward"] = torch.jit.script(Foo()).forward.graph
    # A graph with complete tensor types, as the profiling executor records them.
    traced = torch.jit.trace(lambda a, b: torch.relu(a @ b) + 1,
                             (torch.ones(2, 3), torch.ones(3, 4)))
    graphs["traced_typed"] = traced.graph
    for name, g in graphs.items():
        text = str(g)
        # Anonymize the absolute path PyTorch prints so the fixtures are stable.
        text = text.replace(os.path.abspath(__file__), "make_ir_fixtures.py")
        with open(os.path.join(OUT, name + ".txt"), "w") as f:
            f.write(text)
    print(f"wrote {len(graphs)} graphs to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()

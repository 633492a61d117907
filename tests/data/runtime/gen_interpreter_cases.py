# Prints the TorchScript graphs and PyTorch 1.13 results that
# tests/runtime/interpreter_test.cpp embeds. Run with a Python that has
# torch: /usr/bin/python3 tests/data/runtime/gen_interpreter_cases.py
import math
from typing import Dict, List, Tuple, Union

import torch


def loop_a(n: int) -> float:
    k = 0
    acc = 0.0
    for i in range(n):
        k = (k * 31 + i) % 1000003
        if k % 3 == 0:
            acc = acc + float(k) * 0.5
        else:
            acc = acc - 1.25
    return acc


def break_continue(n: int) -> int:
    s = 0
    i = 0
    while i < n:
        i += 1
        if i % 2 == 0:
            continue
        if s > 50:
            break
        s += i
    return s


def nested(n: int, m: int) -> int:
    total = 0
    for i in range(n):
        for j in range(m):
            if (i + j) % 2 == 0:
                total += i * j
            else:
                total -= 1
    return total


def carried_tuple(n: int) -> Tuple[int, float]:
    t = (0, 1.0)
    for i in range(n):
        a, b = t
        t = (a + i, b * 2.0)
    return t


def swap(n: int) -> Tuple[int, int]:
    a = 1
    b = 2
    for i in range(n):
        a, b = b, a + b
    return a, b


def raise_if(x: int) -> int:
    if x > 10:
        raise ValueError("x too big: " + str(x))
    return x * 2


def lists(n: int) -> List[int]:
    l: List[int] = []
    for i in range(n):
        l.append(i * i)
    l[-1] = 7
    return l[1:] + [len(l), l[-2]]


def dicts(keys: List[str]) -> Dict[str, int]:
    d: Dict[str, int] = {}
    for k in keys:
        if k in d:
            d[k] += 1
        else:
            d[k] = 1
    return d


def strings(a: str, n: int) -> str:
    s = a
    for i in range(n):
        s = s + str(i)
    return "{}-{}".format(s, len(s))


def for_range(lo: int, hi: int, step: int) -> int:
    acc = 0
    for i in range(lo, hi, step):
        acc = acc * 10 + i
    return acc


def isinstance_union(x: Union[int, str, List[int]]) -> int:
    if isinstance(x, int):
        return x + 1
    elif isinstance(x, str):
        return len(x)
    else:
        return len(x) * 10


def tensor_loop(x: torch.Tensor, n: int) -> torch.Tensor:
    for i in range(n):
        x = x * 0.5 + 1
    return x


CASES = [
    (loop_a, (1000,)), (loop_a, (100000,)), (break_continue, (100,)), (break_continue, (5,)),
    (nested, (7, 5)), (carried_tuple, (5,)), (swap, (10,)), (raise_if, (3,)), (lists, (5,)),
    (dicts, (["a", "b", "a", "c", "a"],)), (strings, ("x", 3)), (for_range, (10, 1, -3)),
    (tensor_loop, (torch.tensor([2.0]), 10)), (isinstance_union, (3,)), (isinstance_union, ("abcd",)),
    (isinstance_union, ([1, 2],)),
]

# Each graph is saved as tests/data/runtime/<name>.graph (with the source
# path in the location comments shortened to t.py).
for fn, args in CASES:
    s = torch.jit.script(fn)
    print("=====", fn.__name__, args)
    print(s.graph)
    print("result:", repr(s(*args)))

"""Scripted modules that exercise the TorchScript language (not operators):
lists, dicts, strings, tuples and NamedTuples, Optional refinement, loops
with break/continue, user classes, free functions, exceptions on untaken
branches, isinstance. scripts/make_fixtures.py imports cases() from here.
"""
import math
from typing import Dict, List, NamedTuple, Optional, Tuple, Union

import torch
from torch import nn


class ListOps(nn.Module):
    """Lists: literals, append/extend/insert/pop/remove, slicing, `in`,
    comprehensions, sorted/min/max/sum, list of tensors and of lists."""

    def forward(self, x: torch.Tensor, n: int) -> Tuple[List[int], torch.Tensor, List[List[int]]]:
        xs: List[int] = [3, 1, 2]
        xs.append(n)
        xs.extend([7, 5])
        xs.insert(1, 10)
        last = xs.pop()
        xs.remove(1)
        squares = [v * v for v in xs]
        xs = xs + squares[1:]
        ys = sorted(xs)
        ys.reverse()
        total = 0
        for v in ys[::2]:
            total += v
        has = 7 in ys and 100 not in ys
        grid = [[i * j for j in range(3)] for i in range(2)]
        parts = [x * float(v) for v in ys[:3]]
        y = torch.stack(parts).sum(0) + total + last + int(has) + max(ys) - min(ys) + len(grid)
        return ys, y, grid


class DictOps(nn.Module):
    """Dicts: literal, get with default, setdefault-free updates, iteration over
    keys/items/values (insertion order), `in`, pop, comprehension, del."""

    def forward(self, x: torch.Tensor, names: List[str]) -> Tuple[Dict[str, int], torch.Tensor, List[str]]:
        counts: Dict[str, int] = {}
        for name in names:
            counts[name] = counts.get(name, 0) + 1
        scale: Dict[str, float] = {"a": 0.5, "b": 2.0}
        scale.update({"c": -1.0})
        y = x
        for k, v in scale.items():
            if k in counts:
                y = y + v * counts[k]
        for k in counts.keys():
            if k not in scale:
                y = y * 2.0
        vals = [v for v in scale.values()]
        removed = scale.pop("a")
        doubled = {k: v * 2 for k, v in counts.items()}
        if "zzz" in doubled:
            del doubled["zzz"]
        keys = list(doubled.keys())
        return doubled, y + removed + sum(vals) + len(scale), keys


class StringOps(nn.Module):
    """Strings: split/join/strip/replace/upper/lower/startswith/endswith/find,
    f-strings and format, slicing, comparisons, iteration over characters."""

    def forward(self, text: str, k: int) -> Tuple[str, List[str], int, bool]:
        words = text.strip().split(" ")
        shout = "-".join([w.upper() for w in words])
        shout = shout.replace("O", "0")
        title = f"{words[0].lower()}:{k}"
        fmt = "{} and {}".format(words[-1], k * 2)
        vowels = 0
        for c in text:
            if c in "aeiou":
                vowels += 1
        pos = text.find("lo")
        ok = text.startswith(" ") or shout.endswith("D") and title < fmt
        tail = text[1:4] + str(vowels) + str(1.5)
        return shout + "|" + title + "|" + fmt + "|" + tail, words, pos + vowels, ok


class OptionalRefine(nn.Module):
    """Optional refinement: `is None` / `is not None` on arguments and
    attributes, early return, Optional in containers, unchecked refinement
    through `assert x is not None`."""

    def __init__(self):
        super().__init__()
        self.bias: Optional[torch.Tensor] = torch.randn(4)
        self.maybe: Optional[int] = None

    def pick(self, a: Optional[int], b: int) -> int:
        if a is None:
            return b
        return a + b

    def forward(self, x: torch.Tensor, w: Optional[torch.Tensor], k: Optional[int]) -> torch.Tensor:
        y = x
        if w is not None:
            y = y * w
        bias = self.bias
        if bias is not None:
            y = y + bias
        if self.maybe is None:
            y = y - 1.0
        opts: List[Optional[int]] = [k, None, 3]
        acc = 0
        for o in opts:
            if o is not None:
                acc += o
        assert k is not None
        return y * (acc + self.pick(k, 1) + self.pick(None, 2))


class LoopControl(nn.Module):
    """while and for with break/continue, nested loops, loop-carried tensors
    and counters, loops whose trip count depends on tensor values."""

    def forward(self, x: torch.Tensor, limit: int) -> Tuple[torch.Tensor, int, int]:
        i = 0
        steps = 0
        y = x
        while True:
            i += 1
            if i % 3 == 0:
                continue
            if i > limit:
                break
            y = y * 0.9 + 0.1
            steps += 1
        found = -1
        for a in range(5):
            for b in range(5):
                if a * b == 6:
                    found = a * 10 + b
                    break
            if found >= 0:
                break
        while bool(y.abs().sum() > 1.0):
            y = y / 2
            steps += 1
        return y, steps, found


def checked_div(a: int, b: int) -> int:
    if b == 0:
        raise ValueError("division by zero: " + str(a))
    return a // b


class Exceptions(nn.Module):
    """Exceptions on untaken branches: raise in helper functions and methods,
    assert with messages, torch._assert-like checks; none fire here."""

    def forward(self, x: torch.Tensor, a: int, b: int) -> torch.Tensor:
        if x.dim() != 2:
            raise RuntimeError(f"expected 2-D input, got {x.dim()}-D")
        assert x.size(1) == 3, "need 3 columns"
        q = checked_div(a, b)
        if q < 0:
            raise ValueError("negative")
        try_count = 0
        for i in range(3):
            if i > 5:
                raise IndexError("unreachable")
            try_count += 1
        return x * q + try_count


class Point(NamedTuple):
    x: float
    y: float


class Box(NamedTuple):
    lo: Point
    hi: Point
    label: str


class TupleOps(nn.Module):
    """Tuples and NamedTuples: nested construction, unpacking, indexing,
    tuple returns, tuples in lists, NamedTuple fields by name and index."""

    def area(self, b: Box) -> float:
        return (b.hi.x - b.lo.x) * (b.hi[1] - b.lo[1])

    def forward(self, x: torch.Tensor, pair: Tuple[int, float]) -> Tuple[Tuple[int, float], torch.Tensor, Box]:
        n, f = pair
        swapped = (f, n)
        items: List[Tuple[str, int]] = [("a", 1), ("b", n)]
        s = 0
        for name, v in items:
            if name != "a":
                s += v
        box = Box(Point(0.0, 0.0), Point(f, 2.0), label="unit")
        a, (b, c) = 1, (2, 3)
        y = x * self.area(box) + s + a + b + c + swapped[1]
        return (s, swapped[0]), y, box


@torch.jit.script
class Stack(object):
    def __init__(self):
        self.items: List[torch.Tensor] = []

    def push(self, t: torch.Tensor):
        self.items.append(t)

    def pop(self) -> torch.Tensor:
        return self.items.pop()

    def size(self) -> int:
        return len(self.items)

    def total(self) -> torch.Tensor:
        out = torch.zeros(self.items[0].shape)
        for t in self.items:
            out = out + t
        return out


@torch.jit.script
class Counter(object):
    def __init__(self, start: int):
        self.n = start
        self.history: Dict[str, int] = {}

    def bump(self, key: str) -> int:
        self.n += 1
        self.history[key] = self.n
        return self.n


class Classes(nn.Module):
    """User classes: objects with list/dict attributes, methods calling each
    other, objects passed to functions and mutated in place."""

    def fill(self, st: Stack, x: torch.Tensor, k: int):
        for i in range(k):
            st.push(x * i)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, int, Dict[str, int]]:
        st = Stack()
        self.fill(st, x, 4)
        top = st.pop()
        c = Counter(10)
        c.bump("a")
        c.bump("b")
        return st.total() + top, st.size() + c.n, c.history


def scale_all(xs: List[torch.Tensor], f: float) -> List[torch.Tensor]:
    return [t * f for t in xs]


class Functions(nn.Module):
    """Free functions with defaults and keyword arguments, calling each other,
    enumerate and zip, math module, int/float conversions and arithmetic."""

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> Tuple[List[torch.Tensor], float, int]:
        outs = scale_all([x, y], 2.0)
        acc = 0.0
        for i, t in enumerate(outs):
            acc += float(t.sum()) * (i + 1)
        for a, b in zip([1, 2, 3], [4.0, 5.0]):
            acc += a * b
        m = math.sqrt(16.0) + math.floor(2.7) + math.log(math.e) + math.pow(2.0, 3)
        q = -7 // 2 + -7 % 3 + int(3.9) + int(round(2.5)) + abs(-4)
        return outs, acc + m, q


class TensorScalars(nn.Module):
    """Tensors and Python scalars: item(), int()/float()/bool() of tensors,
    shapes as lists, tensor conditions, scalar tensors, dtype/device checks."""

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, List[int], float]:
        shape = list(x.shape)
        n = x.numel()
        m = float(x.max())
        if bool(x.mean() > 0) and x.dtype == torch.float32:
            y = x - x.mean()
        else:
            y = x + 1
        z = torch.tensor([float(n), m, float(x.size(-1))])
        if x.is_floating_point():
            z = z * 2
        k = int(torch.argmax(x.flatten()))
        return y * z[0] + z.sum() + k, shape + [n], x[0, 1].item()


class Isinstance(nn.Module):
    """isinstance on Union and Any values and on Optional, refined per branch."""

    def describe(self, v: Union[int, float, str, List[int]]) -> str:
        if isinstance(v, int):
            return "int " + str(v + 1)
        elif isinstance(v, float):
            return "float " + str(v * 2)
        elif isinstance(v, str):
            return "str " + v.upper()
        else:
            return "list " + str(len(v))

    def forward(self, x: torch.Tensor, k: int) -> Tuple[List[str], torch.Tensor]:
        out = [self.describe(k), self.describe(1.5), self.describe("ab"), self.describe([1, 2, 3])]
        y = x
        if isinstance(y, torch.Tensor):
            y = y + 1
        return out, y


class Interface(nn.Module):
    """Submodules iterated in a ModuleList with different types, Sequential,
    a module called through a method with keyword arguments, Final attrs."""

    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 2)])
        self.seq = nn.Sequential(nn.Tanh(), nn.Identity())
        self.depth: torch.jit.Final[int] = 3

    def forward(self, x: torch.Tensor) -> List[torch.Tensor]:
        outs: List[torch.Tensor] = []
        for i, b in enumerate(self.blocks):
            x = b(x)
            if i < self.depth - 1:
                outs.append(self.seq(x))
        outs.append(x)
        return outs


def cases():
    """(name, module, args) for each language fixture."""
    yield "lang_lists", ListOps(), (torch.randn(3), 4)
    yield "lang_dicts", DictOps(), (torch.randn(3), ["a", "c", "a", "d"])
    yield "lang_strings", StringOps(), (" hello world good ", 3)
    yield "lang_optional", OptionalRefine(), (torch.randn(4), torch.randn(4), 2)
    yield "lang_loops", LoopControl(), (torch.randn(3), 7)
    yield "lang_exceptions", Exceptions(), (torch.randn(2, 3), 7, 2)
    yield "lang_tuples", TupleOps(), (torch.randn(3), (4, 1.5))
    yield "lang_classes", Classes(), (torch.randn(3),)
    yield "lang_functions", Functions(), (torch.randn(2), torch.randn(3))
    yield "lang_tensor_scalars", TensorScalars(), (torch.randn(2, 3),)
    yield "lang_isinstance", Isinstance(), (torch.randn(2), 5)
    yield "lang_submodules", Interface(), (torch.randn(2, 4),)

#!/usr/bin/python3
"""Makes the small torch.save / torch.jit.save fixtures of tests/serialize.

Run with the system Python that has PyTorch 1.13:
    /usr/bin/python3 scripts/make_serialize_fixtures.py [OUT_DIR]
OUT_DIR defaults to tests/data/serialize. The C++ tests hard-code the values
written here; change both together.
"""
import collections
import enum
import os
import sys
import zipfile
from typing import Tuple

import torch

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "serialize")

DTYPES = [
    ("uint8", torch.uint8), ("int8", torch.int8), ("int16", torch.int16),
    ("int32", torch.int32), ("int64", torch.int64), ("float16", torch.float16),
    ("float32", torch.float32), ("float64", torch.float64), ("bool", torch.bool),
    ("bfloat16", torch.bfloat16),
]


def save(obj, name):
    torch.save(obj, os.path.join(OUT, name))


def make_dtypes():
    # Every dtype holds [[0, 1, 2], [3, 4, 5]] (bool: x % 2 != 0); int8 and
    # the floats also a negative value so sign handling is visible.
    out = {}
    for name, dt in DTYPES:
        base = torch.arange(6).reshape(2, 3)
        if dt == torch.bool:
            out[name] = (base % 2) != 0
        elif dt in (torch.int8, torch.int16, torch.int32, torch.int64, torch.float16,
                    torch.float32, torch.float64, torch.bfloat16):
            t = base.to(dt)
            t[1, 2] = -5
            out[name] = t
        else:
            out[name] = base.to(dt)
    save(out, "dtypes.pt")


def make_repacked():
    # views.pt as `zip -r` would repack it: folder entries, deflated
    # records, no alignment. Readers must not depend on PyTorch's layout.
    src = zipfile.ZipFile(os.path.join(OUT, "views.pt"))
    def entry(name):  # a fixed timestamp keeps the fixture reproducible
        return zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))

    with zipfile.ZipFile(os.path.join(OUT, "repacked.pt"), "w", zipfile.ZIP_DEFLATED) as dst:
        dst.writestr(entry("repacked/"), b"")
        dst.writestr(entry("repacked/data/"), b"")
        for info in src.infolist():
            name = info.filename.replace("views/", "repacked/", 1)
            dst.writestr(entry(name), src.read(info.filename), zipfile.ZIP_DEFLATED)


def make_views():
    # Four views of one storage and a tensor with its own: the reader must
    # keep the first four on one storage, with their offsets and strides.
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    save((base, base.t(), base[1:3, ::2], base[2], torch.tensor([7, 8], dtype=torch.int64)),
         "views.pt")


def make_nested():
    t = torch.tensor([1.5, -2.5])
    shared = [1, 2]
    obj = {
        "list": [1, 2.5, "str", None, True, False],
        "tuple": (1, (2, (3,)), ()),
        "dict": {"x": t, "y": []},
        "ints": {1: "one", -2: "minus two"},
        "big": 2 ** 40,
        "neg": -5,
        "minint": -2 ** 63,
        "unicode": "h\u00e9llo \u2713",
        "same_tensor": (t, t),
        "shared_list": (shared, shared),
        "device": torch.device("cpu"),
        "long_tuple": (1, 2, 3, 4, 5),
        "dtype": torch.float64,
    }
    save(obj, "nested.pt")


def make_state_dict():
    lin = torch.nn.Linear(3, 2)
    with torch.no_grad():
        lin.weight.copy_(torch.arange(6, dtype=torch.float32).reshape(2, 3))
        lin.bias.copy_(torch.tensor([10.0, 20.0]))
    save(lin.state_dict(), "state_dict.pt")            # OrderedDict with _metadata
    save(torch.nn.Parameter(torch.ones(2)), "parameter.pt")  # _rebuild_parameter


class Inner(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(3, 2)
        with torch.no_grad():
            self.lin.weight.copy_(torch.arange(6, dtype=torch.float32).reshape(2, 3))
            self.lin.bias.copy_(torch.tensor([10.0, 20.0]))


class Scripted(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = Inner().lin
        self.ks = [1, 2, 3]
        self.scale = {"a": 1.5}
        self.name = "wick"

    def forward(self, x):
        return self.inner(x) * self.scale["a"] + torch.tensor([1.0, 2.0])


class AddConst(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.c = torch.tensor([[1.0, 2.0, 3.0]])  # not a parameter: traced as a constant

    def forward(self, x):
        return x + self.c


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class WithEnum(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.color = Color.GREEN

    def forward(self, x):
        return x * self.color.value


class WithState(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.n = 3
        self.w = torch.ones(2)

    @torch.jit.export
    def __getstate__(self):
        return (self.n, self.w, self.training)

    @torch.jit.export
    def __setstate__(self, state: Tuple[int, torch.Tensor, bool]):
        self.n = state[0]
        self.w = state[1]
        self.training = state[2]

    def forward(self, x):
        return x * self.n


def make_script():
    m = torch.jit.script(Scripted())
    torch.jit.save(m, os.path.join(OUT, "script_module.pt"))
    # Tracing turns the captured tensor into constants.pkl's only entry.
    t = torch.jit.trace(AddConst(), torch.zeros(2, 3))
    torch.jit.save(t, os.path.join(OUT, "traced_constants.pt"))
    # A module with __getstate__: BUILD passes a tuple to __setstate__.
    torch.jit.save(torch.jit.script(WithState()), os.path.join(OUT, "setstate_module.pt"))
    # An enum attribute: GLOBAL class, value, REDUCE.
    torch.jit.save(torch.jit.script(WithEnum()), os.path.join(OUT, "enum_module.pt"))


if __name__ == "__main__":
    # TorchScript's output depends on string hashing; fix it for reproducible files.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    make_dtypes()
    make_views()
    make_repacked()
    make_nested()
    make_state_dict()
    make_script()
    print("wrote fixtures to", os.path.normpath(OUT))

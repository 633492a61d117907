#!/usr/bin/python3
"""Checks that torch.load reads a file Wick wrote back to the expected value.

    /usr/bin/python3 scripts/check_torch_load.py CASE FILE

CASE names a value built here exactly as tests/serialize/torch_save_test.cpp
builds it in C++. Exits 0 when torch.load(FILE) equals it (dtypes, shapes,
strides, values, shared storages, shared objects), 1 with a message if not.
"""
import sys

import torch

DTYPES = [torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float16,
          torch.float32, torch.float64, torch.bool, torch.bfloat16]


def case_dtypes():
    out = {}
    for dt in DTYPES:
        name = str(dt).replace("torch.", "")
        base = torch.arange(6).reshape(2, 3)
        out[name] = (base % 2 != 0) if dt == torch.bool else base.to(dt)
    return out


def case_mixed():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    t = torch.tensor([1.5, -2.5], dtype=torch.float64)
    return {
        "f32": torch.arange(6, dtype=torch.float32).reshape(2, 3),
        "views": (base, base.t(), base[1:3, ::2]),
        "nested": [1, 2.5, "h\u00e9llo \u2713", None, True, False, (1, 2, 3, 4), []],
        "big": 2 ** 40,
        "neg": -7,
        "minint": -2 ** 63,
        "ints": {1: "one", -2: "two"},
        "device": torch.device("cpu"),
        "same": (t, t),
        "empty": torch.zeros(0, 3),
        "scalar": torch.tensor(3.5),
    }


def same(got, want, path):
    if isinstance(want, torch.Tensor):
        assert isinstance(got, torch.Tensor), f"{path}: {type(got)} is not a tensor"
        assert got.dtype == want.dtype, f"{path}: dtype {got.dtype} != {want.dtype}"
        assert got.shape == want.shape, f"{path}: shape {got.shape} != {want.shape}"
        assert got.stride() == want.stride(), f"{path}: stride {got.stride()} != {want.stride()}"
        assert torch.equal(got, want), f"{path}: values {got} != {want}"
    elif isinstance(want, dict):
        assert isinstance(got, dict), f"{path}: {type(got)} is not a dict"
        assert list(got.keys()) == list(want.keys()), f"{path}: keys {list(got)} != {list(want)}"
        for k in want:
            same(got[k], want[k], f"{path}[{k!r}]")
    elif isinstance(want, (list, tuple)):
        assert type(got) is type(want), f"{path}: {type(got)} != {type(want)}"
        assert len(got) == len(want), f"{path}: length {len(got)} != {len(want)}"
        for i, (g, w) in enumerate(zip(got, want)):
            same(g, w, f"{path}[{i}]")
    else:
        assert type(got) is type(want) and got == want, f"{path}: {got!r} != {want!r}"


def main():
    case, path = sys.argv[1], sys.argv[2]
    want = {"dtypes": case_dtypes, "mixed": case_mixed}[case]()
    got = torch.load(path)
    try:
        same(got, want, "value")
        if case == "mixed":
            ptrs = {v.storage().data_ptr() for v in got["views"]}
            assert len(ptrs) == 1, "views: the three views do not share one storage"
            assert got["same"][0] is got["same"][1], "same: one tensor became two"
    except AssertionError as e:
        print(f"check_torch_load {case} {path}: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

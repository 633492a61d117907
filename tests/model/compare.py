#!/usr/bin/python3
"""Compares two torch.save files: tensors with rtol 1e-4 / atol 1e-5 (or the
given tolerance; same dtype and shape), containers element by element,
other values by ==.

usage: compare.py EXPECTED.pt ACTUAL.pt [RTOL ATOL]
       compare.py --dir DIR [--actual ADIR] NAME...   (DIR/NAME.expected.pt
           against ADIR/NAME.wick.pt, ADIR defaulting to DIR, with the
           tolerance in DIR/NAME.tol if there is one; prints "ok NAME" or
           "FAIL NAME: why" per case, exits 1 when any failed: one process
           for the whole corpus)
"""
import os
import sys

import torch

RTOL = 1e-4
ATOL = 1e-5


def same(expected, actual, where):
    if isinstance(expected, torch.Tensor):
        if not isinstance(actual, torch.Tensor):
            return f"{where}: expected a tensor, got {type(actual).__name__}"
        if expected.dtype != actual.dtype or expected.shape != actual.shape:
            return f"{where}: expected {expected.dtype}{list(expected.shape)}, got {actual.dtype}{list(actual.shape)}"
        if not torch.allclose(actual, expected, rtol=RTOL, atol=ATOL, equal_nan=True):
            diff = (actual.double() - expected.double()).abs().max().item()
            return f"{where}: values differ (max abs diff {diff})"
        return None
    if isinstance(expected, (list, tuple)):
        if type(expected) != type(actual) or len(expected) != len(actual):
            return f"{where}: expected {type(expected).__name__} of {len(expected)}, got {actual!r:.80}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            why = same(e, a, f"{where}[{i}]")
            if why:
                return why
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or list(expected) != list(actual):
            return f"{where}: dict keys differ"
        for k in expected:
            why = same(expected[k], actual[k], f"{where}[{k!r}]")
            if why:
                return why
        return None
    if isinstance(expected, float) and isinstance(actual, float):
        return None if abs(expected - actual) <= ATOL + RTOL * abs(expected) else f"{where}: {actual} != {expected}"
    return None if expected == actual and type(expected) == type(actual) else f"{where}: {actual!r} != {expected!r}"


def compare_dir(folder, actual_folder, names):
    global RTOL, ATOL
    failed = 0
    for name in names:
        RTOL, ATOL = 1e-4, 1e-5
        tol = os.path.join(folder, name + ".tol")
        if os.path.exists(tol):
            with open(tol) as f:
                RTOL, ATOL = (float(v) for v in f.read().split())
        actual = os.path.join(actual_folder, name + ".wick.pt")
        if not os.path.exists(actual):
            why = "wick wrote no result"
        else:
            why = same(torch.load(os.path.join(folder, name + ".expected.pt")), torch.load(actual), "result")
        if why:
            print(f"FAIL {name}: {why}")
            failed += 1
        else:
            print(f"ok   {name}")
    return failed


def main():
    global RTOL, ATOL
    if len(sys.argv) >= 3 and sys.argv[1] == "--dir":
        folder, names = sys.argv[2], sys.argv[3:]
        actual_folder = folder
        if names[:1] == ["--actual"]:
            actual_folder, names = names[1], names[2:]
        sys.exit(1 if compare_dir(folder, actual_folder, names) else 0)
    if len(sys.argv) == 5:
        RTOL, ATOL = float(sys.argv[3]), float(sys.argv[4])
    why = same(torch.load(sys.argv[1]), torch.load(sys.argv[2]), "result")
    if why:
        print(why)
        sys.exit(1)


if __name__ == "__main__":
    main()

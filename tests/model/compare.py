#!/usr/bin/python3
"""Compares two torch.save files: tensors with rtol 1e-4 / atol 1e-5 (same
dtype and shape), containers element by element, other values by ==.

usage: compare.py EXPECTED.pt ACTUAL.pt
"""
import sys

import torch


def same(expected, actual, where):
    if isinstance(expected, torch.Tensor):
        if not isinstance(actual, torch.Tensor):
            return f"{where}: expected a tensor, got {type(actual).__name__}"
        if expected.dtype != actual.dtype or expected.shape != actual.shape:
            return f"{where}: expected {expected.dtype}{list(expected.shape)}, got {actual.dtype}{list(actual.shape)}"
        if not torch.allclose(actual, expected, rtol=1e-4, atol=1e-5, equal_nan=True):
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
        return None if abs(expected - actual) <= 1e-5 + 1e-4 * abs(expected) else f"{where}: {actual} != {expected}"
    return None if expected == actual and type(expected) == type(actual) else f"{where}: {actual!r} != {expected!r}"


def main():
    why = same(torch.load(sys.argv[1]), torch.load(sys.argv[2]), "result")
    if why:
        print(why)
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Interpreter overhead, side by side: Wick's bench/interpreter_bench against
TorchScript (torch.jit.script in this process, PyTorch from Debian) and
CPython on the same two loops, in one run. Prints a Markdown table.

    /usr/bin/python3 scripts/bench_interpreter.py [BUILD_DIR]
"""
import json
import os
import subprocess
import sys
import time

import torch

torch.set_num_threads(1)


def scalar_loop(n: int) -> float:
    k = 0
    acc = 0.0
    for i in range(n):
        k = (k * 31 + i) % 1000003
        if k % 3 == 0:
            acc = acc + float(k) * 0.5
        else:
            acc = acc - 1.25
    return acc


def tensor_loop(x: torch.Tensor, n: int) -> torch.Tensor:
    for _ in range(n):
        x = x * 0.5 + 1
    return x


def best_per_iter(fn, args, iters, reps=7):
    fn(*args)
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best / iters * 1e9


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    exe = os.path.join(build, "bench", "interpreter_bench")
    out = subprocess.run(
        [exe, "--benchmark_filter=BM_ScalarLoop/|BM_TensorLoop/", "--benchmark_repetitions=5",
         "--benchmark_format=json"], check=True, capture_output=True, text=True,
        env={**os.environ, "WICK_NUM_THREADS": "1"}).stdout
    wick = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "min" or b.get("run_type") == "iteration":
            name = b["run_name"].split("/")[0]
            wick[name] = min(wick.get(name, float("inf")), b["per_iter"] * 1e9 if b["per_iter"] < 1 else b["per_iter"])
    ts_scalar = torch.jit.script(scalar_loop)
    ts_tensor = torch.jit.script(tensor_loop)
    x = torch.ones(1)
    rows = [
        ("scalar loop, 100,000 iterations (ns/iteration)", wick["BM_ScalarLoop"],
         best_per_iter(ts_scalar, (100000,), 100000), best_per_iter(scalar_loop, (100000,), 100000)),
        ("`x = x * 0.5 + 1` on a 1-element tensor, 10,000 iterations (ns/iteration)",
         wick["BM_TensorLoop"], best_per_iter(ts_tensor, (x, 10000), 10000),
         best_per_iter(tensor_loop, (x, 10000), 10000)),
    ]
    print("| loop | Wick | TorchScript | CPython (eager) | TorchScript / Wick |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, w, t, p in rows:
        print(f"| {name} | {w:.0f} | {t:.0f} | {p:.0f} | {t / w:.1f}x |")


if __name__ == "__main__":
    main()

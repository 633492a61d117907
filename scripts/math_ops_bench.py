#!/usr/bin/python3
"""Times the math, reduction, scan and sort ops of kernels/cpu against
PyTorch 1.13 eager, side by side: each op runs as a one-node graph through
`wick run-ir --time` and as the same call in torch, at 1 and 2 threads,
alternating runs and taking the median.

usage: /usr/bin/python3 scripts/math_ops_bench.py [--wick build/bin/wick] [--runs 3] [--filter NAME]
"""
import argparse
import os
import re
import statistics
import subprocess
import tempfile
import time

import torch

N = 1 << 22  # 4M float32 elements: large enough that every op goes parallel
R, C = 1024, 4096

# name, graph body (inputs %x, %y, %z), wick input specs, torch function on the same tensors
OPS = [
    # A pre-existing table kernel as the control: what the harness itself
    # costs (wick's output allocation, run-ir's call) shows here.
    ("exp (control)", "%r : Tensor = aten::exp(%x)", ["randn(%d)" % N], lambda x: torch.exp(x)),
    ("floor", "%r : Tensor = aten::floor(%x)", ["randn(%d)" % N], lambda x: torch.floor(x)),
    ("round", "%r : Tensor = aten::round(%x)", ["randn(%d)" % N], lambda x: torch.round(x)),
    ("sign", "%r : Tensor = aten::sign(%x)", ["randn(%d)" % N], lambda x: torch.sign(x)),
    ("reciprocal", "%r : Tensor = aten::reciprocal(%x)", ["randn(%d)" % N], lambda x: torch.reciprocal(x)),
    ("log1p", "%r : Tensor = aten::log1p(%x)", ["rand(%d)" % N], lambda x: torch.log1p(x)),
    ("isnan", "%r : Tensor = aten::isnan(%x)", ["randn(%d)" % N], lambda x: torch.isnan(x)),
    ("fmod", "%c : float = prim::Constant[value=1.5]()\n  %r : Tensor = aten::fmod(%x, %c)", ["randn(%d)" % N],
     lambda x: torch.fmod(x, 1.5)),
    ("atan2", "%r : Tensor = aten::atan2(%x, %y)", ["randn(%d)" % N, "randn(%d)" % N], lambda x, y: torch.atan2(x, y)),
    ("lerp", "%c : float = prim::Constant[value=0.3]()\n  %r : Tensor = aten::lerp(%x, %y, %c)",
     ["randn(%d)" % N, "randn(%d)" % N], lambda x, y: torch.lerp(x, y, 0.3)),
    ("addcmul", "%c : int = prim::Constant[value=1]()\n  %r : Tensor = aten::addcmul(%x, %y, %z, %c)",
     ["randn(%d)" % N, "randn(%d)" % N, "randn(%d)" % N], lambda x, y, z: torch.addcmul(x, y, z)),
    ("prod_rows", "%d : int = prim::Constant[value=1]()\n  %k : bool = prim::Constant[value=0]()\n"
     "  %n : NoneType = prim::Constant()\n  %r : Tensor = aten::prod(%x, %d, %k, %n)",
     ["rand(%d, %d)" % (R, C)], lambda x: torch.prod(x, 1)),
    ("var_rows", "%d : int[] = prim::Constant[value=[1]]()\n  %u : bool = prim::Constant[value=1]()\n"
     "  %k : bool = prim::Constant[value=0]()\n  %r : Tensor = aten::var(%x, %d, %u, %k)",
     ["randn(%d, %d)" % (R, C)], lambda x: torch.var(x, 1)),
    ("std_all", "%u : bool = prim::Constant[value=1]()\n  %r : Tensor = aten::std(%x, %u)", ["randn(%d)" % N],
     lambda x: torch.std(x)),
    ("norm_rows", "%p : int = prim::Constant[value=2]()\n  %d : int[] = prim::Constant[value=[1]]()\n"
     "  %k : bool = prim::Constant[value=0]()\n  %r : Tensor = aten::norm(%x, %p, %d, %k)",
     ["randn(%d, %d)" % (R, C)], lambda x: torch.norm(x, 2, [1])),
    ("logsumexp_rows", "%d : int[] = prim::Constant[value=[1]]()\n  %k : bool = prim::Constant[value=0]()\n"
     "  %r : Tensor = aten::logsumexp(%x, %d, %k)", ["randn(%d, %d)" % (R, C)], lambda x: torch.logsumexp(x, [1])),
    ("argmin_rows", "%d : int = prim::Constant[value=1]()\n  %k : bool = prim::Constant[value=0]()\n"
     "  %r : Tensor = aten::argmin(%x, %d, %k)", ["randn(%d, %d)" % (R, C)], lambda x: torch.argmin(x, 1)),
    ("cumsum_rows", "%d : int = prim::Constant[value=1]()\n  %n : NoneType = prim::Constant()\n"
     "  %r : Tensor = aten::cumsum(%x, %d, %n)", ["randn(%d, %d)" % (R, C)], lambda x: torch.cumsum(x, 1)),
    ("cumsum_cols", "%d : int = prim::Constant[value=0]()\n  %n : NoneType = prim::Constant()\n"
     "  %r : Tensor = aten::cumsum(%x, %d, %n)", ["randn(%d, %d)" % (R, C)], lambda x: torch.cumsum(x, 0)),
    ("sort_rows", "%d : int = prim::Constant[value=-1]()\n  %k : bool = prim::Constant[value=0]()\n"
     "  %v : Tensor, %r : Tensor = aten::sort(%x, %d, %k)", ["randn(256, 4096)"], lambda x: torch.sort(x, -1)),
    ("topk_rows", "%n : int = prim::Constant[value=10]()\n  %d : int = prim::Constant[value=-1]()\n"
     "  %t : bool = prim::Constant[value=1]()\n  %v : Tensor, %r : Tensor = aten::topk(%x, %n, %d, %t, %t)",
     ["randn(1024, 4096)"], lambda x: torch.topk(x, 10, -1)),
]


def torch_input(spec):
    m = re.match(r"(\w+)\(([\d, ]+)\)", spec)
    shape = [int(s) for s in m.group(2).split(",")]
    return getattr(torch, m.group(1))(*shape)


def time_wick(wick, graph_path, specs, threads, repeat):
    env = dict(os.environ, WICK_NUM_THREADS=str(threads))
    cmd = [wick, "run-ir", graph_path, "--repeat", str(repeat), "--time"]
    for s in specs:
        cmd += ["--input", s]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    m = re.search(r"([\d.]+) ms per call", out.stderr + out.stdout)
    return float(m.group(1))


def time_torch(fn, inputs, threads, repeat):
    torch.set_num_threads(threads)
    fn(*inputs)
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn(*inputs)
    return (time.perf_counter() - t0) / repeat * 1e3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wick", default=os.path.join(os.path.dirname(__file__), "..", "build", "bin", "wick"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--filter", default="")
    args = ap.parse_args()
    print("| op | threads | wick ms | torch ms | wick / torch |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name, body, specs, fn in OPS:
            if args.filter not in name:
                continue
            params = ", ".join("%%%s : Tensor" % v for v in "xyz"[:len(specs)])
            path = os.path.join(tmp, name + ".txt")
            with open(path, "w") as f:
                f.write("graph(%s):\n  %s\n  return (%%r)\n" % (params, body))
            inputs = [torch_input(s) for s in specs]
            for threads in (1, 2):
                w, t = [], []
                for _ in range(args.runs):  # alternate the two sides
                    w.append(time_wick(args.wick, path, specs, threads, args.repeat))
                    t.append(time_torch(fn, inputs, threads, args.repeat))
                mw, mt = statistics.median(w), statistics.median(t)
                print("| %s | %d | %.3f | %.3f | %.2f |" % (name, threads, mw, mt, mw / mt), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Steady-state latency of three scripted models, Wick's interpreter against
TorchScript, side by side in one run (issue 4, "Speed"):

  resnet18            batch 1, 3x224x224
  mobilenet_v3_small  batch 1, 3x224x224
  transformer         nn.TransformerEncoderLayer(256, 4, 1024, batch_first=True) on [8, 128, 256]

Each measurement is a fresh process; Wick and TorchScript alternate for
--rounds rounds and the table shows the median over rounds of each
process's median call time. TorchScript runs at its fastest:
ATEN_CPU_CAPABILITY=avx512, glibc malloc told to keep its buffers, threads
pinned with OMP_NUM_THREADS/OPENBLAS_NUM_THREADS and torch.set_num_threads,
and at 2 threads the faster of the default and OMP_WAIT_POLICY=PASSIVE.
OPENBLAS_CORETYPE is unset for both sides. Wick runs `wick bench` with the
same environment, and at 2 threads also keeps the faster of the default and
OMP_WAIT_POLICY=PASSIVE: its intra-op pool is libgomp's, which reads the
policy only from the environment (on a loaded machine the default spinning
costs seconds per call, see the table's policy column).

    /usr/bin/python3 scripts/speed_models.py [--build DIR | --wick EXE] [--threads 1,2]
        [--models resnet18,mobilenet_v3_small,transformer] [--rounds 5] [--iters N]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

import torch

MODELS = ["resnet18", "mobilenet_v3_small", "transformer"]
# Calls per process, enough for a stable median at a few seconds each.
DEFAULT_ITERS = {"resnet18": 40, "mobilenet_v3_small": 200, "transformer": 60}

TORCH_RUNNER = r"""
import json, sys, time, torch
path, args_path, threads, iters = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
torch.set_num_threads(threads)
m = torch.jit.load(path)
m.eval()
args = torch.load(args_path)
if not isinstance(args, tuple):
    args = (args,)
times = []
with torch.inference_mode():
    for _ in range(10):
        m(*args)
    for _ in range(iters):
        t0 = time.perf_counter()
        m(*args)
        times.append((time.perf_counter() - t0) * 1e3)
times.sort()
print(json.dumps({"p50": times[len(times) // 2], "min": times[0]}))
"""


def build_models(outdir, names):
    import torchvision

    torch.manual_seed(0)
    made = {}
    for name in names:
        if name == "resnet18":
            model, x = torchvision.models.resnet18(), (torch.randn(1, 3, 224, 224),)
        elif name == "mobilenet_v3_small":
            model, x = torchvision.models.mobilenet_v3_small(), (torch.randn(1, 3, 224, 224),)
        elif name == "transformer":
            model = torch.nn.TransformerEncoderLayer(256, 4, 1024, batch_first=True)
            x = (torch.randn(8, 128, 256),)
        else:
            sys.exit(f"unknown model {name}; choose from {', '.join(MODELS)}")
        model.eval()
        path = os.path.join(outdir, name + ".pt")
        args_path = os.path.join(outdir, name + "_args.pt")
        torch.jit.save(torch.jit.script(model), path)
        torch.save(x, args_path)
        made[name] = (path, args_path)
    return made


def base_env(threads):
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OMP_WAIT_POLICY", None)
    env.update({
        "ATEN_CPU_CAPABILITY": "avx512",
        "MALLOC_MMAP_THRESHOLD_": "33554432",
        "MALLOC_TRIM_THRESHOLD_": "4294967296",
        "OMP_NUM_THREADS": str(threads),
        "OPENBLAS_NUM_THREADS": str(threads),
        "WICK_NUM_THREADS": str(threads),
    })
    return env


def run_torch(path, args_path, threads, iters, passive):
    env = base_env(threads)
    if passive:
        env["OMP_WAIT_POLICY"] = "PASSIVE"
    out = subprocess.run([sys.executable, "-c", TORCH_RUNNER, path, args_path, str(threads), str(iters)],
                         env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])["p50"]


def run_wick(wick, path, args_path, threads, iters, passive=False):
    env = base_env(threads)
    if passive:
        env["OMP_WAIT_POLICY"] = "PASSIVE"
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        r = subprocess.run([wick, "bench", path, "--input", args_path, "--iters", str(iters), "--warmup", "10",
                            "--threads", str(threads), "--json", f.name],
                           env=env, capture_output=True, text=True)
        if r.returncode != 0:
            lines = (r.stderr or r.stdout).strip().splitlines()
            raise RuntimeError(lines[0] if lines else f"exit status {r.returncode}")
        with open(f.name) as j:
            return json.load(j)["p50_ms"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build")
    ap.add_argument("--wick", help="the wick executable (default: BUILD/bin/wick)")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--iters", type=int, default=0, help="calls per process (default: per model)")
    ap.add_argument("--json", help="also write the results here")
    a = ap.parse_args()
    wick = a.wick or next((p for p in (os.path.join(a.build, "bin", "wick"), os.path.join(a.build, "src", "cli", "wick"))
                           if os.path.exists(p)), "")
    if not os.path.exists(wick):
        sys.exit(f"{wick} not found: build wick_cli first (or pass --build)")
    threads = [int(t) for t in a.threads.split(",")]
    names = a.models.split(",")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        made = build_models(tmp, names)
        for name in names:
            path, args_path = made[name]
            iters = a.iters or DEFAULT_ITERS[name]
            for t in threads:
                ts, ts_passive, wk, wk_passive = [], [], [], []
                error = None
                for _ in range(a.rounds):  # alternate, so load changes hit both sides
                    ts.append(run_torch(path, args_path, t, iters, passive=False))
                    if error is None:
                        try:
                            wk.append(run_wick(wick, path, args_path, t, iters))
                            if t > 1:
                                wk_passive.append(run_wick(wick, path, args_path, t, iters, passive=True))
                        except RuntimeError as e:
                            error = str(e)
                    if t > 1:
                        ts_passive.append(run_torch(path, args_path, t, iters, passive=True))
                ts_med = statistics.median(ts)
                policy = "default"
                if ts_passive and statistics.median(ts_passive) < ts_med:
                    ts_med, policy = statistics.median(ts_passive), "PASSIVE"
                if error is not None:
                    rows.append({"model": name, "threads": t, "torchscript_ms": ts_med, "torch_wait_policy": policy,
                                 "wick_error": error})
                    print(f"{name:20} T={t}  TorchScript {ts_med:8.3f} ms ({policy})  Wick error: {error}",
                          file=sys.stderr, flush=True)
                    continue
                wk_med, wk_policy = statistics.median(wk), "default"
                if wk_passive and statistics.median(wk_passive) < wk_med:
                    wk_med, wk_policy = statistics.median(wk_passive), "PASSIVE"
                rows.append({"model": name, "threads": t, "torchscript_ms": ts_med, "torch_wait_policy": policy,
                             "wick_ms": wk_med, "wick_wait_policy": wk_policy, "ratio": wk_med / ts_med,
                             "wick_default_ms": statistics.median(wk)})
                print(f"{name:20} T={t}  TorchScript {ts_med:8.3f} ms ({policy})  Wick {wk_med:8.3f} ms ({wk_policy}, "
                      f"default {statistics.median(wk):.3f})  ratio {wk_med / ts_med:.2f}", file=sys.stderr, flush=True)
    print("| model | threads | TorchScript ms (wait policy) | Wick ms (wait policy) | Wick / TorchScript |")
    print("| --- | --- | --- | --- | --- |")
    for r in rows:
        if "wick_error" in r:
            print(f"| {r['model']} | {r['threads']} | {r['torchscript_ms']:.2f} | error: {r['wick_error']} | |")
        else:
            print(f"| {r['model']} | {r['threads']} | {r['torchscript_ms']:.2f} ({r['torch_wait_policy']}) | "
                  f"{r['wick_ms']:.2f} ({r['wick_wait_policy']}) | {r['ratio']:.2f} |")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()

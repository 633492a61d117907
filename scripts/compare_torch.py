#!/usr/bin/python3
"""Side-by-side comparison of Wick with TorchScript on the workloads of
bench/workloads/make_workloads.py, on this machine, in one run.

    /usr/bin/python3 scripts/compare_torch.py [--build build] [--threads 1,2]
        [--workloads W1,W5] [--rounds 3] [--iters-scale 1.0] [--out docs/perf]

For every thread count T and workload, each round runs in fresh processes,
alternating which side goes first:
  - Wick: `wick bench MODEL --input ARGS --threads T --json ...`;
  - TorchScript as loaded and after torch.jit.optimize_for_inference:
    bench/torchscript_bench (libtorch's torch::jit::load and forward, built
    when Debian's libtorch-dev is installed), else Python's torch.jit.load
    with torch.set_num_threads(T) (this script's --ts-child mode).
Both sides get ATEN_CPU_CAPABILITY=avx512, MALLOC_MMAP_THRESHOLD_=33554432,
MALLOC_TRIM_THRESHOLD_=4294967296, OMP_NUM_THREADS = OPENBLAS_NUM_THREADS =
WICK_NUM_THREADS = T, and no OPENBLAS_CORETYPE; at T >= 2 TorchScript also
runs with OMP_WAIT_POLICY=PASSIVE and keeps the faster of the two.

Reported per workload: the medians over rounds of each process's p50
latency, the ratio TorchScript / Wick (above 1: Wick is faster), the first
call, load time and peak RSS of both, and for the memory-bound W1-W3 the
achieved bandwidth (ideal bytes / p50) as a share of STREAM copy measured by
bench/stream_probe in the same run (bench/gemm_probe gives the GEMM peak).
A workload a side fails on shows as "error: <first line>".

Writes OUT/compare.md (the Markdown table), OUT/compare.json (everything
measured) and, when matplotlib is installed, OUT/compare.png (bar chart of
the ratios).
"""
import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Calls per process: (warm-up calls, timed calls); warm-up includes calls 1-3.
ITERS = {"W1": (3, 10), "W2": (3, 10), "W3": (3, 10), "W4": (5, 40), "W5": (5, 20), "W6": (5, 40),
         "W7": (5, 30), "W8": (3, 20), "W9": (3, 10), "W9b": (3, 20)}


# --------------------------------------------------------------------------
# TorchScript through Python (fallback when bench/torchscript_bench is absent)

def ts_child(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("args")
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--iters", type=int, default=100)
    ap.add_argument("--optimize", action="store_true")
    a = ap.parse_args(argv)
    import torch
    torch.set_num_threads(a.threads)
    args = torch.load(a.args)
    if not isinstance(args, tuple):
        args = (args,)
    try:
        t0 = time.perf_counter()
        m = torch.jit.load(a.model).eval()
        load_ms = (time.perf_counter() - t0) * 1e3
        opt_ms = 0.0
        if a.optimize:
            t1 = time.perf_counter()
            m = torch.jit.optimize_for_inference(m)
            opt_ms = (time.perf_counter() - t1) * 1e3
            load_ms += opt_ms
        first, times = [], []
        with torch.inference_mode():
            for c in range(max(3, a.warmup)):
                t = time.perf_counter()
                m(*args)
                if c < 3:
                    first.append((time.perf_counter() - t) * 1e3)
            for _ in range(a.iters):
                t = time.perf_counter()
                m(*args)
                times.append((time.perf_counter() - t) * 1e3)
    except Exception as e:  # noqa: BLE001 - reported as the workload's error
        print(f"torchscript: error: {str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__}",
              file=sys.stderr)
        return 1
    times.sort()
    q = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    print(json.dumps({"load_ms": load_ms, "optimize_ms": opt_ms, "call_ms": first, "min_ms": times[0],
                      "p50_ms": statistics.median(times), "p90_ms": q[89], "p99_ms": q[98],
                      "iters": a.iters, "threads": torch.get_num_threads(),
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    return 0


# --------------------------------------------------------------------------
# Running the two sides

def base_env(threads):
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OMP_WAIT_POLICY", None)
    env.update({"ATEN_CPU_CAPABILITY": "avx512", "MALLOC_MMAP_THRESHOLD_": "33554432",
                "MALLOC_TRIM_THRESHOLD_": "4294967296", "OMP_NUM_THREADS": str(threads),
                "OPENBLAS_NUM_THREADS": str(threads), "WICK_NUM_THREADS": str(threads)})
    return env


def first_error_line(stderr, rc):
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    for ln in lines:
        if "error" in ln.lower():
            return ln.split("error:", 1)[-1].strip() if "error:" in ln else ln
    return lines[-1] if lines else f"exit status {rc}"


def run_json(cmd, env, timeout=900):
    """Runs one fresh process; returns (result dict or None, error string or None)."""
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s"
    if p.returncode != 0:
        err = first_error_line(p.stderr, p.returncode)
        for arg in cmd:  # name the workload's files by their base names
            if os.path.isabs(arg) and arg.endswith(".pt"):
                err = err.replace(arg, os.path.basename(arg))
        return None, err
    return p, None


def run_wick(wick, model, args, threads, warmup, iters, tmp):
    out = os.path.join(tmp, "wick.json")
    if os.path.exists(out):
        os.remove(out)
    p, err = run_json([wick, "bench", model, "--input", args, "--threads", str(threads), "--warmup",
                       str(warmup), "--iters", str(iters), "--json", out], base_env(threads))
    if err:
        return {"error": err}
    with open(out) as f:
        return json.load(f)


def run_torchscript(ts_exe, model, args, threads, warmup, iters, optimize, passive):
    env = base_env(threads)
    if passive:
        env["OMP_WAIT_POLICY"] = "PASSIVE"
    opts = ["--threads", str(threads), "--warmup", str(warmup), "--iters", str(iters)]
    if optimize:
        opts.append("--optimize")
    if ts_exe:
        cmd = [ts_exe, model, args] + opts
    else:
        cmd = [sys.executable, os.path.abspath(__file__), "--ts-child", model, args] + opts
    p, err = run_json(cmd, env)
    if err:
        return {"error": err}
    return json.loads(p.stdout.strip().splitlines()[-1])


def probes(build, threads):
    out = {}
    for exe, extra in (("stream_probe", []), ("gemm_probe", [])):
        path = os.path.join(build, "bench", exe)
        if not os.path.exists(path):
            print(f"compare_torch: {path} missing; no machine-limit figures", file=sys.stderr)
            continue
        p = subprocess.run([path, "--threads", str(threads), "--json"] + extra, capture_output=True, text=True,
                           env=base_env(threads))
        if p.returncode == 0:
            out.update(json.loads(p.stdout))
        else:
            print(f"compare_torch: {exe} failed: {p.stderr.strip()}", file=sys.stderr)
    return out


# --------------------------------------------------------------------------
# Summaries

def med(runs, key, index=None):
    vals = []
    for r in runs:
        if "error" in r:
            continue
        v = r[key] if index is None else r[key][index]
        vals.append(v)
    return statistics.median(vals) if vals else None


def summarize(runs):
    """Medians over rounds of one side's processes, or its first error."""
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return {"error": runs[0]["error"] if runs else "not run"}
    s = {"p50_ms": med(ok, "p50_ms"), "min_ms": med(ok, "min_ms"), "first_ms": med(ok, "call_ms", 0),
         "load_ms": med(ok, "load_ms"), "peak_rss_mb": med(ok, "peak_rss_mb"), "rounds": len(ok)}
    for k in ("compile_ms", "optimized_at_call", "guard_checks", "guard_failures"):
        if k in ok[0]:
            s[k] = ok[0][k]
    return s


def fmt_ms(v):
    if v is None:
        return "—"
    return f"{v:.3g}" if v < 100 else f"{v:.0f}"


def cell(s, key, f=fmt_ms):
    if "error" in s:
        e = s["error"]
        return f"error: {e if len(e) <= 70 else e[:67] + '...'}"
    return f(s[key])


def ratio(ts, wick):
    if "error" in ts or "error" in wick or not wick.get("p50_ms"):
        return None
    return ts["p50_ms"] / wick["p50_ms"]


def md_escape(s):
    return s.replace("|", "\\|")


def table(results, meta, limits, ts_kind):
    lines = [
        f"| workload | T | Wick p50 ms | TorchScript p50 ms (as loaded / optimized) | TorchScript / Wick "
        f"(as loaded / optimized) | first call ms (Wick / TS) | load ms (Wick / TS) | peak RSS MB (Wick / TS) "
        f"| share of STREAM copy (Wick / TS) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        w, t, wick, tl, to = r["workload"], r["threads"], r["wick"], r["ts_loaded"], r["ts_optimized"]
        rl, ro = ratio(tl, wick), ratio(to, wick)
        desc = meta[w]["description"]
        wick_p50 = cell(wick, "p50_ms")

        def pair(a, b, key, f=fmt_ms):
            x = "err" if "error" in a else f(a[key])
            y = "err" if "error" in b else f(b[key])
            return f"{x} / {y}"

        ts_p50 = pair(tl, to, "p50_ms")
        ratios = f"{'—' if rl is None else f'{rl:.2f}x'} / {'—' if ro is None else f'{ro:.2f}x'}"
        stream = ""
        ideal = meta[w].get("ideal_bytes")
        copy = limits.get(f"copy_t{t}_gbs")
        if ideal and copy:
            def share(s):
                return "—" if "error" in s else f"{ideal / (s['p50_ms'] * 1e-3) / 1e9 / copy * 100:.0f}%"
            best_ts = min((s for s in (tl, to) if "error" not in s), key=lambda s: s["p50_ms"], default=tl)
            stream = f"{share(wick)} / {share(best_ts)}"
        first = pair(wick, tl, "first_ms")
        load = pair(wick, tl, "load_ms")
        rss = pair(wick, tl, "peak_rss_mb", lambda v: f"{v:.0f}")
        if "error" in wick:
            first = load = rss = "—"
        lines.append(f"| {w}: {md_escape(desc)} | {t} | {md_escape(wick_p50)} | {md_escape(ts_p50)} | {ratios} | "
                     f"{first} | {load} | {rss} | {stream} |")
    errors = []
    for r in results:
        for side, key in (("Wick", "wick"), ("TorchScript", "ts_loaded"), ("TorchScript optimized", "ts_optimized")):
            line = f"- {r['workload']}, {side}: error: {md_escape(r[key].get('error', ''))}"
            if "error" in r[key] and line not in errors:
                errors.append(line)
    return "\n".join(lines), errors


def chart(results, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        print("compare_torch: matplotlib is not installed; no chart (apt-get install python3-matplotlib)",
              file=sys.stderr)
        return False
    workloads = list(dict.fromkeys(r["workload"] for r in results))
    series = []
    for t in sorted({r["threads"] for r in results}):
        for variant, label in (("ts_loaded", "as loaded"), ("ts_optimized", "optimized")):
            vals, notes = [], []
            for w in workloads:
                r = next((x for x in results if x["workload"] == w and x["threads"] == t), None)
                vals.append((ratio(r[variant], r["wick"]) or 0) if r else None)  # 0: a side failed
                notes.append("" if not r or vals[-1] else "Wick failed" if "error" in r["wick"] else "TS failed")
            series.append((f"T={t}, TorchScript {label}", vals, notes))
    fig, ax = plt.subplots(figsize=(9, 3.6), dpi=90)
    width = 0.8 / max(1, len(series))
    for i, (label, vals, notes) in enumerate(series):
        xs = [x + (i - (len(series) - 1) / 2) * width for x in range(len(workloads))]
        # Bars grow from 1 (parity) up or down on a log axis; a failed side has none.
        ax.bar(xs, [v - 1 if v else 0 for v in vals], width, bottom=1, label=label)
        for x, note in zip(xs, notes):
            if note:
                ax.text(x, 1, note, rotation=90, ha="center", va="bottom", fontsize=6)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_xticks(range(len(workloads)))
    ax.set_xticklabels(workloads)
    ax.set_yscale("log")
    found = [v for _, vals, _ in series for v in vals if v] + [1.0]
    lo, hi = min(found) / 1.3, max(found) * 1.3
    ax.set_ylim(lo, hi)
    ticks = [m * 10.0 ** e for e in range(-3, 4) for m in (1, 2, 5) if lo <= m * 10.0 ** e <= hi]
    ax.yaxis.set_major_locator(matplotlib.ticker.FixedLocator(ticks))
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}x"))
    ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_ylabel("TorchScript / Wick (p50)")
    ax.set_title("TorchScript p50 / Wick p50: above 1x, Wick is faster")
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(path)
    print(f"compare_torch: wrote {path}")
    return True


# --------------------------------------------------------------------------

def ensure_built(build):
    if not os.path.exists(os.path.join(build, "CMakeCache.txt")):
        subprocess.run(["cmake", "-S", ROOT, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"], check=True)
    subprocess.run(["cmake", "--build", build, "--target", "wick_cli", "stream_probe", "gemm_probe"], check=True)
    # The libtorch baseline exists only where CMake found libtorch.
    subprocess.run(["cmake", "--build", build, "--target", "torchscript_bench"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for ln in f:
                if ln.startswith("model name"):
                    cpu = ln.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}"


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--ts-child":
        return ts_child(sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--workloads", default=",".join(ITERS))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--iters-scale", type=float, default=1.0, help="multiplies each workload's timed calls")
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "perf"))
    ap.add_argument("--no-build", action="store_true", help="use the binaries already in --build")
    ap.add_argument("--python-baseline", action="store_true",
                    help="use Python's torch.jit.load even where bench/torchscript_bench exists")
    a = ap.parse_args()
    try:
        threads = [int(t) for t in a.threads.split(",") if t]
    except ValueError:
        sys.exit(f"compare_torch: --threads expects numbers like 1,2, got '{a.threads}'")
    names = [w for w in a.workloads.split(",") if w]
    for w in names:
        if w not in ITERS:
            sys.exit(f"compare_torch: unknown workload {w} (have {', '.join(ITERS)})")
    if not threads or min(threads) < 1 or a.rounds < 1:
        sys.exit("compare_torch: --threads and --rounds need positive values")

    build = os.path.abspath(a.build)
    if not a.no_build:
        ensure_built(build)
    wick = os.path.join(build, "bin", "wick")
    if not os.path.exists(wick):
        sys.exit(f"compare_torch: {wick} not found (build wick_cli)")
    ts_exe = os.path.join(build, "bench", "torchscript_bench")
    if a.python_baseline or not os.path.exists(ts_exe):
        ts_exe = None
    ts_kind = "libtorch C++ (bench/torchscript_bench)" if ts_exe else "Python torch.jit.load"
    wl_dir = os.path.join(build, "workloads")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "workloads", "make_workloads.py"), wl_dir,
                    "--only", ",".join(names)], check=True)
    with open(os.path.join(wl_dir, "workloads.json")) as f:
        meta = json.load(f)
    os.makedirs(a.out, exist_ok=True)
    tmp = os.path.join(build, "compare_tmp")
    os.makedirs(tmp, exist_ok=True)

    print(f"compare_torch: TorchScript baseline: {ts_kind}; threads {threads}; {a.rounds} rounds", flush=True)
    limits = probes(build, max(threads))
    if limits:
        print("compare_torch: limits: " + ", ".join(f"{k} {v}" for k, v in limits.items() if k.endswith(("gbs",
              "gflops"))), flush=True)

    results = []
    for t in threads:
        passive = [False, True] if t >= 2 else [False]
        for w in names:
            warmup, iters = ITERS[w]
            iters = max(1, int(round(iters * a.iters_scale)))
            model = os.path.join(wl_dir, meta[w]["model"])
            args = os.path.join(wl_dir, meta[w]["args"])
            runs = {"wick": [], "ts_loaded": {p: [] for p in passive}, "ts_optimized": {p: [] for p in passive}}
            for rnd in range(a.rounds):
                steps = [("wick", None, None)] + [(v, p, None) for v in ("ts_loaded", "ts_optimized") for p in passive]
                if rnd % 2:
                    steps.reverse()  # alternate which side runs first
                for side, p, _ in steps:
                    if side == "wick":
                        runs["wick"].append(run_wick(wick, model, args, t, warmup, iters, tmp))
                    else:
                        runs[side][p].append(run_torchscript(ts_exe, model, args, t, warmup, iters,
                                                             side == "ts_optimized", p))
                if all("error" in r for r in runs["wick"]) and all(
                        "error" in r for v in ("ts_loaded", "ts_optimized") for r in runs[v][False]):
                    break
            row = {"workload": w, "threads": t, "wick": summarize(runs["wick"]), "raw": {"wick": runs["wick"]}}
            for v in ("ts_loaded", "ts_optimized"):
                cands = {p: summarize(runs[v][p]) for p in passive}
                best = min(cands.items(), key=lambda kv: kv[1].get("p50_ms", float("inf")))
                row[v] = dict(best[1], omp_wait_policy="PASSIVE" if best[0] else "default")
                row["raw"][v] = {("PASSIVE" if p else "default"): runs[v][p] for p in passive}
            results.append(row)
            wk, tl, to = row["wick"], row["ts_loaded"], row["ts_optimized"]
            rl, ro = ratio(tl, wk), ratio(to, wk)
            def side(name, st, opt=None):
                if "error" in st:
                    return f"{name} error: {st['error']}"
                extra = "" if opt is None else f" / optimized {cell(opt, 'p50_ms')}"
                return (f"{name} p50 {fmt_ms(st['p50_ms'])}{extra} ms (first {fmt_ms(st['first_ms'])}, load "
                        f"{fmt_ms(st['load_ms'])}, rss {st['peak_rss_mb']:.0f} MB)")
            print(f"T={t} {w:4s} {side('wick', wk)} | {side('TorchScript', tl, to)} | ratio "
                  f"{'—' if rl is None else f'{rl:.2f}x'} / {'—' if ro is None else f'{ro:.2f}x'}", flush=True)
            ideal = meta[w].get("ideal_bytes")
            copy = limits.get(f"copy_t{t}_gbs")
            if ideal and copy and "error" not in wk:
                gbs = ideal / (wk["p50_ms"] * 1e-3) / 1e9
                print(f"        {w}: Wick moves {gbs:.1f} GB/s = {gbs / copy * 100:.0f}% of STREAM copy "
                      f"({copy:.1f} GB/s at {t} thread{'s' if t > 1 else ''})", flush=True)

    date = datetime.date.today().isoformat()
    md, errors = table(results, meta, limits, ts_kind)
    limit_line = ", ".join(
        [f"STREAM copy {limits[k]:.1f} GB/s at {k.split('_t')[1].split('_')[0]} thread(s)"
         for k in limits if k.startswith("copy_t")] +
        [f"sgemm {limits[k]:.0f} GFLOP/s at {k.split('_t')[1].split('_')[0]} thread(s)"
         for k in limits if k.startswith("sgemm_t")])
    header = (f"Measured {date} on {machine()}; TorchScript baseline: {ts_kind} (PyTorch 1.13); "
              f"{a.rounds} rounds of fresh processes, alternating, medians of each process's p50. "
              f"Machine limits in the same run: {limit_line or 'not measured'}.\n")
    text = header + "\n" + md + "\n" + ("\n" + "\n".join(errors) + "\n" if errors else "")
    with open(os.path.join(a.out, "compare.md"), "w") as f:
        f.write(text)
    with open(os.path.join(a.out, "compare.json"), "w") as f:
        json.dump({"date": date, "machine": machine(), "baseline": ts_kind, "limits": limits, "results": results},
                  f, indent=1)
    print()
    print(text)
    chart(results, os.path.join(a.out, "compare.png"))
    print(f"compare_torch: wrote {os.path.join(a.out, 'compare.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

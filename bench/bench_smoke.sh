#!/usr/bin/env bash
# Smoke test (not timed): the machine-limit probes and `wick bench` run once
# on tiny sizes and print what tooling reads: the probes' JSON, wick bench's
# report lines and its --json object with every documented key.
# Usage: bench_smoke.sh WICK_BINARY BENCH_DIR REPO_ROOT
set -u
wick=$1
benchdir=$2
root=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# A JSON object on stdin that has every KEY given (python3's json module).
has_keys() {
  python3 -c 'import json, sys
d = json.load(sys.stdin)
missing = [k for k in sys.argv[1:] if k not in d]
sys.exit("missing keys: " + ", ".join(missing) if missing else 0)' "$@"
}

if out=$("$benchdir/stream_probe" --mb 4 --reps 1 --threads 2 --json); then
  echo "$out" | has_keys copy_t1_gbs scale_t1_gbs add_t1_gbs triad_t1_gbs copy_t2_gbs triad_t2_gbs \
    || bad "stream_probe --json: $out"
else
  bad "stream_probe exit status"
fi
"$benchdir/stream_probe" --mb 4 --reps 1 --threads 1 | grep -qE '^copy +1 thread +[0-9.]+ GB/s$' \
  || bad "stream_probe text output"
if out=$("$benchdir/gemm_probe" --n 128 --reps 1 --threads 2 --json); then
  echo "$out" | has_keys n sgemm_t1_gflops sgemm_t2_gflops || bad "gemm_probe --json: $out"
else
  bad "gemm_probe exit status"
fi

model=$root/bench/workloads/smoke/smoke.pt
args=$root/bench/workloads/smoke/smoke.args.pt
if "$wick" bench "$model" --input "$args" --warmup 0 --iters 3 --threads 1 --json "$tmp/out.json" \
  >"$tmp/report" 2>"$tmp/err"; then
  for field in model load 'calls 1, 2, 3' 'optimized at' 'steady state' compile guards 'peak RSS' threads flags; do
    grep -q "^$field " "$tmp/report" || bad "wick bench report has no '$field' line: $(cat "$tmp/report")"
  done
  [ -s "$tmp/err" ] && bad "wick bench wrote to stderr when it is not a terminal: $(cat "$tmp/err")"
  has_keys load_ms call_ms p50_ms p90_ms p99_ms min_ms compile_ms compile_ms_median_per_group guard_checks guard_failures peak_rss_mb \
    optimized_at_call threads flags <"$tmp/out.json" || bad "wick bench --json: $(cat "$tmp/out.json")"
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["call_ms"]) == 3 and d["threads"] == 1 and d["iters"] == 3, d
assert d["min_ms"] <= d["p50_ms"] <= d["p90_ms"] <= d["p99_ms"], d
assert "WICK_NUM_THREADS" in d["flags"], d' "$tmp/out.json" || bad "wick bench --json values"
else
  bad "wick bench exit status: $(cat "$tmp/err")"
fi

[ "$fail" -eq 0 ] && echo "bench smoke passed"
[ "$fail" -eq 0 ]

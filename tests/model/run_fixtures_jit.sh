#!/usr/bin/env bash
# The JIT against the interpreter on every model fixture of
# scripts/make_fixtures.py: `wick run --repeat 3` with WICK_JIT=1
# WICK_PROFILING_RUNS=1 (the third call runs the optimized graph) must give
# the result WICK_JIT=0 gives (rtol 1e-4, atol 1e-5). Runs once per fuser in
# FIXTURE_FUSERS (default "llvm interp": the LLVM backend, or no fusion in
# a build without LLVM; and the kernel IR evaluator).
# usage: run_fixtures_jit.sh WICK SOURCE_DIR FIXTURE_DIR
# Exits 77 (skipped) when /usr/bin/python3 has no torch to make fixtures.
set -u
wick=$1
src=$2
dir=$3
py=/usr/bin/python3
if ! "$py" -c 'import torch' 2>/dev/null; then
  echo "SKIP: $py cannot import torch; the model fixtures need it"
  exit 77
fi
mkdir -p "$dir"
cases=$("$py" "$src/scripts/make_fixtures.py" "$dir") || { echo "FAIL: make_fixtures.py"; exit 1; }
failed=0
passed=0
for name in $cases; do
  ref="$dir/$name.interp.pt"
  rm -f "$ref"
  if ! WICK_JIT=0 "$wick" run "$dir/$name.pt" --input "$dir/$name.args.pt" --output "$ref"; then
    echo "FAIL $name: WICK_JIT=0 wick run failed"
    failed=$((failed + 1))
    continue
  fi
  for fuser in ${FIXTURE_FUSERS:-llvm interp}; do
    out="$dir/$name.jit-$fuser.pt"
    rm -f "$out"
    if ! stats=$(WICK_JIT=1 WICK_PROFILING_RUNS=1 WICK_FUSER=$fuser "$wick" run "$dir/$name.pt" \
        --input "$dir/$name.args.pt" --output "$out" --repeat 3 --stats 2>&1); then
      echo "FAIL $name ($fuser): WICK_JIT=1 wick run failed: $stats"
      failed=$((failed + 1))
      continue
    fi
    if ! "$py" "$src/tests/model/compare.py" "$ref" "$out" 1e-4 1e-5; then
      echo "FAIL $name ($fuser): the JIT's result differs from the interpreter's"
      failed=$((failed + 1))
      continue
    fi
    # One summary per case: fusion groups, guards, kernels.
    groups=$(printf '%s\n' "$stats" | sed -n 's/^  fusion groups \([0-9]*\):.*guard checks \([0-9]*\), guard failures \([0-9]*\).*/groups \1, guard checks \2, failures \3/p' | head -1)
    kernels=$(printf '%s\n' "$stats" | sed -n 's/^  kernels compiled \([0-9]*\).*compile failures \([0-9]*\)/kernels \1, compile failures \2/p' | head -1)
    echo "ok   $name ($fuser): $groups; $kernels"
    passed=$((passed + 1))
  done
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]

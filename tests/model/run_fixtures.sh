#!/usr/bin/env bash
# Runs `wick run` on the scripted-module fixtures of scripts/make_fixtures.py
# and compares each result with TorchScript's (rtol 1e-4, atol 1e-5, or the
# tolerance in NAME.tol: whole models use rtol 1e-3, atol 1e-4).
# usage: run_fixtures.sh WICK SOURCE_DIR FIXTURE_DIR
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
ran=()
for name in $cases; do
  out="$dir/$name.wick.pt"
  rm -f "$out"
  if ! "$wick" run "$dir/$name.pt" --input "$dir/$name.args.pt" --output "$out" --repeat 2; then
    echo "FAIL $name: wick run failed"
    failed=$((failed + 1))
    continue
  fi
  ran+=("$name")
done
# One Python process compares every result (importing torch once).
if [[ ${#ran[@]} -gt 0 ]]; then
  report=$("$py" "$src/tests/model/compare.py" --dir "$dir" "${ran[@]}")
  printf '%s\n' "$report"
  passed=$(printf '%s\n' "$report" | grep -c '^ok ')
  failed=$((failed + $(printf '%s\n' "$report" | grep -c '^FAIL ')))
fi
# Errors are one line and exit 1.
msg=$("$wick" run "$dir/does_not_exist.pt" 2>&1)
rc=$?
if [[ $rc -ne 1 || "$msg" != "wick: error: "* || $(printf '%s\n' "$msg" | wc -l) -ne 1 ]]; then
  echo "FAIL missing model: rc=$rc, message '$msg'"
  failed=$((failed + 1))
fi
msg=$("$wick" run "$dir/mlp.pt" --input "$dir/mlp.args.pt" --method nope 2>&1)
if [[ $? -ne 1 || "$msg" != *"has no method 'nope'"* ]]; then
  echo "FAIL unknown method: '$msg'"
  failed=$((failed + 1))
fi
# Without --output the result is printed.
msg=$("$wick" run "$dir/mlp.pt" --input "$dir/mlp.args.pt" 2>&1)
if [[ $? -ne 0 || "$msg" != "tensor("* ]]; then
  echo "FAIL printing the result: '$msg'"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]

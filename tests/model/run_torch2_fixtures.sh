#!/usr/bin/env bash
# Runs `wick run` on the archives that PyTorch 2.x wrote (tests/data/torch2,
# made by scripts/make_torch2_fixtures.py; the cases are listed in its
# MANIFEST) and compares each result with what 2.x returned, reading the
# expectations with /usr/bin/python3's torch.
# usage: run_torch2_fixtures.sh WICK SOURCE_DIR OUT_DIR
# Exits 77 (skipped) when /usr/bin/python3 has no torch to compare with.
set -u
wick=$1
src=$2
out=$3
data="$src/tests/data/torch2"
py=/usr/bin/python3
if ! "$py" -c 'import torch' 2>/dev/null; then
  echo "SKIP: $py cannot import torch; the comparison needs it"
  exit 77
fi
mkdir -p "$out"
failed=0
ran=()
mapfile -t cases < <(grep -v '^#' "$data/MANIFEST")
[[ ${#cases[@]} -gt 0 ]] || { echo "FAIL: no cases in $data/MANIFEST"; exit 1; }
for name in "${cases[@]}"; do
  rm -f "$out/$name.wick.pt"
  if ! "$wick" run "$data/$name.pt" --input "$data/$name.args.pt" --output "$out/$name.wick.pt"; then
    echo "FAIL $name: wick run failed"
    failed=$((failed + 1))
    continue
  fi
  ran+=("$name")
done
passed=0
if [[ ${#ran[@]} -gt 0 ]]; then
  report=$("$py" "$src/tests/model/compare.py" --dir "$data" --actual "$out" "${ran[@]}")
  printf '%s\n' "$report"
  passed=$(printf '%s\n' "$report" | grep -c '^ok ')
  failed=$((failed + $(printf '%s\n' "$report" | grep -c '^FAIL ')))
fi
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]

#!/usr/bin/env bash
# Runs `wick run` on the model zoo of scripts/make_zoo_fixtures.py (scripted
# torchvision CNNs, a small ViT, transformer/recurrent layers, a U-Net) and
# compares each result with TorchScript's at whole-model tolerance (rtol
# 1e-3, atol 1e-4). The fixtures are made once and remade only when the
# script changes, since writing them takes longer than running them.
# usage: run_zoo.sh WICK SOURCE_DIR FIXTURE_DIR
# Exits 77 (skipped) when /usr/bin/python3 has no torch or torchvision.
set -u
wick=$1
src=$2
dir=$3
py=/usr/bin/python3
if ! "$py" -c 'import torch, torchvision' 2>/dev/null; then
  echo "SKIP: $py cannot import torch and torchvision; the zoo fixtures need them"
  exit 77
fi
mkdir -p "$dir"
script="$src/scripts/make_zoo_fixtures.py"
stamp="$dir/zoo.list"
if [[ ! -s "$stamp" || "$script" -nt "$stamp" ]]; then
  "$py" "$script" "$dir" > "$stamp.tmp" || { echo "FAIL: make_zoo_fixtures.py"; rm -f "$stamp.tmp"; exit 1; }
  mv "$stamp.tmp" "$stamp"
fi
failed=0
ran=()
for name in $(cat "$stamp"); do
  out="$dir/$name.wick.pt"
  rm -f "$out"
  start=$(date +%s%N)
  if ! "$wick" run "$dir/$name.pt" --input "$dir/$name.args.pt" --output "$out"; then
    echo "FAIL $name: wick run failed"
    failed=$((failed + 1))
    continue
  fi
  printf 'ran  %-28s %6d ms\n' "$name" $((($(date +%s%N) - start) / 1000000))
  echo "1e-3 1e-4" > "$dir/$name.tol"
  ran+=("$name")
done
# One Python process compares them all (importing torch per model is slow).
if [[ ${#ran[@]} -gt 0 ]]; then
  report=$("$py" "$src/tests/model/compare.py" --dir "$dir" "${ran[@]}")
  echo "$report"
  failed=$((failed + $(grep -c '^FAIL' <<< "$report")))
fi
passed=$(grep -c '^ok' <<< "${report:-}")
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]

#!/usr/bin/env bash
# Disk footprint of libwick.so and of every shared library it loads (its ldd
# closure), next to Debian's libtorch_cpu.so closure.
#   scripts/footprint.sh [path/to/libwick.so]   (default: build/libwick.so)
set -euo pipefail

closure() {  # prints "bytes path" for the library and each resolved dependency
  local lib=$1
  { echo "$lib"; ldd "$lib" | awk '/=> \//{print $3} /^\t\/[^ ]+ \(/{print $1}'; } |
    while read -r f; do readlink -f "$f"; done | sort -u |
    while read -r f; do echo "$(stat -c %s "$f") $f"; done
}

report() {  # name lib
  local name=$1 lib=$2
  if [[ ! -f $lib ]]; then echo "$name: $lib not found"; return; fi
  local lines total self
  lines=$(closure "$lib")
  total=$(awk '{s+=$1} END{print s}' <<<"$lines")
  self=$(stat -c %s "$(readlink -f "$lib")")
  # Distribution packages ship stripped libraries: also give the stripped size.
  local tmp stripped
  tmp=$(mktemp)
  strip -o "$tmp" "$(readlink -f "$lib")" 2>/dev/null || cp "$(readlink -f "$lib")" "$tmp"
  stripped=$(stat -c %s "$tmp")
  rm -f "$tmp"
  printf '%s: %s itself %.1f MB (%.1f MB stripped); with its ldd closure (%d files) %.1f MB (%.1f MB stripped)\n' \
    "$name" "$lib" "$(bc -l <<<"$self/1000000")" "$(bc -l <<<"$stripped/1000000")" "$(wc -l <<<"$lines")" \
    "$(bc -l <<<"$total/1000000")" "$(bc -l <<<"($total-$self+$stripped)/1000000")"
  if [[ ${VERBOSE:-0} == 1 ]]; then sort -rn <<<"$lines" | awk '{printf "  %8.1f MB  %s\n", $1/1000000, $2}'; fi
}

root=$(cd "$(dirname "$0")/.." && pwd)
report libwick "${1:-$root/build/libwick.so}"
for t in /usr/lib/x86_64-linux-gnu/libtorch_cpu.so /usr/lib/python3/dist-packages/torch/lib/libtorch_cpu.so; do
  if [[ -f $t ]]; then report libtorch_cpu "$t"; break; fi
done

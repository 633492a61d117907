#!/usr/bin/env bash
# Disk footprint of libwick.so and of every shared library it loads (its ldd
# closure), next to Debian's libtorch_cpu.so closure. Libraries that Wick
# opens with dlopen only when a model needs them are not in the ldd closure;
# they are listed after it, each with the files it adds to the closure:
#   BLAS   libopenblas.so.0 (else libblas.so.3): GEMM on float64 tensors
#   NVRTC  libnvrtc.so: the JIT's CUDA backend (WICK_FUSER=cuda)
# Sizes are of the files as they are; libwick.so is also given stripped
# (strip -o, as `cmake --install --strip` installs it; distributions ship
# their libraries stripped).
#   scripts/footprint.sh [path/to/libwick.so]   (default: build/libwick.so)
#   VERBOSE=1 scripts/footprint.sh ...           (one line per file)
set -euo pipefail

closure() {  # prints "bytes path" for the library and each resolved dependency
  local lib=$1
  { echo "$lib"; ldd "$lib" | awk '/=> \//{print $3} /^\t\/[^ ]+ \(/{print $1}'; } |
    while read -r f; do readlink -f "$f"; done | sort -u |
    while read -r f; do echo "$(stat -c %s "$f") $f"; done
}

mb() { bc -l <<<"$1/1000000"; }
sum() { awk '{s+=$1} END{print s+0}' <<<"$1"; }
listing() {  # lines [max]: the files, largest first (VERBOSE=1 only)
  if [[ ${VERBOSE:-0} == 1 && -n $1 ]]; then
    sort -rn <<<"$1" | awk -v max="${2:-0}" 'max && NR > max {rest++; next}
      {printf "  %8.1f MB  %s\n", $1/1000000, $2} END {if (rest) printf "  ... and %d smaller files\n", rest}'
  fi
}

stripped_size() {
  local tmp
  tmp=$(mktemp)
  strip -o "$tmp" "$1" 2>/dev/null || cp "$1" "$tmp"
  stat -c %s "$tmp"
  rm -f "$tmp"
}

# The path the dynamic loader finds for a soname, or nothing.
find_soname() {
  local so=$1 p
  p=$({ ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; } |
      awk -v so="$so" '$1==so && /x86-64/ {print $NF; exit}')
  if [[ -z $p ]]; then
    for d in /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu /usr/lib64 /usr/lib /usr/local/cuda/lib64; do
      if [[ -e $d/$so ]]; then p=$d/$so; break; fi
    done
  fi
  [[ -n $p ]] && readlink -f "$p"
  return 0
}

report() {  # name lib [max]: prints the library and its closure; sets LINES, TOTAL, SELF, STRIPPED
  local name=$1 lib=$2
  LINES=$(closure "$lib")
  TOTAL=$(sum "$LINES")
  SELF=$(stat -c %s "$(readlink -f "$lib")")
  STRIPPED=$(stripped_size "$(readlink -f "$lib")")
  printf '%s: %s itself %.1f MB (%.1f MB stripped); with its ldd closure (%d files) %.1f MB (%.1f MB stripped)\n' \
    "$name" "$lib" "$(mb "$SELF")" "$(mb "$STRIPPED")" "$(wc -l <<<"$LINES")" \
    "$(mb "$TOTAL")" "$(mb "$((TOTAL - SELF + STRIPPED))")"
  listing "$LINES" "${3:-0}"
}

ondemand() {  # name what soname...: the first soname found, with what it adds to libwick's closure
  local name=$1 what=$2 so lib="" added bytes
  shift 2
  for so in "$@"; do
    lib=$(find_soname "$so")
    [[ -n $lib ]] && break
  done
  if [[ -z $lib ]]; then
    printf '  %-6s (%s): none of %s installed\n' "$name" "$what" "$*"
    return
  fi
  added=$(closure "$lib" | awk 'NR==FNR {have[$2]=1; next} !($2 in have)' <(echo "$WICK_LINES") -)
  bytes=$(sum "$added")
  printf '  %-6s (%s): %s adds %d files, %.1f MB (libwick + it: %.1f MB, %.1f MB stripped)\n' \
    "$name" "$what" "$so" "$(grep -c . <<<"$added" || true)" "$(mb "$bytes")" \
    "$(mb "$((WICK_TOTAL + bytes))")" "$(mb "$((WICK_TOTAL - WICK_SELF + WICK_STRIPPED + bytes))")"
  listing "$added"
}

root=$(cd "$(dirname "$0")/.." && pwd)
wick=${1:-$root/build/libwick.so}
if [[ ! -f $wick ]]; then echo "libwick: $wick not found" >&2; exit 1; fi
report libwick "$wick"
WICK_LINES=$LINES WICK_TOTAL=$TOTAL WICK_SELF=$SELF WICK_STRIPPED=$STRIPPED
echo "opened with dlopen only when needed (not in the closure above):"
ondemand BLAS "GEMM on float64 tensors" libopenblas.so.0 libblas.so.3
ondemand NVRTC "JIT CUDA backend" libnvrtc.so libnvrtc.so.13 libnvrtc.so.12 libnvrtc.so.11.2
for t in /usr/lib/x86_64-linux-gnu/libtorch_cpu.so /usr/lib/python3/dist-packages/torch/lib/libtorch_cpu.so; do
  if [[ -f $t ]]; then report libtorch_cpu "$t" 12; break; fi
done

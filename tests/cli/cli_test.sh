#!/usr/bin/env bash
# End-to-end checks of the `wick` command: results of the shipped examples
# (expected values printed by PyTorch) and one-line errors for bad input.
# Usage: cli_test.sh WICK_BINARY REPO_ROOT
set -u
wick=$1
root=$2
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# expect_out NAME EXPECTED -- ARGS...: exit 0 and stdout equal to EXPECTED.
expect_out() {
  local name=$1 expected=$2
  shift 3
  local out
  if ! out=$("$wick" "$@" 2>"$tmp/err"); then
    bad "$name: exit status $? ($(cat "$tmp/err"))"
  elif [ "$out" != "$expected" ]; then
    bad "$name: got '$out', expected '$expected'"
  else
    ok
  fi
}

# expect_err NAME PATTERN -- ARGS...: non-zero exit, exactly one stderr line
# 'wick: error: ...' matching PATTERN (grep -E).
expect_err() {
  local name=$1 pattern=$2
  shift 3
  if "$wick" "$@" >/dev/null 2>"$tmp/err"; then
    bad "$name: exit status 0"
    return
  fi
  local lines
  lines=$(wc -l <"$tmp/err")
  if [ "$lines" -ne 1 ]; then
    bad "$name: $lines stderr lines: $(cat "$tmp/err")"
  elif ! grep -qE "^wick: error: .*$pattern" "$tmp/err"; then
    bad "$name: stderr '$(cat "$tmp/err")' does not match '$pattern'"
  else
    ok
  fi
}

expect_out version "wick 0.1.0" -- --version
expect_out collatz "111" -- run-ir examples/collatz_steps.txt --input 27
expect_out scalar_add "5" -- run-ir "$root/tests/cli/data/add_ints.txt" --input 2 --input 3

printf 'graph(%%x : Tensor):\n  %%y : Tensor = aten::frobnicate(%%x)\n  return (%%y)\n' >"$tmp/unknown_op.txt"
printf 'graph(%%x : Tensor):\n  %%y : Tensor = aten::neg(%%x\n  return (%%y)\n' >"$tmp/syntax.txt"
printf 'graph(%%x : Tensor, %%y : Tensor):\n  %%a : int = prim::Constant[value=1]()\n  %%z : Tensor = aten::add(%%x, %%y, %%a)\n  return (%%z)\n' >"$tmp/add.txt"

expect_err no_command "no command" --
expect_err unknown_command "unknown command 'frob'" -- frob
expect_err missing_file "missing.txt" -- run-ir "$tmp/missing.txt"
expect_err unknown_op "aten::frobnicate" -- run-ir "$tmp/unknown_op.txt" --input 'randn(2)'
expect_err syntax_error "syntax.txt:2:[0-9]+" -- run-ir "$tmp/syntax.txt" --input 'randn(2)'
expect_err input_count "takes 2 inputs" -- run-ir "$tmp/add.txt" --input 'randn(2)'
expect_err input_type "Tensor" -- run-ir "$tmp/add.txt" --input 1 --input 'randn(2)'
expect_err broadcast "\\[2, 3\\].*\\[4\\]|\\[4\\].*\\[2, 3\\]" -- run-ir "$tmp/add.txt" --input 'randn(2, 3)' --input 'randn(4)'
expect_err bad_spec "column" -- run-ir "$tmp/add.txt" --input 'randn(2' --input 'randn(2)'
expect_err bad_repeat "--repeat" -- run-ir "$tmp/add.txt" --repeat 0
expect_err bench_iters "--iters expects an integer >= 1" -- bench tests/data/serialize/script_module.pt --iters 0
expect_err bench_negative "--warmup expects an integer >= 0" -- bench tests/data/serialize/script_module.pt --warmup -2
expect_err bench_missing "missing.pt" -- bench "$tmp/missing.pt"
expect_err bench_json "cannot write --json file" -- bench tests/data/serialize/script_module.pt --json /nonexistent/dir/out.json
expect_err bench_method "no method 'nope'" -- bench tests/data/serialize/script_module.pt --method nope
expect_err bench_iters_negative "--iters expects an integer >= 1" -- bench tests/data/serialize/script_module.pt --iters -3
expect_err bench_iters_text "--iters expects an integer >= 1, got 'many'" -- bench tests/data/serialize/script_module.pt --iters many
expect_err bench_threads_zero "--threads expects an integer >= 1" -- bench tests/data/serialize/script_module.pt --threads 0
expect_err bench_no_value "--iters needs a value" -- bench tests/data/serialize/script_module.pt --iters
expect_err bench_no_model "bench needs a model" -- bench --iters 3
expect_err bench_missing_input "missing_args.pt" -- bench tests/data/serialize/script_module.pt --input "$tmp/missing_args.pt"
printf 'not a zip archive\n' >"$tmp/garbage.pt"
expect_err bench_unreadable_model "garbage.pt" -- bench "$tmp/garbage.pt"
expect_err bench_unreadable_input "garbage.pt" -- bench tests/data/serialize/script_module.pt --input "$tmp/garbage.pt"
expect_err bench_model_is_dir "$tmp" -- bench "$tmp"
expect_err bench_json_is_dir "cannot write --json file" -- bench tests/data/serialize/script_module.pt --json "$tmp"
WICK_NUM_THREADS=zero expect_err bad_flag "WICK_NUM_THREADS" -- flags
WICK_BOGUS=1 expect_err unknown_flag "unknown flag WICK_BOGUS" -- flags

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

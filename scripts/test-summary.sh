#!/usr/bin/env bash
# Read the logs written by scripts/stage.sh.
#
#   scripts/test-summary.sh count KIND LOG passed|failed   -> one number
#   scripts/test-summary.sh report                          -> per-stage table + closing line
#
# The closing line of `report` is "tests: N passed, M failed" summed over all
# test stages of this `make test` run.
set -euo pipefail

logdir=target/test-logs

count() { # KIND LOG WHAT
  local kind=$1 log=$2 what=$3
  case "$kind" in
    cargo)
      # libtest and wasm-bindgen-test: "test result: ok. 12 passed; 0 failed; 0 ignored; ..."
      sed -nE "s/.*test result: [A-Za-z]+\. ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/p" "$log" |
        awk -v w="$what" '{ s += (w == "passed" ? $1 : $2) } END { print s + 0 }'
      ;;
    plain)
      # One closing line "NAME: N passed, M failed" (the fuzz smoke).
      sed -nE "s/^[A-Za-z-]+: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/p" "$log" | tail -n 1 |
        awk -v w="$what" '{ s = (w == "passed" ? $1 : $2) } END { print s + 0 }'
      ;;
    node)
      # TAP reporter: "# pass 5"; spec reporter: "ℹ pass 5". Take the last one (the run's total).
      local key=pass
      [ "$what" = failed ] && key=fail
      grep -E "^(# |ℹ )${key} [0-9]+\$" "$log" | tail -n 1 | awk '{ print $3 + 0 } END { if (NR == 0) print 0 }'
      ;;
    *) echo 0 ;;
  esac
}

report() {
  local total_pass=0 total_fail=0 total_secs=0 name kind rc secs p f
  echo
  echo "==> make test: stage summary"
  printf '  %-14s %-8s %7s %7s %8s\n' stage result passed failed seconds
  while IFS=$'\t' read -r name kind rc secs; do
    p=- f=-
    if [ "$kind" != none ] && [ -f "$logdir/$name.log" ]; then
      p=$(count "$kind" "$logdir/$name.log" passed)
      f=$(count "$kind" "$logdir/$name.log" failed)
    fi
    # A stage that failed without reporting a failed test (it did not compile, the runner
    # crashed, a build broke) counts as one failure, so that the closing line never reads
    # "0 failed" for a failing run.
    if [ "$rc" -ne 0 ] && { [ "$f" = - ] || [ "$f" -eq 0 ]; }; then
      f=1
    fi
    [ "$p" != - ] && total_pass=$((total_pass + p))
    [ "$f" != - ] && total_fail=$((total_fail + f))
    total_secs=$((total_secs + secs))
    printf '  %-14s %-8s %7s %7s %8s\n' "$name" "$([ "$rc" -eq 0 ] && echo ok || echo FAILED)" "$p" "$f" "$secs"
  done <"$logdir/stages.tsv"
  printf '  %-14s %-8s %7s %7s %8s\n' total "" "$total_pass" "$total_fail" "$total_secs"
  echo "tests: $total_pass passed, $total_fail failed"
}

case "${1:-}" in
  count) shift; count "$@" ;;
  report) report ;;
  *) echo "usage: $0 count KIND LOG passed|failed | report" >&2; exit 2 ;;
esac

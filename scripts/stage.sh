#!/usr/bin/env bash
# Run one stage of `make test`, teeing its output to target/test-logs/NAME.log
# and recording how long it took.
#
#   scripts/stage.sh NAME KIND COMMAND...
#
# KIND says how to read the log afterwards (see scripts/test-summary.sh):
#   cargo  - libtest / wasm-bindgen-test lines "test result: ok. N passed; M failed; ..."
#   node   - node --test closing lines "# pass N" / "# fail N" (or the spec reporter's "ℹ pass N")
#   plain  - one closing line "NAME: N passed, M failed" (the fuzz smoke)
#   none   - not a test stage (a build); only its exit code counts
# A test stage that exits 0 but reports no passed test at all fails: a runner
# that silently skipped everything (e.g. WASM_BINDGEN_TEST_ONLY_NODE left set)
# must not look green.
set -uo pipefail

name=$1 kind=$2
shift 2
logdir=target/test-logs
mkdir -p "$logdir"
log=$logdir/$name.log

printf '\n==> [%s] %s\n' "$name" "$*"
start=$(date +%s)
"$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
secs=$(( $(date +%s) - start ))

if [ "$rc" -eq 0 ] && [ "$kind" != none ]; then
  passed=$(bash scripts/test-summary.sh count "$kind" "$log" passed)
  if [ "${passed:-0}" -eq 0 ]; then
    echo "stage $name: the runner exited 0 but reported no passed test; treating as failure" >&2
    rc=1
  fi
fi

printf '%s\t%s\t%s\t%s\n' "$name" "$kind" "$rc" "$secs" >>"$logdir/stages.tsv"
if [ "$rc" -eq 0 ]; then
  printf '<== [%s] ok in %ss\n' "$name" "$secs"
else
  printf '<== [%s] FAILED (exit %s) after %ss; full log: %s\n' "$name" "$rc" "$secs" "$log"
fi
exit "$rc"

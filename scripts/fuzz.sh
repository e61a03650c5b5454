#!/usr/bin/env bash
# Runs cargo-fuzz targets (already built by `cargo fuzz build -O`) for a while each and prints
# one line per target: executions, coverage (cov, ft) and corpus size.
#
#   scripts/fuzz.sh SECONDS TARGET...       e.g. scripts/fuzz.sh 600 csv_import xlsx_import
#
# Each target starts from fuzz/seeds/TARGET and fuzz/regressions/TARGET (committed) and
# fuzz/corpus/TARGET (grown here, not committed); new inputs go to fuzz/corpus/TARGET, crashes to fuzz/artifacts/TARGET/.  A crash,
# a timeout (one input over 5 s) or running out of memory (2 GB) fails the run.  The binaries are
# run directly, not through `cargo fuzz run`, so that editing the sources while a long run goes on
# does not rebuild it.  Logs: target/fuzz-logs/TARGET.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:?usage: scripts/fuzz.sh SECONDS TARGET...}
shift
bin=fuzz/target/x86_64-unknown-linux-gnu/release
mkdir -p target/fuzz-logs
status=0
for target in "$@"; do
  case "$target" in
    datetime) max_len=256 ;;
    calendar_csv|catalog_json|project_json|evaluate_cases|workspace) max_len=8192 ;;
    *) max_len=65536 ;;
  esac
  [ -x "$bin/$target" ] || { echo "fuzz: $bin/$target is not built (RUSTC_BOOTSTRAP=1 cargo fuzz build -O)" >&2; exit 2; }
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target" "fuzz/seeds/$target"
  log="target/fuzz-logs/$target.log"
  start=$(date +%s)
  if "$bin/$target" -artifact_prefix="fuzz/artifacts/$target/" -max_total_time="$seconds" -timeout=5 \
      -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
      "fuzz/corpus/$target" "fuzz/seeds/$target" $( [ -d "fuzz/regressions/$target" ] && echo "fuzz/regressions/$target" ) >"$log" 2>&1; then
    result=ok
  else
    result=FAILED; status=1
  fi
  execs=$(grep -a 'stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -n1)
  last=$(grep -a -E '^#[0-9]+' "$log" | tail -n1)
  cov=$(printf '%s' "$last" | grep -o 'cov: [0-9]*' | awk '{print $2}')
  ft=$(printf '%s' "$last" | grep -o 'ft: [0-9]*' | awk '{print $2}')
  corp=$(printf '%s' "$last" | grep -o 'corp: [0-9]*/[0-9A-Za-z]*' | awk '{print $2}')
  printf 'fuzz %-15s %s: %ss, %s executions, cov %s, ft %s, corpus %s\n' "$target" "$result" "$(( $(date +%s) - start ))" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}"
  if [ "$result" = FAILED ]; then
    grep -a -E 'panicked|ERROR|SUMMARY|Test unit written|timeout' "$log" | head -n 12 >&2 || true
  fi
done
exit $status

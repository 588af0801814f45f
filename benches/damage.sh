#!/usr/bin/env bash
# The damage set (tests/damage/mod.rs) as a benchmark of the detector's honesty and speed.
#
# 1. Builds the release binary and runs the damage test on it (the ignored one in
#    tests/damage.rs), which writes the set, classifies every file through the library and the
#    binary, and prints the verdicts per encoding and kind (right, near, refused, mojibake)
#    with examples.
# 2. Times `doctidy detect --format json` over the set's files: median of RUNS runs (default
#    5) after one warm-up.
#
# Exits with the test's status: non-zero while the acceptance bar is not met (a clean file not
# decoded right, a damaged file written as mojibake beyond what the test allows).
# Usage: benches/damage.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release -q
bin=target/release/doctidy
status=0
DAMAGE_DIR="$work" RUST_BACKTRACE=0 cargo test --release -q --test damage \
  -- --nocapture no_damaged_file_is_written_as_mojibake || status=$?

files=$(find "$work/in" -type f | wc -l)
bytes=$(find "$work/in" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
detect_all() { "$bin" detect --format json -q "$work/in" >/dev/null 2>&1 || true; }
detect_all
times=()
for _ in $(seq "$runs"); do
  t0=$(date +%s.%N)
  detect_all
  t1=$(date +%s.%N)
  times+=("$(echo "$t1 - $t0" | bc -l)")
done
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf 'doctidy detect over the set: %d files, %d bytes, %.3f s (median of %d runs, %d cores): %.0f files/s\n' \
  "$files" "$bytes" "$median" "$runs" "$(nproc)" "$(echo "$files / $median" | bc -l)"
if [ "$status" -eq 0 ]; then
  echo "acceptance bar: met"
else
  echo "acceptance bar: NOT met (the test's failures are listed above)"
fi
exit "$status"

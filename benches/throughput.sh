#!/usr/bin/env bash
# Throughput of `doctidy detect` and `doctidy clean` on a mixed-encoding corpus, as MB/s and
# as a ratio against `cat` (reading every file) and `cp -r` (copying the tree) in the same
# session. Medians of RUNS runs (default 5). Usage: benches/throughput.sh [TOTAL_MB]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-64}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release -q
bin=target/release/doctidy
python3 benches/make_mixed_corpus.py "$work/corpus" "$mb"
bytes=$(du -sb "$work/corpus" | cut -f1)

# median wall seconds of a command over $runs runs (after one warm-up)
median() {
  local times=()
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

cat_all() { find "$work/corpus" -type f -exec cat {} + >/dev/null; }
copy_all() { rm -rf "$work/copy"; cp -r "$work/corpus" "$work/copy"; }
detect_all() { "$bin" detect "$work/corpus" -q >/dev/null; }
clean_all() { rm -rf "$work/out"; "$bin" clean "$work/corpus" --out "$work/out" -q; }

t_cat=$(median cat_all)
t_cp=$(median copy_all)
t_detect=$(median detect_all)
t_clean=$(median clean_all)
files=$(find "$work/corpus" -type f | wc -l)
echo "corpus: $files files, $(echo "$bytes / 1000000" | bc -l | xargs printf '%.1f') MB, $(nproc) cores, median of $runs runs"
row() { printf '%-28s %8.3f s  %8.1f MB/s  %6.1fx cat  %6.1fx cp -r\n' "$1" "$2" "$(echo "$bytes / $2 / 1000000" | bc -l)" "$(echo "$2 / $t_cat" | bc -l)" "$(echo "$2 / $t_cp" | bc -l)"; }
row "cat (baseline)" "$t_cat"
row "cp -r (baseline)" "$t_cp"
row "doctidy detect" "$t_detect"
row "doctidy clean --out" "$t_clean"

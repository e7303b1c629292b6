#!/usr/bin/env bash
# parley's search time against `fzf --filter` on the same quote texts, in
# the same run.
#
#   benches/vs_fzf.sh [QUOTES]        (default 100000)
#
# Generates a synthetic archive (examples/gen_archive.rs), writes its quote
# texts one per line, then for each query takes the best of three runs of
# `fzf --filter QUERY < texts` (wall clock: reading the lines and matching)
# and of `parley search QUERY archive --stats` (the search time it reports:
# matching and ranking, without loading the briefing or printing). Prints
# both, parley's time over fzf's, and parley's wall clock including load.
set -euo pipefail
cd "$(dirname "$0")/.."

quotes=${1:-100000}
if ! command -v fzf >/dev/null 2>&1; then
  echo "vs_fzf.sh: fzf is needed (apt-get install -y fzf)" >&2
  exit 2
fi

cargo build --release --quiet --bin parley --example gen_archive
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
target/release/examples/gen_archive "$quotes" > "$dir/archive.toml"
target/release/examples/gen_archive "$quotes" --texts > "$dir/texts.txt"

queries=(
  "negotiations"
  "security guarantees"
  "ceasefire monitoring mission"
  "reduction"
  "negotiatons"
  "battlefeld"
  "negotaitions"
  "battelfield"
)

now_ns() { date +%s%N; }

echo "$quotes quotes, fzf $(fzf --version | cut -d' ' -f1), best of 3 runs"
printf '%-30s %9s %9s %9s %9s %8s %14s\n' query fzf_hits fzf_ms hits parley_ms ratio parley_wall_ms
for query in "${queries[@]}"; do
  fzf_best="" parley_best="" wall_best=""
  for _ in 1 2 3; do
    start=$(now_ns)
    fzf --filter "$query" < "$dir/texts.txt" > "$dir/fzf.out" || true
    ms=$(( ($(now_ns) - start) / 1000 ))
    fzf_best=$(awk -v a="$ms" -v b="$fzf_best" 'BEGIN { print (b == "" || a < b) ? a : b }')

    start=$(now_ns)
    target/release/parley search "$query" "$dir/archive.toml" --stats --limit 0 \
      2> "$dir/stats" > /dev/null || true
    wall=$(( ($(now_ns) - start) / 1000 ))
    wall_best=$(awk -v a="$wall" -v b="$wall_best" 'BEGIN { print (b == "" || a < b) ? a : b }')
    read -r hits ms < <(sed -n 's/^search: \([0-9]*\) matches in \([0-9.]*\) ms$/\1 \2/p' "$dir/stats")
    parley_best=$(awk -v a="$ms" -v b="$parley_best" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }')
  done
  fzf_hits=$(wc -l < "$dir/fzf.out")
  awk -v q="$query" -v fh="$fzf_hits" -v f="$fzf_best" -v h="$hits" -v p="$parley_best" -v w="$wall_best" \
    'BEGIN { printf "%-30s %9d %9.2f %9d %9.2f %8.4f %14.0f\n", q, fh, f / 1000, h, p, p / (f / 1000), w / 1000 }'
done

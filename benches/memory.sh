#!/usr/bin/env bash
# Peak memory (maximum resident set size, from GNU time) of `parley check`,
# `parley search` and the dashboard on a synthetic archive, against the
# file's size.
#
#   benches/memory.sh [QUOTES]        (default 100000)
#
# The dashboard runs in a detached tmux session: it opens the archive, runs
# the searches a person would (a word, a single letter, then a word with a
# capital letter, which is case-sensitive), and quits. Needs tmux and
# /usr/bin/time (apt-get install -y tmux time).
set -euo pipefail
cd "$(dirname "$0")/.."

quotes=${1:-100000}
for tool in tmux /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "memory.sh: $tool is needed" >&2; exit 2; }
done
cargo build --release --quiet --bin parley --example gen_archive
work=$(mktemp -d)
trap 'tmux kill-session -t parley-memory 2>/dev/null || true; rm -rf "$work"' EXIT
archive="$work/archive.toml"
target/release/examples/gen_archive "$quotes" > "$archive"
size=$(stat -c %s "$archive")

peak() { # KB from a GNU time -v report
  awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"
}
report() { # name, report file
  local kb; kb=$(peak "$2")
  awk -v n="$1" -v kb="$kb" -v size="$size" \
    'BEGIN { printf "%-34s %7.1f MB  %.2fx the file\n", n, kb / 1000, kb * 1000 / size }'
}

printf '%d quotes, %.1f MB\n' "$quotes" "$(awk -v s="$size" 'BEGIN { print s / 1e6 }')"
/usr/bin/time -v -o "$work/check" target/release/parley check "$archive" >/dev/null 2>&1 || true
report "parley check" "$work/check"
/usr/bin/time -v -o "$work/search" target/release/parley search security "$archive" --limit 10 >/dev/null 2>&1 || true
report "parley search security" "$work/search"

dashboard() { # report name, then the queries to type
  local name=$1; shift
  tmux new-session -d -s parley-memory -x 120 -y 40 \
    "/usr/bin/time -v -o $work/dashboard target/release/parley --no-watch $archive"
  for _ in $(seq 1 120); do
    sleep 0.5
    tmux capture-pane -p -t parley-memory | grep -q 'Red lines │' && break
  done
  sleep 1
  for query in "$@"; do
    tmux send-keys -t parley-memory /
    sleep 0.3
    tmux send-keys -t parley-memory -l "$query"
    sleep 2
    tmux send-keys -t parley-memory Escape
    sleep 0.5
  done
  tmux send-keys -t parley-memory q
  for _ in $(seq 1 40); do
    sleep 0.25
    [ -s "$work/dashboard" ] && break
  done
  report "$name" "$work/dashboard"
  rm -f "$work/dashboard"
}
dashboard "dashboard, searches: security, s" security s
dashboard "dashboard, then also: Security" security s Security

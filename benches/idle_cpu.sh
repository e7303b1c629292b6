#!/bin/sh
# Idle CPU of the dashboard after another program reads the open briefing
# (`cat` and `parley check`, as the README suggests), measured over 10 s
# from /proc/PID/stat. Usage: benches/idle_cpu.sh [PARLEY_BINARY] [BRIEFING]
set -eu
binary=${1:-target/release/parley}
briefing=${2:-tests/fixtures/briefings/harbour-talks.toml}
seconds=10
work=$(mktemp -d)
trap 'tmux -L parley-idle kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
cp "$briefing" "$work/briefing.toml"
# The fixture's text_file, when there is one, goes along.
cp "$(dirname "$briefing")"/*.txt "$work/" 2>/dev/null || true
tmux -L parley-idle -f /dev/null new-session -d -x 120 -y 40 -s idle \
    "XDG_STATE_HOME=$work $binary $work/briefing.toml"
# Wait for the dashboard (a large archive takes a while to load).
tries=0
until tmux -L parley-idle capture-pane -p -t idle | grep -q 'Red lines'; do
    tries=$((tries + 1))
    [ $tries -lt 600 ] || { echo "the dashboard never opened" >&2; exit 1; }
    sleep 0.1
done
sleep 1
shell=$(tmux -L parley-idle display-message -p -t idle '#{pane_pid}')
pid=$(pgrep -P "$shell" || echo "$shell")
cat "$work/briefing.toml" >/dev/null
"$binary" check "$work/briefing.toml" >/dev/null 2>&1 || true
sleep 1
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
before=$(ticks)
sleep $seconds
after=$(ticks)
hz=$(getconf CLK_TCK)
echo "idle CPU over ${seconds} s after cat + check: $(echo "$before $after $hz $seconds" | awk '{ printf "%.1f%%", ($2 - $1) * 100 / $3 / $4 }') of a core ($((after - before)) ticks)"

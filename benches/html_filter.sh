#!/usr/bin/env bash
# Size of the HTML export, and what its quote filter costs per keystroke,
# measured in headless Chromium with performance.now().
#
#   benches/html_filter.sh [QUOTES]        (default 10000)
#
# Exports the shipped briefing and a synthetic archive of QUOTES quotes,
# then loads a measuring copy of each page: the same page without
# its Content-Security-Policy (which would block the timing script) and with
# a script appended that types "territory guarantees" into the filter one key
# at a time and deletes it again, three times. Each keystroke is timed from
# setting the box's value through the page's own input handler to a forced
# style and layout (offsetHeight); painting is not included. Needs chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

quotes=${1:-10000}
command -v chromium >/dev/null 2>&1 || { echo "html_filter.sh: chromium is needed" >&2; exit 2; }
cargo build --release --quiet --bin parley --example gen_archive
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/gen_archive "$quotes" > "$work/archive.toml"
target/release/parley export --format html --output "$work/shipped.html"
target/release/parley export "$work/archive.toml" --format html --output "$work/archive.html"
echo "page size: shipped briefing $(stat -c %s "$work/shipped.html") bytes," \
  "$quotes-quote archive $(stat -c %s "$work/archive.html") bytes" \
  "(its TOML $(stat -c %s "$work/archive.toml") bytes)"

measure() { # name, page
  sed -e 's/<meta http-equiv="Content-Security-Policy"[^>]*>//' "$2" > "$work/measure.html"
  cat >> "$work/measure.html" <<'EOF'
<script>
(function () {
  var loaded = performance.now();
  var box = document.getElementById('filter');
  var query = 'territory guarantees';
  var times = [];
  function key(value) {
    var start = performance.now();
    box.value = value;
    box.dispatchEvent(new Event('input'));
    void document.body.offsetHeight;
    return performance.now() - start;
  }
  for (var round = 0; round < 3; round++) {
    for (var i = 1; i <= query.length; i++) times.push(key(query.slice(0, i)));
    for (var j = query.length - 1; j >= 0; j--) times.push(key(query.slice(0, j)));
  }
  times.sort(function (a, b) { return a - b; });
  var at = function (q) { return times[Math.min(times.length - 1, Math.floor(times.length * q))].toFixed(1); };
  var out = document.createElement('pre');
  out.id = 'timing';
  out.textContent = 'keystrokes ' + times.length + ': median ' + at(0.5) + ' ms, p95 ' + at(0.95) +
    ' ms, max ' + at(1) + ' ms; page parsed and filter ready ' + loaded.toFixed(0) + ' ms after navigation';
  document.body.appendChild(out);
})();
</script>
EOF
  rm -rf "$work/profile"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --window-size=1400,1000 --virtual-time-budget=60000 \
    --dump-dom "file://$work/measure.html" 2>/dev/null \
    | sed -n 's/.*<pre id="timing">\([^<]*\)<\/pre>.*/filter, '"$1"': \1/p'
}
measure "shipped briefing" "$work/shipped.html"
measure "$quotes-quote archive" "$work/archive.html"

#!/usr/bin/env bash
# Export benchmark: N synthetic Japanese FAQ pages (the site bench/build.sh lays out), exported
# with the release binary as a zip and as a single file; reports export time and peak RSS, both
# sizes, and how fast the single file shows its home page when opened from disk in headless
# Chromium (no network; median of 5 loads of a copy with bench/probe/single_timing.js added).
#
#   bench/export.sh 1000
#
# The machine is shared and noisy: compare ratios within one run, not absolute times across runs.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:?usage: bench/export.sh N}"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/faqbook-bench}/$N"
bench/build.sh "$N" >/dev/null
SITE="$WORK/site"
BIN="$PWD/target/release/faqbook"

/usr/bin/time -f '%e s wall, %M KiB peak RSS, %U+%S CPU s' -o "$WORK/export.time" \
  "$BIN" --root "$SITE" --quiet export --zip "$WORK/copy.zip" --single-file "$WORK/copy.html"
echo "export N=$N: $(cat "$WORK/export.time")"
echo "zip:         $(stat -c %s "$WORK/copy.zip") bytes"
echo "single file: $(stat -c %s "$WORK/copy.html") bytes ($(gzip -c "$WORK/copy.html" | wc -c) gzipped)"

# The probe goes first in <head>, so it sees the whole load.
python3 - "$WORK/copy.html" "$WORK/probe.html" bench/probe/single_timing.js <<'PY'
import sys
html, out, probe = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], open(sys.argv[3], encoding="utf-8").read()
open(out, "w", encoding="utf-8").write(html.replace("<head>", "<head><script>" + probe + "</script>", 1))
PY
if ! command -v chromium >/dev/null; then
  echo "SKIPPED load time: chromium not found; install with: sudo apt-get install -y chromium"
  exit 0
fi
for _ in 1 2 3 4 5; do
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --dump-dom "file://$WORK/probe.html" 2>/dev/null |
    grep -o '<pre id="single-timing">[^<]*' | sed 's/.*>//; s/&quot;/"/g'
  rm -rf "$profile"
done | python3 -c '
import json, statistics, sys
runs = [json.loads(line) for line in sys.stdin if line.strip()]
if not runs:
    sys.exit("the probe reported nothing")
for key in runs[0]:
    values = [r[key] for r in runs if r[key] is not None]
    if key != "home" and values:
        print(f"single file {key}: median {statistics.median(values):.0f} ms over {len(values)} loads")
print("home page shown:", all(r["home"] for r in runs))
'

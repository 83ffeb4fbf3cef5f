#!/usr/bin/env bash
# Export benchmark: N synthetic Japanese FAQ pages (the site bench/build.sh lays out), exported
# with the release binary as a zip and as a single file; reports export time and peak RSS, both
# sizes, and how fast the single file shows its home page when opened from disk in headless
# Chromium and then a search's first result (no network; median of 5 opens driven by
# bench/probe/single_search.js over the DevTools pipe).
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

if ! command -v chromium >/dev/null || ! command -v node >/dev/null; then
  echo "SKIPPED load time: needs chromium and node (sudo apt-get install -y chromium nodejs)"
  exit 0
fi
# Median of 5 cold opens; each then searches a query the corpus generator counts.
QUERY="${QUERY:-多要素認証 パスワード}"
for _ in 1 2 3 4 5; do
  node bench/probe/single_search.js "$WORK/copy.html" "$QUERY"
done | python3 -c '
import json, statistics, sys
runs = [json.loads(line) for line in sys.stdin if line.strip()]
if not runs:
    sys.exit("the probe reported nothing")
for key in ("first_paint_ms", "dom_content_loaded_ms", "search_ms"):
    values = [r[key] for r in runs if r.get(key) is not None]
    if values:
        print(f"single file {key}: median {statistics.median(values):.0f} ms over {len(values)} opens (max {max(values)})")
print("first result:", runs[0]["first"])
'

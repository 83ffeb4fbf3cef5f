#!/usr/bin/env bash
# Search benchmark: index N synthetic Japanese FAQ pages, report index size, build CPU time and
# peak memory, and the bytes the first query loads; the same for Pagefind when npm is present.
#
#   bench/search.sh [N=10000] [WORK_DIR=a new temp dir]
#
# Needs python3, node, cargo; Pagefind part also npm (installs the `pagefind` package into
# WORK_DIR, never into the repository) and chromium (first-query bytes of both, measured in the
# browser over a local HTTP server, since Pagefind cannot run from file://). Generated data stays
# in WORK_DIR. The machine is shared: compare CPU seconds and bytes, not wall time.
set -euo pipefail

N=${1:-10000}
WORK=${2:-$(mktemp -d /tmp/faqbook-search-bench.XXXXXX)}
REPO=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN_CORPUS:-$REPO/../shared/bench/gen_corpus.py}
[ -f "$GEN" ] || GEN=/work/shared/bench/gen_corpus.py
QUERIES=("多要素認証" "メール" "パスワード" "VPN" "Zoom" "多要素認証 メール" "Outlookでメールが送信できない")
mkdir -p "$WORK"
echo "work dir: $WORK"

if [ ! -f "$WORK/corpus/_manifest.json" ]; then
  python3 "$GEN" "$N" "$WORK/corpus" >/dev/null
fi

(cd "$REPO" && cargo build --quiet --release --example search_bench)
rm -rf "$WORK/site"
/usr/bin/time -f '{"peak_rss_kib":%M,"process_cpu_seconds":%U+%S}' -o "$WORK/time.txt" \
  "$REPO/target/release/examples/search_bench" "$WORK/corpus" "$WORK/site" | tee "$WORK/build.json"
echo "process: $(cat "$WORK/time.txt")  (includes writing $N HTML pages for Pagefind)"
echo "index files by kind (bytes):"
for kind in meta.js facets.js synonyms shards docs; do
  printf '  %-10s %10s\n' "$kind" "$(find "$WORK/site/search/$kind" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')"
done

echo
echo "== faqbook: first query (Node, the page's own loading steps; the shipped search scripts are $(cat "$WORK"/site/static/search*.js | wc -c) bytes, their sources $(cat "$REPO"/themes/default/static/search*.js | wc -c))"
node "$REPO/bench/first_query.js" "$WORK/site" "${QUERIES[@]}"

run_chromium() {
  local profile
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2>/dev/null |
    python3 -c 'import sys,re,html; m=re.search(r"<pre id=\"probe\">(.*?)</pre>", sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else "{\"error\":\"no result (timeout?)\"}")'
  rm -rf "$profile"
}
urlencode() { python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

cp "$WORK"/site/static/search*.js "$WORK/site/"
cp "$REPO/bench/probe/timing.html" "$REPO/bench/probe/pagefind.html" "$REPO/bench/probe/faqbook.html" "$WORK/site/"
if command -v chromium >/dev/null; then
  echo
  echo "== faqbook: query to first result in headless Chromium from file:// (real time, ms)"
  for q in "${QUERIES[@]}"; do
    echo "$q $(run_chromium --dump-dom "file://$WORK/site/timing.html?q=$(urlencode "$q")")"
  done
fi

if ! command -v npm >/dev/null || ! command -v chromium >/dev/null; then
  echo "SKIPPED Pagefind comparison: needs npm and chromium"
  exit 0
fi

echo
echo "== Pagefind (extended, Japanese)"
if [ ! -x "$WORK/pagefind-npm/node_modules/@pagefind/linux-x64/bin/pagefind_extended" ]; then
  npm install --silent --prefix "$WORK/pagefind-npm" pagefind >/dev/null
fi
PAGEFIND="$WORK/pagefind-npm/node_modules/@pagefind/linux-x64/bin/pagefind_extended"
/usr/bin/time -f 'pagefind: %e s wall, %U+%S CPU s, peak RSS %M KiB' "$PAGEFIND" --site "$WORK/site" >/dev/null
echo "pagefind index bytes: $(find "$WORK/site/pagefind" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')"

# Probe pages report the resources they loaded (encodedBodySize) into the DOM; served over
# HTTP because Pagefind cannot run from file://.
PORT=$((20000 + RANDOM % 20000))
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/site" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
sleep 1
probe() { run_chromium --virtual-time-budget=30000 --dump-dom "$1"; }
echo "first query, bytes loaded (faqbook: search.js included; Pagefind: first 10 results' data):"
for q in "${QUERIES[@]}"; do
  enc=$(urlencode "$q")
  echo "faqbook  $(probe "http://127.0.0.1:$PORT/faqbook.html?q=$enc")"
  echo "pagefind $(probe "http://127.0.0.1:$PORT/pagefind.html?q=$enc")"
done

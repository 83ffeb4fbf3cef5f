#!/usr/bin/env bash
# Query time in headless Chromium from file://: builds the search index of N synthetic Japanese
# FAQ pages (../shared/bench/gen_corpus.py, as bench/search.sh) and opens bench/probe/timing.html
# beside it once per query and run, printing the milliseconds from DOMContentLoaded (the page
# starts the query from ?q=) to the first result in the list: the median and the slowest of RUNS
# cold loads (a fresh profile each time, so every index file is read again).
#
#   bench/search-chromium.sh [N=10000] [WORK_DIR=a new temp dir] [RUNS=5]
#   PHASES=1 bench/search-chromium.sh …   prints, per query and run, where the time went
#                                         (bench/probe/phases.html) instead of the medians
#
# Needs python3, cargo and chromium. The index is built by the debug search_bench example (the
# index is the same in release; its build time is bench/search.sh's business). Generated data
# stays in WORK_DIR; delete it when done.
set -euo pipefail

N=${1:-10000}
WORK=${2:-$(mktemp -d /tmp/faqbook-search-chromium.XXXXXX)}
RUNS=${3:-5}
REPO=$(cd "$(dirname "$0")/.." && pwd)
GEN=${GEN_CORPUS:-$REPO/../shared/bench/gen_corpus.py}
[ -f "$GEN" ] || GEN=/work/shared/bench/gen_corpus.py
CHROMIUM=${CHROMIUM:-chromium}
QUERIES=("多要素認証" "メール" "パスワード" "VPN" "Zoom" "多要素認証 メール" "Outlookでメールが送信できない"
  "パスワードを忘れてしまったのですがどうすればいいですか" "印")
command -v "$CHROMIUM" >/dev/null || { echo "SKIPPED: needs chromium"; exit 0; }
mkdir -p "$WORK"
echo "work dir: $WORK"

if [ ! -f "$WORK/corpus/_manifest.json" ]; then
  python3 "$GEN" "$N" "$WORK/corpus" >/dev/null
fi
# The shipped (minified) scripts come from the example too: a site from before it wrote them
# is rebuilt.
if [ ! -f "$WORK/site/search/meta.js" ] || [ ! -f "$WORK/site/static/search.js" ]; then
  (cd "$REPO" && cargo build --quiet --example search_bench)
  "$REPO/target/debug/examples/search_bench" "$WORK/corpus" "$WORK/site" >/dev/null
fi
cp "$WORK"/site/static/search*.js "$REPO/bench/probe/timing.html" "$REPO/bench/probe/phases.html" "$WORK/site/"

urlencode() { python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
probe() {
  local profile out
  profile=$(mktemp -d)
  out=$("$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --dump-dom "$1" 2>/dev/null)
  rm -rf "$profile"
  python3 -c 'import sys,re,html,json; m=re.search(r"<pre id=\"probe\">(.*?)</pre>", sys.stdin.read(), re.S); print(json.loads(html.unescape(m.group(1)))["ms"] if m else -1)' <<<"$out"
}

if [ -n "${PHASES:-}" ]; then
  for q in "${QUERIES[@]}"; do
    for _ in $(seq "$RUNS"); do
      profile=$(mktemp -d)
      "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$profile" --dump-dom \
        "file://$WORK/site/phases.html?q=$(urlencode "$q")" 2>/dev/null |
        python3 -c 'import sys,re,html; m=re.search(r"<pre id=\"probe\">(.*?)</pre>", sys.stdin.read(), re.S); print(sys.argv[1], html.unescape(m.group(1)) if m else -1)' "$q"
      rm -rf "$profile"
    done
  done
  exit 0
fi
echo "query to first result, headless Chromium, file://, $RUNS cold loads (ms): median, slowest"
for q in "${QUERIES[@]}"; do
  times=()
  for _ in $(seq "$RUNS"); do times+=("$(probe "file://$WORK/site/timing.html?q=$(urlencode "$q")")"); done
  printf '%s\n' "${times[@]}" | sort -n | awk -v q="$q" '{t[NR]=$1} END {printf "  %-60s %5d %5d\n", q, t[int((NR+1)/2)], t[NR]}'
done

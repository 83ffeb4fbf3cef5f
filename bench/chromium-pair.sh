#!/usr/bin/env bash
# Paired query timing in headless Chromium from file://: two built bench sites (bench/search-chromium.sh
# WORK_DIR/site, one per build being compared) probed alternately, query by query and run by run, so
# that a busy machine slows both alike. Prints, per query and site, the minimum and median of the
# milliseconds from DOMContentLoaded to the first result (bench/probe/phases.html), of the same from
# the navigation's start, and the median time in rankQuery, finishQuery and the snippets; then every
# query together; and the load average before and after.
#
#   bench/chromium-pair.sh SITE_A SITE_B [RUNS=5]
#
# Each site gets its own static/search*.js copied beside it, and bench/probe/phases.html unless it
# has one (a site of an older revision keeps that revision's probe, which lists its own parts).
set -euo pipefail

A=$1; B=$2; RUNS=${3:-5}
REPO=$(cd "$(dirname "$0")/.." && pwd)
CHROMIUM=${CHROMIUM:-chromium}
QUERIES=("多要素認証" "メール" "パスワード" "VPN" "Zoom" "多要素認証 メール" "Outlookでメールが送信できない"
  "パスワードを忘れてしまったのですがどうすればいいですか" "印")
command -v "$CHROMIUM" >/dev/null || { echo "SKIPPED: needs chromium"; exit 0; }
for site in "$A" "$B"; do
  cp "$site"/static/search*.js "$site/"
  [ -f "$site/phases.html" ] || cp "$REPO/bench/probe/phases.html" "$site/"
done
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

urlencode() { python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
probe() {
  local profile
  profile=$(mktemp -d)
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --dump-dom "file://$1/phases.html?q=$2" 2>/dev/null |
    python3 -c 'import sys,re,html; m=re.search(r"<pre id=\"probe\">(.*?)</pre>", sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else "{\"ms\":-1}")'
  rm -rf "$profile"
}

echo "before: $(uptime)"
for _ in $(seq "$RUNS"); do
  for q in "${QUERIES[@]}"; do
    e=$(urlencode "$q")
    for site in "$A" "$B"; do printf '%s\t%s\t%s\n' "$site" "$q" "$(probe "$site" "$e")" >>"$OUT"; done
  done
done
echo "after:  $(uptime)"
python3 - "$OUT" "$A" "$B" <<'PY'
import collections, json, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    site, q, record = line.rstrip('\n').split('\t', 2)
    d = json.loads(record)
    if d['ms'] < 0:
        continue
    span = lambda name: d.get('js', {}).get(name, [0, 0])[1]
    rows[site, q].append((d['ms'], d.get('fromNavigation', 0), span('rankQuery'), span('finishQuery'), span('snippet')))
sites = sys.argv[2:]
queries = list(dict.fromkeys(q for _, q in rows))
fmt = lambda v: '%4d/%4d ms, from navigation %4d/%4d, rank %5.1f finish %5.1f snippets %5.1f (n=%d)' % (
    min(x[0] for x in v), statistics.median(x[0] for x in v), min(x[1] for x in v), statistics.median(x[1] for x in v),
    statistics.median(x[2] for x in v), statistics.median(x[3] for x in v), statistics.median(x[4] for x in v), len(v))
print('min/median per query; rank, finish, snippets: medians of the time spent in them')
for q in queries:
    print(q)
    for s in sites:
        if rows[s, q]:
            print('  %-40s %s' % (s[-40:], fmt(rows[s, q])))
print('every query')
for s in sites:
    v = [x for (site, _), xs in rows.items() if site == s for x in xs]
    if v:
        print('  %-40s %s' % (s[-40:], fmt(v)))
PY

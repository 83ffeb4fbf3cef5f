#!/usr/bin/env bash
# Query to results in headless Chromium, both readings (bench/chromium-query.js): "typed" (submit
# on an open search page -> first result link) and "cold" (search.html?q= opened: DOMContentLoaded
# -> first result link), over the real search.html of each book's built site, from file:// and
# from `faqbook serve`, the sites probed alternately (a busy machine slows them alike).
#
#   bench/chromium-query.sh BOOK_A [BOOK_B] [ROUNDS=5]
#
# A BOOK is a faqbook site folder (book.toml, content/, maybe themes/ with the scripts being
# compared). FAQBOOK_BIN (or FAQBOOK_BIN_A / FAQBOOK_BIN_B) names the binaries (default: this
# repository's release build). The 10,000-page bench book is made by bench/build.sh (its
# BENCH_DIR/10000/site) or by laying out ../shared/bench/gen_corpus.py's corpus the same way.
# Prints the load average before and after; compare sites within one run only.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
A=$1; B=${2:-}; ROUNDS=${3:-5}
command -v "${CHROMIUM:-chromium}" >/dev/null || { echo "SKIPPED: needs chromium"; exit 0; }
BIN=${FAQBOOK_BIN:-$REPO/target/release/faqbook}
BIN_A=${FAQBOOK_BIN_A:-$BIN}; BIN_B=${FAQBOOK_BIN_B:-$BIN}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/faqbook-chromium-query.XXXXXX")
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Builds BOOK with BIN into WORK/NAME and serves it; echoes "FILE_SITE URL".
prepare() {
  local book=$1 bin=$2 name=$3 port
  "$bin" --root "$book" --quiet build --dest "$WORK/$name"
  port=$(free_port)
  "$bin" --root "$book" serve --port "$port" >"$WORK/$name.serve.log" 2>&1 &
  PIDS+=($!)
  # Serve builds the site again into a folder of its own; probing starts once that build is done.
  for _ in $(seq 1200); do
    grep -q '^built site' "$WORK/$name.serve.log" && break
    sleep 0.1
  done
  grep -q '^built site' "$WORK/$name.serve.log" || { echo "serve of $book did not build" >&2; exit 1; }
  SITES+=("$WORK/$name" "http://127.0.0.1:$port/")
}
SITES=()
prepare "$A" "$BIN_A" A
[ -n "$B" ] && prepare "$B" "$BIN_B" B
echo "sites: A = $A${B:+, B = $B} (file:// and faqbook serve)"
node "$REPO/bench/chromium-query.js" --rounds "$ROUNDS" ${PER_QUERY:+--per-query} "${SITES[@]}"

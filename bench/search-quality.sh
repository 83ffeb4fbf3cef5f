#!/usr/bin/env bash
# Search quality table: builds the labelled evaluation site (tests/fixtures/search-eval/) and
# scores the real search.js on its queries: nDCG@10 / MRR@10 / Recall@10 per kind of query,
# unanswerable queries flagged as "nothing answers this", answerable ones wrongly flagged;
# one table for the tuning split (queries.json) and one for each held-back split
# (queries-heldback.json, and queries-blind.json: katakana compounds against kanji terms,
# everyday words, English queries that only Japanese pages answer, questions, unanswerable
# queries sharing words with pages; both written without sight of how the search ranked them:
# never tune on them; queries-blind-2.json, every kind, written in session 24 before its code
# changes: look at its summary only; queries-confidence.json, session 31's development split for
# "nothing answers this": 40 unanswerable queries of five types, 60 hard answerable ones). Then the blind sites search-eval-blind-4, -5 and -6, written
# in session 26, -7, written in session 27, -8, written in session 28, -9, written in session 29, -10, written in session 30, and -11, written in session 31, each its own site: summary only, never -v (-5 is a
# development set now, and -8 since session 30).
#
#   bench/search-quality.sh [-v]     (-v also lists every query with its first three results)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/faqbook-search-quality.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
(cd "$REPO" && cargo build --quiet)
"$REPO/target/debug/faqbook" --quiet --root "$REPO/tests/fixtures/search-eval" build --dest "$WORK/public"
EVAL="$REPO/tests/fixtures/search-eval"
node "$REPO/bench/search_quality.js" "$WORK/public" "$EVAL/queries.json" "$EVAL/queries-heldback.json" "$EVAL/queries-blind.json" "$EVAL/queries-blind-2.json" "$EVAL/queries-confidence.json" "$@"
# Blind sites of their own (session 26: other universities, services and wording; summary only).
for BLIND in search-eval-blind-4 search-eval-blind-5 search-eval-blind-6 search-eval-blind-7 search-eval-blind-8 search-eval-blind-9 search-eval-blind-10 search-eval-blind-11; do
  "$REPO/target/debug/faqbook" --quiet --root "$REPO/tests/fixtures/$BLIND" build --dest "$WORK/$BLIND"
  echo; echo "### $BLIND"; echo
  node "$REPO/bench/search_quality.js" "$WORK/$BLIND" "$REPO/tests/fixtures/$BLIND/queries.json"
done

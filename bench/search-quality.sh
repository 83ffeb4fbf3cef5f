#!/usr/bin/env bash
# Search quality table: builds the labelled evaluation site (tests/fixtures/search-eval/) and
# scores the real search.js on its queries: nDCG@10 / MRR@10 / Recall@10 per kind of query,
# unanswerable queries flagged as "nothing answers this", answerable ones wrongly flagged;
# one table for the tuning split (queries.json) and one for the held-back split
# (queries-heldback.json, written without sight of the ranking: never tune on it).
#
#   bench/search-quality.sh [-v]     (-v also lists every query with its first three results)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/faqbook-search-quality.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
(cd "$REPO" && cargo build --quiet)
"$REPO/target/debug/faqbook" --quiet --root "$REPO/tests/fixtures/search-eval" build --dest "$WORK/public"
EVAL="$REPO/tests/fixtures/search-eval"
node "$REPO/bench/search_quality.js" "$WORK/public" "$EVAL/queries.json" "$EVAL/queries-heldback.json" "$@"

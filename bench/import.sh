#!/usr/bin/env bash
# Times `faqbook import --dry-run` on ~10 MB of generated minutes (wall time, peak RSS).
# Usage: bench/import.sh [MB] [FILES]   (defaults: 10 MB in 1 file)
# Generated data goes to a temporary folder and is deleted afterwards; nothing is committed.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
mb="${1:-10}"
files="${2:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/faqbook"
cp "$here/book.toml" "$work/book.toml"
python3 "$here/bench/gen_minutes.py" "$here/seeds/000_a1af4038635e3c9d.txt" "$here/book.toml" \
  "$work/minutes" --mb "$mb" --files "$files"
du -sh "$work/minutes"

/usr/bin/time -v "$bin" --root "$work" import --dry-run "$work/minutes" >"$work/out.txt" 2>"$work/err.txt" || true
grep -E '^[0-9]+ files? read|^status:|^pages:' "$work/out.txt"
echo "warnings: $(grep -c ': warning: ' "$work/err.txt" || true)"
grep -E 'User time|System time|Elapsed \(wall clock\)|Maximum resident set size' "$work/err.txt"

#!/usr/bin/env bash
# Build benchmark: N synthetic Japanese FAQ pages (../shared/bench/gen_corpus.py), built with the
# release binary; reports wall time, peak RSS (GNU time) and the search index's bytes.
# With ZOLA=1, builds the same corpus
# with Zola 0.22 too (../shared/bench/adapt.py), side by side, in the same run. With SIMILAR=1,
# also times `faqbook similar` (near-duplicate groups) on the same pages.
#
#   bench/build.sh 1000             # faqbook only
#   ZOLA=1 bench/build.sh 10000     # faqbook and Zola
#   SIMILAR=1 bench/build.sh 10000  # faqbook build and faqbook similar
#
# The machine is shared and noisy: compare ratios within one run, not absolute times across runs.
#
# The built sites are written to BENCH_OUT (default /dev/shm, a tmpfs, when it is there), so every
# run writes into the same file system state. On a journal-less ext4 (this machine's /tmp), ext4
# skips each inode deleted in the last minutes one by one when it allocates a new one: a
# 10,000-page build right after the previous output was removed took 11.6 s of system time, 1.0 s
# without the removal, 0.4 s on tmpfs. That measures the disk's history, not the builder.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:?usage: bench/build.sh N}"
SHARED="${FAQBOOK_BENCH_KIT:-/work/shared/bench}"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/faqbook-bench}/$N"
CORPUS="$WORK/corpus"
SITE="$WORK/site"
if [ -z "${BENCH_OUT:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then BENCH_OUT=/dev/shm; fi
OUT="${BENCH_OUT:-$WORK}/faqbook-bench-out-$N"

# The corpus and the site laid out from it take minutes to generate (2 min at 10,000 pages) and
# are a pure function of N, the generator and the layout below: they are kept in $WORK and made
# again only when a stamp of those three changes. Only the built output is removed on every run.
LAYOUT=$(cat <<'PY'
import glob, json, os, sys
corpus, site = sys.argv[1], sys.argv[2]
status_map = {"workaround": "escalated", "open": "unresolved", "archived": "unknown"}
services = set()
for path in sorted(glob.glob(os.path.join(corpus, "faq-*.md"))):
    lines = open(path, encoding="utf-8").read().split("\n")
    front_end = lines.index("---", 1)  # front matter: lines[1:front_end]
    out = []
    for i, line in enumerate(lines):
        in_front = 0 < i < front_end
        if in_front and line.startswith("id: "):
            line = line.lower()
        elif in_front and line.startswith("status: "):
            value = line[len("status: "):]
            line = "status: " + status_map.get(value, value)
        elif in_front and line.startswith("service: "):
            services.add(json.loads(line[len("service: "):]))
        out.append(line)
    with open(os.path.join(site, "content", os.path.basename(path)), "w", encoding="utf-8") as f:
        f.write("\n".join(out))
slugs = {"プリンター": "printer"}
with open(os.path.join(site, "book.toml"), "w", encoding="utf-8") as f:
    f.write('[book]\ntitle = "FAQ bench"\nlanguage = "ja"\n\n')
    for name in sorted(services):
        slug = slugs.get(name) or "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
        f.write(f'[[services]]\nname = "{name}"\nslug = "{slug}"\n\n')
PY
)
STAMP="N=$N $(cat "$SHARED/gen_corpus.py" | sha256sum | cut -c1-16) $(printf '%s' "$LAYOUT" | sha256sum | cut -c1-16)"
rm -rf "$OUT"
mkdir -p "$OUT"
if [ "$(cat "$WORK/stamp" 2>/dev/null)" != "$STAMP" ]; then
  rm -rf "$WORK"
  mkdir -p "$CORPUS" "$SITE/content"
  python3 "$SHARED/gen_corpus.py" "$N" "$CORPUS" >/dev/null
  python3 -c "$LAYOUT" "$CORPUS" "$SITE"
  echo "$STAMP" >"$WORK/stamp"
fi

# FAQBOOK_BIN=/path/to/faqbook benchmarks that binary instead (e.g. a base build, for alternated
# before/after runs on the same corpus).
if [ -n "${FAQBOOK_BIN:-}" ]; then
  BIN="$FAQBOOK_BIN"
else
  cargo build --release --quiet
  BIN="$PWD/target/release/faqbook"
fi

# Runs a command under GNU time; prints "<label>: <wall> s wall, <rss> MiB peak RSS, <cpu> CPU s".
measure() {
  local label="$1"; shift
  local log="$WORK/$label.time"
  /usr/bin/time -v "$@" >"$WORK/$label.out" 2>"$log" || { cat "$WORK/$label.out" "$log" >&2; return 1; }
  awk -v label="$label" '
    /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /Maximum resident set size/ { rss = $NF / 1024 }
    /User time/ { user = $NF } /System time/ { sys = $NF }
    END { printf "%-8s N=%s: %.2f s wall, %.0f MiB peak RSS, %.2f CPU s\n", label, ENVIRON["N"], wall, rss, user + sys }
  ' "$log"
}
export N

measure faqbook "$BIN" --root "$SITE" --quiet build --dest "$OUT/public"
echo "         $(find "$OUT/public" -type f | wc -l) files, $(du -sh "$OUT/public" | cut -f1);" \
  "search index $(du -s --apparent-size --block-size=1 "$OUT/public/search" | cut -f1) bytes" \
  "(output in $OUT)"

if [ "${SIMILAR:-0}" = "1" ]; then
  measure similar "$BIN" --root "$SITE" similar
  echo "         $(tail -n 1 "$WORK/similar.out")"
fi

if [ "${ZOLA:-0}" = "1" ]; then
  ZOLA_BIN="$WORK/zola"
  xz -dc "$SHARED/zola-0.22.1-x86_64-linux.xz" >"$ZOLA_BIN"
  chmod +x "$ZOLA_BIN"
  python3 "$SHARED/adapt.py" zola "$CORPUS" "$WORK/zola-site" >/dev/null
  (cd "$WORK/zola-site" && measure zola "$ZOLA_BIN" build --output-dir "$OUT/zola-public")
fi

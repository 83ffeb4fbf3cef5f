#!/usr/bin/env python3
"""Generates synthetic minutes for bench/import.sh by varying the seed's structure.

Usage: gen_minutes.py SEED BOOK_TOML OUT_DIR --mb 10 [--files 1]

Each generated meeting is the seed's preamble followed by the seed's service sections in a
shuffled order, with every case's first inquiry line made unique (a case number), so imports
produce distinct pages instead of duplicate ids. Deterministic (fixed random seed).
"""
import argparse
import random
import tomllib
import unicodedata
from pathlib import Path


def norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).lower().split())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("seed")
    ap.add_argument("book_toml")
    ap.add_argument("out_dir")
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--files", type=int, default=1)
    args = ap.parse_args()

    book = tomllib.loads(Path(args.book_toml).read_text(encoding="utf-8"))
    labels = {"その他", "other"}
    for s in book.get("services", []):
        labels.add(norm(s["name"]))
        labels.update(norm(a) for a in s.get("aliases", []))

    lines = Path(args.seed).read_text(encoding="utf-8").splitlines()
    preamble, sections, current = [], [], None
    for line in lines:
        if norm(line) in labels:
            current = [line]
            sections.append(current)
        elif current is None:
            preamble.append(line)
        else:
            current.append(line)

    rng = random.Random(42)
    target = int(args.mb * 1024 * 1024 / args.files)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    case_no = 0
    for f in range(args.files):
        parts, size, meeting = [], 0, 0
        while size < target:
            meeting += 1
            block = list(preamble)
            for section in rng.sample(sections, len(sections)):
                prev_starts_case = True
                for i, line in enumerate(section):
                    if i == 0:
                        block.append(line)
                        continue
                    plain = not line.startswith(("=>", "-", "↓", "訴え", "原因", "結果", "結論", "補足", "(続き)"))
                    if plain and prev_starts_case:
                        case_no += 1
                        line = f"{line}(事例{case_no})"
                    # After a comment bullet a plain line starts the next case, except right after
                    # a bare `-`, whose next line is a quotation.
                    prev_starts_case = line.startswith("- ")
                    block.append(line)
            text = "\n".join(block) + "\n"
            parts.append(text)
            size += len(text.encode("utf-8"))
        (out / f"minutes_{f:03}.txt").write_text("".join(parts), encoding="utf-8")
    print(f"{args.files} file(s), {case_no} cases, ~{args.mb} MB in {out}")


if __name__ == "__main__":
    main()

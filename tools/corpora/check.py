#!/usr/bin/env python3
"""Index every FAQ corpus under a folder and say how well the parser found its questions.

For each `NAME.md` (or folder, `.csv`, `.json`) in the corpora folder (default ../shared/corpora):
builds an index with `faq index`, lists the entries with `faq entries --json`, and prints one row:
entries, categories (and whether any is `untitled`), warnings, and, when `NAME.titles.txt` is
there, title recall (listed questions found as entries; lines ending in TAB `?` are optional) and
precision (entries that are listed questions, optional ones included).

    python3 tools/corpora/check.py [--faq .build/release/faq] [--corpora ../shared/corpora] [--verbose]

Exits 1 when a corpus fails to index. Titles are compared as the scorer does: markdown emphasis,
code ticks and backslash escapes removed, white space folded.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile


def norm(text):
    text = re.sub(r"\\(.)", r"\1", text)
    text = text.replace("**", "").replace("`", "")
    return re.sub(r"\s+", " ", text).strip().lower()


def load_titles(path):
    required, optional = [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.endswith("\t?"):
                optional.append(norm(line[:-2]))
            else:
                required.append(norm(line))
    return required, optional


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--faq", default=os.path.join(root, ".build", "release", "faq"))
    ap.add_argument("--corpora", default=os.path.join(os.path.dirname(root), "shared", "corpora"))
    ap.add_argument("--verbose", action="store_true", help="list missed questions and non-question entries")
    args = ap.parse_args()

    names = sorted(n for n in os.listdir(args.corpora)
                   if not n.startswith(".") and n != "README.md" and not n.endswith((".dev.jsonl", ".titles.txt"))
                   and (n.endswith((".md", ".csv", ".json", ".jsonl")) or os.path.isdir(os.path.join(args.corpora, n))))
    failed = 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            corpus = os.path.join(args.corpora, name)
            db = os.path.join(tmp, name + ".sqlite")
            built = run([args.faq, "index", "--corpus", corpus, "--db", db])
            if built.returncode != 0:
                failed += 1
                rows.append((name, "FAILED: " + built.stderr.strip().splitlines()[-1] if built.stderr.strip() else "FAILED"))
                continue
            warnings = [l for l in built.stderr.splitlines() if "warning" in l]
            listed = run([args.faq, "entries", "--json", "--corpus", corpus, "--db", db, "--no-rebuild"])
            entries = json.loads(listed.stdout)
            categories = sorted({e["category"] for e in entries})
            row = {"entries": len(entries), "categories": len(categories),
                   "untitled": sum(1 for c in categories if c == "untitled"), "warnings": len(warnings)}
            stem = os.path.splitext(name)[0]
            titles_path = os.path.join(args.corpora, stem + ".titles.txt")
            if os.path.exists(titles_path):
                required, optional = load_titles(titles_path)
                found = {norm(e["title"]) for e in entries}
                listed_set = set(required) | set(optional)
                missed = [t for t in required if t not in found]
                extra = [e["title"] for e in entries if norm(e["title"]) not in listed_set]
                row["recall"] = (len(required) - len(missed)) / max(len(required), 1)
                row["precision"] = (len(entries) - len(extra)) / max(len(entries), 1)
                if args.verbose:
                    for t in missed:
                        print(f"  {name}: missed question: {t}")
                    for t in extra:
                        print(f"  {name}: entry not a listed question: {t}")
            if args.verbose:
                for w in warnings:
                    print(f"  {name}: {w}")
            rows.append((name, row))

    print(f"{'corpus':32} {'entries':>7} {'categ.':>6} {'untitled':>8} {'warn':>5} {'recall':>7} {'precision':>9}")
    for name, row in rows:
        if isinstance(row, str):
            print(f"{name:32} {row}")
            continue
        recall = f"{row['recall']:.3f}" if "recall" in row else "-"
        precision = f"{row['precision']:.3f}" if "precision" in row else "-"
        print(f"{name:32} {row['entries']:>7} {row['categories']:>6} {row['untitled']:>8} {row['warnings']:>5} {recall:>7} {precision:>9}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Deterministic synthetic FAQ corpora for the scale benchmark.

    python3 tools/scale/gen_corpus.py --times 100 --out /tmp/faq-100x.md [--seed 7] [--source Corpus/siliconflow-faqs.md]

Writes a corpus in the same llms-txt format as the source, with `times` times as many question
entries, made by recombining the source's own question titles and answer sentences (so term
statistics stay realistic: same vocabulary, same lengths). Pages hold 20 questions each, with a
Contents list, a Source line, `## N. title` headings and a Note; a fixed seed makes the output
identical on every run.
"""
import argparse
import random
import re
from pathlib import Path


def source_parts(text):
    """Question titles and answer sentences of the source corpus."""
    titles = []
    for line in text.splitlines():
        m = re.match(r"^\s*-\s+\d+(?:\.\d+)*\.?\s+(.+)$", line)
        if m:
            titles.append(m.group(1).strip())
        m = re.match(r"^##\s+\d+(?:\.\d+)*\.?\s+(.+)$", line)
        if m:
            titles.append(m.group(1).strip())
    body = re.sub(r"<Frame>.*?</Frame>", "", text, flags=re.S)
    body = re.sub(r"```.*?```", "", body, flags=re.S)
    sentences = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "**", "Source:", "<", "---", "- ")):
            continue
        for piece in re.split(r"(?<=[。；！？])", line):
            piece = piece.strip()
            if len(piece) >= 6:
                sentences.append(piece)
    return sorted(set(titles)), sorted(set(sentences))


def count_entries(text):
    # Headings plus unheaded Contents items are what the parser yields; 33 for the bundled corpus.
    return 33


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--times", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--source", default=str(Path(__file__).resolve().parents[2] / "Corpus" / "siliconflow-faqs.md"))
    args = ap.parse_args()

    text = Path(args.source).read_text(encoding="utf-8")
    titles, sentences = source_parts(text)
    rng = random.Random(args.seed)
    entries = count_entries(text) * args.times
    per_page = 20
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(f"# Synthetic FAQ ({args.times}x)\n\n**Pages:** {(entries + per_page - 1) // per_page}\n")
        made = 0
        page = 0
        while made < entries:
            page += 1
            n = min(per_page, entries - made)
            qs = [f"{rng.choice(titles)}（{rng.choice(titles)[:6]}）" for _ in range(n)]
            out.write(f"\n---\n\n## 问题集 {page}\n\n**URL:** llms-txt#set-{page}\n\n**Contents:**\n")
            for i, q in enumerate(qs, 1):
                out.write(f"- {i}. {q}\n")
            out.write(f"\nSource: https://example.com/faqs/set-{page}\n\n")
            for i, q in enumerate(qs, 1):
                out.write(f"## {i}. {q}\n\n")
                k = rng.randint(1, 4)
                for s in rng.sample(sentences, k):
                    out.write(("* " if rng.random() < 0.4 else "") + s + "\n\n")
            out.write("<Note> 如遇其他问题，请点击[反馈表](https://example.com/feedback)反馈。</Note>\n")
            made += n


if __name__ == "__main__":
    main()

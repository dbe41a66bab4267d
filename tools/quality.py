#!/usr/bin/env python3
"""Answer quality on every corpus that has a development set, in one table.

    tools/quality.py [--no-build] [--markdown] [--json-out FILE] [--faq PATH]

Builds the release `faq` once, then scores:
  * the bundled SiliconFlow corpus on ../shared/eval/questions.jsonl and on the project's own
    tools/eval/heldout.jsonl and tools/eval/english.jsonl (never used to tune), and
  * each ../shared/corpora/NAME.md with its NAME.dev.jsonl (indexed into a temporary --db), and
    the same in every --corpora DIR given (FAQs of your own, with questions written for them),
with the rules of ../shared/eval/score.py, through the same command eval_cmd.py drives
(`faq search --jsonl`): an answer counts only when given, an abstention is a miss.

Columns: R@1, R@3, MRR@5 and false-abstain over answerable questions; out-of-scope abstained (share
of negatives not answered); band: how often the right entry is among `suggestions` when the engine
does not answer (over answerable questions it did not answer and for which it offered suggestions,
with the count); suggested: share of answerable questions that landed in the suggestion band;
ranked first: share of answerable questions whose first result is right, answered or not (so
R@1 below it is lost to the decision to answer, not to ranking).
Run from anywhere; ../shared must sit beside the repository.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "eval"))
import score as S  # noqa: E402  (the shared scoring rule)


def corpora(extra=()):
    """(name, corpus path or None for the bundled one, questions path)."""
    found = [("siliconflow", None, SHARED / "eval" / "questions.jsonl")]
    heldout = ROOT / "tools" / "eval" / "heldout.jsonl"
    if heldout.exists():  # the project's own held-out questions on the bundled corpus
        found.append(("siliconflow-heldout", None, heldout))
    english = ROOT / "tools" / "eval" / "english.jsonl"
    if english.exists():  # the project's own English questions on the bundled (Chinese) corpus
        found.append(("siliconflow-english", None, english))
    for dev in [d for folder in [SHARED / "corpora", *extra] for d in sorted(Path(folder).glob("*.dev.jsonl"))]:
        md = dev.with_name(dev.name[: -len(".dev.jsonl")] + ".md")
        if md.exists():
            found.append((md.stem, md, dev))
    return found


def run(faq, corpus, db, questions):
    queries = [" ".join(q["q"].split()) for q in questions]
    cmd = [str(faq), "search", "--jsonl", "--limit", "5", "--db", str(db)]
    if corpus:
        cmd += ["--corpus", str(corpus)]
    proc = subprocess.run(cmd, input="".join(q + "\n" for q in queries), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, encoding="utf-8", timeout=600)
    if proc.returncode != 0:
        sys.exit(f"quality: {' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    lines = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    if len(lines) != len(queries):
        sys.exit(f"quality: expected {len(queries)} output lines, got {len(lines)}")
    return lines


def suggestions_of(line, results):
    """The suggestion band of one output line, as scoreable records ({title, answer})."""
    by_id = {r.get("id"): r for r in results}
    out = []
    for s in line.get("suggestions") or []:
        r = by_id.get(s.get("id")) or s
        out.append({"title": r.get("title", ""), "answer": r.get("answer", "")})
    return out


def score(name, questions, lines):
    outputs = [(bool(l.get("answered", bool(l.get("results")))), l.get("results") or []) for l in lines]
    records, summary = S.evaluate(questions, outputs)
    m = summary["overall"]
    band_offered = band_hit = 0
    answerable = [(q, l) for q, l in zip(questions, lines) if q["expect"]]
    for q, l in answerable:
        if l.get("answered"):
            continue
        sugg = suggestions_of(l, l.get("results") or [])
        if not sugg:
            continue
        band_offered += 1
        band_hit += any(S.is_hit(s, q["expect"]) for s in sugg)
    ranked_first = sum(bool(l.get("results")) and S.is_hit(l["results"][0], q["expect"]) for q, l in answerable)
    misses = []
    for q, l, r in zip(questions, lines, records):
        wrong = (r["answerable"] and r["rank"] != 1) or (not r["answerable"] and not r["abstained"])
        if wrong:
            top = (l.get("results") or [{}])[0]
            misses.append({"id": q["id"], "q": q["q"], "answered": l.get("answered"), "outcome": l.get("outcome"),
                           "rank": r["rank"], "top": top.get("title"), "confidence": top.get("confidence")})
    return {
        "corpus": name, "n": m["n"], "n_neg": m["n_neg"],
        "R@1": m.get("R@1"), "R@3": m.get("R@3"), "MRR@5": m.get("MRR@5"),
        "false_abstain": m.get("false_abstain"), "oos_abstained": m.get("abstain_acc"),
        "band_hit": band_hit / band_offered if band_offered else None, "band_n": band_offered,
        "suggested": band_offered / len(answerable) if answerable else None,
        "ranked_first": ranked_first / len(answerable) if answerable else None,
        "misses": misses,
    }


def table(rows, markdown):
    cols = ["R@1", "R@3", "MRR@5", "false_abstain", "oos_abstained", "band_hit", "suggested", "ranked_first"]
    names = {"false_abstain": "false-abstain", "oos_abstained": "OOS abstained", "band_hit": "band hit", "ranked_first": "ranked first"}
    head = ["corpus", "n", "neg"] + [names.get(c, c) for c in cols]
    body = []
    for r in rows:
        cells = [r["corpus"], str(r["n"]), str(r["n_neg"])]
        for c in cols:
            v = S.fmt(r[c])
            if c == "band_hit" and r["band_n"]:
                v += f" ({r['band_n']})"
            cells.append(v)
        body.append(cells)
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(b) + " |" for b in body]
        return "\n".join(lines)
    widths = [max(len(x) for x in col) for col in zip(head, *body)]
    fmt = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths))  # noqa: E731
    return "\n".join([fmt(head), fmt(["-" * w for w in widths])] + [fmt(b) for b in body])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-build", action="store_true", help="use the existing release binary")
    ap.add_argument("--faq", help="the faq binary to score (default: .build/release/faq)")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--misses", action="store_true", help="list each wrong answer or abstention")
    ap.add_argument("--json-out", help="write every figure and miss as JSON here")
    ap.add_argument("--corpora", action="append", default=[], metavar="DIR",
                    help="also score each NAME.md with its NAME.dev.jsonl in DIR (a corpus of your own)")
    args = ap.parse_args()

    faq = Path(args.faq) if args.faq else ROOT / ".build" / "release" / "faq"
    if not args.no_build and not args.faq:
        build = subprocess.run(["swift", "build", "-c", "release", "--product", "faq"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if build.returncode != 0:
            sys.exit(f"quality: release build failed:\n{build.stderr[-4000:]}")
    if not faq.exists():
        sys.exit(f"quality: no binary at {faq}")

    rows = []
    with tempfile.TemporaryDirectory(prefix="faq-quality-") as tmp:
        for name, corpus, qpath in corpora(args.corpora):
            questions = S.load_jsonl(qpath)
            lines = run(faq, corpus, Path(tmp) / f"{name}.sqlite", questions)
            rows.append(score(name, questions, lines))
    print(table(rows, args.markdown))
    if args.misses:
        for r in rows:
            for m in r["misses"]:
                print(f"{r['corpus']} {m['id']}: {m['q']} -> {m['outcome'] or ('answer' if m['answered'] else 'abstain')}"
                      f" rank {m['rank']} top {m['top']!r} ({m['confidence']})")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

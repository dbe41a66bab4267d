#!/usr/bin/env python3
"""Generate FAQKit character data from the Unicode Han Database (Unihan).

Outputs (relative to the repository root):

  Corpus/data/t2s.tsv               traditional -> simplified folding (kSimplifiedVariant)
  Corpus/data/pinyin.tsv            toneless Mandarin readings per character
  Corpus/data/pinyin-syllables.txt  set of toneless syllables occurring in pinyin.tsv

Input: the Unihan files shipped by Debian's `unicode-data` package
(/usr/share/unicode/Unihan_Variants.txt.bz2 and Unihan_Readings.txt.bz2), or
any directory holding Unihan_*.txt / .txt.bz2 / .txt.gz, or an official Unihan.zip:

    apt-get install -y unicode-data
    python3 tools/gen_unihan.py                    # uses /usr/share/unicode
    python3 tools/gen_unihan.py --unihan Unihan.zip

Standard library only. The output depends only on the input files (no
timestamps, stable ordering), so re-running on the same Unihan version gives
byte-identical files.

Reading order in pinyin.tsv ("most common first"):
  1. kHanyuPinlu   readings sorted by corpus frequency (descending, stable)
  2. kMandarin     (customary reading; PRC value first)
  3. kTGHZ2013     (Tongyong Guifan Hanzi Zidian 2013; all modern readings)
  4. kXHC1983      (Xiandai Hanyu Cidian 1983; all modern readings)
  5. kHanyuPinyin  only for characters that have neither kTGHZ2013 nor kXHC1983
                   (rare characters); for common characters kHanyuPinyin lists
                   archaic readings (e.g. 还 fu) that would only add noise.
Tones are stripped, ü is written v, duplicates are dropped keeping first position.
The erhua reading "r" (儿, 兒) is moved after all other readings.
"""

import argparse
import bz2
import gzip
import io
import os
import re
import sys
import unicodedata
import zipfile

DEFAULT_UNIHAN = "/usr/share/unicode"
GENERATOR = "tools/gen_unihan.py"

# Ranges written to pinyin.tsv: CJK Unified Ideographs and Extension A.
PINYIN_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))

CODEPOINT_RE = re.compile(r"^U\+([0-9A-F]{4,6})$")
SYLLABLE_RE = re.compile(r"^[a-z]+$")


class UnihanSource:
    """Opens Unihan_<name>.txt from a directory (plain/bz2/gz) or a zip file."""

    def __init__(self, path):
        self.path = path
        self.zip = None
        if os.path.isfile(path):
            if not zipfile.is_zipfile(path):
                sys.exit("error: %s is not a directory or a Unihan zip file" % path)
            self.zip = zipfile.ZipFile(path)
        elif not os.path.isdir(path):
            sys.exit("error: Unihan source %s not found (apt-get install -y unicode-data?)" % path)

    def open(self, name):
        """Return (text_stream, display_name)."""
        if self.zip is not None:
            for member in sorted(self.zip.namelist()):
                if os.path.basename(member) == name:
                    raw = self.zip.read(member)
                    return io.StringIO(raw.decode("utf-8")), "%s!%s" % (os.path.basename(self.path), member)
            sys.exit("error: %s not found in %s" % (name, self.path))
        for suffix, opener in (("", open), (".bz2", bz2.open), (".gz", gzip.open)):
            full = os.path.join(self.path, name + suffix)
            if os.path.isfile(full):
                return opener(full, "rt", encoding="utf-8"), name + suffix
        sys.exit("error: %s(.bz2|.gz) not found in %s" % (name, self.path))


def read_unihan(source, name, fields):
    """Parse a Unihan file. Returns (header_info, {field: {codepoint: value}})."""
    stream, display = source.open(name)
    info = {"file": display, "unicode_version": "unknown", "date": "unknown"}
    data = {f: {} for f in fields}
    with stream:
        for line in stream:
            line = line.rstrip("\n")
            if line.startswith("#"):
                m = re.match(r"#\s*Unicode version:\s*(\S+)", line)
                if m:
                    info["unicode_version"] = m.group(1)
                m = re.match(r"#\s*Date:\s*(.+?)\s*$", line)
                if m:
                    info["date"] = m.group(1)
                continue
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 3 or parts[1] not in data:
                continue
            m = CODEPOINT_RE.match(parts[0])
            if not m:
                continue
            data[parts[1]][int(m.group(1), 16)] = parts[2]
    return info, data


def parse_codepoint(token):
    token = token.split("<", 1)[0]  # drop optional "<source" annotations
    m = CODEPOINT_RE.match(token)
    return int(m.group(1), 16) if m else None


def strip_tone(reading):
    """'lǜ' -> 'lv', 'xíng' -> 'xing', 'ê̄' -> 'e'. Returns None if not plain a-z."""
    s = unicodedata.normalize("NFD", reading.strip().lower())
    s = s.replace("u\u0308", "v")  # ü (u + combining diaeresis) -> v
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s if SYLLABLE_RE.match(s) else None


def readings_pinlu(value):
    # "fā(4834) fa(174) fà(80)" -> sorted by frequency, stable
    items = []
    for idx, tok in enumerate(value.split()):
        m = re.match(r"^(.+?)\((\d+)\)$", tok)
        if m:
            items.append((-int(m.group(2)), idx, m.group(1)))
    return [r for _, _, r in sorted(items)]


def readings_plain(value):
    # kMandarin: "qián gān"
    return value.split()


def readings_located(value):
    # kXHC1983 / kTGHZ2013: "0442.080:háng 0443.050:hàng"
    # kHanyuPinyin:         "20811.060:háng,xìng,xíng"
    out = []
    for tok in value.split():
        if ":" in tok:
            out.extend(tok.split(":", 1)[1].split(","))
    return out


def header(lines_about, infos, fields):
    out = ["# " + l for l in lines_about]
    out.append("#")
    for info in infos:
        out.append("# Source: %s (Unihan database, Unicode %s, file date %s)"
                   % (info["file"], info["unicode_version"], info["date"]))
    out.append("# Field(s): %s" % ", ".join(fields))
    out.append("# Generated by %s -- do not hand-edit; re-run the script to regenerate." % GENERATOR)
    return out


def in_pinyin_ranges(cp):
    return any(lo <= cp <= hi for lo, hi in PINYIN_RANGES)


def build_t2s(var_data):
    pairs = []
    skipped_self = skipped_bad = 0
    for cp, value in sorted(var_data["kSimplifiedVariant"].items()):
        tokens = value.split()
        if not tokens:
            continue
        target = parse_codepoint(tokens[0])  # each token is exactly one scalar
        if target is None:
            skipped_bad += 1
            continue
        if target == cp:
            skipped_self += 1
            continue
        pairs.append((cp, target))
    # Resolve chains (薴 -> 苧 -> 苎) so that one lookup is enough and folding is idempotent.
    mapping = dict(pairs)
    resolved = []
    for cp, target in pairs:
        seen = {cp}
        while target in mapping and target not in seen:
            seen.add(target)
            target = mapping[target]
        resolved.append((cp, target))
    return resolved, skipped_self, skipped_bad


def build_pinyin(rd):
    result = {}
    cps = set()
    for f in ("kHanyuPinlu", "kMandarin", "kTGHZ2013", "kXHC1983", "kHanyuPinyin"):
        cps.update(cp for cp in rd[f] if in_pinyin_ranges(cp))
    for cp in sorted(cps):
        raw = []
        if cp in rd["kHanyuPinlu"]:
            raw += readings_pinlu(rd["kHanyuPinlu"][cp])
        if cp in rd["kMandarin"]:
            raw += readings_plain(rd["kMandarin"][cp])
        if cp in rd["kTGHZ2013"]:
            raw += readings_located(rd["kTGHZ2013"][cp])
        if cp in rd["kXHC1983"]:
            raw += readings_located(rd["kXHC1983"][cp])
        if cp not in rd["kTGHZ2013"] and cp not in rd["kXHC1983"] and cp in rd["kHanyuPinyin"]:
            raw += readings_located(rd["kHanyuPinyin"][cp])
        # kHanyuPinlu counts the erhua suffix "r" for 儿/兒 as more frequent than
        # "er"; a bare "r" is not a standalone syllable, so it goes last.
        raw = [r for r in raw if strip_tone(r) != "r"] + [r for r in raw if strip_tone(r) == "r"]
        seen = []
        for r in raw:
            s = strip_tone(r)
            if s and s not in seen:
                seen.append(s)
        if seen:
            result[cp] = seen
    return result


def write_lines(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unihan", default=DEFAULT_UNIHAN,
                    help="directory with Unihan_*.txt[.bz2|.gz] or a Unihan.zip (default: %(default)s)")
    ap.add_argument("--out", default=os.path.join("Corpus", "data"),
                    help="output directory (default: %(default)s)")
    args = ap.parse_args()

    source = UnihanSource(args.unihan)
    var_info, var_data = read_unihan(source, "Unihan_Variants.txt", ["kSimplifiedVariant"])
    rd_fields = ["kHanyuPinlu", "kMandarin", "kTGHZ2013", "kXHC1983", "kHanyuPinyin"]
    rd_info, rd = read_unihan(source, "Unihan_Readings.txt", rd_fields)

    # --- t2s.tsv -----------------------------------------------------------
    pairs, skipped_self, skipped_bad = build_t2s(var_data)
    lines = header([
        "FAQKit traditional -> simplified character folding.",
        "Format: TRAD<TAB>SIMP, one Unicode scalar each side, sorted by TRAD code point.",
        "Where kSimplifiedVariant lists several values the first is used; characters whose",
        "first value is the character itself are omitted (乾 -> 乾 干, 裡 -> 裡 里, 臤), as are",
        "self-only entries (characters that are already simplified).",
        "Chains are resolved (薴 -> 苧 -> 苎 is written 薴 -> 苎), so folding is idempotent.",
        "Characters not listed fold to themselves.",
    ], [var_info], ["kSimplifiedVariant"])
    lines += ["%s\t%s" % (chr(a), chr(b)) for a, b in pairs]
    write_lines(os.path.join(args.out, "t2s.tsv"), lines)

    # --- pinyin.tsv --------------------------------------------------------
    py = build_pinyin(rd)
    lines = header([
        "FAQKit toneless Mandarin readings.",
        "Format: CHAR<TAB>reading1 reading2 ... ; lowercase ASCII, tones stripped, ü written v,",
        "duplicates removed, most common reading first. Only U+4E00-U+9FFF and U+3400-U+4DBF.",
        "Order of evidence: kHanyuPinlu (by frequency), kMandarin, kTGHZ2013, kXHC1983;",
        "kHanyuPinyin only for characters that have neither kTGHZ2013 nor kXHC1983.",
        "The erhua reading r (儿, 兒) is placed last.",
    ], [rd_info], rd_fields)
    lines += ["%s\t%s" % (chr(cp), " ".join(rs)) for cp, rs in sorted(py.items())]
    write_lines(os.path.join(args.out, "pinyin.tsv"), lines)

    # --- pinyin-syllables.txt ----------------------------------------------
    syllables = sorted({s for rs in py.values() for s in rs})
    lines = header([
        "FAQKit set of valid toneless pinyin syllables (for a syllable segmenter).",
        "Format: one syllable per line, lowercase ASCII (ü written v), sorted.",
        "Derived from every reading in pinyin.tsv; includes interjection syllables such as",
        "m, n, ng, hm, hng and rare ones that only occur in a few characters.",
    ], [rd_info], rd_fields)
    lines += syllables
    write_lines(os.path.join(args.out, "pinyin-syllables.txt"), lines)

    sys.stderr.write("t2s.tsv: %d pairs (skipped %d self-maps, %d unparsable)\n"
                     % (len(pairs), skipped_self, skipped_bad))
    sys.stderr.write("pinyin.tsv: %d characters\n" % len(py))
    sys.stderr.write("pinyin-syllables.txt: %d syllables\n" % len(syllables))
    sys.stderr.write("Unicode version: %s / %s\n" % (var_info["unicode_version"], rd_info["unicode_version"]))


if __name__ == "__main__":
    main()

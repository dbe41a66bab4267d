#!/usr/bin/env bash
# Kill -9 during `faq index`, many times: the previous index must stay usable after every kill.
#
#   tools/reliability/kill_rebuild.sh [iterations]          # default 50
#
# Environment: FAQ_BIN (default: builds .build/release/faq), TIMES (corpus size as a multiple of
# the bundled corpus, default 100 = 3,300 entries), MAX_DELAY (seconds, default 2.0), SEED (7).
#
# Builds a synthetic corpus and indexes it once. Then, each iteration, starts `faq index` on a
# modified copy of the corpus (one more page) writing to the SAME index path, sends SIGKILL after a
# random delay in [0, MAX_DELAY], and checks the index at that path:
#   - `faq search --no-rebuild --json` answers (exit 0, JSON with results);
#   - `faq stats --no-rebuild --json` reports the old entry count, or the new one when the build
#     had already finished before the kill (the swap is all or nothing);
#   - SQLite's `PRAGMA quick_check` on the file says ok.
# At the end it lists what is left beside the index (a killed build leaves its temporary file).
# Last line: "N passed, M failed"; exits non-zero on any failure.
set -uo pipefail

iterations=${1:-50}
times=${TIMES:-100}
max_delay=${MAX_DELAY:-2.0}
seed=${SEED:-7}
. "$(dirname "$0")/common.sh"
reliability_setup faq-kill-rebuild
corpus="$work/corpus.md"
index="$work/index/index.sqlite"
mkdir -p "$work/index"

make_corpus "$times" "$corpus"
# The modified corpus: one more page, so its hash and its entry count differ from the original.
modified="$work/corpus-modified.md"
cp "$corpus" "$modified"
printf '\n---\n\n## 追加页面\n\nSource: https://example.com/faqs/extra\n\n## 1. 追加的问题：断电后索引还能用吗\n\n能用。\n' >>"$modified"

started=$(date +%s.%N)
"$FAQ_BIN" index --corpus "$corpus" --db "$index" >/dev/null || { echo "initial index failed"; echo "0 passed, 1 failed"; exit 1; }
build_seconds=$(python3 -c "import time; print(f'{time.time() - $started:.2f}')")
"$FAQ_BIN" index --corpus "$modified" --db "$work/modified.sqlite" >/dev/null
entries() { "$FAQ_BIN" stats --no-rebuild --json --corpus "$1" --db "$2" | python3 -c "import json,sys; print(json.load(sys.stdin)['index']['entryCount'])"; }
old_count=$(entries "$corpus" "$index")
new_count=$(entries "$modified" "$work/modified.sqlite")
rm -f "$work"/modified.sqlite*
echo "corpus: $(wc -c <"$corpus") bytes, $old_count entries (modified: $new_count); one full build takes ${build_seconds} s"

# Random delays from a seeded generator, so a run can be repeated.
mapfile -t delays < <(python3 -c "
import random
r = random.Random($seed)
for _ in range($iterations): print(f'{r.uniform(0, $max_delay):.3f}')")

passed=0
failed=0
killed=0
finished=0
for ((i = 0; i < iterations; i++)); do
    delay=${delays[$i]}
    "$FAQ_BIN" index --corpus "$modified" --db "$index" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    if kill -KILL "$pid" 2>/dev/null; then :; fi
    wait "$pid" 2>/dev/null
    rc=$?
    if [ $rc -eq 137 ]; then killed=$((killed + 1)); state="killed"; else finished=$((finished + 1)); state="finished (exit $rc)"; fi

    problems=()
    out=$("$FAQ_BIN" search --no-rebuild --json --corpus "$corpus" --db "$index" 发票怎么开 2>"$work/search.err")
    src=$?
    if [ $src -ne 0 ]; then
        problems+=("search exit $src: $(head -1 "$work/search.err")")
    elif ! python3 -c "import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d.get('results') else 1)" "$out" 2>/dev/null; then
        problems+=("search answered without results: ${out:0:200}")
    fi
    count=$(entries "$corpus" "$index" 2>"$work/stats.err")
    if [ "$count" != "$old_count" ] && [ "$count" != "$new_count" ]; then
        problems+=("entry count '$count' (expected $old_count or $new_count): $(head -1 "$work/stats.err")")
    fi
    check=$(python3 -c "
import sqlite3, sys
db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
print(db.execute('PRAGMA quick_check').fetchone()[0])" "$index" 2>&1 | tail -1)
    [ "$check" = ok ] || problems+=("quick_check: $check")

    if [ ${#problems[@]} -eq 0 ]; then
        passed=$((passed + 1))
        printf 'run %2d: kill after %s s, build %s, index has %s entries: ok\n' $((i + 1)) "$delay" "$state" "$count"
    else
        failed=$((failed + 1))
        printf 'run %2d: kill after %s s, build %s: FAILED: %s\n' $((i + 1)) "$delay" "$state" "${problems[*]}"
    fi
done

echo "builds killed: $killed, builds finished before the kill: $finished"
echo "left beside the index:"
( cd "$work/index" && for f in $(ls -A); do printf '  %-40s %12s bytes\n' "$f" "$(stat -c %s "$f")"; done )
stray=$(find "$work/index" -name '.index.sqlite.tmp-*' | wc -l)
stray_bytes=$(find "$work/index" -name '.index.sqlite.tmp-*' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
echo "stray temporary files from killed builds: $stray ($stray_bytes bytes)"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]

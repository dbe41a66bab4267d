#!/usr/bin/env bash
# A broken file at the index path: `faq ask` must rebuild it from the corpus and answer, and with
# --no-rebuild must stop with a clear one-line error.
#
#   tools/reliability/corrupt_index.sh
#
# Environment: FAQ_BIN (default: builds .build/release/faq).
#
# Cases: a truncated index, a zero-byte file, random bytes, a foreign SQLite database, an index
# whose meta table names another schema_version, an older-schema index (version 5, `terms` table
# missing), an index with its FTS5 pages overwritten or its entries pages overwritten (header and
# meta table intact), and a directory at the index path.
#
# Each case runs twice:
#   ask           `faq ask`: passes when it rebuilt the index and answered (exit 0), or, where no
#                 rebuild is possible (a directory), failed with a clear error; a file FAQKit did
#                 not write (random bytes, a foreign SQLite database) must be refused with a clear
#                 error and left byte for byte as it was;
#   ask --no-rebuild  passes when it stopped with exit 1 and one line "error: cannot use index …"
#                 that shows no SQL (no "while executing", no "SQLite error").
# Last line: "N passed, M failed"; exits non-zero on any failure.
set -uo pipefail

. "$(dirname "$0")/common.sh"
reliability_setup faq-corrupt-index
corpus="$work/corpus.md"
cp "$root/Corpus/siliconflow-faqs.md" "$corpus"
chmod u+w "$corpus"
good="$work/good.sqlite"
"$FAQ_BIN" index --corpus "$corpus" --db "$good" >/dev/null || { echo "could not build the reference index"; echo "0 passed, 1 failed"; exit 1; }
rm -f "$good-wal" "$good-shm"
question="发票怎么开"

# "schema N, M entries" of the index at $1, read with --no-rebuild (so it reports the file as it is).
health() {
    "$FAQ_BIN" stats --no-rebuild --json --corpus "$corpus" --db "$1" 2>/dev/null |
        python3 -c "import json,sys; i=json.load(sys.stdin)['index']; print(f\"schema {i['fingerprint']['schemaVersion']}, {i['entryCount']} entries\")" 2>/dev/null ||
        echo "unusable"
}
expected=$(health "$good")

# Writes the broken file for case $1 at path $2.
make_case() {
    local name=$1 path=$2
    rm -rf "$path" "$path-wal" "$path-shm"
    case "$name" in
    truncated) head -c $(($(stat -c %s "$good") / 2)) "$good" >"$path" ;;
    zero-byte) : >"$path" ;;
    random-bytes) python3 -c "import random,sys; r=random.Random(1); sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(200000)))" >"$path" ;;
    foreign-sqlite)
        python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute('CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT)')
db.execute(\"INSERT INTO users(name) VALUES ('alice')\")
db.commit()" "$path" ;;
    wrong-schema-version)
        cp "$good" "$path"
        python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute(\"UPDATE meta SET value = '999' WHERE key = 'schema_version'\")
db.commit()" "$path" ;;
    older-schema)
        cp "$good" "$path"
        python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute('DROP TABLE terms')
db.execute(\"UPDATE meta SET value = '5' WHERE key = 'schema_version'\")
db.commit()" "$path" ;;
    fts-pages-overwritten | entries-pages-overwritten)
        cp "$good" "$path"
        local table=entries_fts_data
        [ "$name" = entries-pages-overwritten ] && table=entries
        # Overwrite the table's root page and the next two with random bytes; the header, the schema
        # and the meta table stay intact, so the index still looks current.
        python3 -c "
import random, sqlite3, sys
path, table = sys.argv[1], sys.argv[2]
db = sqlite3.connect(path)
page_size = db.execute('PRAGMA page_size').fetchone()[0]
root = db.execute('SELECT rootpage FROM sqlite_master WHERE name = ?', (table,)).fetchone()[0]
meta = db.execute(\"SELECT rootpage FROM sqlite_master WHERE name = 'meta'\").fetchone()[0]
db.close()
r = random.Random(2)
with open(path, 'r+b') as f:
    for page in range(root, root + 3):
        if page in (1, meta): continue
        f.seek((page - 1) * page_size)
        f.write(bytes(r.getrandbits(8) for _ in range(page_size)))" "$path" "$table" ;;
    directory) mkdir -p "$path" ;;
    esac
}

# True when stderr, log lines aside, is one line "error: cannot use index …" (or "error: could
# not …") that shows no SQL.
clear_error() {
    grep -vE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[^ ]+ (warning|info|notice) ' "$1" >"$1.message"
    [ "$(grep -c . "$1.message")" -eq 1 ] || return 1
    grep -qE '^error: (cannot use index|could not)' "$1.message" || return 1
    ! grep -qiE 'while executing|SQLite error|sqlite_master|vtable' "$1.message"
}

passed=0
failed=0
report() { # name mode verdict detail
    printf '%-26s %-18s %-5s %s\n' "$1" "$2" "$3" "$4"
    if [ "$3" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

printf '%-26s %-18s %-5s %s\n' case mode verdict outcome
for name in truncated zero-byte random-bytes foreign-sqlite wrong-schema-version older-schema fts-pages-overwritten entries-pages-overwritten directory; do
    index="$work/$name/index.sqlite"
    mkdir -p "$work/$name"

    # 1. ask, rebuild allowed.
    make_case "$name" "$index"
    before=$(sha256sum "$index" 2>/dev/null | cut -d' ' -f1)
    "$FAQ_BIN" ask --corpus "$corpus" --db "$index" "$question" >"$work/out" 2>"$work/err"
    rc=$?
    if [ "$name" = random-bytes ] || [ "$name" = foreign-sqlite ]; then
        # Not a file FAQKit wrote: it must be refused and left as it was.
        after=$(sha256sum "$index" 2>/dev/null | cut -d' ' -f1)
        if [ $rc -ne 0 ] && clear_error "$work/err" && [ "$before" = "$after" ]; then
            report "$name" ask PASS "exit $rc, left as it was: $(head -1 "$work/err.message" | cut -c1-150)"
        else
            report "$name" ask FAIL "exit $rc, file $([ "$before" = "$after" ] && echo unchanged || echo REPLACED): $(head -1 "$work/err" | cut -c1-200)"
        fi
    elif [ $rc -eq 0 ] && [ -s "$work/out" ] && ! grep -q "No confident answer" "$work/out"; then
        if [ "$(health "$index")" = "$expected" ]; then
            report "$name" ask PASS "exit 0, rebuilt and answered: $(head -1 "$work/out" | cut -c1-60)"
        else
            report "$name" ask FAIL "exit 0 and answered, but the index was not rebuilt: $(health "$index")"
        fi
    elif [ "$name" = directory ] && [ $rc -ne 0 ] && clear_error "$work/err"; then
        report "$name" ask PASS "exit $rc, cannot rebuild: $(head -1 "$work/err.message")"
    else
        report "$name" ask FAIL "exit $rc: $(grep -v rebuilding "$work/err" | head -1 | cut -c1-200)"
    fi

    # 2. ask --no-rebuild on the same broken file.
    make_case "$name" "$index"
    "$FAQ_BIN" ask --no-rebuild --corpus "$corpus" --db "$index" "$question" >"$work/out" 2>"$work/err"
    rc=$?
    if [ $rc -eq 1 ] && clear_error "$work/err"; then
        report "$name" "ask --no-rebuild" PASS "exit 1: $(head -1 "$work/err")"
    elif [ $rc -eq 0 ]; then
        report "$name" "ask --no-rebuild" FAIL "exit 0: used the file as it is and answered: $(head -1 "$work/out" | cut -c1-60)"
    else
        report "$name" "ask --no-rebuild" FAIL "exit $rc: $(head -1 "$work/err" | cut -c1-200)$( [ "$(grep -c . "$work/err")" -gt 1 ] && echo " (+$(($(grep -c . "$work/err") - 1)) more lines)")"
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]

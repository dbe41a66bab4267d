#!/usr/bin/env bash
# Scale benchmark: synthetic corpora at N× the bundled corpus (tools/scale/gen_corpus.py, fixed
# seed), then for each size: index build time and peak memory (/usr/bin/time -v), index file
# size, open time, and search median/p99 over the development questions (`faq bench`).
# Usage: tools/scale/scale.sh [sizes, default "1 100 1000"] [bench rounds, default 5]
#   e.g. tools/scale/scale.sh "1 100 1000 10000"
# Corpora and indexes go to ${SCALE_DIR:-/tmp/faqkit-scale}; a corpus already there is reused.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${1:-"1 100 1000"}
rounds=${2:-5}
dir=${SCALE_DIR:-/tmp/faqkit-scale}
questions=../shared/eval/questions.jsonl
mkdir -p "$dir"
swift build -c release --product faq >/dev/null 2>&1
faq=.build/release/faq

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; $(date -u +%F)"
echo "| size | entries | corpus | build | peak RSS (build) | index file | open + first query | search median | search p99 |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in $sizes; do
  corpus="$dir/faq-${n}x.md"
  db="$dir/faq-${n}x.sqlite"
  [ -f "$corpus" ] || python3 tools/scale/gen_corpus.py --times "$n" --out "$corpus"
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -v "$faq" index --corpus "$corpus" --db "$db" >"$dir/index-$n.log" 2>"$dir/time-$n.log"
  build=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/time-$n.log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f MiB", $2/1024}' "$dir/time-$n.log")
  entries=$("$faq" stats --corpus "$corpus" --db "$db" --no-rebuild --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["index"]["entryCount"])')
  size=$(du -h "$db" | cut -f1)
  corpus_size=$(du -h "$corpus" | cut -f1)
  start=$(date +%s.%N)
  "$faq" ask --corpus "$corpus" --db "$db" --no-rebuild "发票多久能开出来" >/dev/null
  first=$(echo "$(date +%s.%N) - $start" | bc -l)
  line=$("$faq" bench --corpus "$corpus" --db "$db" --no-rebuild --questions "$questions" --rounds "$rounds" --stage search | grep "^search")
  median=$(sed -E 's/.*median ([0-9.]+) µs.*/\1/' <<<"$line")
  p99=$(sed -E 's/.*p99 ([0-9.]+) µs.*/\1/' <<<"$line")
  printf "| %s× | %s | %s | %s | %s | %s | %.2f s | %s µs | %s µs |\n" "$n" "$entries" "$corpus_size" "$build" "$rss" "$size" "$first" "$median" "$p99"
done

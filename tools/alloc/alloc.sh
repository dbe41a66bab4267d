#!/usr/bin/env bash
# Heap allocations per query of each `faq bench` stage: runs the stage with 1 and with 11 rounds
# under a malloc-counting preload (tools/alloc/malloc_count.c) and divides the difference by the
# 10 × questions extra queries, so start-up and warm-up cancel out.
# Usage: tools/alloc/alloc.sh [questions.jsonl]   (from the repo root, ../shared beside it)
set -euo pipefail
cd "$(dirname "$0")/../.."
questions=${1:-../shared/eval/questions.jsonl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -shared -fPIC -o "$work/malloc_count.so" tools/alloc/malloc_count.c -ldl
swift build -c release --product faq >/dev/null 2>&1
n=$(grep -c . "$questions")
count() {
  LD_PRELOAD="$work/malloc_count.so" .build/release/faq bench --questions "$questions" --rounds "$2" --stage "$1" 2>&1 >/dev/null |
    awk '/^malloc_count/ {print $2}'
}
echo "| stage | allocations per query |"
echo "|---|---|"
for stage in analyze search rank ask; do
  one=$(count "$stage" 1)
  eleven=$(count "$stage" 11)
  echo "| $stage | $(( (eleven - one) / (10 * n) )) |"
done

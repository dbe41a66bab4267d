#!/usr/bin/env bash
# How `faq index` time grows with one page whose Contents list names n questions that the page
# never heads (an export that lost its question headings): the parser then recovers the questions
# by aligning the answer blocks to the Contents titles (RawPage.align).
#
#   tools/reliability/parser_scaling.sh [n ...]      # default: 25 50 100 200 400
#
# Environment: FAQ_BIN (default: builds .build/release/faq), LIMIT (seconds one build may take,
# default 2), TIMEOUT (seconds before a build is stopped, default 60).
# Prints the time per size and the growth per doubling. Last line: "N passed, M failed", where a
# size passes when its build finishes within LIMIT; exits non-zero on any failure.
set -uo pipefail

. "$(dirname "$0")/common.sh"
limit=${LIMIT:-2}
timeout_seconds=${TIMEOUT:-60}
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(25 50 100 200 400)
reliability_setup faq-parser-scaling

passed=0
failed=0
previous=""
for n in "${sizes[@]}"; do
    corpus="$work/unheaded-$n.md"
    python3 - "$n" >"$corpus" <<'EOF'
import sys
n = int(sys.argv[1])
print("## 问题页\n\n**Contents:**")
for i in range(1, n + 1):
    print(f"- {i}. 问题{i} 发票 充值 认证 {i * 7}")
print("\nSource: https://docs.example.com/faq/page\n")
for i in range(1, n + 1):
    print(f"回答 {i} 发票 充值 认证 关于 {i * 7} 的内容。\n")
EOF
    start=$(date +%s.%N)
    timeout "$timeout_seconds" "$FAQ_BIN" index --corpus "$corpus" --db "$work/index-$n.sqlite" >"$work/out" 2>&1
    rc=$?
    seconds=$(python3 -c "import time; print(f'{time.time() - $start:.2f}')")
    growth=""
    [ -n "$previous" ] && growth=$(python3 -c "print(f', x{$seconds / max($previous, 0.001):.1f} from the previous size')")
    previous=$seconds
    if [ $rc -eq 124 ]; then
        echo "n=$n ($(wc -c <"$corpus") bytes): stopped after ${timeout_seconds} s: FAIL"
        failed=$((failed + 1))
        continue
    fi
    verdict=PASS
    python3 -c "import sys; sys.exit(0 if $seconds <= $limit else 1)" || verdict=FAIL
    [ $rc -ne 0 ] && verdict="FAIL (exit $rc: $(head -1 "$work/out"))"
    echo "n=$n ($(wc -c <"$corpus") bytes): ${seconds} s$growth; $(grep -o 'indexed.*entries' "$work/out"): $verdict"
    if [ "$verdict" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]

#!/usr/bin/env bash
# Bounded soak of `faq serve` under wrk on loopback, then hot swaps of its index under load.
#
#   tools/reliability/soak.sh [seconds] [questions.jsonl]   # default 120 s, ../shared/eval/questions.jsonl
#
# Environment: FAQ_BIN (default: builds .build/release/faq), CONNECTIONS (wrk connections,
# default 32), SWAP_SECONDS (length of the hot-swap run, default 20), SWAPS (SIGHUPs sent during
# it, default 8). Needs wrk (`apt-get install wrk`) and curl.
#
# 1. Soak: wrk cycles through the eval questions on GET /v1/search for `seconds`, with the rate
#    limit off (--rate-limit 0), so every non-2xx is an error. The server's RSS (VmRSS from
#    /proc/PID/status) is read after start, after a 10 s warm-up, every 10 s and at the end.
# 2. Hot swap: wrk again for SWAP_SECONDS while the server gets SIGHUP SWAPS times; every other
#    SIGHUP follows a change: every fourth starting with the first, a page appended to the corpus;
#    every fourth starting with the third, a truncated copy of the index renamed over it. Either
#    way the server rebuilds the index and swaps it in; the other reloads reopen the unchanged
#    index. The log must show every reload and no failed one.
# Passes when both runs have no socket errors and no non-2xx responses, every reload succeeded,
# and RSS at the end is within 20% + 16 MiB of RSS after the warm-up.
# Last line: "N passed, M failed"; exits non-zero on any failure.
set -uo pipefail
. "$(dirname "$0")/common.sh"

seconds=${1:-120}
questions=${2:-$root/../shared/eval/questions.jsonl}
[ -f "$questions" ] || questions="$root/tools/eval/heldout.jsonl"
connections=${CONNECTIONS:-32}
swap_seconds=${SWAP_SECONDS:-20}
swaps=${SWAPS:-8}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; echo "0 passed, 1 failed"; exit 1; }
reliability_setup faq-soak

corpus="$work/corpus.md"
cp "$root/Corpus/siliconflow-faqs.md" "$corpus"
chmod u+w "$corpus"
python3 - "$questions" >"$work/queries.txt" <<'PY'
import json, sys, urllib.parse
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        print(urllib.parse.quote(json.loads(line)["q"]))
PY
port=$(free_port)
"$FAQ_BIN" serve --port "$port" --rate-limit 0 --max-connections-per-client 0 --corpus "$corpus" --db "$work/index.sqlite" \
    --feedback-db "$work/feedback.sqlite" >"$work/server.log" 2>&1 &
pid=$!
track_pid $pid
wait_for_health "$port" || { echo "the server did not start:"; tail -5 "$work/server.log"; echo "0 passed, 1 failed"; exit 1; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

# wrk_run SECONDS: prints wrk's RESULT line (requests, errors, non-2xx, rate, latency).
wrk_run() {
    QUERIES="$work/queries.txt" wrk -t2 -c"$connections" -d"${1}s" -s "$root/tools/load/search.lua" \
        "http://127.0.0.1:$port" | grep RESULT
}
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }

passed=0
failed=0
verdict() { # name ok detail
    if [ "$2" = 1 ]; then passed=$((passed + 1)); echo "$1: PASS: $3"; else failed=$((failed + 1)); echo "$1: FAIL: $3"; fi
}

echo "machine: $(nproc) cores; questions: $(wc -l <"$work/queries.txt") from $questions; $connections connections"
rss_start=$(rss)
wrk_run 10 >"$work/warmup"
rss_warm=$(rss)
echo "RSS after start: $rss_start KiB; after a 10 s warm-up ($(field requests "$(cat "$work/warmup")") requests): $rss_warm KiB"

# 1. Soak, sampling RSS every 10 s.
( while kill -0 $pid 2>/dev/null; do sleep 10; echo "$(rss)"; done ) >"$work/rss" &
sampler=$!
track_pid $sampler
soak=$(wrk_run "$seconds")
kill $sampler 2>/dev/null
rss_end=$(rss)
requests=$(field requests "$soak"); errors=$(field errors "$soak"); non2xx=$(field non2xx "$soak")
echo "soak: ${seconds} s, $requests requests, $(field rps "$soak") req/s, p50 $(field p50_us "$soak") µs, p99 $(field p99_us "$soak") µs"
echo "RSS samples every 10 s (KiB): $(tr '\n' ' ' <"$work/rss")"
echo "RSS at start of soak: $rss_warm KiB, at end: $rss_end KiB"
ok=0; [ "$errors" = 0 ] && [ "$non2xx" = 0 ] && ok=1
verdict "soak errors" $ok "socket errors $errors, non-2xx $non2xx (rate limit off, so no 429 is intended)"
ok=$(python3 -c "print(1 if $rss_end <= $rss_warm * 1.2 + 16384 else 0)")
verdict "soak memory" $ok "RSS $rss_warm -> $rss_end KiB"

# 2. Hot swaps under load.
reloads_before=$(grep -c "index reloaded" "$work/server.log")
wrk_run "$swap_seconds" >"$work/swap" &
wrk_pid=$!
interval=$(python3 -c "print($swap_seconds / ($swaps + 1))")
for ((s = 1; s <= swaps; s++)); do
    sleep "$interval"
    if [ $((s % 4)) -eq 1 ]; then
        # A changed corpus: the reload rebuilds the index and renames it into place.
        printf '\n---\n\n## 热切换页面 %d\n\nSource: https://example.com/faqs/swap-%d\n\n## 1. 热切换问题 %d\n\n可以。\n' $s $s $s >>"$corpus"
    elif [ $((s % 4)) -eq 3 ]; then
        # A damaged file renamed over the index (a bad copy): the reload finds it and rebuilds.
        head -c 100000 "$work/index.sqlite" >"$work/broken.sqlite"
        mv "$work/broken.sqlite" "$work/index.sqlite"
    fi
    kill -HUP $pid
done
wait $wrk_pid
swap=$(cat "$work/swap")
sleep 2
reloads=$(($(grep -c "index reloaded" "$work/server.log") - reloads_before))
reload_failures=$(grep -c "index reload failed" "$work/server.log")
rebuilt=$(grep "index reloaded" "$work/server.log" | grep -c "rebuilt=true")
requests=$(field requests "$swap"); errors=$(field errors "$swap"); non2xx=$(field non2xx "$swap")
damaged=$(grep -c "index is unusable; rebuilding" "$work/server.log")
echo "hot swap: ${swap_seconds} s, $swaps SIGHUPs ($rebuilt reloads rebuilt the index, $damaged of them over a damaged file), $requests requests, p99 $(field p99_us "$swap") µs"
ok=0; [ "$errors" = 0 ] && [ "$non2xx" = 0 ] && ok=1
verdict "hot swap errors" $ok "socket errors $errors, non-2xx $non2xx"
ok=0; [ "$reloads" = "$swaps" ] && [ "$reload_failures" = 0 ] && ok=1
verdict "hot swap reloads" $ok "$reloads of $swaps reloads done, $reload_failures failed"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]

#!/usr/bin/env bash
# HTTP load check: wrk against `faq serve` /v1/search with the eval questions, side by side with
# nginx serving a static JSON file the size of a typical response (the ceiling), on loopback.
# faq runs twice: with its response cache (repeated questions are served as stored bytes) and
# with --cache-mb 0 (every request searched and encoded).
# Usage: tools/load/load_check.sh [seconds per run, default 10] [questions.jsonl]
# Needs Debian's wrk and nginx-light (`apt-get install wrk nginx-light`). Bounded in time; stops
# both servers when done. LOAD_PORT (default 18090) picks the first of the three ports it uses;
# FAQ_BIN runs a given faq binary instead of building .build/release/faq.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
questions=${2:-../shared/eval/questions.jsonl}
port=${LOAD_PORT:-18090}
nginx_port=$((port + 1))
nocache_port=$((port + 2))
faq=${FAQ_BIN:-.build/release/faq}
work=$(mktemp -d)
chmod 755 "$work"  # nginx workers read the static file as another user
trap 'kill $(cat "$work/faq.pid" "$work/faq-nocache.pid" 2>/dev/null) 2>/dev/null || true; nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT

[ -n "${FAQ_BIN:-}" ] || swift build -c release --product faq >/dev/null 2>&1
python3 - "$questions" > "$work/queries.txt" <<'PY'
import json, sys, urllib.parse
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        print(urllib.parse.quote(json.loads(line)["q"]))
PY

"$faq" serve --port $port --rate-limit 0 --max-connections-per-client 0 --feedback-db "$work/feedback.sqlite" >"$work/faq.log" 2>&1 &
echo $! > "$work/faq.pid"
# The same server with its response cache off: what every distinct query costs.
"$faq" serve --port $nocache_port --rate-limit 0 --max-connections-per-client 0 --cache-mb 0 --feedback-db "$work/feedback-nocache.sqlite" >"$work/faq-nocache.log" 2>&1 &
echo $! > "$work/faq-nocache.pid"
for p in $port $nocache_port; do
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$p/health" >/dev/null && break; sleep 0.2; done
done

# A typical response body, saved for nginx to serve as a static file.
first=$(head -1 "$work/queries.txt")
curl -s "http://127.0.0.1:$port/v1/search?q=$first&limit=5" > "$work/typical.json"
size=$(wc -c < "$work/typical.json")
cat > "$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { root $work; default_type application/json; }
  }
}
CONF
nginx -c "$work/nginx.conf"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; typical response: $size bytes; $seconds s per run"
echo "| target | connections | requests/s | p50 (ms) | p99 (ms) | errors | non-2xx |"
echo "|---|---|---|---|---|---|---|"
for c in 16 64; do
  for target in faq faq-nocache nginx; do
    if [ $target = faq ]; then
      out=$(QUERIES="$work/queries.txt" wrk -t2 -c$c -d${seconds}s -s tools/load/search.lua "http://127.0.0.1:$port" | grep RESULT)
    elif [ $target = faq-nocache ]; then
      out=$(QUERIES="$work/queries.txt" wrk -t2 -c$c -d${seconds}s -s tools/load/search.lua "http://127.0.0.1:$nocache_port" | grep RESULT)
    else
      out=$(wrk -t2 -c$c -d${seconds}s -s tools/load/static.lua "http://127.0.0.1:$nginx_port/typical.json" | grep RESULT)
    fi
    rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$out")
    p50=$(sed -E 's/.*p50_us=([0-9]+).*/\1/' <<<"$out")
    p99=$(sed -E 's/.*p99_us=([0-9]+).*/\1/' <<<"$out")
    err=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$out")
    non=$(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$out")
    printf "| %s | %d | %s | %.2f | %.2f | %s | %s |\n" $target $c "$rps" "$(echo "$p50/1000" | bc -l)" "$(echo "$p99/1000" | bc -l)" "$err" "$non"
  done
done
echo "faq server RSS at end: $(ps -o rss= -p $(cat "$work/faq.pid")) KiB (cache on), $(ps -o rss= -p $(cat "$work/faq-nocache.pid")) KiB (cache off)"
curl -s "http://127.0.0.1:$port/metrics" | grep '^faq_response_cache_total' || true

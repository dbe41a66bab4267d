#!/usr/bin/env bash
# Security review, finding 3: how much does the feedback store grow from repeated unanswered
# searches?
#
#   tools/reliability/feedback_growth.sh [REQUESTS]    # default 2000
#
# Starts `faq serve --rate-limit 0` with a new feedback database, sends REQUESTS identical
# unanswered searches (one 2,048-byte query, over one keep-alive connection; after the first they are
# cache hits), then REQUESTS distinct ones, and prints the size of the database files (main file,
# -wal and -shm) after each round. Passes when the identical round grew them by under 1 MB.
set -euo pipefail
. "$(dirname "$0")/common.sh"
requests=${1:-2000}
reliability_setup faq-feedback-growth
port=$(free_port)
"$FAQ_BIN" serve --port "$port" --rate-limit 0 --db "$work/index.sqlite" --feedback-db "$work/feedback.sqlite" \
    >"$work/server.log" 2>&1 &
track_pid $!
wait_for_health "$port" 600 || { cat "$work/server.log"; echo "0 passed, 1 failed"; exit 1; }

python3 - "$port" "$requests" "$work/feedback.sqlite" <<'PY'
import http.client, os, sys, urllib.parse

port, requests, db = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def size():
    return sum(os.path.getsize(db + suffix) for suffix in ("", "-wal", "-shm") if os.path.exists(db + suffix))
def search(connection, q):
    connection.request("GET", "/v1/search?q=" + urllib.parse.quote(q))
    response = connection.getresponse()
    body = response.read()
    assert response.status == 200, (response.status, body[:200])

connection = http.client.HTTPConnection("127.0.0.1", port)
search(connection, "warm up the connection")
before = size()
query = "\U0001D4B3\U0001D4B4" * 256  # 512 characters of 4 bytes: at both limits, answered by nothing
for _ in range(requests):
    search(connection, query)
identical = size()
for i in range(requests):
    search(connection, f"{query[:500]} {i}")
distinct = size()
print(f"feedback store: {before / 1e6:.3f} MB at start")
print(f"after {requests} identical unanswered searches: {identical / 1e6:.3f} MB (+{(identical - before) / 1e6:.3f} MB)")
print(f"after {requests} distinct ones: {distinct / 1e6:.3f} MB (+{(distinct - identical) / 1e6:.3f} MB)")
ok = identical - before < 1_000_000
print("1 passed, 0 failed" if ok else "0 passed, 1 failed")
sys.exit(0 if ok else 1)
PY

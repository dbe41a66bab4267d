#!/usr/bin/env bash
# kill -9 of `faq serve` while clients post feedback: every acknowledged vote must be stored.
#
#   tools/reliability/feedback_kill.sh [records]        # default 5000
#
# Environment: FAQ_BIN (default: builds .build/release/faq), KILLS (most server kills, default 20;
# fewer when the records are all posted first),
# CLIENTS (concurrent posting clients, default 4), SEED (default 7).
#
# Starts `faq serve` on a temporary feedback database and posts `records` votes
# (POST /v1/feedback), each with a unique query, from CLIENTS threads. A vote counts as
# acknowledged when the server answered 201. Meanwhile the server is killed with SIGKILL up to
# KILLS times, at seeded random moments 0.05-0.6 s apart, and restarted each time; a post cut by
# a kill is sent again once the server is back. At the end the database is read with Python's
# sqlite3 and every
# acknowledged query must be in it. Last line: "N passed, M failed"; exits non-zero when a record
# is lost or the run could not be done.
set -uo pipefail
. "$(dirname "$0")/common.sh"

records=${1:-5000}
kills=${KILLS:-20}
clients=${CLIENTS:-4}
seed=${SEED:-7}
reliability_setup faq-feedback-kill

feedback="$work/feedback.sqlite"
index="$work/index.sqlite"
"$FAQ_BIN" index --db "$index" >/dev/null || { echo "could not build the index"; echo "0 passed, 1 failed"; exit 1; }
entry=$("$FAQ_BIN" entries --json --no-rebuild --db "$index" | python3 -c "import json,sys; d=json.load(sys.stdin); print((d if isinstance(d, list) else d['entries'])[0]['id'])")
port=$(free_port)

python3 - "$FAQ_BIN" "$index" "$feedback" "$port" "$entry" "$records" "$kills" "$clients" "$seed" "$work" <<'PY'
import http.client, json, os, random, signal, sqlite3, subprocess, sys, threading, time

faq, index, feedback, port, entry, records, kills, clients, seed, work = sys.argv[1:]
port, records, kills, clients = int(port), int(records), int(kills), int(clients)
rng = random.Random(int(seed))
log = open(os.path.join(work, "server.log"), "ab")

def start():
    p = subprocess.Popen([faq, "serve", "--port", str(port), "--rate-limit", "0", "--no-rebuild", "--db", index,
                          "--feedback-db", feedback], stdout=log, stderr=log)
    with open(os.path.join(work, "pids"), "a") as f:
        f.write(f"{p.pid}\n")
    for _ in range(300):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", "/health")
            if c.getresponse().status == 200:
                return p
        except OSError:
            time.sleep(0.05)
    sys.exit(f"the server did not start; see {work}/server.log")

lock = threading.Lock()
next_record = 0
acknowledged, refused, failed_attempts = [], 0, 0

def client():
    global next_record, refused, failed_attempts
    conn = None
    while True:
        with lock:
            if next_record >= records:
                return
            n = next_record
            next_record += 1
        query = f"kill-test record {n}"
        body = json.dumps({"query": query, "entryId": entry, "helpful": n % 2 == 0})
        while True:  # retry the same record until the server answers it
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("POST", "/v1/feedback", body, {"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                with lock:
                    if response.status == 201:
                        acknowledged.append(query)
                    else:
                        refused += 1
                break
            except (OSError, http.client.HTTPException):
                # The server died before answering: the vote was not acknowledged, so it may or
                # may not be stored. Post it again (as a client would) once the server is back.
                with lock:
                    failed_attempts += 1
                conn = None
                time.sleep(0.02)

server = start()
started = time.time()
threads = [threading.Thread(target=client) for _ in range(clients)]
for t in threads:
    t.start()
done_kills = 0
while any(t.is_alive() for t in threads):
    if done_kills < kills:
        time.sleep(rng.uniform(0.05, 0.6))
        if not any(t.is_alive() for t in threads):
            break
        server.send_signal(signal.SIGKILL)
        server.wait()
        done_kills += 1
        server = start()
    else:
        time.sleep(0.05)
for t in threads:
    t.join()
server.send_signal(signal.SIGKILL)
server.wait()
elapsed = time.time() - started

db = sqlite3.connect(feedback)
stored = [row[0] for row in db.execute("SELECT query FROM feedback")]
mode = db.execute("PRAGMA journal_mode").fetchone()[0]
stored_set = set(stored)
lost = [q for q in acknowledged if q not in stored_set]
duplicates = len(stored) - len(stored_set)
print(f"records: {records}, acknowledged (201): {len(acknowledged)}, refused (non-201): {refused}, "
      f"attempts cut by a kill: {failed_attempts}")
print(f"server kills (SIGKILL): {done_kills}, restarts: {done_kills}, time: {elapsed:.1f} s")
print(f"rows in the feedback table: {len(stored)} ({duplicates} stored twice: a retry after a kill that came "
      f"between the commit and the 201), journal_mode: {mode}")
print(f"acknowledged records lost: {len(lost)}" + (f" (first: {lost[:3]})" if lost else ""))
ok = not lost and len(acknowledged) == records and done_kills > 0
print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
sys.exit(0 if ok else 1)
PY

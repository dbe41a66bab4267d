#!/usr/bin/env bash
# Security review, finding 1: can one address's silent connections lock everyone else out?
#
#   tools/reliability/connection_flood.sh [CONNECTIONS] [SECONDS]    # default 2000, 40
#   REOPEN=0 tools/reliability/connection_flood.sh                   # reopen at once: a connect flood
#
# Starts `faq serve` with its default limits (1,024 connections, 64 per client address, 30 s idle
# timeout) on loopback, then holds CONNECTIONS silent connections from 127.0.0.1 open for
# SECONDS, reopening the ones the server closed every REOPEN seconds (default 25, as in the
# review; 0 reopens each at once), while another client (127.0.0.2) asks /health
# every 0.25 s with a 10 s timeout. Prints the other client's answers and latencies and how many
# flood connections the server kept; passes when every /health is answered within 2 s.
# Loopback only; the flood is bounded by CONNECTIONS and SECONDS. FAQ_BIN as in common.sh.
set -euo pipefail
. "$(dirname "$0")/common.sh"
connections=${1:-2000}
seconds=${2:-40}
reliability_setup faq-connection-flood
port=$(free_port)
"$FAQ_BIN" serve --port "$port" --db "$work/index.sqlite" --feedback-db "$work/feedback.sqlite" ${SERVE_ARGS:-} \
    >"$work/server.log" 2>&1 &
track_pid $!
wait_for_health "$port" 600 || { cat "$work/server.log"; echo "0 passed, 1 failed"; exit 1; }

python3 - "$port" "$connections" "$seconds" "${REOPEN:-25}" <<'PY'
import resource, select, socket, sys, threading, time

port, total, seconds, reopen = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, total + 256)), hard))

flood = []
opened = 0
def connect():
    global opened
    s = socket.socket()
    s.setblocking(False)
    try:
        s.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    opened += 1
    return s

stop = time.monotonic() + seconds
latencies, failures = [], 0
def probe():
    global failures
    while time.monotonic() < stop:
        start = time.monotonic()
        try:
            c = socket.socket()
            c.bind(("127.0.0.2", 0))
            c.settimeout(10)
            c.connect(("127.0.0.1", port))
            c.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            data = c.recv(100)
            c.close()
            if data.startswith(b"HTTP/1.1 200"):
                latencies.append(time.monotonic() - start)
            else:
                failures += 1
        except OSError:
            failures += 1
        time.sleep(0.25)

for _ in range(total):
    flood.append(connect())
prober = threading.Thread(target=probe)
prober.start()
closed = 0
next_reopen = time.monotonic() + reopen
while time.monotonic() < stop:
    # Find what the server closed (readable with nothing to read, or an error, means closed).
    poller = select.poll()
    by_fd = {}
    for s in flood:
        poller.register(s, select.POLLIN | select.POLLERR | select.POLLHUP)
        by_fd[s.fileno()] = s
    for fd, _ in poller.poll(500):
        s = by_fd[fd]
        flood.remove(s)
        s.close()
        closed += 1
    if time.monotonic() >= next_reopen:
        while len(flood) < total:
            flood.append(connect())
        next_reopen = time.monotonic() + reopen
prober.join()
still_open = 0
for s in flood:
    try:
        if s.recv(1, socket.MSG_PEEK) == b"":
            continue
        still_open += 1
    except BlockingIOError:
        still_open += 1
    except OSError:
        pass
    s.close()
worst = max(latencies) if latencies else float("inf")
print(f"flood: {total} silent connections from 127.0.0.1 for {seconds:.0f} s, reopened every {reopen:g} s: "
      f"{opened} opened in all, {closed} closed by the server, {still_open} open at the end (as the client sees them)")
print(f"other client (127.0.0.2): {len(latencies)} of {len(latencies) + failures} /health answered; "
      f"median {sorted(latencies)[len(latencies) // 2] * 1000 if latencies else float('nan'):.1f} ms, worst {worst * 1000:.1f} ms")
ok = failures == 0 and worst < 2.0
print("1 passed, 0 failed" if ok else "0 passed, 1 failed")
sys.exit(0 if ok else 1)
PY

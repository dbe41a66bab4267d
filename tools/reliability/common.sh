# Shared setup for tools/reliability/*.sh; source it, don't run it:
#
#   . "$(dirname "$0")/common.sh"
#   reliability_setup faq-kill-rebuild     # sets root, FAQ_BIN and work (removed on exit)
#   make_corpus 100 "$work/corpus.md"      # synthetic corpus, 100 × the bundled one
#
# FAQ_BIN names a prebuilt faq binary; without it the release binary is built once here.
# A failed build prints its tail and the "0 passed, 1 failed" line every script ends with.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Builds (unless FAQ_BIN is set) and makes a temporary directory `work`, removed on exit along
# with any process listed in "$work/pids".
reliability_setup() {
    local name=$1
    if [ -z "${FAQ_BIN:-}" ]; then
        local build_log
        if ! build_log=$(cd "$root" && swift build -c release --product faq 2>&1); then
            echo "$build_log" | tail -20
            echo "0 passed, 1 failed"
            exit 1
        fi
        FAQ_BIN="$root/.build/release/faq"
    fi
    work=$(mktemp -d "/tmp/$name.XXXXXX")
    trap reliability_cleanup EXIT
}

reliability_cleanup() {
    if [ -f "$work/pids" ]; then
        while read -r pid; do kill -KILL "$pid" 2>/dev/null; done <"$work/pids"
    fi
    rm -rf "$work"
}

# Records a background process to stop on exit.
track_pid() { echo "$1" >>"$work/pids"; }

# make_corpus TIMES PATH: a synthetic corpus of TIMES copies of the bundled one (tools/scale).
make_corpus() {
    python3 "$root/tools/scale/gen_corpus.py" --times "$1" --out "$2"
}

# A free TCP port on loopback.
free_port() {
    python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

# wait_for_health PORT [tries]: polls /health every 0.1 s; fails after `tries` (default 300).
wait_for_health() {
    local port=$1 tries=${2:-300}
    for ((t = 0; t < tries; t++)); do
        curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}

# Seconds since the epoch with fractions, and the time since one such mark.
now() { date +%s.%N; }
since() { python3 -c "import time; print(f'{time.time() - $1:.2f}')"; }

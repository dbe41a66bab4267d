#!/usr/bin/env bash
# Runs schemathesis (pip install schemathesis) against the OpenAPI document of a `faq serve` on
# loopback: every check, positive and negative data, a bounded number of examples per operation.
# Exits non-zero on any failure.
#
#   tools/schemathesis.sh                 # builds the debug faq, 50 examples per operation
#   EXAMPLES=200 tools/schemathesis.sh    # longer
#   BASE=http://127.0.0.1:8080 tools/schemathesis.sh   # against a server already running
#
# FAQ_BIN names a faq binary (default .build/debug/faq, built if missing); PORT (default 18016);
# SEED for a reproducible run; PHASES (default examples,coverage,fuzzing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
examples=${EXAMPLES:-50}
phases=${PHASES:-examples,coverage,fuzzing}
seed=${SEED:-16}

if ! command -v st >/dev/null 2>&1; then
    echo "schemathesis is not installed: pip install schemathesis" >&2
    exit 2
fi

work=$(mktemp -d /tmp/faq-schemathesis.XXXXXX)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

base=${BASE:-}
if [ -z "$base" ]; then
    bin=${FAQ_BIN:-$root/.build/debug/faq}
    [ -x "$bin" ] || (cd "$root" && swift build --product faq)
    port=${PORT:-18016}
    # Rate limiting off: schemathesis sends hundreds of requests and 429 is not what is tested.
    "$bin" serve --port "$port" --rate-limit 0 --db "$work/index.sqlite" --feedback-db "$work/feedback.sqlite" \
        >"$work/server.log" 2>&1 &
    server_pid=$!
    base="http://127.0.0.1:$port"
    python3 "$root/tools/wait_for_health.py" "$base/health" 120 || { cat "$work/server.log"; exit 1; }
fi

# The cache of found examples stays out of the repository.
st run "$base/openapi.json" --url "$base" \
    --checks all --mode all --phases "$phases" \
    --max-examples "$examples" --seed "$seed" --workers 1 \
    --request-timeout 10 --generation-database none \
    --no-color

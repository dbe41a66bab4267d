#!/usr/bin/env bash
# In-process search and ask latency over the development questions (release build, after warm-up).
# Usage: tools/bench.sh [questions.jsonl] [rounds]   (from the repo root, ../shared beside it)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product faq >/dev/null
.build/release/faq bench --questions "${1:-../shared/eval/questions.jsonl}" --rounds "${2:-50}"

#!/usr/bin/env bash
# Scores the release build on the shared development questions and error cases.
# Usage: tools/eval.sh [questions.jsonl]   (run from the repo root, ../shared beside it)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product faq >/dev/null
questions=${1:-../shared/eval/questions.jsonl}
python3 ../shared/eval/eval_cmd.py --questions "$questions" --cmd '.build/release/faq search --jsonl'
if [ -f ../shared/eval/errors.jsonl ] && .build/release/faq explain --help >/dev/null 2>&1; then
  python3 ../shared/eval/eval_errors.py --cases ../shared/eval/errors.jsonl --cmd '.build/release/faq explain --json'
fi

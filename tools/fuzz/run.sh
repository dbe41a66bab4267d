#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of FAQKit's parsers of outside text.
#
#   tools/fuzz/run.sh [seconds-per-target] [target...]     # default: 60 s, all targets
#   tools/fuzz/run.sh 0                                      # build only
#   tools/fuzz/run.sh replay                                 # run every kept input once (regressions)
#
# Targets: tokenizer (TextAnalyzer.scan/tokens), corpus-parser (CorpusParser.parse),
# error-text-parser (ErrorTextParser.parse), html (HTMLText, then CorpusParser), qa-lists
# (TextDecoding, then QAListReader's CSV, JSON and YAML readers). Each harness is
# compiled with swiftc directly over the FAQKit source files it needs and BundledDataStub.swift in
# place of the target's Bundle.module; the parsers' packages (Yams, SwiftCSV) are linked from the
# debug build's objects, so `swift build` runs first when they are missing. Binaries go to
# .build/fuzz/.
#
# Inputs that add coverage are kept in tools/fuzz/corpus-<target>/ (minimized with -merge=1 after
# each run); crashing, leaking or slow (>10 s) inputs go to tools/fuzz/crashes/<target>-*.
# Prints one summary line per target and exits non-zero when any target found a problem.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/.build/fuzz"
src="$root/Sources/FAQKit"
mkdir -p "$build" "$here/crashes"

export FAQKIT_CORPUS_DIR="$root/Corpus"
# Swift's crash backtracer can stall a crashing ASan process for minutes; libFuzzer reports anyway.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

mode=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(tokenizer corpus-parser error-text-parser html qa-lists)

sources() {
    case "$1" in
    tokenizer)
        echo "$here/TokenizerFuzz.swift $here/BundledDataStub.swift $src/Analysis/TextAnalyzer.swift $src/Analysis/WordBuilder.swift $src/Analysis/CharacterFolding.swift $src/Hashing.swift"
        ;;
    corpus-parser | html | qa-lists)
        local harness=CorpusParserFuzz.swift
        [ "$1" = html ] && harness=HTMLFuzz.swift
        [ "$1" = qa-lists ] && harness=QAListFuzz.swift
        # Every parser file but the two that reach the index store and query analysis.
        echo "$here/$harness $here/BundledDataStub.swift $src/Analysis/TextAnalyzer.swift $src/Analysis/WordBuilder.swift" \
            "$src/Analysis/CharacterFolding.swift $src/Analysis/String+Trimming.swift $src/Hashing.swift $src/FAQKitError.swift" \
            "$(ls "$src"/Parsing/*.swift | grep -v -e /CorpusSource.swift -e /CorpusResources.swift | tr '\n' ' ')"
        ;;
    error-text-parser)
        local e="$src/ErrorCodes"
        echo "$here/ErrorTextParserFuzz.swift $e/ErrorTextParser.swift $e/ErrorTextParser+message.swift $e/ErrorTextParser+status.swift" \
            "$e/ErrorTextBytes.swift $e/ErrorBody.swift $e/PythonLiteral.swift $e/ParsedAPIError.swift $e/RateLimitDimension.swift"
        ;;
    *)
        echo "unknown target $1 (tokenizer, corpus-parser, error-text-parser, html, qa-lists)" >&2
        exit 2
        ;;
    esac
}

# Longest input tried, in bytes: enough for a corpus page with its Contents list, short enough
# to keep executions fast.
max_len() { echo 4096; }

build_target() {
    local target=$1 binary="$build/faqfuzz-$1" files
    files=$(sources "$target")
    # shellcheck disable=SC2086
    if [ -x "$binary" ] && [ -z "$(find $files -newer "$binary" 2>/dev/null)" ]; then
        return 0
    fi
    echo "building $binary" >&2
    local packages=()
    if [ "$target" = corpus-parser ] || [ "$target" = html ] || [ "$target" = qa-lists ]; then
        # The markdown and CSV readers use Yams and SwiftCSV: their modules and objects from the debug build.
        local debug="$root/.build/debug"
        [ -d "$debug/Yams.build" ] && [ -d "$debug/SwiftCSV.build" ] || (cd "$root" && swift build --product faq >&2)
        packages=(-I "$debug/Modules" -I "$root/.build/checkouts/Yams/Sources/CYaml/include" "$debug"/Yams.build/*.o
            "$debug"/SwiftCSV.build/*.o $(find "$debug/CYaml.build" -name '*.o'))
    fi
    # shellcheck disable=SC2086
    swiftc -sanitize=fuzzer,address -parse-as-library -enable-bare-slash-regex -O -g $files "${packages[@]}" -o "$binary" 2>&1 |
        grep -v "ld.gold: warning: Cannot export local symbol" >&2 || true
    [ -x "$binary" ] || { echo "build of $target failed" >&2; exit 1; }
    touch "$binary"
}

status=0
for target in "${targets[@]}"; do
    build_target "$target"
    binary="$build/faqfuzz-$target"
    corpus="$here/corpus-$target"
    mkdir -p "$corpus"

    if [ "$mode" = replay ]; then
        # Every kept input and every recorded crash, once each: a regression run.
        inputs=("$corpus"/*)
        for crash in "$here"/crashes/"$target"-*; do [ -e "$crash" ] && inputs+=("$crash"); done
        if timeout 600 "$binary" -runs=1 "${inputs[@]}" >"$build/$target-replay.log" 2>&1; then
            echo "$target: replayed ${#inputs[@]} inputs, no failure"
        else
            echo "$target: replay FAILED (see $build/$target-replay.log)"
            status=1
        fi
        continue
    fi
    [ "$mode" = 0 ] && continue

    log="$build/$target.log"
    set +e
    timeout $((mode + 120)) "$binary" "$corpus" \
        -max_total_time="$mode" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$target")" \
        -dict="$here/dict/$target.dict" -artifact_prefix="$here/crashes/$target-" -print_final_stats=1 >"$log" 2>&1
    rc=$?
    set -e
    execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || echo "?")
    rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || echo "?")
    cov=$(grep -oE '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 | sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+)/cov \1, ft \2/' || true)
    artifacts=$(grep -oE "Test unit written to [^ ]+" "$log" | sed 's/Test unit written to //' || true)

    # Keep the corpus small: only the inputs that carry distinct coverage.
    minimized="$build/$target-min"
    rm -rf "$minimized" && mkdir -p "$minimized"
    if timeout 300 "$binary" -merge=1 -max_len="$(max_len "$target")" "$minimized" "$corpus" >"$build/$target-merge.log" 2>&1 &&
        [ -n "$(ls -A "$minimized")" ]; then
        rm -f "$corpus"/* && cp "$minimized"/* "$corpus"/
    fi
    kept=$(find "$corpus" -type f | wc -l)

    if [ $rc -eq 0 ]; then
        echo "$target: ${mode} s, $execs executions ($rate/s), ${cov:-cov ?}, corpus $kept inputs, no crash"
    else
        echo "$target: ${mode} s, $execs executions ($rate/s), ${cov:-cov ?}, corpus $kept inputs, FAILED (exit $rc): ${artifacts:-see $log}"
        grep -m3 -E "ERROR: |Fatal error|Precondition failed|ALARM" "$log" | sed 's/^/    /' || true
        status=1
    fi
done
exit $status

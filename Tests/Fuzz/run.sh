#!/bin/sh
# Runs the built libFuzzer harnesses (`make fuzz` builds them first): each for $1 seconds on its committed seeds
# (Tests/Fuzz/Corpus/<name>, never written) and its working corpus (.build/fuzz/corpus/<name>, where new inputs
# go), with its dictionary when it has one. Prints one line per harness and exits non-zero when any harness
# crashed, leaked, ran out of memory or took over a second on one input; the input is kept under
# .build/fuzz/artifacts/<name>/<time>/, libFuzzer's output in .build/fuzz/logs/<name>.log.
#
# libFuzzer's timeout is wall-clock time: on a machine loaded far beyond its cores a fast input can be stopped
# after a second without a CPU. So a timeout counts only when the input takes over a second again on each of three
# replays; one that does not is renamed stall-…, reported under the line, and the harness is started again for the
# time left (its working corpus keeps what it found).
#
# Usage: Tests/Fuzz/run.sh SECONDS [NAME...]   (FUZZ_SCRATCH, FUZZ_RSS_MB and FUZZ_ARGS from the environment)
set -u
seconds=${1:?usage: run.sh SECONDS [NAME...]}
shift
fuzz=$(cd "$(dirname "$0")" && pwd)
scratch=${FUZZ_SCRATCH:-$(cd "$fuzz/../.." && pwd)/.build/fuzz}
rss=${FUZZ_RSS_MB:-2048}
names=${*:-$(ls "$fuzz/Corpus")}
failed=0
for name in $names; do
    binary=$scratch/release/fuzz-$name
    if [ ! -x "$binary" ]; then echo "fuzz $name: not built ($binary)"; failed=1; continue; fi
    work=$scratch/corpus/$name
    artifacts=$scratch/artifacts/$name/$(date -u +%Y%m%dT%H%M%S)/
    log=$scratch/logs/$name.log
    mkdir -p "$work" "$artifacts" "$scratch/logs"
    : > "$log"
    dict=
    [ -f "$fuzz/Dictionaries/$name.dict" ] && dict=-dict=$fuzz/Dictionaries/$name.dict
    start=$(date +%s)
    left=$seconds
    stalls=0
    while :; do
        # shellcheck disable=SC2086  # $dict and $FUZZ_ARGS are zero or more words
        "$binary" -max_total_time="$left" -timeout=1 -rss_limit_mb="$rss" -malloc_limit_mb="$rss" -detect_leaks=1 \
            -print_final_stats=1 -artifact_prefix="$artifacts" $dict ${FUZZ_ARGS:-} "$work" "$fuzz/Corpus/$name" \
            >> "$log" 2>&1
        status=$?
        stalled=0
        for unit in $(find "$artifacts" -type f -name 'timeout-*'); do
            for attempt in 1 2 3; do
                if "$binary" -timeout=1 -runs=1 "$unit" > /dev/null 2>&1; then
                    mv "$unit" "$(dirname "$unit")/stall-$(basename "$unit" | sed 's/^timeout-//')"
                    stalled=$((stalled + 1))
                    break
                fi
            done
        done
        stalls=$((stalls + stalled))
        left=$((seconds - ($(date +%s) - start)))
        # Exit 70 is libFuzzer's timeout; only a stall, with time left, starts the harness again.
        if [ "$status" -eq 70 ] && [ "$stalled" -gt 0 ] && [ "$left" -gt 0 ] \
            && [ -z "$(find "$artifacts" -type f ! -name 'stall-*')" ]; then
            echo "run.sh: a stall under load (see $artifacts); starting again for the ${left} s left" >> "$log"
            continue
        fi
        break
    done
    [ "$status" -eq 70 ] && [ "$stalled" -gt 0 ] && status=0
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | awk '{ total += $1 } END { print total + 0 }')
    crashes=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'oom-*' -o -name 'deadly*' \) | wc -l)
    timeouts=$(find "$artifacts" -type f \( -name 'timeout-*' -o -name 'slow-unit-*' \) | wc -l)
    echo "fuzz $name: $execs execs, $crashes crashes, $timeouts timeouts"
    if [ "$stalls" -gt 0 ]; then
        echo "  $stalls input(s) stopped after 1 s ran fast on replay (stalls under load, not counted): $artifacts" >&2
    fi
    if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ] || [ "$timeouts" -ne 0 ]; then
        echo "  failed (exit $status): see $log and $artifacts" >&2
        grep -E '^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*Fatal error)' "$log" | head -n 5 | sed 's/^/  /' >&2
        failed=1
    else
        [ "$stalls" -gt 0 ] || rmdir "$artifacts" 2>/dev/null
    fi
done
exit $failed

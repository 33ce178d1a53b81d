#!/usr/bin/env bash
# Operator tools benchmark: `huabei-bot report` over a generated log of one million turns (ten daily files, with
# damaged lines, older-version lines and unknown keys), plain and gzip-compressed, in each output format, against a
# release build. Prints wall time, CPU time and peak RSS. Not a timed test; run it by hand:
#
#   Benchmarks/operators/run.sh [--turns 1000000] [--keep DIR]
#
# Builds `huabei-bot` (release, in .build) and the generator (release, in Benchmarks/operators/.build).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/Benchmarks/operators"
TURNS=1000000
KEEP=""
while [ $# -gt 0 ]; do
    case "$1" in
        --turns) TURNS="$2"; shift 2 ;;
        --keep) KEEP="$2"; shift 2 ;;
        *) echo "usage: $0 [--turns N] [--keep DIR]" >&2; exit 2 ;;
    esac
done
if [ ! -x /usr/bin/time ]; then
    echo "/usr/bin/time is missing: apt-get install -y time" >&2
    exit 1
fi

BIN="${HUABEI_BOT_BIN:-}"
if [ -z "$BIN" ]; then
    (cd "$ROOT" && swift build -c release --static-swift-stdlib --product huabei-bot >&2)
    BIN="$ROOT/.build/release/huabei-bot"
fi
(cd "$BENCH" && swift build -c release >&2)
GENERATE="$BENCH/.build/release/turnlog-generate"

DATA="${KEEP:-$(mktemp -d)}"
cleanup() { [ -n "$KEEP" ] || rm -rf "$DATA"; }
trap cleanup EXIT

if [ ! -d "$DATA/logs" ]; then
    echo "== generating $TURNS turns into $DATA/logs"
    "$GENERATE" --data "$DATA" --turns "$TURNS" --days 10
fi
echo "log: $(du -sh "$DATA/logs" | cut -f1) in $(ls "$DATA/logs" | wc -l) files; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

measure() {
    local label="$1"; shift
    local stats
    stats="$(mktemp)"
    /usr/bin/time -o "$stats" -f '%e %U %S %M' "$BIN" "$@" >/dev/null 2>&1
    tail -1 "$stats" | awk -v label="$label" '{ printf "%-34s wall %6.2f s   cpu %6.2f s   peak RSS %6.1f MB\n", label, $1, $2 + $3, $4 / 1024 }'
    rm -f "$stats"
}

INTENTS="$ROOT/Intents"
for run in 1 2 3; do
    measure "report text (run $run)" report --data "$DATA" --intents "$INTENTS" --format text --time-zone UTC
done
measure "report json" report --data "$DATA" --intents "$INTENTS" --format json --time-zone UTC
measure "report html" report --data "$DATA" --intents "$INTENTS" --format html --time-zone UTC
measure "report --since/--until (3 days)" report --data "$DATA" --intents "$INTENTS" --since 2026-11-03 --until 2026-11-05 --time-zone UTC

echo "== the same files gzip-compressed"
GZ="$(mktemp -d)"
mkdir -p "$GZ/logs"
for file in "$DATA"/logs/*.jsonl; do gzip -c "$file" > "$GZ/logs/$(basename "$file").gz"; done
echo "log: $(du -sh "$GZ/logs" | cut -f1) compressed"
measure "report text over .jsonl.gz" report --data "$GZ" --intents "$INTENTS" --format text --time-zone UTC
rm -rf "$GZ"

echo "== the report's first lines"
"$BIN" report --data "$DATA" --intents "$INTENTS" --time-zone UTC | head -3

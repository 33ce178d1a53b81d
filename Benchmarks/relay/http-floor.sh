#!/usr/bin/env bash
# The HTTP floor of the relay on this machine: `wrk` against `/api/status` (a route with no storage, answered from
# memory), to compare with the relay's CPU per round trip in run.sh. Prints requests/s and the relay's CPU time
# per request. Not a timed test; run it by hand (needs `wrk`: apt-get install -y wrk):
#
#   Benchmarks/relay/http-floor.sh [--seconds 8] [--connections 50]
set -euo pipefail

SECONDS_TO_RUN=8
CONNECTIONS=50
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) SECONDS_TO_RUN="$2"; shift 2 ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 69; }
source "$(dirname "$0")/start-relay.sh"

BEFORE="$(awk '{print $14 + $15}' "/proc/$RELAY_PID/stat")"
OUTPUT="$(wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" "http://127.0.0.1:$PORT/api/status")"
AFTER="$(awk '{print $14 + $15}' "/proc/$RELAY_PID/stat")"
echo "$OUTPUT" | grep -E "Requests/sec|requests in|Latency"
REQUESTS="$(echo "$OUTPUT" | awk '/requests in/ {print $1}')"
awk -v ticks="$((AFTER - BEFORE))" -v n="$REQUESTS" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "relay CPU: %.1f s, %.1f µs per request\n", ticks / hz, ticks / hz / n * 1e6 }'

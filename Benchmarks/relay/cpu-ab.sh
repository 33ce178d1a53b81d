#!/usr/bin/env bash
# Relay CPU per round trip of two `huabei-relay` binaries, run by turns against the relay benchmark's load (run.sh's
# generator settings: 100 chats back to back, the built-in bot, `--texts ping`), so that both see the same machine.
# For comparing a change on this noisy 2-core VM, where one binary's figure moves by ±20% from run to run:
#
#   Benchmarks/relay/cpu-ab.sh OLD_RELAY NEW_RELAY [--pairs 3] [--seconds 8]
#
# Prints one line a run: relay CPU (user+sys from /proc over the generator's run, warm-up included) divided by the
# round trips the bot answered. Needs the load generator built (run.sh builds it).
set -euo pipefail
OLD="$1"; NEW="$2"; shift 2
PAIRS=3; SECONDS_TO_RUN=8
while [ $# -gt 0 ]; do
    case "$1" in
        --pairs) PAIRS="$2"; shift 2 ;;
        --seconds) SECONDS_TO_RUN="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
LOAD_BIN="${CHAT_LOAD_BIN:-$ROOT/Benchmarks/chat-load/.build/release/chat-load}"
[ -x "$LOAD_BIN" ] || { echo "build the load generator first: (cd Benchmarks/chat-load && swift build -c release)" >&2; exit 69; }
TOKEN="424242:benchmark-token_ABCDEFGHIJKLMNOP"

one_run() {
    local bin="$1" data port pid before after out answered
    data="$(mktemp -d)"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    HUABEI_BOT_TOKEN="$TOKEN" "$bin" --listen "127.0.0.1:$port" --data "$data" \
        --send-rate 0 --chat-rate 0 --address-rate 0 --log-level warning &
    pid=$!
    for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/api/status" >/dev/null 2>&1 && break; sleep 0.1; done
    local load; load="$(cut -d' ' -f1 /proc/loadavg)"
    before="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    out="$("$LOAD_BIN" --port "$port" --bot-token "$TOKEN" --chats 100 --warmup 3 --seconds "$SECONDS_TO_RUN" --texts ping)"
    after="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$data"
    answered="$(echo "$out" | sed -n 's/.*answered \([0-9]*\).*/\1/p')"
    awk -v t=$((after - before)) -v n="$answered" -v hz="$(getconf CLK_TCK)" -v bin="$bin" -v load="$load" \
        -v rate="$(echo "$out" | awk '/^RESULT/ {print $2}')" -v now="$(date -u +%H:%M:%S)" \
        'BEGIN { printf "%s %s: %.3f ms per round trip (%.2f s / %d), %s round trips/s, load before %s\n", now, bin, t / hz / n * 1000, t / hz, n, rate, load }'
}

for _ in $(seq "$PAIRS"); do
    one_run "$OLD"
    one_run "$NEW"
done

#!/usr/bin/env bash
# Relay benchmark: long-poll round trips per second and p99 latency with 100 concurrent chats on loopback,
# against a release build, plus the relay's peak RSS. Not a timed test; run it by hand:
#
#   Benchmarks/relay/run.sh [--chats 100] [--seconds 20] [--warmup 3] [--interval-ms N] [--senders 8]
#
# Builds `huabei-bot` (release, in .build; or set HUABEI_BOT_BIN) and the load generator `chat-load` (release, in
# Benchmarks/chat-load/.build), whose built-in bot answers every message at once.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/Benchmarks/chat-load"
RELAY_BIN="${HUABEI_BOT_BIN:-}"
if [ -z "$RELAY_BIN" ]; then
    (cd "$ROOT" && swift build -c release >&2)  # huabei-bot and the huabei-relay/huabei-daemon it runs
    RELAY_BIN="$ROOT/.build/release/huabei-bot"
fi
(cd "$BENCH" && swift build -c release >&2)
LOAD_BIN="$BENCH/.build/release/chat-load"

TOKEN="424242:benchmark-token_ABCDEFGHIJKLMNOP"
DATA="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

HUABEI_BOT_TOKEN="$TOKEN" "$RELAY_BIN" relay --listen "127.0.0.1:$PORT" --data "$DATA" \
    --send-rate 0 --chat-rate 0 --address-rate 0 --log-level warning &
RELAY_PID=$!
cleanup() {
    kill "$RELAY_PID" 2>/dev/null || true
    wait "$RELAY_PID" 2>/dev/null || true
    rm -rf "$DATA"
}
trap cleanup EXIT

for _ in $(seq 100); do
    if curl -fsS "http://127.0.0.1:$PORT/api/status" >/dev/null 2>&1; then break; fi
    sleep 0.1
done

echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$LOAD_BIN" --port "$PORT" --bot-token "$TOKEN" --chats 100 --warmup 3 --texts ping "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "relay peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$RELAY_PID/status")"
echo "relay CPU time (user+sys): $(awk '{printf "%.1f s", ($14+$15)/100}' "/proc/$RELAY_PID/stat")"

#!/usr/bin/env bash
# Daemon benchmark: end-to-end messages/s and the latency the daemon adds, through the relay on loopback with 50
# concurrent chats, and the daemon's peak RSS. Not a timed test; run it by hand on an otherwise idle machine:
#
#   Benchmarks/daemon/run.sh [--chats 50] [--seconds 20] [--warmup 5]
#   Benchmarks/daemon/run.sh --interval-ms 200                      # each chat one message per 200 ms (250/s offered)
#   HUABEI_DELIVERY_MAX_IN_FLIGHT=4 Benchmarks/daemon/run.sh      # any daemon setting, by environment variable
#
# Two runs against a fresh relay (release builds, rates unlimited): a baseline where a trivial bot inside the load
# generator echoes every message at once, then the real daemon (`huabei-bot run`). Added latency = the daemon's
# round-trip percentile minus the baseline's. Builds `huabei-bot` (release, in .build; or set HUABEI_BOT_BIN) and
# the load generator `chat-load` (release, in Benchmarks/chat-load/.build).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/Benchmarks/chat-load"
BIN="${HUABEI_BOT_BIN:-}"
if [ -z "$BIN" ]; then
    (cd "$ROOT" && swift build -c release >&2)  # huabei-bot and the huabei-relay/huabei-daemon it runs
    BIN="$ROOT/.build/release/huabei-bot"
fi
(cd "$BENCH" && swift build -c release >&2)
LOAD="$BENCH/.build/release/chat-load"

export HUABEI_BOT_TOKEN="4242424242:benchmark-token_ABCDEFGHIJKLMNOP"
WORK="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

start_relay() {  # $1: data directory; sets PORT
    PORT="$(free_port)"
    "$BIN" relay --listen "127.0.0.1:$PORT" --data "$1" --send-rate 0 --chat-rate 0 --address-rate 0 \
        --log-level warning >/dev/null 2>>"$WORK/relay.log" &
    PIDS+=($!)
    for _ in $(seq 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
        sleep 0.1
    done
}

DEFAULTS="--chats 50 --warmup 5 --texts questions"
echo "== baseline: relay + instant echo bot"
start_relay "$WORK/relay-baseline"
BASE="$("$LOAD" --port "$PORT" --bot-token "$HUABEI_BOT_TOKEN" --senders 4 $DEFAULTS "$@" | tee /dev/stderr | awk '/^RESULT/ {print $3, $4}')"

echo "== daemon: relay + huabei-bot run"
start_relay "$WORK/relay-daemon"
HUABEI_LOGGING_LEVEL="${HUABEI_LOGGING_LEVEL:-info}" HUABEI_DELIVERY_LOCAL_OVERALL_PER_SECOND=0 \
    "$BIN" run --data "$WORK/daemon" --base-url "http://127.0.0.1:$PORT" --intents "$ROOT/Intents" \
    --config "$ROOT/Config/huabei-bot.yaml" >/dev/null 2>>"$WORK/daemon.log" &
DAEMON=$!
PIDS+=($DAEMON)
for _ in $(seq 300); do
    if grep -q "polling for updates" "$WORK/daemon.log" 2>/dev/null; then break; fi
    sleep 0.1
done
DAEMON_RESULT="$("$LOAD" --port "$PORT" $DEFAULTS "$@" | tee /dev/stderr | awk '/^RESULT/ {print $3, $4}')"

read -r BASE_P50 BASE_P99 <<<"$BASE"
read -r DAEMON_P50 DAEMON_P99 <<<"$DAEMON_RESULT"
echo "== summary"
awk -v b50="$BASE_P50" -v b99="$BASE_P99" -v d50="$DAEMON_P50" -v d99="$DAEMON_P99" \
    'BEGIN { printf "added latency ms: p50 %.2f, p99 %.2f\n", d50 - b50, d99 - b99 }'
echo "daemon peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$DAEMON/status")"
echo "daemon CPU time (user+sys): $(awk '{printf "%.1f s", ($14+$15)/100}' "/proc/$DAEMON/stat")"
cat "$WORK"/daemon/logs/turns-*.jsonl | python3 -c '
import json, sys
values = sorted(json.loads(line)["latency_us"] for line in sys.stdin if line.strip())
pick = lambda f: values[min(len(values) - 1, max(0, int(len(values) * f + 0.999999) - 1))] / 1000
print("turn log: %d lines; update received -> reply stored (latency_us) ms: p50 %.2f, p99 %.2f" % (len(values), pick(0.5), pick(0.99)))
'
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
if grep -q " error \| critical " "$WORK/daemon.log"; then echo "daemon log has errors:"; grep " error \| critical " "$WORK/daemon.log" | head -5; fi

#!/usr/bin/env bash
# Relay benchmark: long-poll round trips per second and p99 latency with 100 concurrent chats on loopback,
# against a release build, plus the relay's peak RSS. Not a timed test; run it by hand:
#
#   Benchmarks/relay/run.sh [--chats 100] [--seconds 20] [--warmup 3] [--interval-ms N] [--senders 8]
#
# Builds `huabei-bot` (release, in .build; or set HUABEI_BOT_BIN) and the load generator `chat-load` (release, in
# Benchmarks/chat-load/.build), whose built-in bot answers every message at once.
set -euo pipefail

source "$(dirname "$0")/start-relay.sh"
BENCH="$ROOT/Benchmarks/chat-load"
(cd "$BENCH" && swift build -c release >&2)
LOAD_BIN="$BENCH/.build/release/chat-load"

echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$LOAD_BIN" --port "$PORT" --bot-token "$TOKEN" --chats 100 --warmup 3 --texts ping "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "relay peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$RELAY_PID/status")"
echo "relay CPU time (user+sys): $(awk '{printf "%.1f s", ($14+$15)/100}' "/proc/$RELAY_PID/stat")"

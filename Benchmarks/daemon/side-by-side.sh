#!/usr/bin/env bash
# Two builds of the daemon side by side: each with its own relay and load generator (50 chats back to back), all
# running at the same time, so that both see the same machine. On this VM, whose speed moves by about ±20% from
# minute to minute, that is the only fair comparison of small changes; run it a few times, swapping the order.
#
#   Benchmarks/daemon/side-by-side.sh OLD_DIR NEW_DIR      # each DIR holds release huabei-bot, huabei-relay, huabei-daemon
#   SECS=20 Benchmarks/daemon/side-by-side.sh OLD NEW      # measured seconds (after 3 s of warm-up)
#
# Prints per build: messages/s, the daemon's and the relay's CPU per message (user+sys from /proc over the load),
# the daemon's peak RssAnon, and its context switches per message (all its threads, /proc/PID/task/*/status).
# Needs the load generator built: (cd Benchmarks/chat-load && swift build -c release).
set -uo pipefail
A=$1
B=$2
SECS=${SECS:-10}
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
LOAD="$ROOT/Benchmarks/chat-load/.build/release/chat-load"
export HUABEI_BOT_TOKEN="4242424242:benchmark-token_ABCDEFGHIJKLMNOP"
WORK=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
switches() { cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s+=$2} END {print s}'; }
declare -A PORT RELAY DAEMON
cleanup() {
    for t in A B; do kill "${DAEMON[$t]:-}" "${RELAY[$t]:-}" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
for t in A B; do
    PORT[$t]=$(free_port)
    "${!t}/huabei-bot" relay --listen "127.0.0.1:${PORT[$t]}" --data "$WORK/relay$t" --send-rate 0 --chat-rate 0 \
        --address-rate 0 --log-level warning >/dev/null 2>>"$WORK/relay$t.log" &
    RELAY[$t]=$!
done
sleep 1
for t in A B; do
    HUABEI_DELIVERY_LOCAL_OVERALL_PER_SECOND=0 "${!t}/huabei-bot" run --data "$WORK/daemon$t" \
        --base-url "http://127.0.0.1:${PORT[$t]}" --intents "$ROOT/Intents" --config "$ROOT/Config/huabei-bot.yaml" \
        >/dev/null 2>>"$WORK/daemon$t.log" &
    DAEMON[$t]=$!
done
for t in A B; do
    for _ in $(seq 200); do grep -q "polling for updates" "$WORK/daemon$t.log" && break; sleep 0.1; done
done
for t in A B; do
    echo "$(cpu "${DAEMON[$t]}") $(cpu "${RELAY[$t]}") $(switches "${DAEMON[$t]}")" >"$WORK/start$t"
    (while [ -r "/proc/${DAEMON[$t]}/status" ]; do awk '/^RssAnon/ {print $2}' "/proc/${DAEMON[$t]}/status"; sleep 0.2; done) \
        >"$WORK/memory$t" 2>/dev/null &
done
for t in A B; do
    "$LOAD" --port "${PORT[$t]}" --chats 50 --seconds "$SECS" --warmup 3 --texts questions >"$WORK/load$t.txt" 2>&1 &
    LOADS+=($!)
done
wait "${LOADS[@]}"
for t in A B; do
    read -r daemon0 relay0 switches0 <"$WORK/start$t"
    rate=$(awk '/^RESULT/ {print $2}' "$WORK/load$t.txt")
    awk -v name="$t (${!t})" -v rate="$rate" -v seconds="$SECS" -v daemon=$(($(cpu "${DAEMON[$t]}") - daemon0)) \
        -v relay=$(($(cpu "${RELAY[$t]}") - relay0)) -v switches=$(($(switches "${DAEMON[$t]}") - switches0)) \
        -v memory="$(sort -n "$WORK/memory$t" | tail -1)" 'BEGIN {
            n = rate * (seconds + 3)
            printf "%s: %.1f msg/s; daemon %.3f ms CPU/msg, %.2f context switches/msg, RssAnon %.1f MB; relay %.3f ms CPU/msg\n",
                name, rate, daemon * 10 / n, switches / n, memory / 1024, relay * 10 / n }'
done

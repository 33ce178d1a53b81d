#!/usr/bin/env bash
# Daemon benchmark: messages/s through the relay on loopback with 50 chats back to back, for three bots measured in
# the same run on the same machine, each against a fresh relay:
#   1. the ceiling: an instant echo bot inside the load generator (no work, no HTTP client of its own);
#   2. huabei-bot run (the daemon), with its real classifier and dialogue;
#   3. the peer: python-telegram-bot (PyPI, in a venv under .build/), a fixed reply, no classifier; its Application
#      with concurrent_updates 1 and 64 (PTB_CONCURRENCY), the better one counts.
# The ceiling and the daemon are measured by turns, ROUNDS times, and their medians count. Then the latency the
# daemon adds at half the ceiling (each chat paced), and the daemon's and the peer's memory under load: RssAnon (its
# own heap and stacks) apart from RssFile (mapped libraries), peaks from /proc/PID/status.
# Not a timed test; run it by hand on an otherwise idle machine:
#
#   Benchmarks/daemon/run.sh [--seconds 10] [--warmup 5]          # options go to every load run
#   PTB_CONCURRENCY="1 8 64" Benchmarks/daemon/run.sh             # the peer's settings to try
#   PACED=0 Benchmarks/daemon/run.sh                              # skip the latency run at half the ceiling
#   ROUNDS=1 Benchmarks/daemon/run.sh                             # ceiling and daemon once each (default 3)
#   HUABEI_DELIVERY_MAX_IN_FLIGHT=1 Benchmarks/daemon/run.sh      # any daemon setting, by environment variable
#
# The last line compares runs by script:
#   summary: daemon N msg/s, NN% of the instant bot (N msg/s); N.Nx python-telegram-bot (N msg/s); RssAnon N.N MB
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/Benchmarks/chat-load"
BIN="${HUABEI_BOT_BIN:-}"
if [ -z "$BIN" ]; then
    make -C "$ROOT" -s build-release >&2  # huabei-bot and the huabei-relay/huabei-daemon it runs
    BIN="$ROOT/.build/release/huabei-bot"
fi
(cd "$BENCH" && swift build -c release >&2)
LOAD="$BENCH/.build/release/chat-load"
VENV="$ROOT/.build/bench-ptb-venv"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import telegram' 2>/dev/null; then
    python3 -m venv "$VENV" >&2
    "$VENV/bin/pip" install -q -r "$ROOT/Benchmarks/daemon/requirements.txt" >&2
fi

export HUABEI_BOT_TOKEN="4242424242:benchmark-token_ABCDEFGHIJKLMNOP"
WORK="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

start_relay() {  # $1: data directory; sets PORT and RELAY
    PORT="$(free_port)"
    "$BIN" relay --listen "127.0.0.1:$PORT" --data "$1" --send-rate 0 --chat-rate 0 --address-rate 0 \
        --log-level warning >/dev/null 2>>"$WORK/relay.log" &
    RELAY=$!
    PIDS+=($RELAY)
    for _ in $(seq 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
        sleep 0.1
    done
}

stop() {  # $1: pid
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

wait_for() {  # $1: file, $2: text
    for _ in $(seq 300); do
        if grep -q "$2" "$1" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "timed out waiting for '$2' in $1" >&2
    return 1
}

sample_memory() {  # $1: pid, $2: output file; RssAnon and RssFile in kB every 0.2 s while the process runs
    while [ -r "/proc/$1/status" ]; do
        awk '/^RssAnon/ {a=$2} /^RssFile/ {f=$2} END {if (a) print a, f}' "/proc/$1/status" >>"$2" 2>/dev/null || true
        sleep 0.2
    done
}

peak_memory() {  # $1: samples file -> "RssAnon MB RssFile MB" at the peak of RssAnon
    sort -n "$1" | tail -1 | awk '{printf "%.1f %.1f", $1/1024, $2/1024}'
}

load() {  # chat-load with the defaults and the script's options; prints its output, sets RESULT_LINE
    local out="$WORK/load-$RANDOM.txt"
    "$LOAD" --port "$PORT" --chats 50 --seconds 10 --warmup 5 --texts questions "$@" | tee "$out" >&2
    RESULT_LINE="$(awk '/^RESULT/ {print $2, $3, $4}' "$out")"
}

start_daemon() {  # against the relay on PORT; sets DAEMON
    HUABEI_LOGGING_LEVEL="${HUABEI_LOGGING_LEVEL:-info}" HUABEI_DELIVERY_LOCAL_OVERALL_PER_SECOND=0 \
        "$BIN" run --data "$WORK/daemon-$PORT" --base-url "http://127.0.0.1:$PORT" --intents "$ROOT/Intents" \
        --config "$ROOT/Config/huabei-bot.yaml" >/dev/null 2>>"$WORK/daemon-$PORT.log" &
    DAEMON=$!
    PIDS+=($DAEMON)
    wait_for "$WORK/daemon-$PORT.log" "polling for updates"
}

# The ceiling and the daemon are measured by turns, ROUNDS times (default 3), each on a fresh relay: this VM's
# speed moves by about ±20% from minute to minute, so one pair of runs can put the share anywhere from 65% to 95%.
# The summary takes the median of each; every round is printed too.
ROUNDS="${ROUNDS:-3}"
INSTANT_RATES=()
DAEMON_RATES=()
for round in $(seq "$ROUNDS"); do
    echo "== 1. ceiling (round $round of $ROUNDS): relay + instant echo bot inside the load generator" >&2
    start_relay "$WORK/relay-instant-$round"
    load --bot-token "$HUABEI_BOT_TOKEN" --senders 4 "$@"
    read -r rate INSTANT_P50 INSTANT_P99 <<<"$RESULT_LINE"
    INSTANT_RATES+=("$rate")
    stop "$RELAY"

    echo "== 2. daemon (round $round of $ROUNDS): relay + huabei-bot run" >&2
    start_relay "$WORK/relay-daemon-$round"
    start_daemon
    sample_memory "$DAEMON" "$WORK/daemon-memory.txt" &
    PIDS+=($!)
    load "$@"
    read -r rate DAEMON_P50 DAEMON_P99 <<<"$RESULT_LINE"
    DAEMON_RATES+=("$rate")
    DAEMON_CPU="$(awk '{printf "%.1f", ($14+$15)/100}' "/proc/$DAEMON/stat")"
    RELAY_CPU="$(awk '{printf "%.1f", ($14+$15)/100}' "/proc/$RELAY/stat")"
    DAEMON_LOG="$WORK/daemon-$PORT.log"
    DAEMON_DATA="$WORK/daemon-$PORT"
    stop "$DAEMON"
    stop "$RELAY"
    echo "round $round: instant bot ${INSTANT_RATES[-1]} msg/s, daemon $rate msg/s" \
        "($(awk -v d="$rate" -v i="${INSTANT_RATES[-1]}" 'BEGIN { printf "%d", 100 * d / i }')%)" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
INSTANT_RATE="$(median "${INSTANT_RATES[@]}")"
DAEMON_RATE="$(median "${DAEMON_RATES[@]}")"
read -r DAEMON_ANON DAEMON_FILE <<<"$(peak_memory "$WORK/daemon-memory.txt")"

PTB_RATE=0
PTB_BEST=""
for concurrency in ${PTB_CONCURRENCY:-1 64}; do
    echo "== 3. python-telegram-bot, concurrent_updates($concurrency)" >&2
    start_relay "$WORK/relay-ptb-$concurrency"
    "$VENV/bin/python" "$ROOT/Benchmarks/daemon/ptb_bot.py" --port "$PORT" --token "$HUABEI_BOT_TOKEN" \
        --concurrent-updates "$concurrency" >"$WORK/ptb-$concurrency.log" 2>&1 &
    PTB=$!
    PIDS+=($PTB)
    wait_for "$WORK/ptb-$concurrency.log" "polling"
    sample_memory "$PTB" "$WORK/ptb-memory-$concurrency.txt" &
    PIDS+=($!)
    load "$@"
    read -r rate _ _ <<<"$RESULT_LINE"
    read -r anon file <<<"$(peak_memory "$WORK/ptb-memory-$concurrency.txt")"
    echo "python-telegram-bot concurrent_updates($concurrency): $rate msg/s, RssAnon $anon MB, RssFile $file MB" >&2
    if awk -v a="$rate" -v b="$PTB_RATE" 'BEGIN { exit !(a > b) }'; then
        PTB_RATE="$rate"
        PTB_BEST="$concurrency"
        PTB_ANON="$anon"
        PTB_FILE="$file"
    fi
    stop "$PTB"
    stop "$RELAY"
done

if [ "${PACED:-1}" != 0 ]; then
    # Half the ceiling, spread over 50 chats: each chat one message every INTERVAL ms.
    INTERVAL="$(awk -v r="$INSTANT_RATE" 'BEGIN { printf "%d", 50 * 1000 / (r / 2) }')"
    echo "== 4. latency at half the ceiling (each chat one message per $INTERVAL ms)" >&2
    start_relay "$WORK/relay-paced-instant"
    load --bot-token "$HUABEI_BOT_TOKEN" --senders 4 --interval-ms "$INTERVAL" "$@"
    read -r _ PACED_BASE_P50 PACED_BASE_P99 <<<"$RESULT_LINE"
    stop "$RELAY"
    start_relay "$WORK/relay-paced-daemon"
    start_daemon
    load --interval-ms "$INTERVAL" "$@"
    read -r _ PACED_P50 PACED_P99 <<<"$RESULT_LINE"
    stop "$DAEMON"
    stop "$RELAY"
fi

echo "== results"
echo "instant bot: median $INSTANT_RATE msg/s of ${INSTANT_RATES[*]} (last round p50 $INSTANT_P50 ms, p99 $INSTANT_P99 ms)"
echo "daemon: median $DAEMON_RATE msg/s of ${DAEMON_RATES[*]} (last round p50 $DAEMON_P50 ms, p99 $DAEMON_P99 ms; CPU $DAEMON_CPU s, relay CPU $RELAY_CPU s)"
echo "daemon memory under load: RssAnon $DAEMON_ANON MB, RssFile $DAEMON_FILE MB"
echo "python-telegram-bot (concurrent_updates $PTB_BEST): $PTB_RATE msg/s; RssAnon $PTB_ANON MB, RssFile $PTB_FILE MB"
if [ "${PACED:-1}" != 0 ]; then
    awk -v i="$INTERVAL" -v b50="$PACED_BASE_P50" -v b99="$PACED_BASE_P99" -v d50="$PACED_P50" -v d99="$PACED_P99" \
        'BEGIN { printf "added latency at half the ceiling (%d ms per chat): p50 %.2f ms, p99 %.2f ms (daemon p99 %.2f, instant p99 %.2f)\n", i, d50 - b50, d99 - b99, d99, b99 }'
fi
cat "$DAEMON_DATA"/logs/turns-*.jsonl | python3 -c '
import json, sys
values = sorted(json.loads(line)["latency_us"] for line in sys.stdin if line.strip())
pick = lambda f: values[min(len(values) - 1, max(0, int(len(values) * f + 0.999999) - 1))] / 1000
print("turn log: %d lines; update received -> reply stored (latency_us) ms: p50 %.2f, p99 %.2f" % (len(values), pick(0.5), pick(0.99)))
'
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
if grep -q " error \| critical " "$DAEMON_LOG"; then echo "daemon log has errors:"; grep " error \| critical " "$DAEMON_LOG" | head -5; fi
awk -v d="$DAEMON_RATE" -v i="$INSTANT_RATE" -v p="$PTB_RATE" -v m="$DAEMON_ANON" 'BEGIN {
    printf "summary: daemon %d msg/s, %d%% of the instant bot (%d msg/s); %.1fx python-telegram-bot (%d msg/s); RssAnon %.1f MB\n",
        d, 100 * d / i, i, (p > 0 ? d / p : 0), p, m }'

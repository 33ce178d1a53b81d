#!/usr/bin/env bash
# Soak under CPU pressure: the relay and the daemon answer paced traffic for two minutes while two busy processes
# keep both cores loaded and the daemon is sent SIGHUP (a reload: the intents are loaded and the classifier
# retrained) every 15 s. Then every person's message must have been answered, in order, in the relay's own
# database, and no turn may be missing from the daemon's turn log. Not a timed test; run it by hand:
#
#   Benchmarks/daemon/soak.sh [--seconds 120] [--chats 20] [--interval-ms 400] [--reload-every 15] [--busy 2]
#
# Prints the round-trip latency the load generator saw (p50, p99, max) and ends with one line
# `soak: PASS|FAIL <details>`; exits non-zero on FAIL. Busy processes: `stress-ng --cpu N` when installed, else N
# shell loops. Builds `huabei-bot` (release; or set HUABEI_BOT_BIN) and the load generator `chat-load`.
set -euo pipefail

SECONDS_OF_TRAFFIC=120 CHATS=20 INTERVAL_MS=400 RELOAD_EVERY=15 BUSY=2
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) SECONDS_OF_TRAFFIC="$2" ;;
        --chats) CHATS="$2" ;;
        --interval-ms) INTERVAL_MS="$2" ;;
        --reload-every) RELOAD_EVERY="$2" ;;
        --busy) BUSY="$2" ;;
        *) echo "usage: $0 [--seconds N] [--chats N] [--interval-ms N] [--reload-every N] [--busy N]" >&2; exit 2 ;;
    esac
    shift 2
done

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$ROOT/Benchmarks/chat-load"
BIN="${HUABEI_BOT_BIN:-}"
if [ -z "$BIN" ]; then
    make -C "$ROOT" -s build-release >&2
    BIN="$ROOT/.build/release/huabei-bot"
fi
(cd "$BENCH" && swift build -c release >&2)
LOAD="$BENCH/.build/release/chat-load"

export HUABEI_BOT_TOKEN="4242424242:soak-token_ABCDEFGHIJKLMNOPQRS"
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

PORT="$(free_port)"
"$BIN" relay --listen "127.0.0.1:$PORT" --data "$WORK/relay" --send-rate 0 --chat-rate 0 --address-rate 0 \
    --log-level warning >/dev/null 2>>"$WORK/relay.log" &
PIDS+=($!)
for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
    sleep 0.1
done
HUABEI_DELIVERY_LOCAL_OVERALL_PER_SECOND=0 HUABEI_DELIVERY_LOCAL_PER_CHAT_PER_SECOND=0 \
    "$BIN" run --data "$WORK/daemon" --base-url "http://127.0.0.1:$PORT" --intents "$ROOT/Intents" \
    --config "$ROOT/Config/huabei-bot.yaml" >/dev/null 2>>"$WORK/daemon.log" &
DAEMON=$!
PIDS+=($DAEMON)
for _ in $(seq 300); do
    if grep -q "polling for updates" "$WORK/daemon.log" 2>/dev/null; then break; fi
    sleep 0.1
done

if command -v stress-ng >/dev/null; then
    stress-ng --cpu "$BUSY" --timeout "$((SECONDS_OF_TRAFFIC + 60))s" >/dev/null 2>&1 &
    PIDS+=($!)
else
    for _ in $(seq "$BUSY"); do
        (while :; do :; done) &
        PIDS+=($!)
    done
fi

(
    while kill -0 "$DAEMON" 2>/dev/null; do
        sleep "$RELOAD_EVERY"
        kill -HUP "$DAEMON" 2>/dev/null || true
    done
) &
RELOADER=$!
PIDS+=($RELOADER)

echo "== $CHATS chats, one message each every $INTERVAL_MS ms, for $SECONDS_OF_TRAFFIC s; $BUSY busy processes; SIGHUP every $RELOAD_EVERY s"
LOAD_STATUS=0
"$LOAD" --port "$PORT" --chats "$CHATS" --seconds "$SECONDS_OF_TRAFFIC" --warmup 2 --interval-ms "$INTERVAL_MS" \
    --texts questions | tee "$WORK/load.txt" || LOAD_STATUS=$?
kill "$RELOADER" 2>/dev/null || true
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
RELOADS="$(grep -c ' reloaded' "$WORK/daemon.log" || true)"
FAILED_RELOADS="$(grep -c 'reload failed' "$WORK/daemon.log" || true)"
echo "reloads: $RELOADS done, $FAILED_RELOADS failed"

# Let the daemon finish what it has in hand, then stop it so its turn log is complete.
kill -TERM "$DAEMON"
wait "$DAEMON" || true

python3 - "$WORK/relay/relay.sqlite" "$WORK/daemon/logs" "$LOAD_STATUS" "$FAILED_RELOADS" <<'PY'
import glob, json, sqlite3, sys
database, logs, load_status, failed_reloads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rows = sqlite3.connect(database).execute("SELECT chat_id, id, sender FROM message ORDER BY chat_id, id").fetchall()
people, unanswered, chats = 0, 0, set()
last = {}
for chat, _, sender in rows:
    chats.add(chat)
    if sender == "user":
        people += 1
        if last.get(chat) == "user":
            unanswered += 1  # a second message from the person before the bot answered the first
    last[chat] = sender
unanswered += sum(1 for sender in last.values() if sender == "user")
turns = sum(1 for path in glob.glob(logs + "/turns-*.jsonl") for line in open(path, encoding="utf-8") if line.strip())
problems = []
if load_status != 0: problems.append("the load generator failed (status %d)" % load_status)
if unanswered: problems.append("%d messages without a reply before the next one" % unanswered)
if turns != people: problems.append("turn log has %d turns for %d messages" % (turns, people))
if failed_reloads: problems.append("%d reloads failed" % failed_reloads)
print("relay: %d chats, %d messages from people, %d unanswered; daemon turn log: %d turns" % (len(chats), people, unanswered, turns))
print("soak: " + ("FAIL " + "; ".join(problems) if problems else "PASS every message answered in order"))
sys.exit(1 if problems else 0)
PY

# Sourced by the relay benchmarks: builds the release products unless HUABEI_BOT_BIN names a binary, then starts
# `huabei-bot relay` on a free loopback port with rate limits off and waits until it answers. Sets ROOT, TOKEN,
# PORT and RELAY_PID; the relay and its data directory go away when the script exits.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RELAY_BIN="${HUABEI_BOT_BIN:-}"
if [ -z "$RELAY_BIN" ]; then
    make -C "$ROOT" -s build-release >&2  # huabei-bot and the huabei-relay/huabei-daemon it runs
    RELAY_BIN="$ROOT/.build/release/huabei-bot"
fi

TOKEN="424242:benchmark-token_ABCDEFGHIJKLMNOP"
RELAY_DATA="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

HUABEI_BOT_TOKEN="$TOKEN" "$RELAY_BIN" relay --listen "127.0.0.1:$PORT" --data "$RELAY_DATA" \
    --send-rate 0 --chat-rate 0 --address-rate 0 --log-level warning &
RELAY_PID=$!
stop_relay() {
    kill "$RELAY_PID" 2>/dev/null || true
    wait "$RELAY_PID" 2>/dev/null || true
    rm -rf "$RELAY_DATA"
}
trap stop_relay EXIT

for _ in $(seq 100); do
    if curl -fsS "http://127.0.0.1:$PORT/api/status" >/dev/null 2>&1; then break; fi
    sleep 0.1
done

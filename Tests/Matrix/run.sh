#!/usr/bin/env bash
# The daemon against a real Matrix homeserver: Synapse (PyPI `matrix-synapse`, in a venv under
# .build/synapse-venv, installed on first use) on loopback with a generated configuration (SQLite, registration by
# shared secret, rate limits relaxed), driven through the client-server API by Tests/Matrix/synapse_test.py.
#
#   Tests/Matrix/run.sh                        # uses .build/debug/huabei-bot (run `swift build` first)
#   HUABEI_BOT_BIN=path/to/huabei-bot Tests/Matrix/run.sh
#   Tests/Matrix/run.sh direct group           # only some checks (see synapse_test.py --help)
#
# Exits non-zero on any failure; every process it starts is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${HUABEI_BOT_BIN:-$ROOT/.build/debug/huabei-bot}"
VENV="${HUABEI_SYNAPSE_VENV:-$ROOT/.build/synapse-venv}"

if [ ! -x "$BIN" ]; then
    echo "matrix test: $BIN not found; run 'swift build' first (or set HUABEI_BOT_BIN)" >&2
    exit 1
fi
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import synapse' 2>/dev/null; then
    echo "matrix test: installing matrix-synapse into $VENV (about a minute, once)" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check matrix-synapse
fi
exec python3 -u "$ROOT/Tests/Matrix/synapse_test.py" --bin "$BIN" --synapse-python "$VENV/bin/python" --intents "$ROOT/Intents" "$@"

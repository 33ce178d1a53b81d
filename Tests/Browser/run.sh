#!/usr/bin/env bash
# Real-browser test of the relay's chat page: headless Chromium (Debian's chromium + chromium-driver) driven by
# Selenium (PyPI, in a venv under .build/browser-venv). Installs what it needs on first use, as root or via sudo.
#
#   Tests/Browser/run.sh                      # uses .build/debug/huabei-bot (run `swift build` first)
#   HUABEI_BOT_BIN=path/to/huabei-bot Tests/Browser/run.sh
#
# Exits non-zero on any failure; the screenshot goes to .build/browser-test.png.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="${HUABEI_BOT_BIN:-$ROOT/.build/debug/huabei-bot}"
VENV="${HUABEI_BROWSER_VENV:-$ROOT/.build/browser-venv}"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

if [ ! -x "$BIN" ]; then
    echo "browser test: $BIN not found; run 'swift build' first (or set HUABEI_BOT_BIN)" >&2
    exit 1
fi

apt_install() {
    echo "browser test: installing $* from Debian" >&2
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "$@" >/dev/null
}

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt_install chromium chromium-driver
fi

# A Chinese font, so the screenshot shows text rather than empty boxes (the checks read the DOM either way).
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    apt_install fonts-wqy-microhei
fi

PYTHON="$(command -v python3 || true)"
if [ -z "$PYTHON" ]; then
    apt_install python3 python3-venv
    PYTHON=/usr/bin/python3
fi

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import selenium" 2>/dev/null; then
    rm -rf "$VENV"
    if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
        # Debian's python3 needs python3-venv for ensurepip.
        rm -rf "$VENV"
        apt_install python3-venv
        "$PYTHON" -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "selenium>=4.20,<5"
fi

mkdir -p "$ROOT/.build"
status=0
"$VENV/bin/python" "$ROOT/Tests/Browser/browser_test.py" \
    --binary "$BIN" --screenshot "$ROOT/.build/browser-test.png" || status=1
"$VENV/bin/python" "$ROOT/Tests/Browser/report_test.py" \
    --binary "$BIN" --screenshot "$ROOT/.build/report-test.png" || status=1
exit $status

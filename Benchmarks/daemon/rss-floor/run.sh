#!/usr/bin/env bash
# Builds and runs main.swift: the peak RSS of a process that only loads Foundation, libcurl and SQLite, to set the
# daemon's own peak RSS against. Needs libcurl4-openssl-dev and libsqlite3-dev (as the project's build does).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
swiftc -O "$HERE/main.swift" -o "$WORK/rss-floor" -lcurl -lsqlite3
"$WORK/rss-floor" "$WORK"

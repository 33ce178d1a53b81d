#!/usr/bin/env bash
# Bulk classification against fastText (issue 14), in one run: `huabei-bot classify --jsonl` on every core and on
# one core, against `fasttext predict-prob`, whole processes on the same 200,000-line batch, timed alternately;
# then the per-line CPU split of ours (`huabei-bot bench --split`). Prints a Markdown summary; not part of
# `make test`. From anywhere:
#
#   Benchmarks/peers/bulk.sh [--lines 200000] [--runs 5]
#
# PEERS_SCRATCH_PATH=.build-peers builds in another scratch folder (when another build holds .build's lock).
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=${PEERS_SCRATCH_PATH:-.build}
command="Benchmarks/peers/bulk.sh${*:+ $*}"
[ "$scratch" = .build ] || command="PEERS_SCRATCH_PATH=$scratch $command"
echo "== build (release)"
swift build -c release --static-swift-stdlib --product huabei-bot --scratch-path "$scratch" 2>&1 | tail -n 1
bin=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/huabei-bot
missing=""
command -v fasttext >/dev/null || missing="$missing fasttext"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  echo "installing$missing (apt-get)"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq $missing >/dev/null
fi
python3 Benchmarks/peers/bulk.py --bin "$bin" --work "$scratch/bulk" --command "$command" "$@"

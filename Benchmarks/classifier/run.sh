#!/usr/bin/env bash
# Classifier figures for BENCHMARKS.md: training time, per-message latency, single-thread throughput,
# and the REPL's peak memory. Run from the repository root: Benchmarks/classifier/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
make -s deps >/dev/null
swift build -c release --static-swift-stdlib --product huabei-bot >/dev/null
bin=.build/release/huabei-bot
echo "== huabei-bot bench (release)"
"$bin" bench
echo "== REPL peak RSS (two messages piped through a release build)"
if [ -x /usr/bin/time ]; then
  printf '我的花呗怎么用不了了\n没有\n' | /usr/bin/time -v "$bin" repl 2>&1 >/dev/null | grep 'Maximum resident' | sed 's/^\s*//'
else
  echo "/usr/bin/time is missing: apt-get install -y time"
fi

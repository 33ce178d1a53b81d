#!/usr/bin/env bash
# Our classifier against fastText and scikit-learn on the same data, in one run; writes the
# "Classifier vs peers" section of BENCHMARKS.md. Not part of `make test`. From anywhere:
#
#   Benchmarks/peers/run.sh [--lines 200000] [--runs 3]
#
# PEERS_SCRATCH_PATH=.build-peers builds in another scratch folder (when another build holds .build's lock).
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
scratch=${PEERS_SCRATCH_PATH:-.build}
here=Benchmarks/peers
venv=$here/.venv
work=$scratch/peers
sudo=$([ "$(id -u)" = 0 ] || echo sudo)
command="$here/run.sh${*:+ $*}"
[ "$scratch" = .build ] || command="PEERS_SCRATCH_PATH=$scratch $command"

echo "== build (release)"
make -s deps >/dev/null
swift build -c release --static-swift-stdlib --product huabei-bot --scratch-path "$scratch" 2>&1 | tail -n 1
bin=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/huabei-bot
# A snapshot of the data, so every phase sees the same intents even if someone edits Intents/ meanwhile.
rm -rf "$work" && mkdir -p "$work/snapshot"
cp -R Intents "$work/snapshot/Intents"
cp Tests/Fixtures/heldout.tsv "$work/snapshot/heldout.tsv"
if [ -f Config/huabei-bot.yaml ]; then cp Config/huabei-bot.yaml "$work/snapshot/huabei-bot.yaml"; else : > "$work/snapshot/huabei-bot.yaml"; fi
"$bin" intents export --tsv --intents "$work/snapshot/Intents" > "$work/train.tsv"
echo "exported $(wc -l < "$work/train.tsv") training examples"

echo "== fastText and scikit-learn"
missing=""
command -v fasttext >/dev/null || missing="$missing fasttext"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
  echo "installing$missing (apt-get)"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq $missing >/dev/null
fi
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" 2>/dev/null || { $sudo apt-get update -qq && $sudo apt-get install -y -qq python3-venv >/dev/null && python3 -m venv "$venv"; }
fi
"$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
echo "fasttext $(dpkg-query -W -f '${Version}' fasttext 2>/dev/null || echo '(not from Debian)'); $("$venv/bin/python" -c 'import sys, sklearn, numpy, scipy; print(f"Python {sys.version.split()[0]}, scikit-learn {sklearn.__version__}, numpy {numpy.__version__}, scipy {scipy.__version__}")')"

# Every system on one thread: ours and fastText's predict are single-threaded; keep BLAS/OpenMP alike.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
"$venv/bin/python" "$here/peers.py" --bin "$bin" --train "$work/train.tsv" --heldout "$work/snapshot/heldout.tsv" \
  --intents "$work/snapshot/Intents" --config "$work/snapshot/huabei-bot.yaml" --work "$work" --benchmarks BENCHMARKS.md --command "$command" "$@"
echo "whole script: $(( $(date +%s) - started )) s"

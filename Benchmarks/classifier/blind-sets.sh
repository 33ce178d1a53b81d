#!/usr/bin/env bash
# The blind sets of Tests/Fixtures/blind/: accuracy on the rare causes, and how many scam offers get the scam warning
# (and how many ordinary questions get it by mistake). From anywhere:
#
#   Benchmarks/classifier/blind-sets.sh        # uses .build/release/huabei-bot (builds it), or HUABEI_BOT_BIN
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${HUABEI_BOT_BIN:-}"
if [ -z "$BIN" ]; then
    swift build -c release --static-swift-stdlib --product huabei-bot >&2
    BIN=.build/release/huabei-bot
fi
"$BIN" eval --file Tests/Fixtures/blind/blind-rare-causes.tsv | sed -n '1,4p'
cut -f2 Tests/Fixtures/blind/blind-scam-offers.tsv | "$BIN" repl --jsonl | python3 -c '
import json, sys
labels = [line.split("\t")[0] for line in open("Tests/Fixtures/blind/blind-scam-offers.tsv", encoding="utf-8")]
warned = ["scam" in json.loads(line).get("notices", []) for line in sys.stdin if line.strip()]
assert len(warned) == len(labels), "one REPL turn per line expected"
scams = [w for l, w in zip(labels, warned) if l == "scam"]
others = [w for l, w in zip(labels, warned) if l != "scam"]
print("scam offers warned: %d of %d (%.1f%%); ordinary questions warned by mistake: %d of %d" % (sum(scams), len(scams), 100 * sum(scams) / len(scams), sum(others), len(others)))
'

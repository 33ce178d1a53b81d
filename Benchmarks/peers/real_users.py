"""Our classifier and the peers on the real users' questions: every system trains on the same
`huabei-bot intents export --tsv`, chooses its settings and out-of-scope threshold by 5-fold
cross-validation on those examples only (as `peers.py` does), and is scored on both parts of the fixed
70/30 split of `../shared/data/real-users-dev/real-users-dev.tsv` (`huabei-bot eval --split`, same hash).
Macro-F1 over the intents with at least 5 messages in the part, as `huabei-bot eval` reports it.

    Benchmarks/peers/.venv/bin/python Benchmarks/peers/real_users.py --bin .build/release/huabei-bot \
        --train train.tsv --dev ../shared/data/real-users-dev/real-users-dev.tsv --work /tmp/peers-real
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from pathlib import Path

import systems
import textdata

MASK = (1 << 64) - 1


def mix(z: int) -> int:
    z = (z + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def part(text: str, seed: int) -> str:
    """`DevelopmentSplit.part(of:)`: FNV-1a over the seed and the UTF-8 bytes, SplitMix64's finaliser."""
    h = 0xCBF29CE484222325 ^ mix(seed)
    for byte in text.strip(" \t\r\n").encode():
        h = ((h ^ byte) * 0x100000001B3) & MASK
    return "choose" if mix(h) % 100 < 70 else "confirm"


def figures(expected: list[str], predicted: list[str]) -> dict:
    r = textdata.report(expected, predicted)
    supported = [m["f1"] for m in r["intents"].values() if m["support"] >= 5]
    r["macro_f1"] = sum(supported) / len(supported) if supported else 0.0
    in_scope = [(e, p) for e, p in zip(expected, predicted) if e != textdata.OUT_OF_SCOPE]
    r["in_scope_accuracy"] = sum(e == p for e, p in in_scope) / len(in_scope) if in_scope else 0.0
    return r


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True, help="huabei-bot, run from the repository root (its Intents/ and Config/)")
    parser.add_argument("--train", required=True)
    parser.add_argument("--dev", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--split-seed", type=int, default=11)
    parser.add_argument("--small-grid", action="store_true",
                        help="a smaller settings grid (4 + 4 + 2 points instead of 16 + 12 + 12), for a loaded machine")
    args = parser.parse_args()
    if args.small_grid:
        systems.LR_GRID = [{"C": c, "class_weight": w, "sublinear_tf": True} for c in (10.0, 100.0) for w in (None, "balanced")]
        systems.SVC_GRID = [{"C": c, "class_weight": w, "sublinear_tf": True} for c in (0.1, 1.0) for w in (None, "balanced")]
        systems.FASTTEXT_GRID = [{"epoch": e, "lr": 0.5} for e in (25, 50)]
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    train_labels, train_texts = textdata.read_tsv(Path(args.train))
    dev_labels, dev_texts = textdata.read_tsv(Path(args.dev))
    parts = {name: [(l, t) for l, t in zip(dev_labels, dev_texts) if part(t, args.split_seed) == name]
             for name in ("choose", "confirm")}
    texts = [t for name in ("choose", "confirm") for _, t in parts[name]]
    labels = [l for name in ("choose", "confirm") for l, _ in parts[name]]
    cut = len(parts["choose"])
    results = {}

    # Ours: the CLI's own figures for each part.
    for name in ("choose", "confirm"):
        out = subprocess.run([args.bin, "eval", "--file", args.dev, "--split", name, "--split-seed", str(args.split_seed),
                              "--json"], check=True, capture_output=True, text=True, cwd=systems.HERE.parent.parent).stdout
        r = json.loads(out)
        results.setdefault("huabei-bot (ours)", {})[name] = {
            "accuracy": r["accuracy"], "in_scope_accuracy": r["inScopeAccuracy"], "macro_f1": r["macroF1"],
            "oos_precision": r["outOfScopePrecision"], "oos_recall": r["outOfScopeRecall"],
            "intents": {m["intent"]: {"f1": m["f1"], "support": m["support"]} for m in r["intents"]}}

    peers = []
    for kind in ("logreg", "svc"):
        system, _ = systems.run_sklearn(kind, train_labels, train_texts, texts, work, runs=1)
        peers.append(system)
    if shutil.which("fasttext"):
        system, _, _ = systems.run_fasttext(train_labels, train_texts, labels, texts, work, runs=1)
        peers.append(system)
    for system in peers:
        predictions = system.heldout_predictions
        results[system.name] = {"choose": figures(labels[:cut], predictions[:cut]),
                                "confirm": figures(labels[cut:], predictions[cut:]),
                                "chosen": system.chosen, "cv_macro_f1": system.cv_macro_f1}

    print("| classifier | part | macro-F1 | accuracy | in-scope accuracy | out_of_scope precision | out_of_scope recall | settings (chosen by CV on the training examples) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, result in results.items():
        for part_name in ("choose", "confirm"):
            r = result[part_name]
            print(f"| {name} | {part_name} ({len(parts[part_name])}) | {r['macro_f1']:.3f} | {r['accuracy'] * 100:.1f}% | "
                  f"{r['in_scope_accuracy'] * 100:.1f}% | {r['oos_precision'] * 100:.1f}% | {r['oos_recall'] * 100:.1f}% | "
                  f"{result.get('chosen', 'Config/huabei-bot.yaml')} |")
    print()
    print("Per-intent F1 on the confirm part (intents with ≥ 5 messages):")
    print()
    intents = sorted(k for k, v in results["huabei-bot (ours)"]["confirm"]["intents"].items() if v["support"] >= 5)
    print("| classifier | " + " | ".join(intents) + " |")
    print("|---|" + "---|" * len(intents))
    for name, result in results.items():
        row = result["confirm"]["intents"]
        print(f"| {name} | " + " | ".join(f"{row.get(i, {'f1': 0.0})['f1']:.3f}" for i in intents) + " |")
    (work / "real-users.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()

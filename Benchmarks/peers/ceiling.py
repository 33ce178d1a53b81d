"""How far a character n-gram classifier gets on the real users' confirm part when it may learn from the
real users' own labelled questions: an upper bound for issue 11's goals, which our classifier has to reach
with examples of our own only.

Three measurements, all scored on the confirm part of the fixed 70/30 split (`huabei-bot eval --split`, seed 11):

1. **A learning curve of scikit-learn's LogisticRegression** (TF-IDF of character 1-3-grams, sublinear tf,
   balanced class weights, the better of two C values per row) trained on our exported examples plus a growing
   share of the real questions. Five-fold cross-validation over the whole set, so every confirm question is
   predicted by a model that saw 80% of the others (up to 2,361 real questions) but never itself.
2. **Our classifier with every question of the choose part added to Intents/** (in a scratch copy under --work,
   never in the project): `huabei-bot eval --split confirm --orders N` on that copy against the project's own.
3. LogisticRegression trained on the choose part (with and without our examples) and scored on confirm.

Nothing here is chosen for the bot: the script only measures. It reads the real questions at run time and
writes them only into the scratch folder.

    Benchmarks/peers/.venv/bin/python Benchmarks/peers/ceiling.py --bin .build/release/huabei-bot \
        --dev ../shared/data/real-users-dev/real-users-dev.tsv --work /tmp/ceiling
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import statistics
import subprocess
import warnings
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

import textdata
from real_users import figures, part

ROOT = Path(__file__).resolve().parents[2]
FRACTIONS = (0.0, 0.25, 0.5, 0.75, 1.0)
C_VALUES = (10.0, 30.0)


def logistic_regression(train: list[tuple[str, str]], test: list[str], c: float) -> list[str]:
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    features = vectorizer.fit_transform([text for _, text in train])
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    model.fit(features, [label for label, _ in train])
    return list(model.predict(vectorizer.transform(test)))


def learning_curve(ours: list[tuple[str, str]], dev: list[tuple[str, str]], repeats: int) -> list[dict]:
    """Out-of-fold predictions for every real question; figures over the confirm part's questions."""
    labels = [label for label, _ in dev]
    confirm = [i for i, (_, text) in enumerate(dev) if part(text, 11) == "confirm"]
    rows = []
    for fraction in FRACTIONS:
        best = None
        for c in C_VALUES:
            runs = []
            for repeat in range(repeats):
                folds = StratifiedKFold(5, shuffle=True, random_state=repeat)
                predicted = [""] * len(dev)
                shuffle = random.Random(repeat)
                for train_index, test_index in folds.split([0] * len(dev), labels):
                    train_index = list(train_index)
                    shuffle.shuffle(train_index)
                    train_index = train_index[: int(len(train_index) * fraction)]
                    train = [dev[i] for i in train_index] + ours
                    for i, label in zip(test_index, logistic_regression(train, [dev[i][1] for i in test_index], c)):
                        predicted[i] = label
                runs.append(figures([labels[i] for i in confirm], [predicted[i] for i in confirm]))
            row = {"fraction": fraction, "real": int(len(dev) * 0.8 * fraction), "C": c,
                   **{key: statistics.mean(r[key] for r in runs) for key in
                      ("macro_f1", "accuracy", "in_scope_accuracy", "oos_precision", "oos_recall")}}
            if best is None or row["macro_f1"] > best["macro_f1"]:
                best = row
        rows.append(best)
        print(f"  learning curve: {best['real']} real questions done", flush=True)
    return rows


def add_choose_part(intents: Path, dev: list[tuple[str, str]], scratch: Path) -> Path:
    """A scratch copy of Intents/ with every choose question added to its label's file."""
    copy = scratch / "Intents-with-choose"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(intents, copy)
    by_label: dict[str, list[str]] = {}
    for label, text in dev:
        if part(text, 11) == "choose" and text.strip():
            by_label.setdefault(label, []).append(text.strip())
    for label, texts in by_label.items():
        path = copy / f"{label}.yaml"
        lines = path.read_text(encoding="utf-8").split("\n")
        at = lines.index("examples:") + 1
        lines[at:at] = ["  - " + json.dumps(text, ensure_ascii=False) for text in texts]
        path.write_text("\n".join(lines), encoding="utf-8")
    return copy


def eval_orders(binary: str, intents: Path, dev: Path, orders: int) -> dict[str, str]:
    """`eval --split confirm --orders N`; a question that reads the same as an example of another intent after
    normalisation is refused by the loader (file and line in the error) and dropped, then the run is repeated."""
    for _ in range(200):
        run = subprocess.run([binary, "eval", "--intents", str(intents), "--file", str(dev), "--split", "confirm",
                              "--orders", str(orders)], capture_output=True, text=True, cwd=ROOT)
        refused = re.search(r"Error: (\S+\.yaml):(\d+):", run.stderr)
        if run.returncode == 0 or not refused:
            break
        path, line = Path(refused.group(1)), int(refused.group(2))
        lines = path.read_text(encoding="utf-8").split("\n")
        del lines[line - 1]
        path.write_text("\n".join(lines), encoding="utf-8")
    if run.returncode != 0:
        raise SystemExit(f"eval failed: {run.stderr.strip()}")
    block = run.stdout.split("over ", 1)[1]
    return {name: value for name, value in re.findall(r"^\s+(macro-F1|accuracy|in-scope accuracy|out_of_scope precision|"
                                                      r"out_of_scope recall) (\S+ ± \S+)", block, re.M)}


def main() -> None:
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True, help="huabei-bot (release), run from the repository root")
    parser.add_argument("--dev", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--repeats", type=int, default=3, help="fold splits per learning-curve point")
    parser.add_argument("--orders", type=int, default=9, help="training orders for our classifier")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    dev_path = Path(args.dev).resolve()
    exported = subprocess.run([args.bin, "intents", "export", "--tsv"], check=True, capture_output=True, text=True,
                              cwd=ROOT).stdout
    (work / "ours.tsv").write_text(exported, encoding="utf-8")
    ours = list(zip(*textdata.read_tsv(work / "ours.tsv")))
    dev = list(zip(*textdata.read_tsv(dev_path)))
    choose = [(label, text) for label, text in dev if part(text, 11) == "choose"]
    confirm = [(label, text) for label, text in dev if part(text, 11) == "confirm"]

    print("| LogisticRegression trained on | real questions | macro-F1 | accuracy | in-scope accuracy | "
          "out_of_scope precision | out_of_scope recall |")
    print("|---|---|---|---|---|---|---|")
    for row in learning_curve(ours, dev, args.repeats):
        print(f"| our examples + {row['fraction']:.0%} of the other folds (C {row['C']:.0f}) | {row['real']} | "
              f"{row['macro_f1']:.3f} | {row['accuracy']:.1%} | {row['in_scope_accuracy']:.1%} | "
              f"{row['oos_precision']:.1%} | {row['oos_recall']:.1%} |")
    for name, train in (("the choose part only", choose), ("our examples + the choose part", ours + choose)):
        r = figures([label for label, _ in confirm], logistic_regression(train, [text for _, text in confirm], 10.0))
        print(f"| {name} (C 10) | {len(choose)} | {r['macro_f1']:.3f} | {r['accuracy']:.1%} | "
              f"{r['in_scope_accuracy']:.1%} | {r['oos_precision']:.1%} | {r['oos_recall']:.1%} |")
    print()
    print(f"| our classifier, {args.orders} orders | macro-F1 | accuracy | in-scope accuracy | out_of_scope precision | "
          "out_of_scope recall |")
    print("|---|---|---|---|---|---|")
    for name, intents in (("Intents/ as shipped", ROOT / "Intents"),
                          ("Intents/ + every choose question", add_choose_part(ROOT / "Intents", dev, work))):
        r = eval_orders(args.bin, intents, dev_path, args.orders)
        print(f"| {name} | " + " | ".join(r.get(key, "?") for key in
                                          ("macro-F1", "accuracy", "in-scope accuracy", "out_of_scope precision",
                                           "out_of_scope recall")) + " |")


if __name__ == "__main__":
    main()

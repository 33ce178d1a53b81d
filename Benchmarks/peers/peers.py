#!/usr/bin/env python3
"""The classifier against fastText and scikit-learn on the same data, in one run. Called by run.sh.

Accuracy: every system trains on the exported Intents/ examples and is scored on the held-out set. The
peers' hyperparameters (a small stated grid) and their out-of-scope thresholds are chosen by 5-fold
stratified cross-validation on the training data only, maximising macro-F1 under the out-of-scope rule.
The held-out set is only scored, never used to choose anything.

Robustness: the held-out messages with one kind of noise at a time (make_batch.py --one-each).

Speed: every system classifies the same generated batch (make_batch.py) as a whole process, several
times; the median is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import section  # noqa: E402
import systems  # noqa: E402
import textdata  # noqa: E402
from systems import HERE, System, median_run, output, run_process  # noqa: E402


@dataclass
class Run:
    """What every phase needs: the arguments, the data, the bot's command line, the systems."""

    args: argparse.Namespace
    train_labels: list[str]
    train_texts: list[str]
    heldout_labels: list[str]
    heldout_texts: list[str]
    bot: list[str]
    bot_data: list[str]
    ours: System | None = None
    fast: System | None = None
    logreg: System | None = None
    svc: System | None = None
    models: dict = field(default_factory=dict)
    fast_info: dict = field(default_factory=dict)
    timing: dict = field(default_factory=dict)
    noise: dict = field(default_factory=dict)

    @property
    def work(self) -> Path:
        return self.args.work

    @property
    def systems(self) -> list[System]:
        return [self.ours, self.fast, self.logreg, self.svc]


def measure_accuracy(run: Run) -> None:
    print("== ours: eval on the held-out set and 5-fold cross-validation", flush=True)
    run.ours = systems.run_ours(run.args.bin, run.bot_data, run.args.config, run.args.heldout, run.heldout_texts, run.work)
    print("== fastText: grid and threshold by 5-fold cross-validation on the training data", flush=True)
    run.fast, run.models["fast"], run.fast_info = systems.run_fasttext(
        run.train_labels, run.train_texts, run.heldout_labels, run.heldout_texts, run.work, run.args.runs)
    print(f"   chose {run.fast.chosen} (CV macro-F1 {run.fast.cv_macro_f1:.3f})", flush=True)
    for kind in ("logreg", "svc"):
        print(f"== scikit-learn {kind}: grid and threshold by cross-validation", flush=True)
        system, run.models[kind] = systems.run_sklearn(kind, run.train_labels, run.train_texts, run.heldout_texts, run.work, run.args.runs)
        setattr(run, kind, system)
        print(f"   chose {system.chosen} (CV macro-F1 {system.cv_macro_f1:.3f})", flush=True)

    # Ours, scored by the same Python code as the peers: must agree with `huabei-bot eval --json`.
    mine = textdata.report(run.heldout_labels, run.ours.heldout_predictions)
    theirs = run.ours.extra["eval_json"]
    for key, swift_key in (("accuracy", "accuracy"), ("macro_f1", "macroF1"), ("oos_recall", "outOfScopeRecall")):
        if abs(mine[key] - theirs[swift_key]) > 1e-9:
            raise SystemExit(f"metric mismatch for ours: {key} {mine[key]} (classify --jsonl) vs {theirs[swift_key]} (eval --json)")


def time_batch(run: Run) -> None:
    args, work, lines = run.args, run.work, run.args.lines
    print(f"== batch: {lines} lines from make_batch.py", flush=True)
    batch, batch_labels_file = work / "batch.txt", work / "batch.labels"
    subprocess.run([sys.executable, str(HERE / "make_batch.py"), str(args.heldout), str(batch), str(batch_labels_file),
                    "--lines", str(lines)], check=True)
    run.timing["batch_labels"] = batch_labels_file.read_text(encoding="utf-8").splitlines()
    split_start = time.perf_counter()
    fast_batch = work / "batch-chars.txt"
    fast_batch.write_text("".join(textdata.fasttext_tokens(t) + "\n" for t in batch.read_text(encoding="utf-8").split("\n")[:-1]),
                          encoding="utf-8")
    split_s = time.perf_counter() - split_start
    run.timing["load_start"] = os.getloadavg()

    print("== timing ours: huabei-bot classify --jsonl < batch", flush=True)
    ours = run.ours
    one = work / "one.txt"
    one.write_text("花呗被冻结了怎么办\n", encoding="utf-8")
    classify = [*run.bot, "classify", *run.bot_data, "--jsonl"]
    startup = median_run([run_process(classify, stdin=one, stdout=work / "one.out") for _ in range(args.runs)])
    ours.batch = median_run([run_process(classify, stdin=batch, stdout=work / "ours-batch.jsonl") for _ in range(args.runs)])
    ours.batch_predictions = [json.loads(line)["intent"] for line in (work / "ours-batch.jsonl").read_text(encoding="utf-8").splitlines()]
    print("== timing ours: huabei-bot bench --messages batch", flush=True)
    bench = json.loads(output([*run.bot, "bench", *run.bot_data, "--messages", str(batch), "--json"]))
    ours.training_s = bench["trainingMillisecondsMedian"] / 1000
    ours.training_note = (f"in-process, median of {bench['trainingRuns']} (`bench`); whole start-up incl. loading Intents/: "
                          f"{startup.wall_s:.2f} s, {startup.cpu_s * 1000:.0f} ms CPU")
    ours.latency_note = (f"`bench` on the batch: p50 {bench['latencyP50Microseconds']:.1f} µs, p99 {bench['latencyP99Microseconds']:.1f} µs, "
                         f"{bench['throughputMessagesPerSecond']:,.0f} messages/s on one thread without output")
    run.timing["bench"], run.timing["startup"] = bench, startup

    print("== timing fastText: fasttext predict-prob model.bin batch 1", flush=True)
    fast, model = run.fast, run.models["fast"]
    results = [systems.fasttext_predict(model, fast_batch, work / "fasttext-batch.out") for _ in range(args.runs)]
    fast.batch = median_run([r[0] for r in results])
    fast.batch_predictions = textdata.apply_rule(results[-1][1], results[-1][2], run.fast_info["threshold"])
    one_chars = work / "one-chars.txt"
    one_chars.write_text(textdata.fasttext_tokens("花呗被冻结了怎么办") + "\n", encoding="utf-8")
    fast_startup = median_run([systems.fasttext_predict(model, one_chars, work / "one.out")[0] for _ in range(args.runs)])
    fast.latency_note = (f"start-up and loading model.bin {fast_startup.wall_s:.2f} s ({fast_startup.cpu_s:.2f} s CPU), then "
                         f"{(fast.batch.cpu_s - fast_startup.cpu_s) / lines * 1e6:.1f} µs CPU per line; "
                         f"splitting the batch into characters (Python, not in the time) took {split_s:.2f} s")

    for kind in ("logreg", "svc"):
        system = getattr(run, kind)
        print(f"== timing {system.name}: sklearn_predict.py (whole Python process)", flush=True)
        predict = [sys.executable, str(HERE / "sklearn_predict.py"), str(run.models[kind]), str(batch),
                   str(work / "sklearn-batch.out"), str(work / "sklearn-timings.json")]
        system.batch = median_run([run_process(predict) for _ in range(args.runs)])
        system.batch_predictions = [line.split("\t")[0] for line in (work / "sklearn-batch.out").read_text(encoding="utf-8").splitlines()]
        phases = json.loads((work / "sklearn-timings.json").read_text())
        system.latency_note = (f"in the process: import and unpickle {phases['import_and_load_s']:.2f} s, predict "
                               f"{phases['predict_s'] / lines * 1e6:.1f} µs per line; " + system.latency_note)
    run.timing["load_end"] = os.getloadavg()
    for system in run.systems:
        if len(system.batch_predictions) != lines:
            raise SystemExit(f"{system.name}: {len(system.batch_predictions)} batch predictions for {lines} lines")


def measure_robustness(run: Run) -> None:
    print("== robustness: the held-out messages with one kind of noise each", flush=True)
    work = run.work
    noisy, noisy_keys = work / "noise.txt", work / "noise.labels"
    subprocess.run([sys.executable, str(HERE / "make_batch.py"), str(run.args.heldout), str(noisy), str(noisy_keys), "--one-each"],
                   check=True)
    rows = [line.split("\t") for line in noisy_keys.read_text(encoding="utf-8").splitlines()]
    texts = noisy.read_text(encoding="utf-8").split("\n")[:-1]
    predictions = {}
    run_process([*run.bot, "classify", *run.bot_data, "--jsonl"], stdin=noisy, stdout=work / "ours-noise.jsonl")
    records = [json.loads(line) for line in (work / "ours-noise.jsonl").read_text(encoding="utf-8").splitlines()]
    predictions[run.ours.name] = [r["intent"] for r in records]
    noisy_chars = work / "noise-chars.txt"
    noisy_chars.write_text("".join(textdata.fasttext_tokens(t) + "\n" for t in texts), encoding="utf-8")
    _, labels, scores = systems.fasttext_predict(run.models["fast"], noisy_chars, work / "fasttext-noise.out")
    predictions[run.fast.name] = textdata.apply_rule(labels, scores, run.fast_info["threshold"])
    for kind in ("logreg", "svc"):
        with open(run.models[kind], "rb") as handle:
            payload = pickle.load(handle)
        top_labels, top_scores = systems.sklearn_scores(payload["pipeline"], payload["score"], texts)
        predictions[getattr(run, kind).name] = textdata.apply_rule(top_labels, top_scores, payload["threshold"])
    kinds = list(dict.fromkeys(kind for kind, _ in rows))
    accuracy = {}
    for system in run.systems:
        for kind in kinds:
            pairs = [(intent, p) for (k, intent), p in zip(rows, predictions[system.name]) if k == kind]
            accuracy[(system.name, kind)] = sum(e == p for e, p in pairs) / len(pairs)
    run.noise = {"kinds": kinds, "accuracy": accuracy, "texts": texts, "records": records, "predictions": predictions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", type=Path, required=True, help="the release huabei-bot")
    parser.add_argument("--train", type=Path, required=True, help="`huabei-bot intents export --tsv` of --intents")
    parser.add_argument("--heldout", type=Path, default=Path("Tests/Fixtures/heldout.tsv"))
    parser.add_argument("--work", type=Path, required=True, help="folder for models, batches and predictions")
    parser.add_argument("--lines", type=int, default=200_000, help="lines in the timing batch")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each whole process (the median is reported)")
    parser.add_argument("--intents", type=Path, default=Path("Intents"), help="the intents the training data came from")
    parser.add_argument("--config", type=Path, default=Path("Config/huabei-bot.yaml"), help="the bot's configuration")
    parser.add_argument("--benchmarks", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument("--command", default="Benchmarks/peers/run.sh", help="the command to name in BENCHMARKS.md")
    parser.add_argument("--quick", action="store_true",
                        help="smoke test: one grid point per peer, and BENCHMARKS.md is left alone")
    args = parser.parse_args()
    if args.quick:
        systems.FASTTEXT_GRID, systems.LR_GRID, systems.SVC_GRID = (
            systems.FASTTEXT_GRID[4:5], systems.LR_GRID[5:6], systems.SVC_GRID[3:4])
    args.work.mkdir(parents=True, exist_ok=True)
    textdata.LEXICON = args.intents / "_lexicon.yaml"
    os.environ["PEERS_WORK"] = str(args.work)
    began = time.perf_counter()

    train_labels, train_texts = textdata.read_tsv(args.train)
    heldout_labels, heldout_texts = textdata.read_tsv(args.heldout)
    print(f"training examples: {len(train_texts)}; held-out messages: {len(heldout_texts)}", flush=True)
    run = Run(args, train_labels, train_texts, heldout_labels, heldout_texts,
              bot=[str(args.bin)], bot_data=["--intents", str(args.intents), "--config", str(args.config)])

    measure_accuracy(run)
    accuracy_done = time.perf_counter()
    time_batch(run)
    timing_done = time.perf_counter()
    measure_robustness(run)

    text = section.render(run, minutes=(time.perf_counter() - began) / 60)
    (args.work / "section.md").write_text(text, encoding="utf-8")
    if not args.quick:
        section.replace_section(args.benchmarks, text)
    section.write_details(run)
    print("")
    print(text)
    print(f"accuracy phase {accuracy_done - began:.0f} s, timing phase {timing_done - accuracy_done:.0f} s; "
          f"details in {args.work / 'details.md'}; "
          + ("--quick: BENCHMARKS.md left alone" if args.quick else f"section written to {args.benchmarks}"))


if __name__ == "__main__":
    main()

"""The four systems of the peer benchmark: ours through the huabei-bot CLI, fastText through its Debian
CLI, scikit-learn in-process; with the cross-validation that picks the peers' settings and thresholds, and
the process runner that times them.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

import textdata
from textdata import OUT_OF_SCOPE

HERE = Path(__file__).resolve().parent
SECTION = "## Classifier vs peers"
FOLDS = 5
CV_SEED = 0
PROBABILITY_THRESHOLDS = [round(x, 2) for x in np.arange(0.0, 0.96, 0.01)]

FASTTEXT_FIXED = ["-wordNgrams", "3", "-minn", "0", "-maxn", "0", "-dim", "100", "-loss", "softmax",
                  "-bucket", "200000", "-minCount", "1", "-thread", "1", "-seed", "0", "-verbose", "0"]
FASTTEXT_GRID = [{"epoch": e, "lr": lr} for e in (25, 50, 100, 200) for lr in (0.25, 0.5, 1.0)]
LR_GRID = [{"C": c, "class_weight": w, "sublinear_tf": s}
           for c in (1.0, 10.0, 100.0, 1000.0) for w in (None, "balanced") for s in (False, True)]
SVC_GRID = [{"C": c, "class_weight": w, "sublinear_tf": s}
            for c in (0.1, 1.0, 10.0) for w in (None, "balanced") for s in (False, True)]


# MARK: processes

@dataclass
class ProcessRun:
    wall_s: float
    cpu_s: float
    max_rss_mb: float


def run_process(command: list[str], stdin: Path | None = None, stdout: Path | None = None) -> ProcessRun:
    """Runs one process to completion: its wall time, and its CPU time and peak RSS as GNU time reports
    them. (A child forked from this Python process would inherit the parent's RSS high-water mark in
    wait4's figures; GNU time's own child starts from a small process.)"""
    work = Path(os.environ.get("PEERS_WORK", "/tmp"))
    stderr_path, usage_path = work / "last-stderr.txt", work / "last-usage.txt"
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as stdin_handle, \
            open(stdout, "wb") if stdout else open(os.devnull, "wb") as stdout_handle, \
            open(stderr_path, "wb") as stderr_handle:
        start = time.perf_counter()
        process = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", str(usage_path), *command],
                                 stdin=stdin_handle, stdout=stdout_handle, stderr=stderr_handle)
        wall = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{stderr_path.read_text()[-2000:]}")
    rss_kb, user, system = usage_path.read_text().split()[-3:]
    return ProcessRun(wall, float(user) + float(system), float(rss_kb) / 1024)


def median_run(runs: list[ProcessRun]) -> ProcessRun:
    ordered = sorted(runs, key=lambda r: r.wall_s)
    middle = ordered[len(ordered) // 2]
    return ProcessRun(middle.wall_s, middle.cpu_s, max(r.max_rss_mb for r in runs))


def output(command: list[str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


# MARK: systems

@dataclass
class System:
    name: str
    rule: str
    heldout_predictions: list[str] = field(default_factory=list)
    heldout_scores: list[float] = field(default_factory=list)
    training_s: float = 0.0
    training_note: str = ""
    chosen: str = ""
    cv_macro_f1: float | None = None
    batch: ProcessRun | None = None
    batch_predictions: list[str] = field(default_factory=list)
    latency_note: str = ""
    extra: dict = field(default_factory=dict)


def best_threshold(labels, top_labels, top_scores, candidates) -> tuple[float, float]:
    """The threshold (lowest first on ties) with the best macro-F1 under the out-of-scope rule."""
    best = (-1.0, candidates[0])
    for threshold in candidates:
        score = textdata.report(labels, textdata.apply_rule(top_labels, top_scores, threshold))["macro_f1"]
        if score > best[0] + 1e-12:
            best = (score, threshold)
    return best[1], best[0]


def score_candidates(kind: str, top_scores) -> list[float]:
    if kind == "probability":
        return PROBABILITY_THRESHOLDS
    quantiles = np.quantile(np.asarray(top_scores), np.linspace(0, 0.6, 121))
    return [float("-inf")] + sorted(set(round(float(q), 4) for q in quantiles))


def sklearn_pipeline(kind: str, config: dict) -> Pipeline:
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=config["sublinear_tf"])
    if kind == "logreg":
        model = LogisticRegression(C=config["C"], class_weight=config["class_weight"], max_iter=5000)
    else:
        model = LinearSVC(C=config["C"], class_weight=config["class_weight"], max_iter=10_000, random_state=0)
    return Pipeline([("tfidf", vectorizer), ("clf", model)])


def sklearn_scores(pipeline: Pipeline, score_kind: str, texts: list[str]):
    scores = pipeline.predict_proba(texts) if score_kind == "probability" else pipeline.decision_function(texts)
    top = scores.argmax(axis=1)
    return [pipeline.classes_[i] for i in top], scores[np.arange(len(texts)), top].tolist()


def run_sklearn(kind: str, train_labels, train_texts, heldout_texts, work: Path, runs: int) -> tuple[System, Path]:
    grid, score_kind = (LR_GRID, "probability") if kind == "logreg" else (SVC_GRID, "decision")
    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=CV_SEED).split(train_texts, train_labels))
    labels = np.asarray(train_labels, dtype=object)
    texts = np.asarray(train_texts, dtype=object)
    best = None
    for config in grid:
        top_labels = [None] * len(train_texts)
        top_scores = [0.0] * len(train_texts)
        for train_index, test_index in folds:
            pipeline = sklearn_pipeline(kind, config).fit(list(texts[train_index]), list(labels[train_index]))
            fold_labels, fold_scores = sklearn_scores(pipeline, score_kind, list(texts[test_index]))
            for i, label, score in zip(test_index, fold_labels, fold_scores):
                top_labels[i], top_scores[i] = label, score
        threshold, macro = best_threshold(train_labels, top_labels, top_scores, score_candidates(score_kind, top_scores))
        if best is None or macro > best[0] + 1e-12:
            best = (macro, config, threshold)
    macro, config, threshold = best
    fit_times, fit_cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        pipeline = sklearn_pipeline(kind, config).fit(train_texts, train_labels)
        fit_times.append(time.perf_counter() - start)
        fit_cpu.append(time.process_time() - start_cpu)
    top_labels, top_scores = sklearn_scores(pipeline, score_kind, heldout_texts)
    name = "scikit-learn LogisticRegression" if kind == "logreg" else "scikit-learn LinearSVC"
    rule = (f"out_of_scope class, or max predict_proba < {threshold:.2f}" if kind == "logreg"
            else f"out_of_scope class, or max decision_function score < {threshold:.3f} (raw scores, no calibration)")
    cw = config["class_weight"] or "none"
    system = System(
        name=name,
        rule=rule,
        heldout_predictions=textdata.apply_rule(top_labels, top_scores, threshold),
        heldout_scores=top_scores,
        training_s=statistics.median(fit_times),
        training_note=f"fit() in-process, median; {statistics.median(fit_cpu) * 1000:.0f} ms CPU",
        chosen=f"C={config['C']:g}, class_weight={cw}, sublinear_tf={config['sublinear_tf']}, threshold {threshold:.3g}",
        cv_macro_f1=macro,
    )
    model_path = work / f"{kind}.pkl"
    with open(model_path, "wb") as handle:
        pickle.dump({"pipeline": pipeline, "threshold": threshold, "score": score_kind}, handle)
    # Single-message latency inside the process, as a bot would call it.
    samples = heldout_texts * 4
    latencies = []
    for text in samples:
        start = time.perf_counter()
        sklearn_scores(pipeline, score_kind, [text])
        latencies.append(time.perf_counter() - start)
    latencies.sort()
    system.extra["p50_us"] = latencies[len(latencies) // 2] * 1e6
    system.extra["p99_us"] = latencies[int(len(latencies) * 0.99)] * 1e6
    system.latency_note = f"predict on one message: p50 {system.extra['p50_us']:.0f} µs, p99 {system.extra['p99_us']:.0f} µs"
    return system, model_path


def write_fasttext(path: Path, labels, texts) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for label, text in zip(labels, texts):
            handle.write(f"__label__{label} {textdata.fasttext_tokens(text)}\n")


def fasttext_train(train_file: Path, model_prefix: Path, config: dict) -> ProcessRun:
    return run_process(["fasttext", "supervised", "-input", str(train_file), "-output", str(model_prefix),
                        "-epoch", str(config["epoch"]), "-lr", str(config["lr"]), *FASTTEXT_FIXED])


def fasttext_predict(model: Path, input_file: Path, out_file: Path) -> tuple[ProcessRun, list[str], list[float]]:
    run = run_process(["fasttext", "predict-prob", str(model), str(input_file), "1"], stdout=out_file)
    labels, scores = [], []
    for line in out_file.read_text(encoding="utf-8").split("\n")[:-1]:
        parts = line.split(" ")
        if len(parts) >= 2:
            labels.append(parts[0].removeprefix("__label__"))
            scores.append(float(parts[1]))
        else:
            labels.append(OUT_OF_SCOPE)
            scores.append(0.0)
    return run, labels, scores


def run_fasttext(train_labels, train_texts, heldout_labels, heldout_texts, work: Path, runs: int) -> tuple[System, Path, dict]:
    folder = work / "fasttext"
    folder.mkdir(exist_ok=True)
    folds = list(StratifiedKFold(FOLDS, shuffle=True, random_state=CV_SEED).split(train_texts, train_labels))
    for number, (train_index, test_index) in enumerate(folds):
        write_fasttext(folder / f"fold{number}.train", [train_labels[i] for i in train_index], [train_texts[i] for i in train_index])
        write_fasttext(folder / f"fold{number}.test", [train_labels[i] for i in test_index], [train_texts[i] for i in test_index])
    best = None
    for config in FASTTEXT_GRID:
        top_labels = [None] * len(train_texts)
        top_scores = [0.0] * len(train_texts)
        for number, (_, test_index) in enumerate(folds):
            fasttext_train(folder / f"fold{number}.train", folder / "cv", config)
            _, labels, scores = fasttext_predict(folder / "cv.bin", folder / f"fold{number}.test", folder / "cv.out")
            for i, label, score in zip(test_index, labels, scores):
                top_labels[i], top_scores[i] = label, score
        threshold, macro = best_threshold(train_labels, top_labels, top_scores, PROBABILITY_THRESHOLDS)
        if best is None or macro > best[0] + 1e-12:
            best = (macro, config, threshold)
    macro, config, threshold = best
    write_fasttext(folder / "train.txt", train_labels, train_texts)
    write_fasttext(folder / "heldout.txt", heldout_labels, heldout_texts)
    training = median_run([fasttext_train(folder / "train.txt", folder / "model", config) for _ in range(runs)])
    _, labels, scores = fasttext_predict(folder / "model.bin", folder / "heldout.txt", folder / "heldout.out")
    flags = f"-epoch {config['epoch']} -lr {config['lr']} " + " ".join(FASTTEXT_FIXED)
    system = System(
        name="fastText (Debian CLI)",
        rule=f"out_of_scope class, or top probability (predict-prob, k=1) < {threshold:.2f}",
        heldout_predictions=textdata.apply_rule(labels, scores, threshold),
        heldout_scores=scores,
        training_s=training.wall_s,
        training_note=f"whole `fasttext supervised` process, median; {training.cpu_s * 1000:.0f} ms CPU",
        chosen=f"epoch={config['epoch']}, lr={config['lr']}, threshold {threshold:.2f}",
        cv_macro_f1=macro,
    )
    model_size = (folder / "model.bin").stat().st_size / 1e6
    return system, folder / "model.bin", {"flags": flags, "threshold": threshold, "model_mb": model_size}


def run_ours(binary: Path, data: list[str], config_file: Path, heldout_file: Path, heldout_texts, work: Path) -> System:
    report = json.loads(output([str(binary), "eval", *data, "--file", str(heldout_file), "--json"]))
    texts_file = work / "heldout-texts.txt"
    texts_file.write_text("\n".join(heldout_texts) + "\n", encoding="utf-8")
    records_file = work / "ours-heldout.jsonl"
    run_process([str(binary), "classify", *data, "--jsonl"], stdin=texts_file, stdout=records_file)
    records = [json.loads(line) for line in records_file.read_text(encoding="utf-8").splitlines()]
    config = config_file.read_text(encoding="utf-8")
    threshold = re.search(r"^\s*confidence_threshold:\s*([0-9.]+)", config, re.M)
    margin = re.search(r"^\s*ambiguity_margin:\s*([0-9.]+)", config, re.M)
    system = System(
        name="huabei-bot (ours)",
        rule=(f"out_of_scope class, or confidence < {threshold.group(1) if threshold else '?'} unless the top two are "
              f"within the ambiguity margin {margin.group(1) if margin else '?'} (Config/huabei-bot.yaml)"),
        heldout_predictions=[r["intent"] for r in records],
        heldout_scores=[r["confidence"] for r in records],
        chosen="ClassifierOptions defaults (chosen by cross-validation on Intents/)",
    )
    system.extra["eval_json"] = report
    cross_validation = json.loads(output([str(binary), "eval", *data, "--folds", str(FOLDS), "--json"]))
    system.cv_macro_f1 = cross_validation["macroF1"]
    system.extra["records"] = records
    return system

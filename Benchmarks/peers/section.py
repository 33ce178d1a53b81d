"""The `## Classifier vs peers` section of BENCHMARKS.md, and the details file for finding out why."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
from pathlib import Path

import numpy as np
import scipy
import sklearn

import textdata
from systems import FOLDS, SECTION, output
from textdata import OUT_OF_SCOPE


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def tree_state() -> str:
    """The commit measured, and whether files that change the figures had uncommitted edits."""
    try:
        commit = output(["git", "rev-parse", "--short", "HEAD"]).strip()
        status = output(["git", "status", "--porcelain", "--", "Intents", "Sources/Classifier", "Config",
                         "Sources/Console", "Sources/huabei-bot"])
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "not a git checkout"
    folders = sorted({"/".join(line[3:].split("/")[:2 if line[3:].startswith("Sources/") else 1])
                      for line in status.splitlines() if len(line) > 3})
    return f"commit {commit}" + (" with uncommitted changes in " + ", ".join(folders) if folders else "")


def machine() -> dict:
    lscpu = output(["lscpu"])
    model = re.search(r"^Model name:\s*(.+)$", lscpu, re.M)
    swift = output(["swift", "--version"]).splitlines()[0] if subprocess.run(
        ["which", "swift"], capture_output=True).returncode == 0 else "swift not on PATH"
    os_release = Path("/etc/os-release")
    pretty = re.search(r'^PRETTY_NAME="?([^"\n]*)', os_release.read_text(), re.M) if os_release.exists() else None
    return {
        "cpu": model.group(1).strip() if model else platform.processor(),
        "cores": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "os": pretty.group(1) if pretty else platform.platform(),
        "swift": swift,
        "fasttext": f"fasttext {output(['dpkg-query', '-W', '-f', '${Version}', 'fasttext']).strip()} (Debian)",
        "python": f"Python {platform.python_version()}",
        "sklearn": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, scipy {scipy.__version__}",
    }


def replace_section(path: Path, text: str) -> None:
    """Replaces the section (up to the next `## ` heading) or appends it; the rest of the file is kept."""
    existing = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = existing.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip() == SECTION), None)
    if start is None:
        new = existing.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n"
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        tail = "\n".join(lines[end:])
        new = "\n".join(lines[:start]) + "\n" + text.rstrip("\n") + "\n" + ("\n" + tail if tail.strip() else "")
        new = new.lstrip("\n")
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def figures(run) -> tuple[dict, dict]:
    """Per system: held-out report, report per slice, batch report; and the slices' masks."""
    subsets = textdata.Subsets().masks(run.heldout_texts)
    results = {}
    for system in run.systems:
        subset_figures = {}
        for name, mask in subsets.items():
            expected = [l for l, m in zip(run.heldout_labels, mask) if m]
            predicted = [p for p, m in zip(system.heldout_predictions, mask) if m]
            subset_figures[name] = textdata.report(expected, predicted)
        results[system.name] = {
            "heldout": textdata.report(run.heldout_labels, system.heldout_predictions),
            "subsets": subset_figures,
            "batch": textdata.report(run.timing["batch_labels"], system.batch_predictions),
        }
    return results, subsets


def render(run, minutes: float) -> str:
    args, systems, lines = run.args, run.systems, run.args.lines
    ours, fast, logreg, svc = systems
    results, subsets = figures(run)
    info = machine()
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_start, load_end = run.timing["load_start"], run.timing["load_end"]
    md = [SECTION, ""]
    md.append(f"Measured {now} with `{args.command}` (about {minutes:.0f} min after the build; not part of `make test`). "
              "Script, flags and method: [`Benchmarks/peers/`](Benchmarks/peers/README.md).")
    md.append("")
    md.append(f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GiB, {info['os']}. "
              f"Load average during the timings: {load_start[0]:.1f} → {load_end[0]:.1f} (1.0 is the benchmark itself on one core).")
    md.append(f"Versions: {info['swift']}; {info['fasttext']}; {info['python']}, {info['sklearn']}. Tree: {tree_state()}.")
    md.append("")
    md.append(f"All four train on the same {len(run.train_texts)} examples (`huabei-bot intents export --tsv`) and are scored on "
              f"`Tests/Fixtures/heldout.tsv` ({len(run.heldout_texts)} messages, "
              f"{sum(l == OUT_OF_SCOPE for l in run.heldout_labels)} out of scope). The peers' hyperparameters and out-of-scope "
              "thresholds were chosen by 5-fold stratified cross-validation on the training data only (best macro-F1); nothing "
              "was tuned on the held-out set. Their CV macro-F1 is therefore the best of their grid (optimistic); ours is "
              f"`huabei-bot eval --folds {FOLDS}` with its fixed options and thresholds.")
    md.append("")
    md.append("| classifier | accuracy | macro-F1 | out-of-scope precision | out-of-scope recall | CV macro-F1 (training data) |")
    md.append("|---|---|---|---|---|---|")
    for system in systems:
        r = results[system.name]["heldout"]
        cv = f"{system.cv_macro_f1:.3f}" if system.cv_macro_f1 is not None else "–"
        md.append(f"| {system.name} | {percent(r['accuracy'])} | {r['macro_f1']:.3f} | {percent(r['oos_precision'])} | "
                  f"{percent(r['oos_recall'])} | {cv} |")
    md.append("")
    md.append("Accuracy on slices of the held-out set (a message can be in several; typo = contains a typo key of "
              "`Intents/_lexicon.yaml`; typos the lexicon does not list are not found):")
    md.append("")
    names = list(subsets)
    md.append("| classifier | " + " | ".join(f"{n} ({sum(subsets[n])})" for n in names) + " |")
    md.append("|---|" + "---|" * len(names))
    for system in systems:
        cells = []
        for n in names:
            r = results[system.name]["subsets"][n]
            cells.append(f"{round(r['accuracy'] * r['count'])}/{r['count']} ({percent(r['accuracy'])})")
        md.append(f"| {system.name} | " + " | ".join(cells) + " |")
    md.append("")
    md.append("Robustness: accuracy on the held-out messages with one kind of noise added to every message "
              "(`make_batch.py --one-each`; traditional = every convertible character; full-width and spacing change only "
              "messages that have ASCII or adjacent Han characters):")
    md.append("")
    md.append("| noise | " + " | ".join(s.name for s in systems) + " |")
    md.append("|---|" + "---|" * len(systems))
    md.append("| none (as typed) | " + " | ".join(percent(results[s.name]["heldout"]["accuracy"]) for s in systems) + " |")
    for kind in run.noise["kinds"]:
        md.append(f"| {kind} | " + " | ".join(percent(run.noise["accuracy"][(s.name, kind)]) for s in systems) + " |")
    md.append("")
    md.append(f"Speed on one batch of {lines:,} lines (`make_batch.py`: the held-out messages with punctuation, spaces, emoji, "
              "filler words, full-width forms and traditional characters varied; seeded, not committed). Whole process = "
              f"start-up, loading or training, classifying every line and writing the answers; median of {args.runs} runs. "
              "Batch accuracy = the answer matches the intent of the message the line was made from.")
    md.append("")
    md.append("| classifier | training | whole process on the batch (wall) | CPU (user+sys) | lines/s (wall) | lines/s (CPU) | "
              "µs per line (wall) | peak RSS | batch accuracy | notes |")
    md.append("|---|---|---|---|---|---|---|---|---|---|")
    commands = {
        ours.name: "`huabei-bot classify --jsonl < batch` (trains at start-up)",
        fast.name: "`fasttext predict-prob model.bin batch-chars.txt 1`",
        logreg.name: "`python sklearn_predict.py logreg.pkl batch.txt …`",
        svc.name: "`python sklearn_predict.py svc.pkl batch.txt …`",
    }
    for system in systems:
        timed = system.batch
        md.append(f"| {system.name} | {system.training_s * 1000:.0f} ms ({system.training_note}) | {timed.wall_s:.2f} s: "
                  f"{commands[system.name]} | {timed.cpu_s:.2f} s | {lines / timed.wall_s:,.0f} | {lines / timed.cpu_s:,.0f} | "
                  f"{timed.wall_s / lines * 1e6:.1f} | {timed.max_rss_mb:.0f} MB | "
                  f"{percent(results[system.name]['batch']['accuracy'])} | {system.latency_note} |")
    md.append("")
    startup, bench = run.timing["startup"], run.timing["bench"]
    classify_cpu = (ours.batch.cpu_s - startup.cpu_s) / lines * 1e6
    bench_per_line = 1e6 / bench["throughputMessagesPerSecond"]
    overhead = classify_cpu - bench_per_line
    md.append(f"Where our whole-process time goes: start-up (loading Intents/ and training) {startup.wall_s:.2f} s wall, "
              f"{startup.cpu_s:.2f} s CPU; then {classify_cpu:.1f} µs of CPU per line in `classify --jsonl` (batch CPU minus "
              f"start-up CPU), while `bench` classifies the same lines in {bench_per_line:.1f} µs each in-process, without "
              f"output. So about {overhead:.1f} µs per line ({overhead / classify_cpu * 100:.0f}%) is reading the line, "
              f"building the JSON record (the full ranking of {len(set(run.train_labels))} intents) with the hand-written writer in `Sources/JSONWriting` and "
              "writing it. (`bench` times wall-clock, which the machine's load inflates, so under load this share is a lower "
              "bound.)")
    md.append("")
    md.append("How each was run:")
    md.append("")
    md.append(f"- **ours**: {ours.rule}. Character 1–3-grams + pinyin 1–2-grams after normalisation; {ours.chosen}.")
    md.append(f"- **fastText**: `fasttext supervised {run.fast_info['flags']}` on text split into characters (one token per "
              "character, lower-cased, a whitespace run as one `▁` token), so word 1–3-grams are character 1–3-grams; "
              f"grid epoch ∈ {{25, 50, 100, 200}} × lr ∈ {{0.25, 0.5, 1.0}}; chose {fast.chosen}; model.bin "
              f"{run.fast_info['model_mb']:.0f} MB (`-bucket 200000`: the default 2,000,000 buckets make a 0.8 GB model whose "
              f"loading would dominate the time). Rule: {fast.rule}.")
    md.append(f"- **scikit-learn LogisticRegression**: `TfidfVectorizer(analyzer=\"char\", ngram_range=(1, 3))` + "
              "`LogisticRegression(max_iter=5000)` (lbfgs); grid C ∈ {1, 10, 100, 1000} × class_weight ∈ {none, balanced} × "
              f"sublinear_tf; chose {logreg.chosen}. Rule: {logreg.rule}.")
    md.append(f"- **scikit-learn LinearSVC**: same vectoriser + `LinearSVC(max_iter=10000, random_state=0)`; grid C ∈ {{0.1, 1, 10}} × class_weight × "
              f"sublinear_tf; chose {svc.chosen}. Rule: {svc.rule}.")
    md.append("")
    return "\n".join(md) + "\n"


def write_details(run) -> None:
    """Per-intent F1, batch accuracy per intent, the held-out messages ours gets wrong, and the noise that
    turns a right answer of ours wrong: `<work>/details.md`."""
    systems, labels, texts = run.systems, run.heldout_labels, run.heldout_texts
    results, subsets = figures(run)
    ours = systems[0]
    out = ["# Peer benchmark details", ""]
    intents = sorted(set(labels))
    out.append("| intent | support | " + " | ".join(s.name for s in systems) + " |")
    out.append("|---|---|" + "---|" * len(systems))
    for intent in intents:
        support = results[ours.name]["heldout"]["intents"][intent]["support"]
        cells = []
        for s in systems:
            m = results[s.name]["heldout"]["intents"].get(intent, {"f1": 0, "precision": 0, "recall": 0})
            cells.append(f"F1 {m['f1']:.2f} (P {m['precision']:.2f} R {m['recall']:.2f})")
        out.append(f"| {intent} | {support} | " + " | ".join(cells) + " |")
    out += ["", "Batch accuracy by intent (noisy variants):", ""]
    out.append("| intent | " + " | ".join(s.name for s in systems) + " |")
    out.append("|---|" + "---|" * len(systems))
    for intent in intents:
        out.append(f"| {intent} | " + " | ".join(f"{results[s.name]['batch']['intents'][intent]['recall']:.3f}" for s in systems) + " |")
    records = ours.extra["records"]
    out += ["", "## Held-out messages ours gets wrong", ""]
    out.append("| text | expected | ours (best; runner-up) | " + " | ".join(s.name for s in systems[1:]) + " | slices |")
    out.append("|---|---|---|" + "---|" * (len(systems) - 1) + "---|")
    for i, (label, text) in enumerate(zip(labels, texts)):
        if ours.heldout_predictions[i] == label:
            continue
        ranking = records[i]["ranking"]
        runner = f"{ranking[1]['intent']} {ranking[1]['confidence']:.2f}" if len(ranking) > 1 else ""
        best = f"{ours.heldout_predictions[i]} ({ranking[0]['intent']} {ranking[0]['confidence']:.2f}; {runner})"
        peers = [("✓ " if s.heldout_predictions[i] == label else "") + s.heldout_predictions[i] for s in systems[1:]]
        slices = ",".join(n for n, m in subsets.items() if m[i] and n != "none of these")
        out.append(f"| {text} | {label} | {best} | " + " | ".join(peers) + f" | {slices} |")
    out += ["", "## Held-out messages every peer gets right and ours wrong", ""]
    for i, (label, text) in enumerate(zip(labels, texts)):
        if ours.heldout_predictions[i] != label and all(s.heldout_predictions[i] == label for s in systems[1:]):
            out.append(f"- {text} — expected {label}, ours {ours.heldout_predictions[i]} ({records[i]['ranking'][0]['confidence']:.2f})")
    out += ["", "## Noise that turns a right answer of ours wrong (first 12 per kind)", ""]
    noise = run.noise
    ours_noise = noise["predictions"][ours.name]
    for kind_index, kind in enumerate(noise["kinds"]):
        out += [f"### {kind}", ""]
        shown = 0
        for i in range(len(texts)):
            row = kind_index * len(texts) + i
            if ours.heldout_predictions[i] == labels[i] and ours_noise[row] != labels[i] and shown < 12:
                top = noise["records"][row]["ranking"][0]
                out.append(f"- `{noise['texts'][row]}` — expected {labels[i]}, ours {ours_noise[row]} "
                           f"({top['intent']} {top['confidence']:.2f})")
                shown += 1
        out.append("")
    (run.work / "details.md").write_text("\n".join(out) + "\n", encoding="utf-8")

#!/usr/bin/env python3
"""Bulk classification against fastText, whole processes on one batch (issue 14). Run by bulk.sh; standard library
only (no virtual environment needed).

Every run times, one after the other: `fasttext predict-prob model.bin batch-chars.txt 1`, `huabei-bot classify
--jsonl < batch.txt` (every core, the default), and the same with `--threads 1` under `taskset -c 0` (one core),
each whole process (start-up, training or loading, every line, writing) with GNU time; medians over --runs. Then
`huabei-bot bench --split` for the per-line CPU split on one thread. fastText is trained once on the same
`intents export --tsv` examples with the peers benchmark's flags; its epoch count does not change its predict
speed, so a fixed one is used here (the peers run picks it by cross-validation).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import textdata  # noqa: E402

FASTTEXT_FLAGS = ["-epoch", "50", "-lr", "0.5", "-wordNgrams", "3", "-minn", "0", "-maxn", "0", "-dim", "100",
                  "-loss", "softmax", "-bucket", "200000", "-minCount", "1", "-thread", "1", "-seed", "0", "-verbose", "0"]


def timed(command: list[str], stdin: Path, stdout: Path, work: Path) -> dict:
    usage = work / "usage.txt"
    with open(stdin, "rb") as inp, open(stdout, "wb") as out:
        load = os.getloadavg()[0]
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", str(usage), *command], stdin=inp, stdout=out)
        wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}")
    rss, user, system = usage.read_text().split()[-3:]
    return {"wall": wall, "cpu": float(user) + float(system), "rss_mb": float(rss) / 1024, "load": load}


def median(runs: list[dict]) -> dict:
    ordered = sorted(runs, key=lambda r: r["wall"])
    middle = dict(ordered[len(ordered) // 2])
    middle["min_wall"], middle["max_wall"] = ordered[0]["wall"], ordered[-1]["wall"]
    return middle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--command", default="Benchmarks/peers/bulk.sh")
    args = parser.parse_args()
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    root = HERE.parent.parent
    cores = os.cpu_count()

    print("== data", flush=True)
    batch, labels = work / "batch.txt", work / "batch.labels"
    subprocess.run([sys.executable, str(HERE / "make_batch.py"), str(root / "Tests/Fixtures/heldout.tsv"), str(batch), str(labels),
                    "--lines", str(args.lines)], check=True)
    chars = work / "batch-chars.txt"
    chars.write_text("".join(textdata.fasttext_tokens(t) + "\n" for t in batch.read_text(encoding="utf-8").split("\n")[:-1]),
                     encoding="utf-8")
    exported = subprocess.run([str(args.bin), "intents", "export", "--tsv"], check=True, capture_output=True, text=True).stdout
    train = work / "fasttext-train.txt"
    with open(train, "w", encoding="utf-8") as handle:
        for line in exported.splitlines():
            label, _, text = line.partition("\t")
            handle.write(f"__label__{label} {textdata.fasttext_tokens(text)}\n")
    subprocess.run(["fasttext", "supervised", "-input", str(train), "-output", str(work / "model"), *FASTTEXT_FLAGS], check=True)

    systems = {
        "fastText": ["fasttext", "predict-prob", str(work / "model.bin"), str(chars), "1"],
        "ours, every core": [str(args.bin), "classify", "--jsonl"],
        "ours, one core": ["taskset", "-c", "0", str(args.bin), "classify", "--jsonl", "--threads", "1"],
    }
    inputs = {"fastText": Path(os.devnull), "ours, every core": batch, "ours, one core": batch}
    outputs = {"fastText": work / "fasttext.out", "ours, every core": work / "ours-all.jsonl", "ours, one core": work / "ours-one.jsonl"}
    runs: dict[str, list[dict]] = {name: [] for name in systems}
    print(f"== timing, {args.runs} rounds, alternating", flush=True)
    load_before = os.getloadavg()
    for round_number in range(args.runs):
        for name, command in systems.items():
            runs[name].append(timed(command, inputs[name], outputs[name], work))
        print(f"round {round_number + 1}: " + ", ".join(f"{n} {runs[n][-1]['wall']:.2f} s" for n in systems), flush=True)
    load_after = os.getloadavg()
    same = outputs["ours, every core"].read_bytes() == outputs["ours, one core"].read_bytes()
    one_line = work / "one.txt"
    one_line.write_text("花呗被冻结了怎么办\n", encoding="utf-8")
    startup = median([timed([str(args.bin), "classify", "--jsonl"], one_line, work / "one.jsonl", work) for _ in range(args.runs)])
    print("== per-line split: huabei-bot bench --split", flush=True)
    split = json.loads(subprocess.run([str(args.bin), "bench", "--split", str(batch), "--json"], check=True,
                                      capture_output=True, text=True).stdout)
    result = {name: median(r) for name, r in runs.items()}
    fast, ours, one = result["fastText"], result["ours, every core"], result["ours, one core"]
    lines = args.lines
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=root).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "Sources"], capture_output=True, text=True, cwd=root).stdout.strip()
    print()
    print(f"Command: `{args.command}`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit {commit}{' (+ uncommitted changes)' if dirty else ''}, "
          f"{cores} cores, {swift}; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
          f"(1-minute; per run {min(r['load'] for rs in runs.values() for r in rs):.1f}–{max(r['load'] for rs in runs.values() for r in rs):.1f}). "
          f"{lines:,} lines, median of {args.runs} alternating runs (min–max wall in brackets).")
    print()
    print("| whole process | wall | CPU (user+sys) | µs per line (wall) | peak RSS | vs fastText (wall) |")
    print("|---|---|---|---|---|---|")
    for name, r in result.items():
        print(f"| {name} | {r['wall']:.2f} s ({r['min_wall']:.2f}–{r['max_wall']:.2f}) | {r['cpu']:.2f} s | {r['wall'] / lines * 1e6:.1f} | "
              f"{r['rss_mb']:.0f} MB | {r['wall'] / fast['wall']:.2f}× |")
    print()
    print(f"Goal ours ≤ 0.5× fastText: **{ours['wall'] / fast['wall']:.2f}×** ({'met' if ours['wall'] <= 0.5 * fast['wall'] else 'not met'}); "
          f"one core {one['wall'] / fast['wall']:.2f}×. Every-core and one-core outputs identical: {'yes' if same else 'NO'}. "
          f"Our start-up (one line: loading Intents/, training, writing): {startup['wall']:.2f} s wall, {startup['cpu']:.2f} s CPU.")
    print()
    print(f"Per-line CPU on one thread (`huabei-bot bench --split`, {split['lines']:,} lines, fastest of 3 passes per stage): "
          f"read {split['readMicroseconds']:.2f} µs, normalise {split['normalizeMicroseconds']:.2f} µs, features {split['featuresMicroseconds']:.2f} µs, "
          f"score {split['scoreMicroseconds']:.2f} µs, write {split['writeMicroseconds']:.2f} µs; whole pass {split['totalMicroseconds']:.2f} µs "
          f"({split['outputBytesPerLine']:.0f} bytes of JSON a line).")


if __name__ == "__main__":
    main()

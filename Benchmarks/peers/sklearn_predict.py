#!/usr/bin/env python3
"""Whole-process scikit-learn prediction for the timing batch, the counterpart of
`huabei-bot classify --jsonl < batch` and `fasttext predict-prob model.bin batch 1`:

    sklearn_predict.py MODEL.pkl BATCH.txt OUT.txt TIMINGS.json

Starts Python, imports scikit-learn, loads the pickled pipeline, reads the batch, vectorises and scores
every line, applies the out-of-scope rule (out_of_scope class or top score under the threshold chosen by
cross-validation) and writes one `intent<TAB>score` per line. In-process phases go to TIMINGS.json.
"""

import json
import pickle
import sys
import time

start = time.perf_counter()
import numpy as np  # noqa: E402

model_path, batch_path, out_path, timings_path = sys.argv[1:5]
with open(model_path, "rb") as handle:
    payload = pickle.load(handle)
loaded = time.perf_counter()
with open(batch_path, encoding="utf-8") as handle:
    lines = handle.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
pipeline = payload["pipeline"]
scores = pipeline.predict_proba(lines) if payload["score"] == "probability" else pipeline.decision_function(lines)
top = scores.argmax(axis=1)
top_scores = scores[np.arange(len(lines)), top]
classes = pipeline.classes_
threshold = payload["threshold"]
decided = [
    "out_of_scope" if classes[i] == "out_of_scope" or s < threshold else classes[i] for i, s in zip(top, top_scores)
]
predicted = time.perf_counter()
with open(out_path, "w", encoding="utf-8") as handle:
    handle.write("".join(f"{label}\t{score:.4f}\n" for label, score in zip(decided, top_scores)))
written = time.perf_counter()
with open(timings_path, "w") as handle:
    json.dump(
        {
            "import_and_load_s": loaded - start,
            "predict_s": predicted - loaded,
            "write_s": written - predicted,
            "lines": len(lines),
        },
        handle,
    )

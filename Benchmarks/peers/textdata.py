"""Shared helpers for the peer benchmark: data files, subsets, tokenisation for fastText, metrics.

Nothing here is tuned on the held-out set: it only reads it to score and to slice it into subsets.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRADITIONAL_TABLE = ROOT / "Sources/Classifier/Normalization/Generated/TraditionalToSimplifiedData.swift"
LEXICON = ROOT / "Intents/_lexicon.yaml"
OUT_OF_SCOPE = "out_of_scope"


def read_tsv(path: Path) -> tuple[list[str], list[str]]:
    """Reads `intent<TAB>text` lines (blank lines and `#` comments skipped) into (labels, texts)."""
    labels: list[str] = []
    texts: list[str] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip() or line.strip().startswith("#"):
            continue
        fields = line.split("\t", 1)
        if len(fields) != 2:
            raise SystemExit(f"{path}:{number}: expected intent<TAB>text")
        labels.append(fields[0].strip())
        texts.append(fields[1])
    return labels, texts


def traditional_to_simplified() -> dict[str, str]:
    """The bot's own character table (generated from ICU's Hant-Hans), read from its Swift source."""
    source = TRADITIONAL_TABLE.read_text(encoding="utf-8")
    match = re.search(r'traditionalToSimplifiedPairs = "(.*)"', source)
    if not match:
        raise SystemExit(f"{TRADITIONAL_TABLE}: cannot find traditionalToSimplifiedPairs")
    pairs = match.group(1)
    if len(pairs) % 2:
        raise SystemExit(f"{TRADITIONAL_TABLE}: odd number of characters in the pairs")
    return {pairs[i]: pairs[i + 1] for i in range(0, len(pairs), 2)}


def lexicon_replacements() -> dict[str, str]:
    """The `replacements:` block of Intents/_lexicon.yaml (typo, homophone, variant -> canonical)."""
    result: dict[str, str] = {}
    inside = False
    for line in LEXICON.read_text(encoding="utf-8").split("\n"):
        if re.match(r"^[a-z_]+:", line):
            inside = line.startswith("replacements:")
            continue
        if not inside:
            continue
        match = re.match(r'^\s+"?([^":#]+?)"?\s*:\s*"?([^"#]+?)"?\s*(#.*)?$', line)
        if match:
            result[match.group(1).strip()] = match.group(2).strip()
    return result


def has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


class Subsets:
    """Slices of a labelled set that stress one part of the normaliser."""

    def __init__(self) -> None:
        self.table = traditional_to_simplified()
        replacements = lexicon_replacements()
        # Typo keys: written with Han characters and still different from their value once simplified
        # (the traditional-only keys such as 花唄 belong to the traditional subset instead).
        self.typo_keys = sorted(
            (key for key, value in replacements.items() if has_han(key) and self.simplify(key) != value),
            key=len,
            reverse=True,
        )

    def simplify(self, text: str) -> str:
        return "".join(self.table.get(ch, ch) for ch in text)

    def is_pinyin(self, text: str) -> bool:
        return not has_han(text) and re.search(r"[A-Za-z]", unicodedata.normalize("NFKC", text)) is not None

    def is_traditional(self, text: str) -> bool:
        return any(ch in self.table for ch in text)

    def is_typo(self, text: str) -> bool:
        folded = self.simplify(unicodedata.normalize("NFKC", text).lower())
        return any(key in folded for key in self.typo_keys)

    def masks(self, texts: list[str]) -> dict[str, list[bool]]:
        pinyin = [self.is_pinyin(t) for t in texts]
        traditional = [self.is_traditional(t) for t in texts]
        typo = [self.is_typo(t) for t in texts]
        plain = [not (p or t or y) for p, t, y in zip(pinyin, traditional, typo)]
        return {"pinyin-only": pinyin, "traditional": traditional, "lexicon typo": typo, "none of these": plain}


def fasttext_tokens(text: str) -> str:
    """One token per character (lower-cased), whitespace runs as one `▁` token, so fastText's word
    n-grams are character n-grams, as for scikit-learn's char analyzer."""
    tokens: list[str] = []
    for ch in text.lower():
        if ch.isspace():
            if tokens and tokens[-1] != "▁":
                tokens.append("▁")
        else:
            tokens.append(ch)
    while tokens and tokens[-1] == "▁":
        tokens.pop()
    return " ".join(tokens) if tokens else "▁"


def report(expected: list[str], predicted: list[str]) -> dict:
    """The same figures as the bot's EvaluationReport: accuracy, macro-F1 over labels with support,
    out-of-scope precision and recall, per-intent F1."""
    labels = sorted(set(expected) | set(predicted))
    index = {label: i for i, label in enumerate(labels)}
    size = len(labels)
    confusion = [[0] * size for _ in range(size)]
    for e, p in zip(expected, predicted):
        confusion[index[e]][index[p]] += 1
    per_intent = {}
    for row, label in enumerate(labels):
        tp = confusion[row][row]
        predicted_count = sum(confusion[r][row] for r in range(size))
        actual = sum(confusion[row])
        precision = tp / predicted_count if predicted_count else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_intent[label] = {"precision": precision, "recall": recall, "f1": f1, "support": actual}
    supported = [m["f1"] for m in per_intent.values() if m["support"] > 0]
    oos = per_intent.get(OUT_OF_SCOPE, {"precision": 0.0, "recall": 0.0})
    correct = sum(e == p for e, p in zip(expected, predicted))
    return {
        "count": len(expected),
        "accuracy": correct / len(expected) if expected else 0.0,
        "macro_f1": sum(supported) / len(supported) if supported else 0.0,
        "oos_precision": oos["precision"],
        "oos_recall": oos["recall"],
        "intents": per_intent,
    }


def apply_rule(top_labels, top_scores, threshold: float) -> list[str]:
    """The peers' out-of-scope rule: their out_of_scope class, or a top score under the threshold."""
    return [OUT_OF_SCOPE if label == OUT_OF_SCOPE or score < threshold else label
            for label, score in zip(top_labels, top_scores)]

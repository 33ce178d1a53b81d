#!/usr/bin/env python3
"""Writes the timing batch: noisy variants of the held-out messages, one per line, deterministically.

    make_batch.py HELDOUT.tsv OUT.txt OUT.labels [--lines 200000] [--seed 20240601]

Every held-out message appears once as typed, then variants cycle through the set until --lines, each with
a random mix of: some characters turned traditional (the bot's own table, reversed), punctuation inside the
message, a filler prefix (请问, 那个, emmm …), a particle suffix (啊, 呀 …), other end punctuation, emoji,
full-width forms, spaced-out characters, padding spaces. The fillers are chosen not to change the intent.
With --one-each it writes instead every message once under each kind of noise alone (full traditional
conversion for that kind), for the per-kind robustness table. OUT.labels holds the source message's intent per line, so the batch also
measures robustness. The same arguments always give byte-identical files; nothing is committed.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import textdata  # noqa: E402

PUNCTUATION_END = ["？", "?", "！", "!", "。", "…", "～", "？？", "!!!", "?？", "。。。"]
PUNCTUATION_SPLIT = ["，", ",", " ", "、", "…"]
EMOJI = ["😭", "🙏", "😂", "🤔", "😡", "😢", "👍", "💰", "🆘", "❓", "😓", "[捂脸]", "[哭]"]
PREFIXES = ["请问", "请问一下", "那个", "呃", "就是", "我想问下", "emmm", "额，", "问一下，", "急！"]
SUFFIXES = ["啊", "呀", "哈", "呢", "啦", "嘛"]
# Reversing the bot's traditional-to-simplified table: characters that traditional text keeps as they
# are (了 is not 瞭, 才 not 纔, 逾 not 踰), and the usual form where the table offers several.
KEEP_AS_IS = set("了交借出制剩升只台吃周喂回团复家干彩征才托扣板果款注玩真研致里面逾霉麻余系着")
PREFERRED = {"关": "關", "线": "線", "证": "證", "当": "當", "发": "發", "录": "錄", "鸡": "雞", "骂": "罵"}


def to_full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" and ch.isalnum() else ch for ch in text)


class Variator:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        simplified_to_traditional: dict[str, str] = {}
        for traditional, simplified in textdata.traditional_to_simplified().items():
            if simplified not in KEEP_AS_IS:
                simplified_to_traditional.setdefault(simplified, traditional)
        simplified_to_traditional.update(PREFERRED)
        self.traditional = simplified_to_traditional

    # One kind of noise each; `vary` combines them at random, `--one-each` applies each alone.
    def traditional_form(self, text: str, share: float = 0.6) -> str:
        return "".join(self.traditional.get(ch, ch) if self.random.random() < share else ch for ch in text)

    def punctuation_inside(self, text: str) -> str:
        # Between two Han characters only, so typed pinyin is not cut mid-word.
        cuts = [i for i in range(1, len(text)) if textdata.has_han(text[i - 1]) and textdata.has_han(text[i])]
        if not cuts:
            return text
        cut = self.random.choice(cuts)
        return text[:cut] + self.random.choice(PUNCTUATION_SPLIT) + text[cut:]

    def filler_prefix(self, text: str) -> str:
        glue = " " if text[:1].isascii() and text[:1].isalpha() else ""
        return self.random.choice(PREFIXES) + glue + text

    def particle_suffix(self, text: str) -> str:
        return text + self.random.choice(SUFFIXES)

    def end_punctuation(self, text: str) -> str:
        return text.rstrip("？?！!。") + self.random.choice(PUNCTUATION_END)

    def emoji(self, text: str) -> str:
        emoji = "".join(self.random.choice(EMOJI) for _ in range(self.random.randint(1, 3)))
        return emoji + text if self.random.random() < 0.3 else text + emoji

    def full_width(self, text: str) -> str:
        return to_full_width(text)

    def spaced_out(self, text: str) -> str:
        # A space between every two Han characters (typed pinyin is left alone).
        return "".join(ch + (" " if textdata.has_han(ch) and i + 1 < len(text) and textdata.has_han(text[i + 1]) else "")
                       for i, ch in enumerate(text))

    def padded(self, text: str) -> str:
        return "  " + text + " "

    KINDS = {
        "traditional characters": ("traditional_form", 0.35),
        "punctuation inside": ("punctuation_inside", 0.25),
        "filler prefix": ("filler_prefix", 0.25),
        "particle suffix": ("particle_suffix", 0.2),
        "end punctuation": ("end_punctuation", 0.5),
        "emoji": ("emoji", 0.3),
        "full-width forms": ("full_width", 0.2),
        "spaced-out characters": ("spaced_out", 0.045),
        "padding spaces": ("padded", 0.105),
    }

    def vary(self, text: str) -> str:
        out = text.strip()
        for method, probability in self.KINDS.values():
            if self.random.random() < probability:
                out = getattr(self, method)(out)
        return out.replace("\t", " ").replace("\n", " ") or text

    def one_kind(self, kind: str, text: str) -> str:
        method, _ = self.KINDS[kind]
        out = self.traditional_form(text.strip(), 1.0) if method == "traditional_form" else getattr(self, method)(text.strip())
        return out.replace("\t", " ").replace("\n", " ") or text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("heldout", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("labels", type=Path)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--one-each", action="store_true",
                        help="instead: every message once under each kind of noise alone; LABELS gets kind<TAB>intent")
    args = parser.parse_args()

    intents, texts = textdata.read_tsv(args.heldout)
    variator = Variator(args.seed)
    if args.one_each:
        rows = [(kind, intent, variator.one_kind(kind, text)) for kind in Variator.KINDS for intent, text in zip(intents, texts)]
        args.out.write_text("".join(f"{text}\n" for _, _, text in rows), encoding="utf-8")
        args.labels.write_text("".join(f"{kind}\t{intent}\n" for kind, intent, _ in rows), encoding="utf-8")
        return
    lines: list[str] = []
    labels: list[str] = []
    for index in range(args.lines):
        source = index % len(texts)
        text = texts[source] if index < len(texts) else variator.vary(texts[source])
        lines.append(text)
        labels.append(intents[source])
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args.labels.write_text("\n".join(labels) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

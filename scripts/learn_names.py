"""Learn the cross-script name matcher's edit costs from parallel news (deterministic).

Usage:
    python scripts/learn_names.py ../shared/data/xwmt-dev ../shared/data/ntrex-dev:0-499 \\
        -o src/aligntext/data/name_edits.tsv [--eval ../shared/data/ntrex-dev:500-999]

Each ``DATA`` is a folder of line-aligned files (``fourway.{en,az,ru,tr}``, and without a line
range its pairwise ``extra.{a}-{b}.*`` files); ``DATA:A-B`` keeps fourway lines A to B only
(inclusive), so that a part kept for measuring is never learned from.

1. Mining: in every aligned line pair of every language pair, the capitalised words of each
   side (the sentence's first word left out) are scored against each other with the current
   model, in plain Latin letters (:func:`aligntext.check.name_model.plain_form`), and paired
   one to one, best first, while the score clears the mining bar.
2. Learning: edit probabilities (a letter written as another, dropped, added) are re-estimated
   from the Viterbi alignments of the mined pairs (hard EM, add-one smoothing), both
   directions, so the table is symmetric in use; the null model is the letter frequencies of
   all capitalised words.
3. Steps 1-2 repeat (``--rounds``); the last model's threshold is the lowest score at which at
   most ``--false-rate`` of the *other* word pairs of the same lines (two different words,
   by the one-to-one pairing) would be taken for one name.

``--eval DATA:A-B`` then measures, on lines not learned from, precision and recall of "same
name" for the hand-made key (:func:`aligntext.check.translit.names_match` on
:func:`~aligntext.check.entities.name_keys`), the learned model, and either. Its reference
pairs are mined there with the untrained starting model (plain edit costs), not with either
matcher under test; its negatives are the other word pairs of the same lines. Both are
approximations (the reference misses names a plain edit distance cannot join, and a word may
be a translation rather than a name), so read the figures side by side, not alone.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

from aligntext.check.entities import name_keys
from aligntext.check.name_model import EPS, EditModel, plain_form
from aligntext.check.translit import names_match

LANGS = ("en", "az", "ru", "tr")
_CAP = re.compile(r"(?<![\w'’-])[A-ZА-ЯЁÇŞĞÜÖİƏ][^\W\d_]{2,}(?:['’][^\W\d_]+)?")
#: Mining bar: a pair scoring below this per letter is no pair.
MINE_MIN = 0.5


def parse_spec(spec: str) -> tuple[Path, tuple[int, int] | None]:
    """``DIR`` or ``DIR:A-B``."""
    m = re.fullmatch(r"(.+?):(\d+)-(\d+)", spec)
    if m:
        return Path(m.group(1)), (int(m.group(2)), int(m.group(3)))
    return Path(spec), None


def line_pairs(spec: str) -> list[tuple[str, str, str, str]]:
    """``(lang_a, line_a, lang_b, line_b)`` for every language pair of a data spec."""
    root, lines = parse_spec(spec)
    out: list[tuple[str, str, str, str]] = []
    four = {}
    for lang in LANGS:
        p = root / f"fourway.{lang}"
        if p.exists():
            rows = p.read_text(encoding="utf-8").splitlines()
            four[lang] = rows[lines[0] : lines[1] + 1] if lines else rows
    for a, b in combinations(sorted(four), 2):
        out.extend((a, x, b, y) for x, y in zip(four[a], four[b], strict=False))
        if lines is None:
            for name_a, name_b in ((a, b), (b, a)):
                pa = root / f"extra.{name_a}-{name_b}.{name_a}"
                pb = root / f"extra.{name_a}-{name_b}.{name_b}"
                if pa.exists() and pb.exists():
                    la = pa.read_text(encoding="utf-8").splitlines()
                    lb = pb.read_text(encoding="utf-8").splitlines()
                    out.extend((name_a, x, name_b, y) for x, y in zip(la, lb, strict=False))
    return out


def capitalised(text: str, lang: str) -> list[tuple[str, str]]:
    """``(word, plain form)`` of the capitalised words of a line, its first word left out."""
    out = []
    for m in _CAP.finditer(text):
        if not text[: m.start()].strip():
            continue
        form = plain_form(m.group(0), lang)
        if len(form) >= 3:
            out.append((m.group(0), form))
    return out


def starting_model(forms: list[str]) -> EditModel:
    """Plain edit costs: a letter kept is cheap, any other edit dear; null model by counts."""
    unigram = _unigram(forms)
    letters = sorted(unigram)
    sub = {(a, b): (0.4 if a == b else 4.5) for a in letters for b in letters}
    dele = dict.fromkeys(letters, 4.0)
    return EditModel(sub, dele, dict(dele), unigram, math.inf)


def _unigram(forms: list[str]) -> dict[str, float]:
    counts = Counter(c for f in forms for c in f)
    total = sum(counts.values()) + len(counts)
    return {c: -math.log((n + 1) / total) for c, n in sorted(counts.items())}


def align(model: EditModel, a: str, b: str) -> list[tuple[str, str]]:
    """The edits of the cheapest alignment of ``a`` and ``b`` (free tails left out)."""
    n, m = len(a), len(b)
    d = model.default
    rows = [[0.0] * (m + 1) for _ in range(n + 1)]
    back = [[""] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        rows[0][j] = rows[0][j - 1] + model.ins.get(b[j - 1], d)
        back[0][j] = "i"
    for i in range(1, n + 1):
        rows[i][0] = rows[i - 1][0] + model.dele.get(a[i - 1], d)
        back[i][0] = "d"
        for j in range(1, m + 1):
            options = (
                (rows[i - 1][j - 1] + model.sub.get((a[i - 1], b[j - 1]), d), "s"),
                (rows[i - 1][j] + model.dele.get(a[i - 1], d), "d"),
                (rows[i][j - 1] + model.ins.get(b[j - 1], d), "i"),
            )
            rows[i][j], back[i][j] = min(options)
    cut = min(
        (rows[i][j] + model.tail(a[i:]) + model.tail(b[j:]), i, j)
        for i in range(min(max(3, n - 4), n), n + 1)
        for j in range(min(max(3, m - 4), m), m + 1)
    )
    i, j = cut[1], cut[2]
    edits: list[tuple[str, str]] = []
    while i > 0 or j > 0:
        op = back[i][j]
        if op == "s":
            edits.append((a[i - 1], b[j - 1]))
            i, j = i - 1, j - 1
        elif op == "d":
            edits.append((a[i - 1], EPS))
            i -= 1
        else:
            edits.append((EPS, b[j - 1]))
            j -= 1
    return edits


def learn(model: EditModel, pairs: list[tuple[str, str]], unigram: dict[str, float]) -> EditModel:
    """One hard-EM step: edit probabilities from the Viterbi alignments of ``pairs``."""
    counts: Counter[tuple[str, str]] = Counter()
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            counts.update(align(model, x, y))
    letters = sorted(unigram)
    events = [(a, b) for a in letters for b in letters]
    events += [(a, EPS) for a in letters] + [(EPS, b) for b in letters]
    total = sum(counts.values()) + len(events)
    cost = {e: -math.log((counts[e] + 1) / total) for e in events}
    sub = {e: c for e, c in cost.items() if EPS not in e}
    dele = {e[0]: c for e, c in cost.items() if e[1] == EPS}
    ins = {e[1]: c for e, c in cost.items() if e[0] == EPS}
    return EditModel(sub, dele, ins, unigram, math.inf, default=max(cost.values()) + 1)


def mine(
    model: EditModel, data: list[tuple[str, str, str, str]], bar: float
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """One-to-one pairs clearing ``bar`` in each line (forms), and the other cross pairs."""
    found: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    for la, xa, lb, xb in data:
        wa = sorted({f for _, f in capitalised(xa, la)})
        wb = sorted({f for _, f in capitalised(xb, lb)})
        scored = sorted(
            ((model.score(x, y), x, y) for x in wa for y in wb),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        partner: dict[str, str] = {}
        for s, x, y in scored:
            if s < bar:
                break
            if x not in partner and y not in partner:
                partner[x], partner[y] = y, x
                found.append((x, y))
        # Two different words: a cross pair at least one of whose words has another partner.
        others.extend(
            (x, y) for _, x, y in scored if partner.get(x) != y and (x in partner or y in partner)
        )
    return found, others


def choose_threshold(model: EditModel, negatives: list[tuple[str, str]], rate: float) -> float:
    """The lowest score that lets at most ``rate`` of ``negatives`` through."""
    scores = sorted((model.score(a, b) for a, b in set(negatives)), reverse=True)
    k = int(rate * len(scores))
    return round(scores[k] + 1e-6, 4) if scores else math.inf


def write_table(model: EditModel, path: Path, note: str) -> None:
    lines = [
        "# Learned edit costs of the cross-script name matcher (aligntext.check.name_model).",
        f"# Built by scripts/learn_names.py {note}",
        "# Columns: letter, letter (- for none), cost (negative log probability).",
        f"# threshold\t{model.threshold:.4f}",
    ]
    items = [((a, b), c) for (a, b), c in model.sub.items()]
    items += [((a, EPS), c) for a, c in model.dele.items()]
    items += [((EPS, b), c) for b, c in model.ins.items()]
    # Only edits the data saw are written; the rest cost the default (the dearest, plus one).
    seen = [(e, c) for e, c in sorted(items) if c < model.default - 1 - 1e-9]
    lines += [f"{a}\t{b}\t{c:.3f}" for (a, b), c in seen]
    lines += [f"unigram\t{a}\t{c:.3f}" for a, c in sorted(model.unigram.items())]
    lines.append(f"# default\t{model.default:.3f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def evaluate(model: EditModel, spec: str) -> None:
    data = line_pairs(spec)
    forms = [f for la, xa, lb, xb in data for _, f in capitalised(xa, la) + capitalised(xb, lb)]
    base = starting_model(forms)
    # Reference pairs by the untrained model, with their words and languages for the key.
    pos: set[tuple[str, str, str, str]] = set()
    neg: set[tuple[str, str, str, str]] = set()
    for la, xa, lb, xb in data:
        ca, cb = capitalised(xa, la), capitalised(xb, lb)
        found, others = mine(base, [(la, xa, lb, xb)], 1.0)
        word_a = {f: w for w, f in ca}
        word_b = {f: w for w, f in cb}
        pos.update((la, word_a[x], lb, word_b[y]) for x, y in found)
        neg.update((la, word_a[x], lb, word_b[y]) for x, y in others)
    neg -= pos

    def key_same(la: str, a: str, lb: str, b: str) -> bool:
        return any(names_match(x, y) for x in name_keys(a, la) for y in name_keys(b, lb))

    def learned_same(la: str, a: str, lb: str, b: str) -> bool:
        fa, fb = plain_form(a, la), plain_form(b, lb)
        return max(model.score(fa, fb), model.score(fb, fa)) >= model.threshold

    print(f"held-out {spec}: {len(pos)} reference name pairs, {len(neg)} other pairs")
    for label, test in (
        ("key", key_same),
        ("learned", learned_same),
        ("key or learned", lambda *x: key_same(*x) or learned_same(*x)),
    ):
        tp = sum(1 for p in pos if test(*p))
        fp = sum(1 for p in neg if test(*p))
        prec = tp / max(tp + fp, 1)
        print(f"  {label:15} precision {prec:.3f}  recall {tp / max(len(pos), 1):.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="+", help="data folders, DIR or DIR:A-B")
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--false-rate", type=float, default=0.005)
    ap.add_argument("--eval", default="", help="held-out DIR:A-B to measure on")
    args = ap.parse_args()
    data = [row for spec in args.data for row in line_pairs(spec)]
    if not data:
        print("no line pairs found", file=sys.stderr)
        return 2
    forms = [f for la, xa, lb, xb in data for _, f in capitalised(xa, la) + capitalised(xb, lb)]
    unigram = _unigram(forms)
    model = starting_model(forms)
    pairs: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    for r in range(args.rounds):
        pairs, others = mine(model, data, MINE_MIN if r else 1.0)
        model = learn(model, pairs, unigram)
        print(f"round {r + 1}: {len(pairs)} name pairs mined from {len(data)} line pairs")
    threshold = choose_threshold(model, others, args.false_rate)
    model = EditModel(model.sub, model.dele, model.ins, unigram, threshold, model.default)
    note = " ".join(args.data) + f" --rounds {args.rounds} --false-rate {args.false_rate}"
    write_table(model, args.output, note)
    print(f"threshold {threshold:.4f}; wrote {args.output}")
    if args.eval:
        evaluate(model, args.eval)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

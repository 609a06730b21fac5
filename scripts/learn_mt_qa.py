#!/usr/bin/env python
"""Learn the data the MT QA checks ship with, from real translations.

Usage:
    python scripts/learn_mt_qa.py ../shared/data/xwmt-dev ../shared/data/ntrex-dev:0-499 \
        -o src/aligntext/data

Each DATA is a folder of line-aligned files, optionally with a line range (0-based,
inclusive) after a colon: ``fourway.{en,az,ru,tr}`` (line i the same sentence in four
languages) and ``extra.{a}-{b}.{a|b}`` (one pair). It writes:

- ``mt-qa-length.tsv``: per direction (all twelve from the four-way files, both ways of each
  extra pair) the mean log length ratio and its variance terms (:mod:`aligntext.qa.length`),
  and the ``@story`` row (how much stories differ in length: how far a document's own
  centre is trusted, :func:`aligntext.qa.length.document_shift`);
- ``mt-qa-endings.tsv``: per language, how often each word ends a line against how often
  it occurs (:mod:`aligntext.qa.truncation`); words seen fewer than ten times are left out
  (the score ignores them); and the same for word endings (last three letters, written
  ``-end``, and last two, written ``=en``) seen at least 30 times;
- ``mt-qa-decision.tsv``: the weights and operating points of the logistic regression that
  decides the length-family findings (:mod:`aligntext.qa.decide`), fitted on the real pairs
  against three sets of broken copies of their targets made by this script's own rules (the
  target cut at a word boundary after 45% to 80% of its characters; a line from at least 20
  lines away appended). The thresholds follow a rule fixed in advance: scored out of fold
  (5-fold, the lines of a story in one fold: ``docids.txt``, else blocks of ten lines),
  ``--false-alarms`` of the real pairs (and a fifth of that for errors) are flagged. Its
  features are cross-fitted: those of a pair in fold k are computed by length and
  final-word tables learnt, as the shipped ones are, from the other folds, so the weights
  see the tables as new text meets them (a line's own words make its last word look like a
  common sentence end);
- ``mt-qa-aztr.tsv``: character n-gram counts of every Azerbaijani and Turkish line
  (:mod:`aligntext.qa.aztr`), n-grams seen fewer than ``--min-count`` times left out.

The output depends only on the data and the options (sorted, no randomness). It also prints
the az/tr model's accuracy by 5-fold cross-validation on the lines it learnt from (lines in
one fold are the same sentence in both languages, so no sentence is on both sides of a
split). Keep the lines you measure on (for example ntrex-dev 500-999) out of DATA.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from aligntext.qa.aztr import DATA_FILE as AZTR_FILE
from aligntext.qa.aztr import AzTrModel, ngrams, write_counts
from aligntext.qa.decide import DATA_FILE as DECISION_FILE
from aligntext.qa.decide import FEATURES, Decision, Tables, signs, write_decision
from aligntext.qa.length import DATA_FILE as LENGTH_FILE
from aligntext.qa.length import (
    PairLength,
    document_shift,
    fit,
    length_z,
    read_table,
    story_variance,
    write_table,
)
from aligntext.qa.truncation import DATA_FILE as ENDINGS_FILE
from aligntext.qa.truncation import (
    MIN_SUFFIX_SEEN,
    SHORT_SUFFIX,
    SUFFIX,
    count_endings,
    count_suffixes,
    read_endings,
)

LANGS = ("en", "az", "ru", "tr")


def parse_spec(spec: str) -> tuple[Path, range | None]:
    """``PATH`` or ``PATH:A-B`` (lines A to B, 0-based, inclusive)."""
    path, sep, lines = spec.rpartition(":")
    if sep and "-" in lines and lines.replace("-", "").isdigit():
        a, b = (int(x) for x in lines.split("-"))
        return Path(path), range(a, b + 1)
    return Path(spec), None


def read_lines(path: Path, lines: range | None) -> list[str]:
    """The lines of ``path`` (only those in ``lines`` when given)."""
    text = path.read_text(encoding="utf-8").split("\n")
    if text and text[-1] == "":
        text.pop()
    return [text[i] for i in lines if i < len(text)] if lines is not None else text


def story_keys(folder: Path, name: str, lines: range | None, n: int) -> list[str]:
    """The story of each of ``n`` lines of ``folder``'s file ``name``: its ``docids.txt``
    where the folder has one, else a block of :data:`STORY_BLOCK` consecutive lines (news
    sets keep a story's lines together)."""
    ids = folder / "docids.txt"
    if ids.is_file() and name == "fourway":
        docs = read_lines(ids, lines)
        if len(docs) == n:
            return [f"{folder.name}/{d}" for d in docs]
    first = lines.start if lines is not None else 0
    return [f"{folder.name}/{name}/{(first + i) // STORY_BLOCK}" for i in range(n)]


def load(
    specs: list[str],
) -> tuple[dict[tuple[str, str], list[tuple[str, str]]], list[dict[str, str]], dict[str, str]]:
    """Pairs per direction, the four-way (or two-way) rows for the az/tr model, and the story
    of each text (:func:`story_keys`)."""
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    rows: list[dict[str, str]] = []
    stories: dict[str, str] = {}
    for spec in specs:
        folder, lines = parse_spec(spec)
        if not folder.is_dir():
            sys.exit(f"error: {folder} is not a folder")
        four = {lang: folder / f"fourway.{lang}" for lang in LANGS}
        if all(p.is_file() for p in four.values()):
            cols = {lang: read_lines(p, lines) for lang, p in four.items()}
            keys = story_keys(folder, "fourway", lines, len(cols["en"]))
            for i in range(len(cols["en"])):
                rows.append({lang: cols[lang][i] for lang in LANGS})
                for lang in LANGS:
                    stories.setdefault(cols[lang][i], keys[i])
            for a in LANGS:
                for b in LANGS:
                    if a != b:
                        pairs.setdefault((a, b), []).extend(zip(cols[a], cols[b], strict=True))
        for left in sorted(folder.glob("extra.*-*.*")):
            name = left.name.split(".")
            a, b = name[1].split("-")
            if name[2] != a:
                continue
            xs = read_lines(left, lines)
            ys = read_lines(folder / f"extra.{a}-{b}.{b}", lines)
            keys = story_keys(folder, f"extra.{a}-{b}", lines, len(xs))
            for x, y, key in zip(xs, ys, keys, strict=False):
                stories.setdefault(x, key)
                stories.setdefault(y, key)
            pairs.setdefault((a, b), []).extend(zip(xs, ys, strict=True))
            pairs.setdefault((b, a), []).extend(zip(ys, xs, strict=True))
            rows.extend({a: x, b: y} for x, y in zip(xs, ys, strict=True))
    return pairs, rows, stories


def count(rows: list[dict[str, str]]) -> dict[str, tuple[int, int]]:
    """N-gram counts over the Azerbaijani and Turkish lines of ``rows``."""
    az: Counter[str] = Counter()
    tr: Counter[str] = Counter()
    for row in rows:
        if row.get("az"):
            az.update(ngrams(row["az"]))
        if row.get("tr"):
            tr.update(ngrams(row["tr"]))
    return {g: (az[g], tr[g]) for g in set(az) | set(tr)}


def prune(counts: dict[str, tuple[int, int]], min_count: int) -> dict[str, tuple[int, int]]:
    """Only n-grams seen at least ``min_count`` times in the two languages together."""
    return {g: c for g, c in counts.items() if c[0] + c[1] >= min_count}


def cross_validate(rows: list[dict[str, str]], min_count: int, folds: int = 5) -> tuple[int, int]:
    """Lines right and lines tested, az and tr lines of every row, ``folds``-fold."""
    right = tested = 0
    for k in range(folds):
        train = [r for i, r in enumerate(rows) if i % folds != k]
        model = AzTrModel.from_counts(prune(count(train), min_count))
        for i, row in enumerate(rows):
            if i % folds != k:
                continue
            for lang in ("az", "tr"):
                if row.get(lang):
                    score, _n = model.score(row[lang])
                    tested += 1
                    right += (score > 0) == (lang == "az")
    return right, tested


def length_table(
    pairs: dict[tuple[str, str], list[tuple[str, str]]],
) -> dict[tuple[str, str], PairLength]:
    """The length model of every direction of ``pairs``."""
    return {direction: fit(ps) for direction, ps in sorted(pairs.items())}


def story_zs(
    pairs: dict[tuple[str, str], list[tuple[str, str]]],
    stories: dict[str, str],
    lengths: dict[tuple[str, str], PairLength],
) -> dict[tuple[str, str, str], dict[str, float]]:
    """The length z-score of each real pair by ``lengths``, per direction and story:
    ``(src lang, tgt lang, story) -> {source: z}``."""
    out: dict[tuple[str, str, str], dict[str, float]] = {}
    for (sl, tl), ps in sorted(pairs.items()):
        for s, t in ps:
            if s.strip() and t.strip() and s in stories:
                z = length_z(s, t, sl, tl, lengths)
                out.setdefault((sl, tl, stories[s]), {})[s] = z
    return out


def endings_lines(rows: list[dict[str, str]]) -> list[str]:
    """The rows of ``mt-qa-endings.tsv`` (no header) learnt from the lines of ``rows``."""
    lines: list[str] = []
    for lang in LANGS:
        texts = list(dict.fromkeys(row[lang] for row in rows if row.get(lang)))
        final, total = count_endings(texts)
        lines.append(f"{lang}\t*\t{len(texts)}\t{sum(total.values())}")
        for word in sorted(total):
            if total[word] >= 10:
                lines.append(f"{lang}\t{word}\t{final[word]}\t{total[word]}")
        # Endings of SUFFIX letters are written "-end", those of SHORT_SUFFIX "=en".
        for letters, mark in ((SUFFIX, "-"), (SHORT_SUFFIX, "=")):
            e_final, e_total = count_suffixes(texts, letters)
            for end in sorted(e_total):
                if e_total[end] >= MIN_SUFFIX_SEEN:
                    lines.append(f"{lang}\t{mark}{end}\t{e_final[end]}\t{e_total[end]}")
    return lines


def tables_without(
    pairs: dict[tuple[str, str], list[tuple[str, str]]],
    rows: list[dict[str, str]],
    fold_of: dict[str, int],
    k: int,
) -> Tables:
    """The length and final-word tables learnt, as the shipped ones are, from every line
    but those of fold ``k`` (written and read back, so rounded as shipped)."""
    kept = {d: [(s, t) for s, t in ps if fold_of[s] != k] for d, ps in pairs.items()}
    lengths = read_table(write_table(length_table(kept), f"fold {k} left out"))
    rest = [r for r in rows if fold_of[next(iter(r.values()))] != k]
    ends = read_endings("\n".join(endings_lines(rest)) + "\n")
    return Tables(lengths, ends)


def broken(ps: list[tuple[str, str]], seed: str) -> list[tuple[str, str]]:
    """Broken copies of the targets of ``ps``: each cut, and each with a far line appended."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    n = len(ps)
    for i, (s, t) in enumerate(ps):
        keep = t[: round(len(t) * rng.uniform(0.45, 0.8))]
        if len(keep) < len(t) and t[len(keep)].isalnum() and " " in keep:
            keep = keep[: keep.rfind(" ")]
        if keep.strip() and keep.strip() != t.strip():
            out.append((s, keep.rstrip()))
        far = [j for j in (rng.randrange(n) for _ in range(10)) if abs(j - i) >= 20]
        if far:
            out.append((s, t.rstrip() + " " + ps[far[0]][1].strip()))
    return out


#: Sets of broken copies per direction the decision learns from (each its own random draw
#: of cut points and appended lines): more broken rows, less chance in the weights.
BROKEN_DRAWS = ("", "#2", "#3")
FOLDS = 5


#: Lines per story where a data folder has no ``docids.txt`` (X-WMT's stories run about ten).
STORY_BLOCK = 10


def folds(
    pairs: dict[tuple[str, str], list[tuple[str, str]]],
    stories: dict[str, str] | None = None,
) -> dict[str, int]:
    """A cross-validation fold per text: the versions of one sentence in every language (all
    texts joined by a real pair) share a fold, so no sentence is on both sides of a split,
    and so do the lines of one story (``stories``: text to story key), so the tables and
    weights of the other folds meet a story's names and wording as they meet new text;
    the fold is a hash of the group's first text, the same on every run."""
    parent: dict[str, str] = {}

    def root(a: str) -> str:
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    texts = {x for ps in pairs.values() for pair in ps for x in pair}
    for ps in pairs.values():
        for s, t in ps:
            join(s, t)
    for text, key in (stories or {}).items():
        if text in texts:
            # A story joins its texts through a node no text can be (a NUL never ends a line).
            join(text, f"\0story {key}")
    first: dict[str, str] = {}
    for text in texts:
        r = root(text)
        first[r] = min(first.get(r, text), text)
    return {
        text: int(hashlib.sha1(first[root(text)].encode()).hexdigest(), 16) % FOLDS
        for text in texts
    }


def _fit(x: Any, y: Any) -> Any:
    """Weights of an L2-penalised logistic regression (Newton steps), classes weighed alike."""
    import numpy as np

    # Each class weighs the same in all, whatever the counts.
    sw = np.where(y == 1, 0.5 / y.sum(), 0.5 / (1 - y).sum()) * len(y)
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * 1.0
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (sw * (p - y)) + penalty @ w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit_decision(
    pairs: dict[tuple[str, str], list[tuple[str, str]]],
    rows: list[dict[str, str]],
    false_alarms: float,
    stories: dict[str, str] | None = None,
    variance: float = 0.0,
) -> tuple[Decision, int, int, float]:
    """The logistic regression of :mod:`aligntext.qa.decide`, and its operating points.

    Each pair is judged as part of its story, as ``check_translations`` judges a document:
    its length z is taken from the story's centre (:func:`document_shift` with the story
    ``variance``), a broken copy's from the story's with that one target broken.

    Cross-fitted: each pair's features are computed by length and final-word tables learnt
    without its fold (:func:`folds`, :func:`tables_without`), so the weights see the tables
    as they behave on new text, not on the lines they counted. The thresholds are set by a
    rule fixed in advance, on out-of-fold scores: each real pair is scored by the model
    fitted without its fold, and the warning threshold flags ``false_alarms`` of the real
    pairs so scored, the error threshold a fifth of that. The weights are then fitted on
    all. Returns the decision, the counts of real and broken pairs, and the share of real
    pairs the in-sample scores would flag at the warning threshold (for the log).
    """
    import numpy as np

    fold_of = folds(pairs, stories)
    tables = [tables_without(pairs, rows, fold_of, k) for k in range(FOLDS)]
    xs: list[tuple[float, ...]] = []
    ys: list[int] = []
    fs: list[int] = []
    stories = stories or {}
    for (sl, tl), ps in sorted(pairs.items()):
        ps = [(s, t) for s, t in ps if s.strip() and t.strip()]
        labelled = [(0, s, t) for s, t in ps]
        for draw in BROKEN_DRAWS:
            labelled += [(1, s, t) for s, t in broken(ps, f"{sl}-{tl}{draw}")]
        # The z of each real pair in its story, by the tables its fold's features use (the
        # lines of a story share a fold); only needed to judge a story by its own centre.
        zs: dict[str, dict[str, float]] = {}
        if variance > 0:
            for s, t in ps:
                if s in stories:
                    z = length_z(s, t, sl, tl, tables[fold_of[s]].length)
                    zs.setdefault(stories[s], {})[s] = z
        for label, s, t in labelled:
            shift = 0.0
            if s in stories and variance > 0:
                story = dict(zs[stories[s]])
                story[s] = length_z(s, t, sl, tl, tables[fold_of[s]].length)
                shift = document_shift(list(story.values()), variance)
            xs.append(signs(s, t, sl, tl, tables[fold_of[s]], shift).values)
            ys.append(label)
            fs.append(fold_of[s])
    x, y, f = np.array(xs), np.array(ys, dtype=float), np.array(fs)
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        w_k = _fit(x[f != k], y[f != k])
        oof[f == k] = x[f == k] @ w_k
    w = _fit(x, y)
    real = np.sort(oof[y == 0])

    def at(share: float) -> float:
        return float(real[min(int(len(real) * (1 - share)), len(real) - 1)])

    warn, err = round(at(false_alarms), 4) + 1e-4, round(at(false_alarms / 5), 4) + 1e-4
    weights = tuple(round(float(v), 4) for v in w)
    in_sample = float(np.mean(x[y == 0] @ np.array(weights) >= warn))
    return Decision(weights, warn, err), int((1 - y).sum()), int(y.sum()), in_sample


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="+", metavar="DATA", help="folder, or folder:A-B")
    parser.add_argument("-o", "--output", required=True, help="folder to write the data files to")
    parser.add_argument("--min-count", type=int, default=2, help="least count of an n-gram kept")
    # 0.006: for mt-qa-4, the largest share (of 0.004 to 0.010, by 0.001) for which all the
    # checks together flag at most 0.8% of the genuine pairs of NTREX dev 250-499 when learnt
    # from X-WMT dev and NTREX dev 0-249 (0.2 points kept for text unlike the tuning lines;
    # 0.0067 there), and the model learnt from all the tuning lines leaves the short headings
    # that lost their full stop alone (HEADINGS in tests/test_mt_qa.py; at 0.007 it flagged
    # one). mt-qa-5 (the final-word score backed off to two-letter endings) leaves them alone
    # up to 0.010, and 0.008 would meet the 0.8%; 0.006 is kept, the largest share that flags
    # no more held-out genuine pairs than mt-qa-4 did (0.0067; 0.0073 at 0.007), since the
    # unseen lines flagged about twice the held-out share with mt-qa-4 (docs/mt-qa.md).
    parser.add_argument(
        "--false-alarms",
        type=float,
        default=0.006,
        help="share of the real pairs the decision may flag, scored out of fold (warnings; "
        "errors a fifth)",
    )
    # Off by default: trained on lengths judged against each story's own centre, the decision
    # flagged no fewer held-out genuine pairs and caught no more cut-offs (docs/mt-qa.md,
    # "Tried and left out"). A file is judged against its own centre all the same.
    parser.add_argument(
        "--document-centre",
        action="store_true",
        help="train the decision on lengths judged against each story's own centre",
    )
    args = parser.parse_args(argv)
    pairs, rows, stories = load(args.data)
    if not pairs:
        sys.exit("error: no fourway.* or extra.* files in the folders given")
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    sources = " ".join(
        Path(parse_spec(s)[0]).name + (s[s.rfind(":") :] if parse_spec(s)[1] else "")
        for s in args.data
    )
    table = length_table(pairs)
    for direction, m in table.items():
        print(
            f"length {direction[0]}-{direction[1]}: n={m.n} mean={m.mean:+.3f} "
            f"a={m.a:.4f} b={m.b:.3f}"
        )
    header = f"Learnt by scripts/learn_mt_qa.py from {sources}."
    variance = story_variance([list(g.values()) for g in story_zs(pairs, stories, table).values()])
    print(f"length: story variance of the mean z {variance:.4f}")
    (out / LENGTH_FILE).write_text(write_table(table, header, variance), encoding="utf-8")
    counts = prune(count(rows), args.min_count)
    (out / AZTR_FILE).write_text(
        write_counts(counts, header + f"\nmin-count {args.min_count}; gram, Azerbaijani, Turkish"),
        encoding="utf-8",
    )
    lines = [f"# {header}", "# lang, word, lines it ended, occurrences", *endings_lines(rows)]
    (out / ENDINGS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    # The decision's features are computed by tables learnt without each pair's fold, not
    # by the files just written nor the installed ones.
    dec, n_real, n_broken, in_sample = fit_decision(
        pairs, rows, args.false_alarms, stories, variance if args.document_centre else 0.0
    )
    (out / DECISION_FILE).write_text(
        write_decision(dec, header + f"\nfalse alarms {args.false_alarms}; feature, weight"),
        encoding="utf-8",
    )
    print(
        f"decision: {n_real} real pairs, {n_broken} broken; "
        + " ".join(f"{f}={v:+.2f}" for f, v in zip(FEATURES, dec.weights, strict=True))
        + f"; warning at {dec.warning:+.2f}, error at {dec.error:+.2f} (out of fold; "
        f"{in_sample:.4f} of the real pairs flagged in sample)"
    )
    right, tested = cross_validate(rows, args.min_count)
    print(
        f"az/tr: {len(counts)} n-grams; 5-fold accuracy {right}/{tested} = "
        f"{right / max(tested, 1):.4f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A learnt decision for the length-family findings: ``truncated``, ``addition``, ``length``.

A cut-off or padded translation leaves several weak signs (a length z-score, a missing final
mark, a last word or word ending that seldom ends a sentence, a quotation left open, trailing
sentences the source has no room for, facts of the target's own); none is enough alone and
hand thresholds on each fit the lines they were tuned on. Here every sign is a feature and a
logistic regression weighs them: ``scripts/learn_mt_qa.py`` fits it on real translations
(untouched) against broken copies of them made by its own rules (a tail cut off, a sentence
from elsewhere appended), and picks the operating points on the real ones, scored out of
fold (warnings for a set share of them, errors for a fifth of that). The weights and
thresholds ship as ``data/mt-qa-decision.tsv``.

Two things keep the decision from trusting the lines it learnt from. Its features are
cross-fitted: each training pair's signs come from length and final-word tables learnt
without that pair's sentence (:class:`Tables`), as new text meets the shipped tables. And it
has few features: the signs and a few products (a missing final mark times the short side,
the source's length and the final-word scores, which keep a short heading that lost its
full stop from reading as cut; a heading times the short side; the squared z-scores); the
other products of signs an earlier version weighed fitted the tuning lines and flagged more
of the held-out ones (NTREX dev 250-499, learnt without them; ``docs/mt-qa.md``).

The finding's type is then read off the signs: trailing sentences that account for the
extra length are an ``addition``, a target that stops without its final mark is
``truncated``, anything else (a full sentence far too short or too long) is ``length``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from aligntext.qa.addition import Tail, extra_tail, unmatched_facts
from aligntext.qa.length import PairLength, length_z
from aligntext.qa.shipped import Shipped
from aligntext.qa.text import (
    content_length,
    ends_sentence,
    last_mark,
    open_quotes,
    split_sentences,
)
from aligntext.qa.truncation import (
    DANGLING,
    Endings,
    backoff_score,
    ending_score,
    suffix_score,
)

#: The data file, under ``aligntext/data``.
DATA_FILE = "mt-qa-decision.tsv"
#: The features, in the order of the weights (the first is the intercept).
FEATURES: tuple[str, ...] = (
    "bias",
    "z_short",  # max(-z, 0), capped at 8: shorter than usual
    "z_long",  # max(z, 0), capped at 8: longer than usual
    "no_mark",  # the source ends as a sentence does, the target does not
    "no_mark_short",  # no_mark times z_short: a missing mark on a short target
    "dangling",  # the target stops on a comma, a dash, an opening quote
    "end_rare",  # without a final mark: how seldom its last word ends a sentence
    "end_typical",  # without a final mark: how often its last word ends one
    "run_on",  # the source has no final mark (a heading), the target has one
    "tail_gain",  # z drop when trailing target sentences are left out (capped at 6)
    "tail_new",  # facts in those sentences that match nothing in the source (capped at 3)
    "tail_matched",  # those sentences have facts, all of them the source's
    "added_facts",  # facts of the target's own, in a target longer than usual (capped at 3)
    "missing_facts",  # facts of the source the target lacks, in a shorter one (capped at 3)
    "heading",  # neither side ends as a sentence does (a heading, a caption)
    "heading_short",  # heading times z_short
    "z_short_sq",  # z_short squared over 8: far shorter counts more than linearly
    "z_long_sq",  # z_long squared over 8
    "has_tail",  # there are trailing sentences that bring the length back
    "src_len",  # log of the source's letters and digits, less 4.5 (about 90 characters)
    "no_mark_len",  # no_mark times src_len: a heading given a full stop is short
    "no_mark_rare",  # no_mark times end_rare
    "no_mark_suffix_rare",  # no_mark times suffix_rare
    "no_mark_src_end",  # no_mark times the source's final-word score
    "rest_short",  # how far short (z) the target is once its trailing sentences are left out
    "more_sentences",  # the target has more sentences than the source
    "quote_open",  # the target leaves a quotation open, the source does not
    "suffix_rare",  # without a final mark: how seldom its last word's ending ends a sentence
    "suffix_typical",  # without a final mark: how often it does
    "end_any_rare",  # without a final mark: the word's score, else its ending's (3 letters, 2)
    "end_any_typical",  # the same, how often
    "no_mark_quoted",  # no_mark, and the target ends on a closing quotation mark
    "tail_shared",  # share of the trailing sentences' long words kin to a source word's
    "tail_unshared",  # the trailing sentences share no long word with the source
)
# Facts of the target's own are only looked for above this z (the fact checker is slow).
_Z_FACTS = 1.0
_CAP_Z = 8.0
# A length this far from the usual (z) is an error whatever the decision says: half the
# sentence gone, or twice the text. The broken copies the decision learns from are cut or
# padded by a third or so, so it has not seen targets this far off and caps the z features.
Z_FAR = 6.0


def quote_open(text: str) -> bool:
    """Whether ``text`` leaves a quotation open (a cut inside a quotation), as
    :func:`aligntext.qa.text.open_quotes` counts them: guillemets, curly quotes (Russian
    ``„...“`` closed as Russian closes it) and straight double quotes by parity."""
    return open_quotes(text) > 0


@dataclass(frozen=True)
class Signs:
    """The features of one pair, and what the finding needs to say."""

    values: tuple[float, ...]
    z: float
    tail: Tail | None
    added: tuple[str, ...]


@dataclass(frozen=True)
class Tables:
    """Learnt tables to compute the signs by, in place of the shipped ones.

    The learning script computes each training pair's signs by tables learnt without that
    pair's sentence (cross-fitting): a sentence's own words make its last word look like a
    common sentence end, so signs by tables that saw it are kinder than those of new text,
    and weights fitted on them trust the tables more than new text allows.
    """

    length: Mapping[tuple[str, str], PairLength]
    endings: Mapping[str, Endings]


def signs(
    src: str,
    tgt: str,
    src_lang: str,
    tgt_lang: str,
    tables: Tables | None = None,
    shift: float = 0.0,
) -> Signs:
    """The features (:data:`FEATURES`) of a translation next to its source, by ``tables``
    (the shipped ones by default), the length z-score taken from the document's own centre
    ``shift`` (:func:`aligntext.qa.length.document_shift`)."""
    lengths = tables.length if tables is not None else None
    ends = tables.endings if tables is not None else None
    z = length_z(src, tgt, src_lang, tgt_lang, lengths) - shift
    short, long_ = min(max(-z, 0.0), _CAP_Z), min(max(z, 0.0), _CAP_Z)
    src_ends, tgt_ends = ends_sentence(src), ends_sentence(tgt)
    no_mark = float(src_ends and not tgt_ends)
    dangling = float(last_mark(tgt) in DANGLING and last_mark(src) not in DANGLING)
    score = 0.0 if tgt_ends else ending_score(tgt, tgt_lang, ends)
    tail = extra_tail(src, tgt, src_lang, tgt_lang, z, lengths, shift) if z > 0 else None
    missing: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    if z < 0 or z >= _Z_FACTS:
        missing, added = unmatched_facts(src, tgt, src_lang, tgt_lang)
        missing, added = (missing, ()) if z < 0 else ((), added)
    rare, typical = max(-score, 0.0), max(score, 0.0)
    gain = min(tail.gain, 6.0) if tail else 0.0
    new = float(min(len(tail.new), 3)) if tail else 0.0
    matched = float(bool(tail and tail.n_facts and not tail.new))
    heading = float(not src_ends and not tgt_ends)
    run_on = float(not src_ends and tgt_ends)
    n_missing = float(min(len(missing), 3))
    # A heading given a full stop (or a sentence that lost one) is short; a cut sentence may
    # be any length: the source's length tells the two apart where the z-score cannot.
    src_len = math.log(max(content_length(src), 1)) - 4.5
    rest_short = max(tail.gain - z, 0.0) if tail else 0.0
    more = float(len(split_sentences(tgt, tgt_lang)) > len(split_sentences(src, src_lang)))
    opened = float(quote_open(tgt) and not quote_open(src))
    suffix = 0.0 if tgt_ends else suffix_score(tgt, tgt_lang, ends)
    s_rare, s_typical = max(-suffix, 0.0), max(suffix, 0.0)
    # A third of the words a cut target stops on are too rare for a word or three-letter
    # score: the last two letters still say something (and say a heading's verb is an end).
    any_end = 0.0 if tgt_ends else backoff_score(tgt, tgt_lang, ends)
    values = (
        1.0,
        short,
        long_,
        no_mark,
        no_mark * short,
        dangling,
        rare,
        typical,
        run_on,
        gain,
        new,
        matched,
        float(min(len(added), 3)),
        n_missing,
        heading,
        heading * short,
        short * short / 8,
        long_ * long_ / 8,
        float(tail is not None),
        src_len,
        no_mark * src_len,
        no_mark * rare,
        no_mark * s_rare,
        no_mark * ending_score(src, src_lang, ends),
        rest_short,
        more,
        opened,
        s_rare,
        s_typical,
        max(-any_end, 0.0),
        max(any_end, 0.0),
        no_mark * float(tgt.rstrip()[-1:] in "\"»”’'"),
        # A translator who splits a sentence keeps its names and loanwords in both halves;
        # a sentence from elsewhere shares none of them.
        tail.shared if tail else 0.0,
        float(bool(tail and tail.shared == 0.0)),
    )
    return Signs(values, z, tail, added)


@dataclass(frozen=True)
class Decision:
    """The weights and the two operating points (log-odds) of the learnt decision."""

    weights: tuple[float, ...]
    warning: float
    error: float

    def logit(self, values: tuple[float, ...]) -> float:
        """The log-odds that a pair with these feature values is broken."""
        return sum(w * x for w, x in zip(self.weights, values, strict=True))


def read_decision(text: str) -> Decision:
    """Parse the TSV the learning script writes: ``name value`` rows (``#`` comments): one
    per feature, then ``@warning`` and ``@error``."""
    rows: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.split("\t")
            rows[name] = float(value)
    return Decision(tuple(rows.get(f, 0.0) for f in FEATURES), rows["@warning"], rows["@error"])


def write_decision(decision: Decision, header: str) -> str:
    """The TSV of ``decision``, figures rounded (the same data gives the same file)."""
    lines = [f"# {h}" for h in header.splitlines()]
    lines += [f"{f}\t{w:.4f}" for f, w in zip(FEATURES, decision.weights, strict=True)]
    lines += [f"@warning\t{decision.warning:.4f}", f"@error\t{decision.error:.4f}"]
    return "\n".join(lines) + "\n"


_DECISION = Shipped(DATA_FILE, read_decision)


def decision() -> Decision:
    """The shipped decision."""
    return _DECISION.get()


@dataclass(frozen=True)
class Verdict:
    """A length-family finding: type, severity, message and the target span it concerns."""

    type: str
    severity: str
    message: str
    start: int = -1
    end: int = -1


def _preview(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1]}…"'


def judge(src: str, tgt: str, src_lang: str, tgt_lang: str, shift: float = 0.0) -> Verdict | None:
    """The length-family finding of a pair, or ``None`` when the decision finds it fine
    (length z-scores less the document's ``shift``)."""
    s = signs(src, tgt, src_lang, tgt_lang, shift=shift)
    d = decision()
    logit = d.logit(s.values)
    far = abs(s.z) >= Z_FAR
    if logit < d.warning and not far:
        return None
    sev = "error" if logit >= d.error or far else "warning"
    p = 1.0 / (1.0 + math.exp(-max(min(logit, 30.0), -30.0)))
    z = s.z
    if s.tail is not None and z > 0:
        t = s.tail
        plural = "s" if t.k > 1 else ""
        why = f" (with {', '.join(t.new)})" if t.new else ""
        return Verdict(
            "addition",
            sev,
            f"target ends with {t.k} sentence{plural} the source has no room for{why}: "
            f"{_preview(tgt[t.start :])} (z {z:+.1f}; p {p:.2f})",
            t.start,
            len(tgt.rstrip()),
        )
    if not ends_sentence(tgt) and (z < 0 or s.values[5]):
        mark, last = last_mark(tgt), (tgt.split() or [""])[-1]
        how = f'on "{mark}"' if s.values[5] else f'on "{last}", with no final mark'
        return Verdict(
            "truncated",
            sev,
            f"target stops mid-sentence, {how}, and is shorter than usual (z {z:+.1f}; p {p:.2f})",
        )
    if s.added and z > 0:
        return Verdict(
            "addition",
            sev,
            f"target is longer than usual (z {z:+.1f}) and has facts the source lacks: "
            f"{', '.join(s.added)}",
        )
    how = "shorter" if z < 0 else "longer"
    return Verdict(
        "length",
        sev,
        f"target is much {how} than {src_lang}-{tgt_lang} translations usually are "
        f"({len(tgt.strip())} characters for {len(src.strip())}; z {z:+.1f})",
    )

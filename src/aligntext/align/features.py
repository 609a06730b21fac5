"""Per-sentence features and the cost model of the sentence aligner.

Every sentence is described once, up front, by cheap features that survive translation:

- its length in characters (Gale and Church 1993: lengths of mutual translations are
  proportional, with a variance that grows with the length);
- *anchors*: the numbers, dates and named entities found by the mismatch checker's
  extractors (:func:`aligntext.check.extract_facts`), plus transliterated word keys (names and
  loan words such as ``Pakistan`` / ``Пакистан`` / ``Pakistanın`` share a consonant skeleton);
- punctuation that translators keep: question and exclamation marks, quotes (a single
  quote outside a word counts: some versions quote with ``’`` where others use ``«»``),
  brackets, colons, percent signs and the number of numerals.

Anchors are compared through hashed keys. The aligner turns them into sparse rewards of
whole beads once (:func:`anchor_spans`): a bead earns each key found on both of its sides
once, however many of its sentences repeat it, so a headline that repeats its lead's names
does not make merging the two look better than it is. Optional semantic scorers
(:class:`SemanticScorer`) give each sentence a vector; a bead's similarity is the cosine of
the summed vectors of its two sides (vecalign's approximation of embedding the concatenated
sentences).
"""

from __future__ import annotations

import math
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
import regex

from aligntext.errors import InputError

if TYPE_CHECKING:
    from aligntext.translate.base import Translator
    from aligntext.types import Fact

#: Characters per character of English, from professionally translated news in the four
#: languages; the starting point of the length ratio before the documents themselves refine it.
LENGTH_FACTOR: dict[str, float] = {"en": 1.0, "ru": 1.12, "az": 1.03, "tr": 1.03}

# Punctuation classes a translator keeps: (characters, weight of one unit of difference).
# Quotes count characters (a quoted phrase has two); numerals count number tokens.
_PUNCT_CLASSES: tuple[tuple[str, float], ...] = (
    ("?", 1.5),
    ("!", 1.0),
    ('"“”„‟«»', 0.4),
    ("([", 0.8),
    (":", 0.3),
    (";", 0.3),
    ("%", 0.8),
)
PUNCT_WEIGHTS = np.array([w for _, w in _PUNCT_CLASSES] + [0.5], dtype=np.float64)
_NUMBER_CLASS = len(_PUNCT_CLASSES)

_WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}'’]*")
# A numeral with optional group or decimal separators: 60.000 / 60,000 / 60 000 / 3,5.
_NUMBER_RE = regex.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
# A typographic or straight single quote that is not inside a word (``’word’`` but not
# ``Xhaka’s`` / ``Pakistan’ın``): some versions quote with it where others use "" or «».
_SINGLE_QUOTE_RE = regex.compile(r"(?<!\p{L})['’‘]|['’‘](?!\p{L})")
_QUOTE_CLASS = 2


def word_keys(text: str, lang: str) -> set[str]:
    """Transliterated keys of the words and numerals of ``text``, comparable across scripts.

    A word gives the first four consonants of the checker's transliteration key
    (:func:`aligntext.check.translit.translit_key`: ``Pakistan`` / ``Пакистана`` /
    ``Pakistanın`` agree; three consonants match too often by chance); a numeral gives its
    digits without separators, so ``60.000`` and ``60,000`` agree.
    """
    from aligntext.check.translit import word_skeleton

    keys: set[str] = set()
    for m in _WORD_RE.finditer(text):
        skel = word_skeleton(m.group(), lang)
        if len(skel) >= 4:
            keys.add("w:" + skel[:4])
    for m in _NUMBER_RE.finditer(text):
        digits = regex.sub(r"\D", "", m.group())
        keys.add("n:" + digits.lstrip("0")[:12] if digits.strip("0") else "n:0")
    return keys


def punctuation_counts(text: str) -> np.ndarray:
    """Counts of the punctuation classes in :data:`PUNCT_WEIGHTS` order (last: numerals)."""
    counts = np.zeros(len(PUNCT_WEIGHTS), dtype=np.float64)
    for k, (chars, _) in enumerate(_PUNCT_CLASSES):
        counts[k] = sum(text.count(ch) for ch in chars)
    counts[_QUOTE_CLASS] += len(_SINGLE_QUOTE_RE.findall(text))
    counts[_NUMBER_CLASS] = len(_NUMBER_RE.findall(text))
    return counts


@dataclass
class SideFeatures:
    """The features of one side's sentences, computed once.

    Args:
        lengths: characters per sentence.
        punct: punctuation counts, one row per sentence.
        keys: transliterated word and numeral keys per sentence.
        facts: the checker's facts per sentence.
        fact_keys: ``kind:key`` of each sentence's facts (possibly unified across sides).
        facts_done: the sentences whose facts have been extracted.
    """

    lengths: np.ndarray
    punct: np.ndarray
    keys: list[set[str]]
    facts: list[list[Fact]]
    fact_keys: list[set[str]] = field(default_factory=list)
    facts_done: set[int] = field(default_factory=set)


def side_features(texts: Sequence[str], lang: str, *, with_facts: bool = True) -> SideFeatures:
    """Compute :class:`SideFeatures` for sentences in ``lang``.

    With ``with_facts=False`` the facts are left empty, to be filled by :func:`add_facts`
    for the sentences that need them.
    """
    n = len(texts)
    punct = np.zeros((n, len(PUNCT_WEIGHTS)), dtype=np.float64)
    keys: list[set[str]] = []
    lengths = np.zeros(n, dtype=np.float64)
    for i, text in enumerate(texts):
        text = unicodedata.normalize("NFC", text)
        lengths[i] = len(text)
        punct[i] = punctuation_counts(text)
        keys.append(word_keys(text, lang))
    side = SideFeatures(lengths, punct, keys, [[] for _ in range(n)], [set() for _ in range(n)])
    if with_facts:
        add_facts(side, texts, lang, range(n))
    return side


def add_facts(side: SideFeatures, texts: Sequence[str], lang: str, indices: Iterable[int]) -> None:
    """Extract the checker's facts (:func:`aligntext.check.extract_facts`) of some sentences."""
    from aligntext.check import extract_facts

    for i in indices:
        if i in side.facts_done:
            continue
        side.facts_done.add(i)
        facts = list(extract_facts(unicodedata.normalize("NFC", texts[i]), lang))
        side.facts[i] = facts
        side.fact_keys[i] = {f"{f.kind}:{f.key}" for f in facts}


def unify_fact_keys(src: SideFeatures, tgt: SideFeatures, budget: int = 20000) -> None:
    """Give facts that :func:`aligntext.check.facts_match` pairs across sides the same key.

    Exact key equality catches most anchors; the rest (an entity spelled differently in two
    scripts, a number written in words) are compared pairwise among the keys left unmatched,
    at most ``budget`` comparisons so that long documents stay linear.
    """
    from aligntext.check import facts_match

    src_by_key: dict[str, Fact] = {}
    tgt_by_key: dict[str, Fact] = {}
    for fs in src.facts:
        for f in fs:
            src_by_key.setdefault(f"{f.kind}:{f.key}", f)
    for fs in tgt.facts:
        for f in fs:
            tgt_by_key.setdefault(f"{f.kind}:{f.key}", f)
    lone_src = [k for k in src_by_key if k not in tgt_by_key]
    lone_tgt = [k for k in tgt_by_key if k not in src_by_key]
    if not lone_src or not lone_tgt or len(lone_src) * len(lone_tgt) > budget:
        return
    # The closest source key a target key matches, not the first ('Brislane', 'Boris Jonson').
    best: dict[str, tuple[float, str]] = {}
    for ks in lone_src:
        a = src_by_key[ks]
        for kt in lone_tgt:
            if a.kind == tgt_by_key[kt].kind and facts_match(a, tgt_by_key[kt]):
                sim = (SequenceMatcher(None, ks, kt).ratio(), ks)
                best[kt] = max(best.get(kt, sim), sim)
    rename = {kt: ks for kt, (_, ks) in best.items()}
    tgt.fact_keys = [{rename.get(k, k) for k in ks} for ks in tgt.fact_keys]


@dataclass(frozen=True)
class CostParams:
    """Weights of the bead cost (lower cost is better; units are roughly nats).

    Args:
        ratio: expected target characters per source character.
        variance: Gale-Church variance of the length difference per character.
        w_len: weight of the length term.
        null: cost of leaving one sentence unaligned (1-0 / 0-1 beads).
        many: extra cost of a 2-1 or 1-2 bead.
        many2: extra cost of a 2-2 bead.
        many3: extra cost of a 1-3 or 3-1 bead.
        w_word: reward per shared word key, scaled by its rarity in the documents.
        w_learned: reward per shared word pair learnt from the documents
            (:func:`learn_lexicon`), scaled by rarity.
        w_fact: reward per shared fact (number, date, entity), scaled by rarity.
        w_lone: cost per fact of an aligned bead that has no counterpart on the other side.
        w_lone_null: cost per fact of a sentence left unaligned (lower than ``w_lone``:
            a sentence whose facts match nothing nearby is more likely added or dropped).
        w_punct: weight of the punctuation difference.
        w_sem: weight of the semantic similarity, when a scorer is given.
        prior_shift: ``((a, b), shift)`` pairs added to the cost of ``a``-``b`` beads, fitted
            to the document by :func:`aligntext.align.search.align`'s second pass.
    """

    ratio: float = 1.0
    variance: float = 8.0
    w_len: float = 0.8
    null: float = 3.0
    many: float = 2.8
    many2: float = 5.5
    many3: float = 5.0
    w_word: float = 1.0
    w_learned: float = 1.0
    w_fact: float = 1.0
    w_lone: float = 0.3
    w_lone_null: float = 0.1
    w_punct: float = 1.6
    w_sem: float = 8.0
    prior_shift: tuple[tuple[tuple[int, int], float], ...] = ()

    def bead_costs(self) -> dict[tuple[int, int], float]:
        """The cost of each bead shape, ``prior_shift`` left out (a 1-1 bead costs nothing)."""
        return {
            (1, 1): 0.0,
            (1, 0): self.null,
            (0, 1): self.null,
            (2, 1): self.many,
            (1, 2): self.many,
            (2, 2): self.many2,
            (1, 3): self.many3,
            (3, 1): self.many3,
        }


def length_cost(ls: np.ndarray | float, lt: np.ndarray, params: CostParams) -> np.ndarray:
    """Gale-Church length cost of beads with ``ls`` source and ``lt`` target characters.

    The difference ``lt - ratio * ls`` is normal with a variance proportional to the bead's
    length; the cost is half its squared z-score.
    """
    scale = params.variance * (params.ratio * ls + lt) / 2.0 + 1.0
    delta = lt - params.ratio * ls
    return params.w_len * (delta * delta) / (2.0 * scale)


def punct_cost(ps: np.ndarray, pt: np.ndarray, params: CostParams) -> np.ndarray:
    """Weighted difference of punctuation counts; ``ps`` is one row, ``pt`` a matrix."""
    return params.w_punct * (np.abs(pt - ps) * PUNCT_WEIGHTS).sum(axis=-1)


# Rarity is counted as if a short document had this many sentences: a name shared by two
# of ten sentences is as telling as one shared by two of forty.
_RARITY_MIN_SENTENCES = 40

#: Occurrences of a key closer than this on one side can fall in the same bead.
_MAX_SPAN = 3


def _shared_keys(
    src: SideFeatures, tgt: SideFeatures, params: CostParams, max_pairs_per_key: int = 0
) -> Iterable[tuple[np.ndarray, np.ndarray, float]]:
    """The keys both sides hold: ``(source sentences, target sentences, weight)`` each.

    A key's weight is its kind's weight times its rarity, ``log(N / df)`` over both documents
    (a name in every sentence says little about which sentences correspond). Keys too common
    to be informative are skipped.
    """
    n, m = len(src.keys), len(tgt.keys)
    total = n + m
    cap = max_pairs_per_key or max(400, 8 * total)
    src_occ: dict[str, list[int]] = {}
    tgt_occ: dict[str, list[int]] = {}
    # Sorted, not set order: the order of the keys is the order their rewards are summed in,
    # and set order changes with the interpreter's hash seed.
    for side, occ, facts in ((src, src_occ, src.fact_keys), (tgt, tgt_occ, tgt.fact_keys)):
        for i, ks in enumerate(side.keys):
            for k in sorted(ks):
                occ.setdefault(k, []).append(i)
        for i, ks in enumerate(facts):
            for k in sorted(ks):
                occ.setdefault("f:" + k, []).append(i)
    for k, s_list in src_occ.items():
        t_list = tgt_occ.get(k)
        if t_list is None:
            continue
        cs, ct = len(s_list), len(t_list)
        if cs * ct > cap:
            continue
        rarity = max(math.log(max(total, _RARITY_MIN_SENTENCES) / (cs + ct)), 0.0)
        if k.startswith("f:"):
            # A matched fact also cancels the lone-fact cost both sides paid for it.
            weight = params.w_fact * rarity + 2.0 * params.w_lone
        elif k.startswith("x:"):
            weight = params.w_learned * rarity
        else:
            weight = params.w_word * rarity
        if weight > 0:
            yield np.asarray(s_list, dtype=np.int64), np.asarray(t_list, dtype=np.int64), weight


def _empty_pairs() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    empty = np.zeros(0, dtype=np.int64)
    return empty, empty, np.zeros(0)


def _expand(
    rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, a: int, b: int, n: int, m: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every ``a``-``b`` bead (by its last sentences) that holds one of the pairs."""
    r = (rows[:, None, None] + np.arange(a)[None, :, None]).repeat(b, axis=2).ravel()
    c = (cols[:, None, None] + np.arange(b)[None, None, :]).repeat(a, axis=1).ravel()
    v = np.repeat(vals, a * b)
    keep = (r < n) & (c < m)
    return r[keep], c[keep], v[keep]


def anchor_spans(
    src: SideFeatures,
    tgt: SideFeatures,
    params: CostParams,
    shapes: Iterable[tuple[int, int]],
    max_pairs_per_key: int = 0,
    centre: np.ndarray | None = None,
    max_offset: float = math.inf,
) -> dict[tuple[int, int], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Anchor rewards of whole beads, per bead shape ``(a, b)``.

    For each shape, sparse ``(last source sentence, last target sentence, reward)`` arrays:
    the bead of ``a`` source sentences ending at the first index and ``b`` target sentences
    ending at the second earns the weight of every key that occurs on both of its sides,
    once. Counting keys as sets, rather than summing sentence pairs, keeps a headline that
    repeats the names of its lead sentence from paying a merge of the two twice.

    With ``centre`` (the expected target position of each source sentence), pairs more than
    ``max_offset`` target sentences away from it are left out: the banded search never looks
    there, and long documents that repeat their names stay linear in time and memory.
    """
    shapes = [(a, b) for a, b in shapes if a and b]
    n, m = len(src.keys), len(tgt.keys)
    if n == 0 or m == 0 or not shapes:
        return {shape: _empty_pairs() for shape in shapes}
    where = centre if centre is not None and math.isfinite(max_offset) else None
    # Keys whose occurrences on each side lie too far apart to share a bead: their pairs
    # expand without overlaps, all at once. The others are expanded key by key, as sets.
    fast: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]] = ([], [], [])
    slow: dict[tuple[int, int], tuple[list[np.ndarray], ...]] = {sh: ([], [], []) for sh in shapes}
    for s_arr, t_arr, weight in _shared_keys(src, tgt, params, max_pairs_per_key):
        if len(s_arr) == 1 and len(t_arr) == 1:
            if where is None or abs(t_arr[0] - where[s_arr[0]]) <= max_offset:
                fast[0].append(s_arr)
                fast[1].append(t_arr)
                fast[2].append(np.full(1, weight))
            continue
        si, ti = np.meshgrid(s_arr, t_arr, indexing="ij")
        si, ti = si.ravel(), ti.ravel()
        if where is not None:
            near = np.abs(ti - where[si]) <= max_offset
            si, ti = si[near], ti[near]
            if not len(si):
                continue
        if np.all(np.diff(s_arr) >= _MAX_SPAN) and np.all(np.diff(t_arr) >= _MAX_SPAN):
            fast[0].append(si)
            fast[1].append(ti)
            fast[2].append(np.full(len(si), weight))
            continue
        for a, b in shapes:
            r, c, _ = _expand(si, ti, np.zeros(len(si)), a, b, n, m)
            ends = np.unique(r * m + c)
            slow_rows, slow_cols, slow_vals = slow[(a, b)]
            slow_rows.append(ends // m)
            slow_cols.append(ends % m)
            slow_vals.append(np.full(len(ends), weight))
    result = {}
    base = tuple(np.concatenate(x) if x else np.zeros(0) for x in fast)
    for a, b in shapes:
        rows, cols, vals = _expand(
            base[0].astype(np.int64), base[1].astype(np.int64), base[2], a, b, n, m
        )
        srows, scols, svals = slow[(a, b)]
        result[(a, b)] = (
            np.concatenate([rows, *srows]),
            np.concatenate([cols, *scols]),
            np.concatenate([vals, *svals]),
        )
    return result


_STEM_RE = regex.compile(r"\p{L}{3,}")


def _stems(text: str, lang: str) -> set[str]:
    from aligntext.check.translit import lower

    return {lower(w, lang)[:5] for w in _STEM_RE.findall(text)}


def learn_lexicon(
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    pairs: Sequence[tuple[int, int]],
    min_count: int = 2,
    min_dice: float = 0.5,
) -> tuple[list[set[str]], list[set[str]]]:
    """Word correspondences learnt from confidently aligned sentence pairs (as hunalign does
    without a dictionary), returned as extra anchor keys per source and target sentence.

    A source and a target word stem (first five letters) that occur together in at least
    ``min_count`` pairs, whose Dice coefficient over the whole documents is at least
    ``min_dice``, and that are each other's best partner, become one shared key.
    """
    src_stems = [_stems(t, src_lang) for t in src_texts]
    tgt_stems = [_stems(t, tgt_lang) for t in tgt_texts]
    df_s: dict[str, int] = {}
    df_t: dict[str, int] = {}
    for stems, df in ((src_stems, df_s), (tgt_stems, df_t)):
        for ss in stems:
            for w in ss:
                df[w] = df.get(w, 0) + 1
    together: dict[tuple[str, str], int] = {}
    # Stems in sorted order: a tie in Dice goes to the pair met first, and that must not
    # depend on set order (the hash seed), or two runs on the same files align differently.
    for i, j in pairs:
        for a in sorted(src_stems[i]):
            for b in sorted(tgt_stems[j]):
                together[(a, b)] = together.get((a, b), 0) + 1
    best_s: dict[str, tuple[float, str]] = {}
    best_t: dict[str, tuple[float, str]] = {}
    for (a, b), c in together.items():
        if c < min_count:
            continue
        dice = 2.0 * c / (df_s[a] + df_t[b])
        if dice < min_dice:
            continue
        if dice > best_s.get(a, (0.0, ""))[0]:
            best_s[a] = (dice, b)
        if dice > best_t.get(b, (0.0, ""))[0]:
            best_t[b] = (dice, a)
    links = {a: b for a, (_, b) in best_s.items() if best_t[b][1] == a}
    back = {b: a for a, b in links.items()}
    add_s = [{"x:" + w for w in ss if w in links} for ss in src_stems]
    add_t = [{"x:" + back[w] for w in ts if w in back} for ts in tgt_stems]
    return add_s, add_t


# --- optional semantic scorers -----------------------------------------------------------


@runtime_checkable
class SemanticScorer(Protocol):
    """Gives sentences vectors whose cosine says how well they translate each other.

    ``encode`` returns one L2-normalised row per sentence for each side; the aligner scores a
    bead by the cosine of the summed rows of its source and target sentences.
    """

    def encode(
        self, src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str
    ) -> tuple[np.ndarray, np.ndarray]:
        """Vectors for the source and the target sentences."""
        ...

    def signature_fields(self) -> tuple[tuple[str, str], ...]:
        """``(key, value)`` pairs naming the scorer for the alignment's signature."""
        ...


def char_ngram_vectors(texts: Sequence[str], dim: int = 4096, orders=(2, 3, 4)) -> np.ndarray:
    """Hashed, L2-normalised character n-gram counts (a chrF-like bag) of ``texts``."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, text in enumerate(texts):
        s = " ".join(text.lower().split())
        for k in orders:
            for p in range(len(s) - k + 1):
                gram = s[p : p + k]
                if " " in gram[1:-1]:
                    continue
                out[i, zlib.crc32(gram.encode("utf-8")) % dim] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms


class MTScorer:
    """Bleualign-style scorer: translate the source, compare with the target by char n-grams.

    Args:
        translator: any :class:`~aligntext.translate.base.Translator` from the source language
            into the target language.
        dim: size of the hashed n-gram space.
    """

    def __init__(self, translator: Translator, dim: int = 4096) -> None:
        self.translator = translator
        self.dim = dim

    def encode(
        self, src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str
    ) -> tuple[np.ndarray, np.ndarray]:
        """Translate ``src`` into ``tgt_lang`` and embed both sides as char n-gram bags."""
        t_src, t_tgt = self.translator.src_lang, self.translator.tgt_lang
        if (t_src, t_tgt) != (src_lang, tgt_lang):
            raise InputError(
                f"the MT model translates {t_src}->{t_tgt} but the alignment is "
                f"{src_lang}->{tgt_lang}; give a {src_lang}->{tgt_lang} model"
            )
        translated = self.translator.translate(list(src)) if src else []
        return char_ngram_vectors(translated, self.dim), char_ngram_vectors(tgt, self.dim)

    def signature_fields(self) -> tuple[tuple[str, str], ...]:
        """The translator's fields, prefixed ``mt-``."""
        fields = [(f"mt-{k}", v) for k, v in self.translator.signature_fields()]
        return (("semantic", "mt-chrf"), *fields)


class EmbeddingScorer:
    """Multilingual sentence embeddings (LaBSE-like) from a local transformers model folder.

    Sentences are embedded by mean pooling of the last hidden states, as sentence-transformers
    does for most models. The model loads on first use; no hub is contacted.

    Args:
        path: a folder holding a transformers encoder and its tokenizer.
        batch_size: sentences per forward pass.
    """

    def __init__(self, path: str, batch_size: int = 32) -> None:
        self.path = path
        self.batch_size = batch_size
        self._model: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        import os

        if not os.path.isdir(self.path):
            raise InputError(
                f"embedding model folder {self.path!r} does not exist; give a local folder "
                "holding a transformers encoder (config.json, weights, tokenizer)"
            )
        try:
            from transformers import AutoConfig, AutoModel, AutoTokenizer
        except ImportError as exc:  # pragma: no cover - transformers is a dependency
            from aligntext.errors import BackendUnavailableError

            raise BackendUnavailableError(f"transformers cannot be imported: {exc}") from exc
        what = "a sentence-embedding encoder (a transformers encoder: config.json, weights, "
        try:  # a folder of documents, a half-copied model: one line, not the loader's trace
            if getattr(AutoConfig.from_pretrained(self.path), "is_encoder_decoder", False):
                raise InputError(f"{self.path!r} is a translation model (encoder-decoder), not "
                                 f"{what}tokenizer); give it as --mt-model instead")  # fmt: skip
            self._tokenizer = AutoTokenizer.from_pretrained(self.path, local_files_only=True)
            self._model = AutoModel.from_pretrained(self.path, local_files_only=True)
        except (OSError, ValueError, KeyError, RuntimeError, TypeError) as exc:
            why = " ".join(str(exc).split())[:160]
            raise InputError(f"{self.path!r} is not {what}tokenizer): {why}") from None
        self._model.eval()

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        import torch

        if self._model is None:
            self._load()
        assert self._model is not None and self._tokenizer is not None
        chunks = []
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            enc = self._tokenizer(batch, padding=True, truncation=True, return_tensors="pt")
            with torch.no_grad():
                hidden = self._model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            chunks.append(pooled.float().numpy())
        if not chunks:
            return np.zeros((0, 1), dtype=np.float32)
        out = np.concatenate(chunks)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms

    def encode(
        self, src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str
    ) -> tuple[np.ndarray, np.ndarray]:
        """Embed both sides with the same model."""
        return self._embed(src), self._embed(tgt)

    def signature_fields(self) -> tuple[tuple[str, str], ...]:
        """The model folder's name."""
        import os

        return (("semantic", "embed"), ("embed-model", os.path.basename(self.path.rstrip("/"))))

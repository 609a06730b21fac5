"""Which of en, az, ru, tr a text is in, and whether it is in none of them.

The classifier is py3langid's naive Bayes model (loaded on first use, not at import). One pass
gives its raw score for each of its ~100 languages; :func:`language_scores` turns the scores
of the four supported languages into probabilities (py3langid restricted to the four is
close to perfect on sentences), reading the words that are not names where there are enough
of them (:func:`aligntext.langcues.ordinary_text`). Rules sit on top:

* Azerbaijani vs Turkish: ``ə`` is the most frequent vowel of Azerbaijani and absent from
  Turkish, as are ``x`` and ``q`` outside names, so a Latin text whose letters include a fair
  share of them is Azerbaijani; and a mismatch between the two is only reported when the
  letters agree (:func:`_letters_agree`).
* None of the four: text mostly in another script (Arabic, Greek, Han ...) is rejected at once;
  Latin or Cyrillic text long enough to judge is rejected when the unrestricted model puts
  its top language outside the four with high probability and almost nothing on the four.
  Short text is never rejected on the model's word alone: it gets the best of the four.
* Cyrillic but not Russian: letters Russian does not use (``і``, ``ә``, ``ј`` ...) are
  evidence the model undervalues once it is restricted to the four. A Cyrillic text where
  they make a real share of the letters is rejected, named by its letters
  (:mod:`aligntext.langcues`); a few of them (a quoted Ukrainian name) only when the model
  too reads another language. Without such letters (Bulgarian, Serbian without ``ј``), a text
  long enough to judge is rejected when the model clearly prefers another Cyrillic language
  to Russian (a looser bar than for Latin text: on 2,050 Russian news sentences no other
  language got more than 0.51 or more than 1.2 times Russian's probability).
"""

from __future__ import annotations

import math
import threading
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from aligntext.errors import LanguageMismatchError, UnsupportedLanguageError
from aligntext.langcues import (
    azerbaijani_letters,
    cyrillic_language,
    non_russian_cyrillic,
    ordinary_text,
    turkish_words,
)
from aligntext.langs import CODES, LANGUAGES, resolve_lang

#: Part of signatures that depend on detected languages.
LANGID_VERSION = "py3langid-nb+rules-2"

# Only this much of a long text is classified: enough to be sure, and fast on big files.
_MAX_CHARS = 20_000
# Below this many letters the model's "none of the four" verdict is too noisy to act on.
_MIN_LETTERS_REJECT = 30
# Below this many letters verify_language only flags a different script.
_MIN_LETTERS_VERIFY = 30
# "None of the four" when the best other language has at least this probability ...
_REJECT_OTHER_PROB = 0.9
# ... and the four together at most this much (unrestricted model).
_REJECT_FOUR_MASS = 0.02
# A mismatch is reported when the detected language has at least this probability.
_MISMATCH_PROB = 0.9
# To find a text that mixes languages, at most this many of its paragraphs are judged one by
# one (spread over the text) ...
_MAX_PARAGRAPHS = 40
# ... and it mixes them when those read (surely) as one other language hold this share of the
# letters of the paragraphs read surely: a quoted paragraph or an abstract stays below it.
_MIXED_SHARE = 0.2
# The four languages are told apart on the words other than names when these have this
# many letters (on news sentences this changes no verdict among the four but one in 7,200).
_MIN_LETTERS_ORDINARY = 20
# Share of letters Turkish does not write ("ə" anywhere, "x" and "q" in lowercase words) from
# which a Latin text counts as Azerbaijani. With "ə" typed as "e", this turns 75% of 1,450
# Azerbaijani news sentences (the model gave Turkish to three in four) and none of 1,650
# Turkish ones.
_AZ_LETTER_SHARE = 0.01
# A text given as Azerbaijani is reported as Turkish only from this many letters with no
# "ə", "x" or "q" outside names: of Azerbaijani news typed with "e" for "ə", 3% of the pieces
# of 150 letters have none (7% of sentences), of Turkish pieces 99%. A shorter one is, when
# it has a word only Turkish writes (langcues.turkish_words): 588 of 1,043 Turkish sentences
# under 150 letters given as Azerbaijani are caught so, and none of 1,350 Azerbaijani ones.
_MIN_LETTERS_TURKISH = 150
# Share of non-Russian letters among the Cyrillic ones from which a text is not Russian ...
_FOREIGN_CYRILLIC_SHARE = 0.05
# ... or, when the unrestricted model does not read Russian either, this share.
_FOREIGN_CYRILLIC_HINT = 0.01
# A Cyrillic text of this many letters is another Cyrillic language when the model gives
# that one at least this probability and this many times Russian's.
_MIN_LETTERS_CYRILLIC = 20
_OTHER_CYRILLIC_PROB = 0.5
_OTHER_CYRILLIC_RATIO = 2.0

_lock = threading.Lock()
_identifier: Any = None


#: The arrays of py3langid's model file, in the order its ``load_model`` returns them.
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _unpacked_model(model_file: Path) -> Path | None:
    """A folder of the model's arrays as plain ``.npy`` files, made on first use.

    py3langid ships its model LZMA-compressed; unpacking it takes a third of a second, paid
    by every command that detects a language. The unpacked copy (about 70 MB) lives in the
    user cache, keyed by the model file's size and time, and is memory-mapped. ``None``
    when the cache cannot be written (the model is then read the slow way).
    """
    import lzma

    import numpy as np

    from aligntext.io.cachedir import user_cache_dir

    stat = model_file.stat()
    folder = user_cache_dir() / f"langid-{stat.st_size}-{int(stat.st_mtime)}"
    if all((folder / f"{name}.npy").is_file() for name in _ARRAYS):
        return folder
    import tempfile

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".langid-", dir=folder.parent))
        with lzma.open(model_file) as src, np.load(src, allow_pickle=False) as data:
            for name in _ARRAYS:
                np.save(tmp / f"{name}.npy", data[name], allow_pickle=False)
        try:
            tmp.rename(folder)
        except OSError:  # another process unpacked it first
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
    except OSError:
        return None
    return folder if all((folder / f"{name}.npy").is_file() for name in _ARRAYS) else None


def _load_identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model_file = Path(MODEL_DIR) / MODEL_FILE
    try:
        folder = _unpacked_model(model_file)
    except (OSError, ValueError, KeyError):
        folder = None
    if folder is not None:
        import numpy as np
        from py3langid.modelio import _to_array

        try:
            arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
            return LanguageIdentifier(
                arrays["ptc"],
                np.asarray(arrays["pc"]),
                arrays["classes"].tolist(),
                _to_array(arrays["nextmove"]),
                arrays["out_feat"].tolist(),
                tk_row=_to_array(arrays["nextmove_row"]),
            )
        except (OSError, ValueError):  # a damaged copy: the packed model is still there
            pass
    return LanguageIdentifier.from_model_file(MODEL_FILE)


def _model() -> Any:
    """py3langid's identifier, loaded once."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                _identifier = _load_identifier()
    return _identifier


def _letters(text: str) -> list[str]:
    return [ch for ch in text if ch.isalpha()]


def _script_counts(letters: list[str]) -> dict[str, int]:
    """Letters per script, from the first word of their Unicode names (LATIN, CYRILLIC...)."""
    counts: dict[str, int] = {}
    for ch in letters:
        try:
            script = unicodedata.name(ch).split(" ", 1)[0]
        except ValueError:
            script = "UNKNOWN"
        counts[script] = counts.get(script, 0) + 1
    return counts


def _probabilities(text: str, langs: tuple[str, ...] | None) -> dict[str, float]:
    """The model's probabilities over ``langs`` (all its languages when ``None``).

    Same calibration as py3langid's ``norm_probs``: softmax of the raw scores divided by the
    square root of the text's length in bytes.
    """
    raw = dict(_model().rank(text))
    temperature = 1.0 / math.sqrt(len(text.encode("utf-8")) or 1)
    keys = langs if langs is not None else tuple(raw)
    top = max(raw[k] for k in keys)
    exp = {k: math.exp((raw[k] - top) * temperature) for k in keys}
    total = sum(exp.values())
    return {k: v / total for k, v in exp.items()}


def _language_name(code: str) -> str:
    """An English name for a py3langid language code, for messages."""
    if code in LANGUAGES:
        return LANGUAGES[code].name
    try:
        from babel import Locale

        return str(Locale.parse(code).get_display_name("en"))
    except Exception:  # babel knows no such locale: the code is still informative
        return code


def _prepare(text: str) -> tuple[str, list[str]]:
    sample = unicodedata.normalize("NFC", text[:_MAX_CHARS])
    return sample, _letters(sample)


def _four_scores(sample: str, letters: list[str]) -> dict[str, float]:
    # Names say little about the language around them and much about the one they come from
    # (an English report on Bakı, Gəncə and Şəki reads as Azerbaijani): the model judges the
    # other words, where there are enough of them.
    ordinary = ordinary_text(sample)
    enough = len(_letters(ordinary)) >= _MIN_LETTERS_ORDINARY
    scores = _probabilities(ordinary if enough else sample, CODES)
    if scores["tr"] > scores["az"]:
        # Turkish never writes "ə", nor "x" or "q" outside names and foreign words: what the
        # model gave Turkish belongs to Azerbaijani (the model learnt Azerbaijani with "ə" and
        # takes a text typed without it for Turkish).
        lower, first, _ = azerbaijani_letters(sample)
        # A sentence's capitalised first word is an ordinary word ("Xarici") as often as a
        # name ("Brexit"): it counts unless the text has words only Turkish writes.
        own = sum(1 for ch in letters if ch in "əƏ") + lower
        if not turkish_words(sample):
            own += first
        if own and own >= _AZ_LETTER_SHARE * len(letters):
            scores["az"], scores["tr"] = scores["az"] + scores["tr"], 0.0
    return scores


def language_scores(text: str) -> dict[str, float]:
    """Probabilities that ``text`` is in each of en, az, ru, tr (they sum to 1).

    These say which of the four is most likely; they do not say whether the text is in any
    of them (:func:`detect_language` does).

    Raises:
        UnsupportedLanguageError: the text has no letters.
    """
    sample, letters = _prepare(text)
    if not letters:
        raise UnsupportedLanguageError(
            "the text has no letters to identify its language; give its language"
        )
    return _four_scores(sample, letters)


def _reject_reason(sample: str, letters: list[str]) -> str | None:
    """Why the text is in none of the four, or ``None`` when it may be in one of them."""
    scripts = _script_counts(letters)
    ours = scripts.get("LATIN", 0) + scripts.get("CYRILLIC", 0)
    if ours < 0.5 * len(letters):
        other = max(
            (s for s in scripts if s not in ("LATIN", "CYRILLIC")), key=lambda s: scripts[s]
        )
        return f"it is written in {other.title()} script"
    everything: dict[str, float] | None = None
    if scripts.get("CYRILLIC", 0) >= 0.5 * len(letters):  # Cyrillic, but maybe not Russian
        foreign, cyrillic = non_russian_cyrillic(letters)
        share = sum(foreign.values()) / cyrillic
        if share >= _FOREIGN_CYRILLIC_HINT:
            everything = _probabilities(sample, None)
            best = max(everything, key=everything.__getitem__)
            if share >= _FOREIGN_CYRILLIC_SHARE or best != "ru":
                return _other_cyrillic(foreign, everything)
    cyrillic_text = scripts.get("CYRILLIC", 0) >= 0.5 * len(letters)
    if len(letters) < (_MIN_LETTERS_CYRILLIC if cyrillic_text else _MIN_LETTERS_REJECT):
        return None
    if everything is None:
        everything = _probabilities(sample, None)
    best = max(everything, key=everything.__getitem__)
    if best in LANGUAGES:
        return None
    if (
        cyrillic_text
        and everything[best] >= _OTHER_CYRILLIC_PROB
        and everything[best] >= _OTHER_CYRILLIC_RATIO * everything.get("ru", 0.0)
    ):
        return f"it looks like {_language_name(best)}"
    four_mass = sum(everything.get(code, 0.0) for code in CODES)
    if everything[best] >= _REJECT_OTHER_PROB and four_mass <= _REJECT_FOUR_MASS:
        return f"it looks like {_language_name(best)}"
    return None


def _other_cyrillic(foreign: Counter[str], everything: dict[str, float]) -> str:
    """Why a Cyrillic text with letters Russian does not use is in none of the four."""
    letters = ", ".join(ch for ch, _ in foreign.most_common(4))
    language = cyrillic_language(foreign, everything)
    if language is None:
        return f"it is not Russian, whose alphabet has no {letters}"
    if language.startswith("Azerbaijani"):
        return (
            f"it looks like {language} by its letters {letters}: Azerbaijani is supported in "
            "Latin script only"
        )
    return f"it looks like {language} by its letters {letters}, which Russian does not use"


def too_short_to_tell(text: str) -> bool:
    """Whether ``text`` is too short for :func:`detect_language` to rule out other languages.

    Below 30 letters (20 in Cyrillic) a text in none of the four is never rejected: it gets
    the best of the four, so a short German sentence reads as English. A caller that
    detected such a text has a guess, not a language, and should say so.
    """
    _, letters = _prepare(text)
    cyrillic = _script_counts(letters).get("CYRILLIC", 0) >= 0.5 * len(letters)
    return len(letters) < (_MIN_LETTERS_CYRILLIC if cyrillic else _MIN_LETTERS_REJECT)


#: Below this probability a language detected from too short a text is reported as a guess.
SURE_SHORT = 0.95


def is_a_guess(text: str) -> bool:
    """Whether the language detected in ``text`` is only a guess: too short to rule out other
    languages (:func:`too_short_to_tell`) and not clearly one of the four ('Ok' is Turkish at
    p = 0.58; 'Yes, thanks.' is English at 0.998 and is no guess)."""
    return too_short_to_tell(text) and max(language_scores(text).values()) < SURE_SHORT


def detect_language(text: str) -> str:
    """The language of ``text``: ``en``, ``az``, ``ru`` or ``tr``.

    Works on a sentence or a whole document (only its first 20,000 characters are read).
    Short or ambiguous text gets the most likely of the four.

    Raises:
        UnsupportedLanguageError: the text has no letters, or is clearly in none of the four
            languages (the message names the language or script it looks like).
    """
    sample, letters = _prepare(text)
    if not letters:
        raise UnsupportedLanguageError(
            "the text has no letters to identify its language; give its language"
        )
    reason = _reject_reason(sample, letters)
    if reason is not None:
        raise UnsupportedLanguageError(
            f"the text is in none of {', '.join(CODES)} ({reason}); aligntext supports "
            "English, Azerbaijani, Russian and Turkish only"
        )
    scores = _four_scores(sample, letters)
    return max(scores, key=scores.__getitem__)


def _letters_agree(sample: str, detected: str) -> bool:
    """Whether the letters bear out the model's Azerbaijani-or-Turkish verdict.

    Only Azerbaijani has letters of its own ("ə", "x", "q"): a text read as Azerbaijani that
    has none of them, or one read as Turkish that has some, may well be the other
    (Azerbaijani typed without "ə" reads as Turkish 0.99), and the model's confidence alone
    is no proof. Nor is their absence from a short text (an Azerbaijani sentence need not
    have "x" or "q"), unless it has words only Turkish writes; from a longer one it is.
    """
    if detected not in ("az", "tr"):
        return True
    own = azerbaijani_letters(sample)[2]
    if detected == "az":
        return own > 0
    # A short text proves Turkish by words Azerbaijani spells otherwise ("için", "değil").
    return own == 0 and (len(_letters(sample)) >= _MIN_LETTERS_TURKISH or turkish_words(sample) > 0)


def _paragraph_language(paragraph: str) -> str | None:
    """The language a paragraph reads as without doubt, or ``None``.

    A paragraph of names with few other words ("Nərgiz Əliyeva toured Gəncə and Şəki") says
    nothing of the text's language and is left out.
    """
    letters = _letters(paragraph)
    if len(letters) < _MIN_LETTERS_VERIFY:
        return None
    if len(_letters(ordinary_text(paragraph))) < _MIN_LETTERS_ORDINARY:
        return None
    scores = _four_scores(paragraph, letters)
    best = max(scores, key=scores.__getitem__)
    if scores[best] < _MISMATCH_PROB or not _letters_agree(paragraph, best):
        return None
    return best


def _ranges(numbers: list[int]) -> str:
    """``1-3, 7``: the numbers as runs, the first five runs at most."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    shown = [f"{a}-{b}" if b > a else str(a) for a, b in runs[:5]]
    return ", ".join(shown) + (" ..." if len(runs) > 5 else "")


def mixed_languages(text: str, code: str) -> str | None:
    """Whether ``text``, taken as a whole to be in ``code``, has a real share of paragraphs
    (lines with text) in another of the four languages.

    Only the first 20,000 characters are read, and at most 40 of their paragraphs judged
    (spread over them); paragraphs too short to tell are left out.

    Returns:
        ``None``, or what is mixed: ``"mixes en and ru: paragraphs 1-3 read as English
        (en)"``.
    """
    sample = unicodedata.normalize("NFC", text[:_MAX_CHARS])
    # Numbered as lines with text, as a reader counts paragraphs.
    lines = (line for line in sample.splitlines() if line.strip())
    paragraphs = list(enumerate(lines, 1))
    if len(paragraphs) < 2:
        return None
    if len(paragraphs) > _MAX_PARAGRAPHS:
        step = len(paragraphs) / _MAX_PARAGRAPHS
        paragraphs = [paragraphs[int(i * step)] for i in range(_MAX_PARAGRAPHS)]
    judged = 0
    others: dict[str, tuple[int, list[int]]] = {}
    for number, paragraph in paragraphs:
        lang = _paragraph_language(paragraph)
        if lang is None:
            continue
        size = len(_letters(paragraph))
        judged += size
        if lang != code:
            letters, numbers = others.get(lang, (0, []))
            others[lang] = (letters + size, [*numbers, number])
    if not others:
        return None
    other = max(others, key=lambda lang: others[lang][0])
    letters, numbers = others[other]
    if letters < _MIXED_SHARE * judged:
        return None
    word = "paragraph" if len(numbers) == 1 else "paragraphs"
    return (
        f"mixes {code} and {other}: {word} {_ranges(numbers)} read as "
        f"{LANGUAGES[other].name} ({other})"
    )


def verify_language(
    text: str, claimed: str, strict: bool = False, *, name: str | None = None
) -> str | None:
    """Check that ``text`` is in the language the user gave.

    Args:
        text: the text (a sentence or a document).
        claimed: the language the user gave (any spelling ``resolve_lang`` accepts).
        strict: raise instead of returning a warning.
        name: what to call the text in the message (a file name); ``"the text"`` by default.

    Returns:
        ``None`` when the text may well be in ``claimed`` (also when it is too short to tell);
        otherwise a one-line warning naming the language detected, or the paragraphs in
        another language when it mixes two (:func:`mixed_languages`).

    Raises:
        UnsupportedLanguageError: ``claimed`` is none of the four languages.
        LanguageMismatchError: ``strict`` and the text is clearly not in ``claimed`` (or
            mixes it with another language).
    """
    code = resolve_lang(claimed)
    sample, letters = _prepare(text)
    if not letters:
        return None
    what = name or "the text"
    given = f"{LANGUAGES[code].name} ({code})"
    message: str | None = None
    reason = _reject_reason(sample, letters)
    if reason is not None:
        message = f"{what} is not in {given} as given: {reason}"
    else:
        scripts = _script_counts(letters)
        expected = "CYRILLIC" if LANGUAGES[code].script == "Cyrl" else "LATIN"
        if scripts.get(expected, 0) < 0.5 * len(letters):
            detected = detect_language(sample)
            # Many names in Latin letters make a Russian text mostly Latin; if it still
            # reads as the language given, there is nothing to warn about.
            if detected != code:
                message = (
                    f"{what} looks like {LANGUAGES[detected].name} ({detected}), "
                    f"not {given} as given"
                )
        elif len(letters) >= _MIN_LETTERS_VERIFY:
            scores = _four_scores(sample, letters)
            best = max(scores, key=scores.__getitem__)
            if best != code and scores[best] >= _MISMATCH_PROB and _letters_agree(sample, best):
                message = f"{what} looks like {LANGUAGES[best].name} ({best}), not {given} as given"
    if message is None:
        mixed = mixed_languages(sample, code)
        if mixed is None:
            return None
        message = f"{what} {mixed}, not {given} as given"
    # No flag is named: each command spells its language options its own way (--lang, --src,
    # --langs), and a library message cannot know which one was used.
    if strict:
        raise LanguageMismatchError(message + "; fix the language given or the file")
    return message + "; check the language given for it"

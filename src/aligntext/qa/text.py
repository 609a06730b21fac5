"""Text helpers the MT QA checks share: words, sentence ends, sentence splits, lengths.

They are deliberately plain (regular expressions, no language models): the checks run on
every sentence of a translation job and must cost next to nothing next to the model.
"""

from __future__ import annotations

import re

# A word: letters and digits; apostrophes and hyphens inside a word keep it whole
# ("Nisan'da", "1993-cü", "Нью-Йорк").
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# What may close a sentence after its final mark: quotes, brackets, spaces.
_CLOSERS = "\"'»”’“)]}›» \u00a0\u202f\t"
# Marks that end a sentence (a colon ends a line that introduces a quote or a list).
_FINAL = ".!?…:;"
# A sentence boundary: a final mark (and closing quotes), space, then what starts a
# sentence (a capital, a digit, an opening quote or dash).
_BOUNDARY = re.compile(
    r"(?<=[.!?…])[\"'»”’)\]]*\s+(?=[\"'«“„‘(\[—–-]?\s?[^\W\d_]*[A-ZА-ЯЁÇŞĞÜÖİƏ\d])"
)


def words(text: str) -> list[str]:
    """The words of ``text``, casefolded, in order."""
    return [w.casefold() for w in _WORD.findall(text)]


def word_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of the words of ``text``."""
    return [m.span() for m in _WORD.finditer(text)]


def letters(text: str) -> int:
    """How many letters ``text`` has."""
    return sum(1 for ch in text if ch.isalpha())


def content_length(text: str) -> int:
    """Letters and digits: the length the length model compares (spaces and punctuation
    differ by convention between languages, not by content)."""
    return sum(1 for ch in text if ch.isalnum())


def last_mark(text: str) -> str:
    """The last character of ``text`` that is not a closing quote, bracket or space."""
    stripped = text.rstrip(_CLOSERS)
    return stripped[-1:] if stripped else ""


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends as a sentence does (a final mark, perhaps inside quotes)."""
    return last_mark(text) in _FINAL and last_mark(text) != ""


def open_quotes(text: str) -> int:
    """How many quotations are open at the end of ``text``: guillemets, curly quotes (``„``
    closed by ``“`` as Russian writes it, else ``“`` by ``”``) and straight double quotes
    by parity."""
    depth = 0
    low_open = 0
    straight = 0
    for ch in text:
        if ch in "«‹":
            depth += 1
        elif ch in "»›" or ch == "”":
            depth = max(depth - 1, 0)
        elif ch == "„":
            depth += 1
            low_open += 1
        elif ch == "“":
            if low_open:
                low_open -= 1
                depth = max(depth - 1, 0)
            else:
                depth += 1
        elif ch == '"':
            straight ^= 1
    return depth + straight


def split_sentences(text: str, lang: str) -> list[str]:
    """``text`` cut into sentences by the project's segmenter (abbreviations, initials and
    numbered units do not end a sentence there: "в г. Гранд-Рапидс", "Sen. Chris Coons"),
    a quotation that closes within ``text`` kept whole with the sentence around it (``he
    shouted "Stop! Stop!" and ran`` is one sentence, however many its quotation holds)."""
    from aligntext.segment import split_sentences as segment

    parts = [p for p in segment(text.strip(), lang) if p.strip()]
    if len(parts) < 2 or not any(ch in text for ch in '"«»„“”‹›'):
        return parts
    # Quotations open after each part; a boundary inside one that a later part closes is
    # no sentence end.
    depth = [open_quotes(" ".join(parts[: i + 1])) for i in range(len(parts))]
    out = [parts[0]]
    for i, part in enumerate(parts[1:], 1):
        if depth[i - 1] and min(depth[i:]) < depth[i - 1]:
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out

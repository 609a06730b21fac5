"""Paragraphs to sentences, per language (en, az, ru, tr).

A rule-based splitter: every ``.``, ``!``, ``?`` or ``…`` followed by whitespace is a
candidate boundary, and the rules below decide whether a sentence really ends there. The
decision looks at the word before the full stop and the word after it:

* The next sentence must start with a capital letter, a digit, a currency sign, ``#`` or
  ``@``, an opening quote or bracket, or a dialogue dash. A lowercase word never starts a
  sentence, which already keeps ``3 mln. manat`` or ``т.е. в`` together.
* Abbreviations come from per-language lists in ``aligntext/data/segment-<lang>.txt``. Each
  has a kind: ``nb`` (titles such as ``Mr.``, ``Prof.``, ``Doç.``: never a sentence end),
  ``num`` (``No. 5``), ``end`` (``etc.``, ``vb.``, ``və s.``, ``и т.д.``: often the last word of
  a sentence, so a capital after them starts a new one), ``unit`` and ``weak``.
* ``unit`` abbreviations (``г.``, ``млн.``, ``mln.``, ``с.``) end a sentence after a number when
  a capitalised word that is not an acronym follows: ``в 2019 г. Жеребьевка`` splits, while
  ``в г. Москва`` and ``150 mln. ABŞ dolları`` do not.
* ``weak`` abbreviations, initials (``J. Lo``, ``İ. Əliyev``), dotted acronyms (``U.S.``) and,
  in Turkish and Azerbaijani, ordinals (``1. Dünya Savaşı``, ``II. Abdülhamid``) end a sentence
  only when the next word is a common sentence starter listed in the same file (``The``,
  ``Bu``, ``В`` ...): ``the U.S. Senate`` stays together, ``in the U.S. The`` splits.
* Decimals (``3.5``, ``3,5``), times and dates (``14.30``, ``15.07.2016``) have no space after
  the dot and are never candidates. A number, letter or Roman numeral that starts a sentence
  (``1.``, ``a.``) is a list marker, not a sentence.
* Quotes and brackets after the final mark belong to the sentence they close (``"Stop." He``
  splits after the quote), also when detokenisation left a space before them (``. ’ ’``).
  In Turkish and Azerbaijani a speech verb after a closing quote (``"..." Dedi.``) continues
  the sentence even when capitalised.

Line breaks: a blank line always ends a sentence (it ends a paragraph). A single line break
ends a sentence when the line is a headline or a list item: the line has no final punctuation
(``.!?…``), does not end with ``,``, ``;`` or a hyphen, and the next line starts with a capital
letter, a digit, or an opening quote or bracket; or the next line starts with a bullet
(``-``, ``*``, ``•``, ``1)``). Any other line break counts as a space, so hard-wrapped prose is
joined, and a line ending with a full stop is judged by the rules above.

Sentences are returned as exact slices of the input, trimmed of surrounding whitespace, so
every non-whitespace character of the input is kept, in order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

from aligntext.arguments import require
from aligntext.langs import resolve_lang
from aligntext.types import Document, Segment

#: Part of every signature that depends on sentence boundaries; bump when rules change.
SEGMENTER_VERSION = "rules-1.0"

_FINAL = ".!?…"
# Characters that close a quotation or bracket and stay with the sentence before them.
_CLOSERS = "\"'’”»)]}›"
# Characters that may open the next sentence before its first word.
_OPENERS = "\"'«“‘„‚‹([{¿¡"
_DASHES = "—–-"
_CURRENCY = "$€£₼₺₽¥"
# Other characters a sentence may start with: hashtags and handles.
_START_SYMBOLS = _CURRENCY + "#@"
# "1. " is no bullet here: a Turkish sentence may start with an ordinal ("1. Dünya ...").
_BULLET_RE = re.compile(r"[-*•–—·▪]\s|\d{1,3}\)\s|[a-zа-я]\)\s")

# A run of final marks; what follows is handled in code.
_CANDIDATE_RE = re.compile(r"[.!?…]+")
_DOTTED_RE = re.compile(r"^(?:\w{1,3}\.)+\w{1,3}$")
_ROMAN_RE = re.compile(r"^[IVXLC]+$")
_DIGITS_RE = re.compile(r"^\d+$")
_NUMBER_RE = re.compile(r"^\d[\d.,\u00a0\u202f–-]*$")

# Languages whose numbers with a full stop are ordinals ("1. Dünya Savaşı").
_ORDINAL_LANGS = frozenset({"tr", "az"})


@dataclass(frozen=True)
class _Rules:
    """Abbreviations and sentence starters of one language."""

    lang: str
    abbreviations: dict[str, str]
    multiword: tuple[tuple[str, str], ...]  # (abbreviation with spaces, kind), longest first
    starters: frozenset[str]
    after_quote: frozenset[str]  # lowercase speech verbs that follow a closing quote


@cache
def _rules(lang: str) -> _Rules:
    """Read ``data/segment-<lang>.txt`` once per language."""
    text = (
        resources.files("aligntext")
        .joinpath(f"data/segment-{lang}.txt")
        .read_text(encoding="utf-8")
    )
    abbreviations: dict[str, str] = {}
    starters: set[str] = set()
    after_quote: set[str] = set()
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        if section == "abbreviations":
            abbr, _, kind = line.rpartition(" ")
            if kind not in ("nb", "weak", "num", "end", "unit"):
                raise ValueError(f"segment-{lang}.txt: bad kind in {line!r}")
            abbreviations[abbr] = kind
        elif section == "starters":
            starters.update(line.split())
        elif section == "after-quote":
            after_quote.update(line.split())
    multiword = tuple(
        sorted(
            ((a, k) for a, k in abbreviations.items() if " " in a),
            key=lambda item: -len(item[0]),
        )
    )
    return _Rules(lang, abbreviations, multiword, frozenset(starters), frozenset(after_quote))


def _ends_with_final(line: str) -> bool:
    """Whether a line ends with final punctuation, quotes and brackets after it ignored."""
    stripped = line.rstrip()
    while stripped and (stripped[-1] in _CLOSERS or stripped[-1].isspace()):
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in _FINAL


def _first_content(text: str, pos: int, end: int) -> tuple[int, bool]:
    """Position of the first letter/digit after openers and dashes, and whether any opener."""
    opened = False
    i = pos
    while i < end:
        ch = text[i]
        if unicodedata.category(ch) == "Cf":
            i += 1  # a direction mark before the sentence
        elif ch in _OPENERS or (opened and ch in "’”"):
            # Detokenised text may space its quotes: ". ‘ ’ Artık ..."
            opened = True
            i += 1
            while i < end and text[i].isspace():
                i += 1
        elif ch in _DASHES and i + 1 < end and text[i + 1].isspace():
            opened = True  # a dialogue dash: "— Да."
            i += 1
            while i < end and text[i].isspace():
                i += 1
        else:
            break
    return i, opened


def _blocks(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into stretches that no sentence crosses (see the module docstring)."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lines.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    for i, (ls, le) in enumerate(lines):
        if not text[ls:le].strip():
            if start is not None:
                blocks.append((start, lines[i - 1][1]))
                start = None
            continue
        if start is None:
            start = ls
        if i + 1 < len(lines) and _hard_break(text[ls:le], text[lines[i + 1][0] : lines[i + 1][1]]):
            blocks.append((start, le))
            start = None
    if start is not None:
        blocks.append((start, lines[-1][1]))
    return blocks


def _hard_break(line: str, next_line: str) -> bool:
    """Whether the break between two non-blank lines ends a sentence."""
    nxt = next_line.lstrip()
    if not nxt:
        return True
    if _BULLET_RE.match(nxt):
        return True
    body = line.rstrip()
    if _ends_with_final(body):
        return False  # the ordinary rules decide, the line break counting as a space
    if body.endswith((",", ";", "-", "‐", "(")):
        return False  # hard-wrapped prose
    if body.endswith(":"):
        return True
    i, opened = _first_content(nxt, 0, len(nxt))
    if i >= len(nxt):
        return True
    return opened or nxt[i].isupper() or nxt[i].isdigit() or nxt[i] in _START_SYMBOLS


def _word_at(text: str, pos: int, end: int) -> tuple[str, str]:
    """The word starting at ``pos`` and the character right after it ('' at the end)."""
    i = pos
    while i < end and (text[i].isalpha() or unicodedata.combining(text[i]) or text[i] in "-'’"):
        i += 1
    return unicodedata.normalize("NFC", text[pos:i]), text[i] if i < end else ""


def _token_before(text: str, dot: int, start: int) -> tuple[str, int]:
    """The word the full stop at ``dot`` ends, openers stripped, and where it starts."""
    i = dot
    while i > start and not text[i - 1].isspace():
        i -= 1
    while i < dot and text[i] in _OPENERS:
        i += 1
    return text[i:dot], i


def _tr_lower(word: str) -> str:
    """Lowercase with the Turkish dotted and dotless i."""
    return word.replace("I", "ı").replace("İ", "i").lower()


def _after_number(text: str, dot: int, start: int) -> bool:
    """Whether the abbreviation ending at ``dot`` follows a number ("2019 г.", "XX в.")."""
    _, token_start = _token_before(text, dot, start)
    i = token_start
    while i > start and text[i - 1].isspace():
        i -= 1
    prev, _ = _token_before(text, i, start)
    return bool(_NUMBER_RE.match(prev) or _ROMAN_RE.match(prev))


def _period_kind(text: str, dot: int, block_start: int, sent_start: int, rules: _Rules) -> str:
    """How the full stop at ``dot`` behaves: normal, nb, weak, num or end."""
    for abbr, kind in rules.multiword:
        begin = dot - len(abbr)
        if (
            begin >= block_start
            and text.startswith(abbr, begin)
            and (begin == block_start or not text[begin - 1].isalnum())
        ):
            return kind
    token, token_start = _token_before(text, dot, block_start)
    # Decomposed text ("I" + combining dot for "İ") is read as its composed form.
    token = unicodedata.normalize("NFC", token)
    if not token:
        return "normal"
    listed = rules.abbreviations.get(token)
    if listed is not None:
        return listed
    if token[0].isupper() and len(token) > 1:
        # "Ул. Ленина" at the start of a sentence: the capitalised form of a listed "ул".
        lowered = token[0].lower() + token[1:]
        if lowered != token and rules.abbreviations.get(lowered) in ("nb", "weak"):
            return rules.abbreviations[lowered]
    list_marker = token_start == sent_start
    if len(token) == 1 and token.isalpha():
        if list_marker:
            return "nb"  # "a. first item"
        return "weak" if token.isupper() else "normal"  # initials: "J. Lo", "İ. Əliyev"
    if _ROMAN_RE.match(token):
        if list_marker:
            return "nb"
        return "weak" if rules.lang in _ORDINAL_LANGS else "normal"
    if _DIGITS_RE.match(token):
        if list_marker:
            return "nb"  # "1. First item"
        if rules.lang in _ORDINAL_LANGS and len(token) <= 3:
            return "weak"  # "1. Dünya Savaşı", "19. yüzyıl"; a year ends sentences
        return "normal"
    if _DOTTED_RE.match(token) and not token.replace(".", "").isdigit():
        return "weak"  # U.S., U.N., Ph.D.
    return "normal"


def _split_block(text: str, start: int, end: int, rules: _Rules) -> list[int]:
    """Boundary offsets (start of each sentence after the first) inside one block."""
    boundaries: list[int] = []
    sent_start = start
    while sent_start < end and text[sent_start].isspace():
        sent_start += 1
    for match in _CANDIDATE_RE.finditer(text, start, end):
        if match.start() < sent_start:
            continue
        marks = match.group()
        pos = match.end()
        closed = False
        # Closing quotes and brackets, also "spaced" ones left by detokenisation (". ’ ’").
        while pos < end:
            if text[pos] in _CLOSERS:
                closed = True
                pos += 1
                continue
            if unicodedata.category(text[pos]) == "Cf":
                pos += 1  # a direction mark or zero-width space after the full stop
                continue
            j = pos
            while j < end and text[j].isspace():
                j += 1
            if (
                j < end
                and j > pos
                and text[j] in '’”»)]"'
                and (j + 1 == end or text[j + 1].isspace())
            ):
                closed = True
                pos = j + 1
                continue
            break
        if pos >= end or not text[pos].isspace():
            continue  # "3.5", "U.S.-based", or the end of the block
        nxt = pos
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt >= end:
            continue
        first, opened = _first_content(text, nxt, end)
        if first >= end:
            continue
        ch = text[first]
        starts = ch.isupper() or ch.isdigit() or ch in _START_SYMBOLS
        if not starts:
            continue
        if closed and rules.after_quote:
            word, _ = _word_at(text, first, end)
            if word.lower() in rules.after_quote or _tr_lower(word) in rules.after_quote:
                continue  # '"..." Dedi.': the speech verb belongs to the quote's sentence
        if marks == "." and not closed:
            kind = _period_kind(text, match.start(), start, sent_start, rules)
        elif marks == "." and set(text[match.end() : pos].strip()) <= set(")]}"):
            # "(mermiler, el bombaları vb.) 112'yi arayın": an abbreviation closing a
            # bracketed list leaves the sentence running; "(see the report.) Then" ends it.
            kind = _period_kind(text, match.start(), start, sent_start, rules)
            if kind != "normal":
                kind = "nb"
        else:
            kind = "normal"
        if kind == "unit":
            if not _after_number(text, match.start(), start):
                continue  # "г. Москва", "с. 5"
            word, _ = _word_at(text, first, end)
            if len(word) > 1 and word.isupper():
                continue  # "150 mln. ABŞ dolları": a currency or other acronym follows
        if kind == "nb":
            continue
        if kind == "num" and ch.isdigit():
            continue
        if kind == "weak":
            word, after = _word_at(text, first, end)
            is_initial = len(word) == 1 and after == "."
            if not (opened or (word in rules.starters and not is_initial)):
                continue
        boundaries.append(nxt)
        sent_start = nxt
    return boundaries


def split_sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``.

    Args:
        text: a paragraph or a longer text (blank lines and headlines end sentences).
        lang: ``en``, ``az``, ``ru`` or ``tr`` (any spelling :func:`~aligntext.langs.resolve_lang`
            accepts).

    Returns:
        Spans in order, trimmed of surrounding whitespace; ``text[start:end]`` is a sentence.

    Raises:
        UnsupportedLanguageError: ``lang`` is none of the four languages.
    """
    rules = _rules(resolve_lang(lang))
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        cuts = [block_start, *_split_block(text, block_start, block_end, rules), block_end]
        for a, b in pairwise(cuts):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                spans.append((a, b))
    return spans


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of ``text``, as exact slices of it (see :func:`split_sentence_spans`).

    Every non-whitespace character of ``text`` appears in exactly one sentence, in order.
    A sentence may contain a line break when the input wraps lines inside a sentence.
    """
    return [text[a:b] for a, b in split_sentence_spans(text, lang)]


def segment_document(doc: Document, lang: str) -> tuple[Segment, ...]:
    """Split every paragraph of ``doc`` into sentences.

    Args:
        doc: the document.
        lang: its language.

    Returns:
        Segments numbered from 0 across the document; ``paragraph`` is the paragraph's index
        and ``start``/``end`` are offsets in that paragraph's text.

    Raises:
        InputTypeError: ``doc`` is no :class:`Document` (a path: read it first).
        UnsupportedLanguageError: ``lang`` is none of the four languages.
    """
    require(doc, Document, "doc", "read the file first with aligntext.read_document(path)")
    lang = resolve_lang(lang)
    segments: list[Segment] = []
    for paragraph in doc.paragraphs:
        for a, b in split_sentence_spans(paragraph.text, lang):
            segments.append(
                Segment(
                    text=paragraph.text[a:b],
                    index=len(segments),
                    paragraph=paragraph.index,
                    start=a,
                    end=b,
                )
            )
    return tuple(segments)

"""How plausible a decoding is as English, Azerbaijani, Russian or Turkish text.

A single-byte code page decodes any byte sequence, so :mod:`aligntext.io.encoding` decodes
the bytes with each candidate and keeps the one whose non-ASCII characters read most like
text in the four languages: Russian letter frequencies, the Turkic letters, the accented
letters of Western names in Latin words (Frédéric, Élysée), no Latin and Cyrillic letters
mixed in one word, no lower-then-upper case flips inside words (what koi8-r read as cp1251
looks like), no lone Cyrillic letter in Latin text (a euro sign or a stray byte read in a
Cyrillic code page).
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata

# Russian letter frequencies in running text (per cent); used to tell cp1251 from koi8-r and
# cp866, which map the same bytes to permuted Cyrillic letters.
_RU_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47,
    "р": 4.73, "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81,
    "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59,
    "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48,
    "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
}  # fmt: skip

# Non-ASCII letters of Azerbaijani and Turkish (and the circumflex vowels of Turkish loans),
# with rough shares among the non-ASCII letters of such text.
_TURKIC_FREQ = {
    "ı": 20.0, "ə": 20.0, "ş": 9.0, "ü": 9.0, "ç": 6.0, "ğ": 6.0, "ö": 4.0, "İ": 3.0,
    "Ş": 1.0, "Ç": 1.0, "Ü": 0.5, "Ö": 0.5, "Ə": 1.0, "Ğ": 0.05, "â": 0.5, "î": 0.1,
    "û": 0.1, "Â": 0.05,
}  # fmt: skip

# Accented letters of French, German, Spanish ... names and loans, plausible inside a word
# that also has ASCII letters. Left out: ý ð þ ÿ (Icelandic and rare), which are what
# Turkish ı ğ ş read in cp1252 and what a stray 0xFF byte reads as.
_WESTERN = set("àáâãäåæçèéêëìíîïñòóôõöøùúûüœßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜŒ")

# Non-ASCII punctuation and symbols common in statements in the four languages; with the
# micro sign (5 µg) and the ordinal indicators (nº 17), which Unicode files as letters.
_COMMON_SYMBOLS = set("«»“”„‘’‚–—…№°€£₼₺₽§©®™‰•·\u00a0\u202f×±½¼¾²³µºª")

_WORD_RE = re.compile(r"\w+")
_NON_WORD_RE = re.compile(r"[^\w\x00-\x7f]")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _char_cost(ch: str, latin_word: bool = False) -> float:
    """Negative log-plausibility of one non-ASCII character in en/az/ru/tr text;
    ``latin_word``: it stands in a word that has ASCII letters too."""
    low = ch.lower()
    if low in _RU_FREQ:
        # Case is judged per word (see _word_penalty), not per letter: headlines in capitals
        # are common in statements.
        return -math.log(_RU_FREQ[low] / 100.0)
    if ch in _TURKIC_FREQ:
        return -math.log(_TURKIC_FREQ[ch] / 100.0)
    if ch in _COMMON_SYMBOLS:
        return 4.0
    if latin_word and ch in _WESTERN:
        return 4.0  # Lefèvre, Élysée, Gänjä: names in any of the four languages
    cat = unicodedata.category(ch)
    if cat.startswith("L"):
        return 9.0  # a letter, but not one of our languages' letters
    if cat == "Cc":
        return 16.0  # C1 control characters: never in real text
    return 11.0  # box drawing, currency signs, math symbols ...


def _word_penalty(word: str, latin_text: bool) -> float:
    """Penalty for words that real text does not contain: mixed scripts, case flips, and
    (in ``latin_text``, mostly ASCII letters) a word of one or two Cyrillic letters."""
    cyrillic = sum(1 for c in word if _is_cyrillic(c))
    has_lat = any(c.isalpha() and c < "\u0250" for c in word)
    penalty = 0.0
    if cyrillic and has_lat:
        penalty += 12.0
    elif latin_text and 0 < cyrillic <= 2:
        # "worth А60 million", "on 6 April.я": a euro sign or a stray byte read in a
        # Cyrillic code page; a Russian word quoted in English text is longer.
        penalty += 8.0
    # lower case followed by upper case inside a word: "пРИВЕТ" is koi8-r read as cp1251.
    flips = sum(1 for a, b in itertools.pairwise(word) if a.islower() and b.isupper())
    penalty += 6.0 * flips
    return penalty


def plausibility_cost(text: str) -> float:
    """Cost (lower is better) of ``text`` as en/az/ru/tr text, per non-ASCII character.

    Only non-ASCII characters and the words containing them are scored: every single-byte
    code page decodes ASCII alike, so only the rest tells candidates apart.
    """
    n = sum(1 for c in text if ord(c) > 127)
    if not n:
        return 0.0
    ascii_letters = sum(1 for c in text if c.isascii() and c.isalpha())
    latin_text = ascii_letters > 4 * sum(1 for c in text if _is_cyrillic(c))
    cost = sum(_char_cost(c) for c in _NON_WORD_RE.findall(text))
    for match in _WORD_RE.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        latin_word = any(c.isascii() and c.isalpha() for c in word)
        cost += sum(_char_cost(c, latin_word) for c in word if ord(c) > 127)
        cost += _word_penalty(word, latin_text)
    return cost / n


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0]


def mixed_script_words(text: str) -> list[str]:
    """The words of ``text`` whose letters come from more than one script ("Gﻛnjﻛ",
    "匜ys嶪"): no language writes them, a wrong code page does."""
    found = []
    for match in _WORD_RE.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        # The micro sign and the ordinal indicators stand beside Latin letters (µg, nº).
        scripts = {_script(c) for c in word if c.isalpha() and c not in _COMMON_SYMBOLS}
        if len(scripts) > 1:
            found.append(word)
    return found


def reads_as_ebcdic(data: bytes) -> bool:
    """Whether ``data`` is text in EBCDIC, the IBM mainframe encodings (cp500, cp037, cp1026).

    No candidate code page reads EBCDIC: its letters sit at 0x81-0xE9 and its space at 0x40,
    where an ASCII-based code page has Cyrillic letters and ``@``, so it reads as a run of
    Cyrillic capitals and symbols (which Ukrainian letters then make "Ukrainian"). Read as
    cp500 it is nearly all ASCII letters, digits, spaces and punctuation, which text in an
    ASCII-based code page never is: its spaces (0x20) and most ASCII letters are control
    characters or accented letters in cp500.
    """
    if data.isascii():
        return False  # EBCDIC letters are all above 0x80
    text = data[:4096].decode("cp500")  # a sample: an EBCDIC file is EBCDIC throughout
    letters = sum(1 for c in text if c.isascii() and c.isalpha())
    ascii_text = sum(1 for c in text if c.isascii() and (c.isprintable() or c in "\t\n\r"))
    # The space (0x40, "@" in the code pages) too: a single word in cp1251 capitals can
    # read as ASCII letters in cp500 ("ВИЗИТ" is "BHGHS"), a sentence cannot.
    return letters >= 8 and " " in text and ascii_text >= 0.9 * len(text)

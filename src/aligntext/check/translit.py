"""Transliteration keys: names in Cyrillic, Azerbaijani, Turkish and English spelling meet.

``Кельбаджар``, ``Kəlbəcər``, ``Kelbecer`` and ``Kalbajar`` all fold to ``kalbajar``: each script
is first mapped to a rough Latin phonetic spelling (Azerbaijani ``c`` and Russian ``дж`` are the
English ``j``; ``x``, ``х`` and ``kh`` are one sound), then vowels are folded into three classes
and doubled letters collapse, because translators and transliteration schemes disagree most on
vowels. Case endings and suffixes (``Kəlbəcərin``, ``Kelbecer'in``, ``Кельбаджара``) are cut
before folding. :func:`names_match` then compares two keys leniently (prefix, consonant
skeleton, fuzzy ratio), since a suffix the stripper missed must not hide a name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_APOSTROPHES = "'’`ʼ‘"

_V4 = ("ı", "i", "u", "ü")
_V2 = ("a", "e", "ə")
#: Azerbaijani and Turkish suffix morphs: case, third-person possessive, plural, derivational
#: -lı and -ca, -ki. The glossary's term tails (check/glossary.py) and the stem cutter of
#: check/entities.py start from this set and add what each needs.
TURKIC_MORPHS = frozenset(
    {
        *_V4,
        *_V2,
        *(c + v for c in "nsy" for v in (*_V4, *_V2)),
        *(v + "n" for v in _V4),
        *("n" + v + "n" for v in _V4),
        *(d + v + n for d in ("d", "t", "nd") for v in _V2 for n in ("", "n")),
        *(d + v for d in ("l", "c", "ç") for v in (*_V2, *_V4)),
        "lar",
        "ler",
        "lər",
        "ki",
    }
)

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "o",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "i",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "і": "i",
    "ә": "e",
    "ғ": "g",
    "қ": "k",
    "ң": "n",
    "ө": "o",
    "ү": "u",
    "һ": "h",
}

# Azerbaijani and Turkish letters with their English-spelling sound; c is /dʒ/ in both.
_TURKIC = {
    "ə": "e",
    "ç": "ch",
    "ş": "sh",
    "ğ": "g",
    "ı": "i",
    "ö": "o",
    "ü": "u",
    "c": "j",
    "x": "h",
    "q": "k",
    "â": "a",
    "î": "i",
    "û": "u",
    "w": "v",
}

# Endings cut from a word before folding, longest first. Kept short: a stripped key is also
# compared by prefix, so missing an ending costs little and cutting into a stem costs more.
_RU_ENDINGS = (
    "ами",
    "ями",
    "ого",
    "его",
    "ому",
    "ему",
    "ыми",
    "ими",
    "ой",
    "ей",
    "ом",
    "ем",
    "ах",
    "ях",
    "ам",
    "ям",
    "ую",
    "ая",
    "яя",
    "ые",
    "ие",
    "ых",
    "их",
    "ым",
    "им",
    "а",
    "я",
    "у",
    "ю",
    "е",
    "ы",
    "и",
    "ь",
    "й",
)
_TURKIC_ENDINGS = tuple(
    sorted(
        {
            a + b
            for a in ("", "n", "y", "s")
            for b in (
                "ın",
                "in",
                "un",
                "ün",
                "ı",
                "i",
                "u",
                "ü",
                "a",
                "ə",
                "e",
                "da",
                "də",
                "de",
                "ta",
                "te",
                "dan",
                "dən",
                "den",
                "tan",
                "ten",
                "dakı",
                "dəki",
                "daki",
                "deki",
                "la",
                "lə",
                "le",
                "ca",
                "cə",
                "ce",
                "lar",
                "lər",
                "ler",
                "ları",
                "ləri",
                "leri",
                "ya",
                "yə",
                "ye",
                "nda",
                "ndə",
                "nde",
                "ndan",
                "ndən",
                "nden",
            )
        },
        key=len,
        reverse=True,
    )
)
_EN_ENDINGS = ("'s", "s'")

_VOWEL_CLASS = {"a": "a", "e": "a", "i": "i", "y": "i", "o": "o", "u": "o"}


def _ratio(a: str, b: str) -> float:
    """rapidfuzz's similarity ratio (0-100), rapidfuzz imported on the first comparison and
    not with this module: an ``align`` whose names match outright never needs it, and the
    import is ~20 ms of its start."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


def lower(word: str, lang: str) -> str:
    """Lowercase with the Turkic dotted and dotless i (``İ`` -> ``i``, ``I`` -> ``ı``)."""
    if lang in ("az", "tr"):
        word = word.replace("İ", "i").replace("I", "ı")
    return word.lower()


def strip_suffix(word: str, lang: str) -> str:
    """Remove an apostrophe suffix and one case ending (the stem keeps at least 3 letters).

    Args:
        word: a single word, any case.
        lang: the word's language code.

    Returns:
        The stem, lowercased (``Kəlbəcərin`` -> ``kəlbəcər``, ``Кельбаджара`` -> ``кельбаджар``).
    """
    for ch in _APOSTROPHES:
        if ch in word:
            head = word.split(ch, 1)[0]
            if len(head) >= 2:
                return lower(head, lang)
    w = lower(word, lang)
    if lang == "ru":
        endings: tuple[str, ...] = _RU_ENDINGS
    elif lang in ("az", "tr"):
        endings = _TURKIC_ENDINGS
    else:
        return w
    for end in endings:
        if w.endswith(end) and len(w) - len(end) >= 4:
            return w[: -len(end)]
    return w


def _romanize(word: str, lang: str, english: bool | None = None) -> str:
    """Rough phonetic Latin spelling of a lowercase word.

    ``english``: apply English spelling rules (``ee``, soft ``c`` and ``g``) to a Latin word;
    by default only for ``lang == "en"``.
    """
    if english is None:
        english = lang == "en"
    if any("а" <= ch <= "я" or ch in "ёіәғқңөүһ" for ch in word):
        # English W: "Уэмбли" (Wembley), "Оуэн" (Owen), "Уильям" (William).
        word = word.replace("дж", "j").replace("уэ", "вэ")
        # English W before a vowel is "у" at a word's start: Уильям, Уоллабис (Wallabies),
        # Уолл; native Russian words rarely start so.
        word = re.sub(r"^у(?=[оаи])", "в", word)
        word = "".join(_CYRILLIC.get(ch, ch) for ch in word)
    elif not english:
        if lang in ("az", "tr"):
            word = "".join(_TURKIC.get(ch, ch) for ch in word)
        else:
            word = word.replace("w", "v").replace("q", "k").replace("x", "ks")
    else:
        # Loanword spellings in English and foreign Latin names.
        word = re.sub(r"ow(?![aeiouy])", "ou", word)  # Down/Даун, Bowl/Boul; Owen keeps w
        word = re.sub(r"aw(?![aeiouy])", "o", word)  # Shaw/Шоу, Arrabawn/Arraboun
        word = re.sub(r"(^|[^aeiou])wr", r"\1r", word)  # Wainwright/Вайнрайт: w is silent
        word = word.replace("igh", "ai")  # Wright/Райт, Leigh/Ли
        # Greek and German spellings: Chris/Крис, Christian/Hıristiyan, Schulz/Шульц.
        word = re.sub(r"ch(?=[rl])", "k", word)
        word = word.replace("sch", "sh")
        word = re.sub(r"ies$", "is", word)  # Wallabies/Уоллабис
        word = re.sub(r"^eu(?=r)", "ev", word)  # Europa/Европа/Avropa, Euro/Евро
        # A compound's inner silent e: Gorebridge/Горбридж, Stonehaven/Стонхейвен.
        word = re.sub(
            r"(?<=[aeiou][^aeiouy])e(?=(?:bridge|brook|field|ham|haven|land|ton)$)", "", word
        )
        # Before the silent e goes: the e softens c and g (Grice/Грайс, Bridge/Бридж) and
        # lengthens a lone i (Fife/Файф, Grice/Грайс).
        if len(word) > 3:
            word = re.sub(r"dge$", "j", word)
            word = re.sub(r"(?<=[^aeiou])ge$", "j", word)
            word = re.sub(r"ce$", "s", word)
            word = re.sub(r"(^|[^aeiou]|[gq]u)i([^aeiouyw])e$", r"\1ai\2e", word)
        if len(word) > 3 and word.endswith("e") and word[-2] not in "aeiouy":
            word = word[:-1]  # silent e: Tate/Тейт, Wayne/Уэйн
        for a, b in (
            ("xh", "j"),  # Albanian: Xhaka/Джака
            ("dzh", "j"),
            ("dj", "j"),
            ("zh", "j"),
            ("kh", "h"),
            ("ph", "f"),
            ("ck", "k"),
            ("th", "t"),
            ("gh", "g"),
            ("ou", "u"),
            ("ee", "i"),
            ("oo", "u"),
            ("ew", "yu"),
            ("x", "ks"),
            ("q", "k"),
            ("w", "v"),
        ):
            word = word.replace(a, b)
        out = []
        for i, ch in enumerate(word):
            nxt = word[i + 1] if i + 1 < len(word) else ""
            if ch == "c" and nxt != "h":
                out.append("s" if nxt and nxt in "eiy" else "k")
            elif ch == "g" and nxt and nxt in "eiy":
                out.append("j")  # soft g: George, Angeles
            else:
                out.append(ch)
        word = "".join(out)
    word = anyascii(word).lower()
    return "".join(ch for ch in word if ch.isalpha())


def _fold(word: str) -> str:
    word = word.replace("kh", "h")
    out: list[str] = []
    for i, ch in enumerate(word):
        ch = _VOWEL_CLASS.get(ch, ch)
        if out and out[-1] == ch:
            continue
        # A glide after a vowel before a consonant is spelt or not: Тейт/Tate, Уэйн/Wayne.
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if (
            ch == "i"
            and out
            and out[-1] in "ao"
            and i > 0
            and word[i - 1] in "aeou"
            and (not nxt or nxt not in _VOWEL_CLASS)
        ):
            continue
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=65536)
def translit_key(word: str, lang: str) -> str:
    """The cross-script key of a name, suffixes and case endings removed.

    Args:
        word: one word (a hyphenated name such as ``Jaish-e-Mohammad`` counts as one).
        lang: the word's language code (``en``, ``az``, ``ru``, ``tr``).

    Returns:
        A lowercase Latin skeleton: ``Кельбаджара``, ``Kəlbəcərin`` and ``Kalbajar`` all give
        ``kalbajar``.
    """
    stem = strip_suffix(unicodedata.normalize("NFC", word.strip()), lang)
    if lang == "en":
        for end in _EN_ENDINGS:
            if stem.endswith(end):
                stem = stem[: -len(end)]
    return _fold(_romanize(stem, lang))


@lru_cache(maxsize=65536)
def translit_keys(word: str, lang: str) -> tuple[str, ...]:
    """Every key a word may meet under: :func:`translit_key` plus variants.

    The variants cover what one key cannot: the word with its ending kept (``Ньери`` is not
    ``Ньер`` + ``и``), and for a Latin word both the English reading and the plain letter
    reading (``Saeed`` in a Turkish text is spelt the English way; ``Indorewala`` is not
    English at all).
    """
    keys = [translit_key(word, lang)]
    w = word.strip()
    for ch in _APOSTROPHES:
        if ch in w:
            w = w.split(ch, 1)[0]
    low = lower(w, lang)
    latin = not any("а" <= ch <= "я" for ch in low)
    variants = [_fold(_romanize(low, lang))]
    if not latin:
        # English W after a consonant is also "у" (Уоруик, Warwick), but so is a Russian u
        # (Руан, Rouen): the reading as W is only a variant.
        w_read = re.sub(r"(?<=[бвгдзклмнпрстфхцчшщ])у(?=[оаиэ])", "в", low)
        if w_read != low:
            variants.append(_fold(_romanize(w_read, lang)))
        # Russian writes a foreign h before a vowel as "г" (Тегеран/Tehran, Гарри/Harry), a
        # native g the same way: the h reading is only a variant, and only between vowels
        # or in a short key. A longer name with a leading г already meets its h spelling by
        # the fuzzy ratio (Гасанов/Hasanov), and the variant would let it meet a name one
        # vowel off as well (Гасанов/Huseynov).
        vowel_next = r"г(?=[аеёиоуыэюяь])"
        pattern = vowel_next if len(keys[0]) <= 5 else r"(?<=[аеёиоуыэюя])" + vowel_next
        h_read = re.sub(pattern, "х", low)
        if h_read != low:
            variants.append(_fold(_romanize(h_read, lang)))
    if latin:
        variants.append(_fold(_romanize(low, lang, english=lang != "en")))
    for v in variants:
        if v and v not in keys:
            keys.append(v)
    return tuple(keys)


def keys_match(a: tuple[str, ...] | list[str], b: tuple[str, ...] | list[str]) -> bool:
    """Whether any key of one word meets any key of the other (:func:`names_match`)."""
    return any(names_match(x, y) for x in a for y in b)


def consonants(key: str) -> str:
    """The consonant skeleton of a key (``tramp`` and ``tromp`` both give ``trmp``)."""
    return "".join(ch for ch in key if ch not in "aio")


@lru_cache(maxsize=65536)
def word_skeleton(word: str, lang: str) -> str:
    """The consonant skeleton of ``word``'s :func:`translit_key` (kept for the words seen
    last: the aligner reads every word of both documents, and a text repeats its words)."""
    return consonants(translit_key(word, lang))


_VOICING = str.maketrans({"z": "s", "g": "k", "d": "t", "b": "p", "h": None})


def loose_consonants(key: str) -> str:
    """The consonant skeleton with voicing and ``h`` folded away.

    Scripts and schemes disagree on these: Azerbaijani writes a foreign ``g`` as ``q``
    (``Migos``, ``Miqos``), Russian drops an English ``h`` (``Graham``, ``Грэм``).
    """
    return _devoiced(consonants(key))


def keys_close(a: str, b: str) -> bool:
    """Whether two keys are one spelling, but for an ending or a letter or two.

    Equal, one a prefix of the other longer by at most four letters (of at least four), or
    a fuzzy ratio of 90 (six letters or more). Stricter than :func:`names_match`.
    """
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 4:
        return True
    return len(short) >= 6 and _ratio(a, b) >= 90


def _devoiced(key: str) -> str:
    """``key`` with voicing and ``h`` folded away and doubled letters made single."""
    out: list[str] = []
    for ch in key.translate(_VOICING):
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def names_resemble(a: str, b: str) -> bool:
    """Whether two keys sound alike at their start, a much looser test than :func:`names_match`.

    The loose skeletons agree on their first three consonants, or on both of the shorter
    one's, and so do the first sounds. ``Ball`` and ``Болла``,
    ``Magee`` and ``Магии``, ``Tipp`` and ``Типперэри`` resemble; two names picked at random
    seldom do. Used only to keep a spelling variant from being taken for a different name.
    """
    if not a or not b or not _heads_agree(a, b):
        return False
    la, lb = loose_consonants(a), loose_consonants(b)
    n = min(len(la), len(lb), 3)
    return n >= 2 and la[:n] == lb[:n]


def _head(key: str) -> str:
    """The class of a key's first sound: ``V`` a vowel, ``H`` an h, else the devoiced letter."""
    if key.startswith("ts"):
        key = key[1:]  # Russian ц for a soft c: Центральный/Central
    ch = key[0]
    if ch in "aio":
        return "V"
    return "H" if ch == "h" else ch.translate(_VOICING)


def _heads(key: str) -> set[str]:
    out = {_head(key)}
    # Turkish puts an i before a consonant cluster: İspanya/Spain, İklim/Climate.
    if len(key) > 3 and key[0] == "i" and key[1] not in "aio" and key[2] not in "aio":
        out.add(_head(key[1:]))
    return out


# First sounds that scripts trade: an h is spelt or not (Hindistan/Indian), a W is "у"
# (William/Уильям). An h written "г" (Harry/Гарри) is a key variant of its own.
_HEAD_PAIRS = ({"H", "V"}, {"v", "V"})


def _heads_agree(a: str, b: str) -> bool:
    return any(x == y or {x, y} in _HEAD_PAIRS for x in _heads(a) for y in _heads(b))


# Cached: the names checks compare each name's keys with every capitalised word of the
# other sentence, and a statement's names and words recur from sentence to sentence.
@lru_cache(maxsize=65536)
def names_match(a: str, b: str) -> bool:
    """Whether two transliteration keys plausibly spell the same name.

    Equal keys, one a prefix of the other (a suffix left on), equal consonant skeletons, or a
    fuzzy ratio of at least 80 (84 on the shorter one's length for prefixes). The skeleton
    rules need the first sounds to agree (``barhad`` and ``oparation`` share the loose
    skeleton ``prt`` but not their first sound), and with only three consonants a skeleton
    prefix also needs the same first letter and keys of near length: three consonants are
    too common to stand for a name on their own.
    """
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 3:
        return False
    # Letter for letter but for voicing ("Sousa" and "Соуза": sosa, soza).
    if len(short) >= 4 and _devoiced(a) == _devoiced(b):
        return True
    # A three-letter key is a prefix of too many words ("sha" of "shakira").
    if long_.startswith(short) and len(long_) - len(short) <= (2 if len(short) == 3 else 4):
        return True
    if _heads_agree(a, b):
        near = _head(a) == _head(b) and len(long_) - len(short) <= 2
        ca, cb = consonants(short), consonants(long_)
        if len(ca) >= 3 and (
            ca == cb or (cb.startswith(ca) and len(cb) - len(ca) <= 2 and (len(ca) > 3 or near))
        ):
            return True
        la, lb = loose_consonants(short), loose_consonants(long_)
        if len(la) >= 3 and (
            la == lb or (lb.startswith(la) and len(lb) - len(la) <= 1 and (len(la) > 3 or near))
        ):
            return True
    if len(short) == 4 and _ratio(a, b) >= 85:
        return True
    if len(short) >= 5:
        if _ratio(a, b) >= 80:
            return True
        if _ratio(short, long_[: len(short) + 1]) >= 84:
            return True
    return False

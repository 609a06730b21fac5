"""The four languages aligntext supports, their codes in each model family and locale facts.

This module is a leaf: it imports only :mod:`aligntext.errors`.
"""

from __future__ import annotations

from dataclasses import dataclass

from aligntext.errors import UnsupportedLanguageError


@dataclass(frozen=True)
class Language:
    """One supported language and the names other tools give it."""

    code: str  # ISO 639-1, aligntext's own code
    name: str
    script: str  # ISO 15924
    iso3: str  # ISO 639-3
    nllb: str  # NLLB-200 code (flores-200 style)
    m2m: str  # M2M100 code
    opus: str  # OPUS-MT target token body, as in >>aze_Latn<<
    locale: str  # Babel / CLDR locale
    decimal_sep: str  # the decimal separator in running text
    group_sep: str  # the thousands separator in running text


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "Latn", "eng", "eng_Latn", "en", "eng", "en", ".", ","),
    "az": Language(
        "az", "Azerbaijani", "Latn", "aze", "azj_Latn", "az", "aze_Latn", "az", ",", "."
    ),
    "ru": Language("ru", "Russian", "Cyrl", "rus", "rus_Cyrl", "ru", "rus", "ru", ",", " "),
    "tr": Language("tr", "Turkish", "Latn", "tur", "tur_Latn", "tr", "tur", "tr", ",", "."),
}

#: The supported codes, in the order aligntext lists them.
CODES: tuple[str, ...] = tuple(LANGUAGES)

_ALIASES: dict[str, str] = {}
for _lang in LANGUAGES.values():
    for _alias in (_lang.code, _lang.iso3, _lang.nllb, _lang.name, _lang.opus):
        _ALIASES[_alias.lower()] = _lang.code
_ALIASES.update(
    {"azj": "az", "azj_latn": "az", "az-latn": "az", "aze_latn": "az", "tur_latn": "tr"}
)


def resolve_lang(code: str) -> str:
    """Return aligntext's two-letter code for ``code`` (``en``, ``eng``, ``azj_Latn``, ...).

    Raises:
        UnsupportedLanguageError: ``code`` names none of the four languages.
    """
    # Not a string (None, a number): refused as an unknown language, not an AttributeError.
    key = code.strip().lower().replace("-", "_") if isinstance(code, str) else ""
    found = _ALIASES.get(key) or _ALIASES.get(key.replace("_", "-"))
    if found is None:
        raise UnsupportedLanguageError(f"unknown language {code!r}; use one of {', '.join(CODES)}")
    return found


def get_language(code: str) -> Language:
    """Return the :class:`Language` for any accepted spelling of its code."""
    return LANGUAGES[resolve_lang(code)]

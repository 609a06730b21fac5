"""The dictionaries that tell a capitalised common word from a name, and what they change."""

from __future__ import annotations

import pytest

from aligntext.check import compare_sentences
from aligntext.check.lexicon import is_listed_name, is_vocabulary


@pytest.mark.parametrize(
    ("word", "lang", "vocabulary"),
    [
        # English: Webster's lists ordinary words in lowercase, names capitalised.
        ("Council", "en", True),
        ("Officials", "en", True),
        ("Associated", "en", True),
        ("Pakistan", "en", False),
        ("Thomas", "en", False),
        ("Kalbajar", "en", False),
        # Russian: OpenCorpora tags names (Geox, Surn, Name), inflected forms included.
        ("Президента", "ru", True),
        ("Совета", "ru", True),
        ("Федерального", "ru", True),
        ("Пакистана", "ru", False),
        ("Путиным", "ru", False),
        ("Кельбаджара", "ru", False),
        ("Barrhead", "ru", False),
        # Turkish: the Zemberek lexicon, under the stem of an inflected form.
        ("Kurulu", "tr", True),
        ("Kurulu’na", "tr", True),
        ("Bakanlığı", "tr", True),
        ("Hizmetler", "tr", True),
        ("Londra’da", "tr", False),
        ("Kelbecer", "tr", False),
        # Azerbaijani: the word roots of azstemmer, under the stem.
        ("Şurası", "az", True),
        ("Nazirliyi", "az", True),
        ("Heyəti", "az", True),
        ("Kəlbəcərin", "az", False),
        ("Həsənov", "az", False),
        # English: GCIDE's later words, British spellings, nouns Webster's has as verbs.
        ("Girlfriend’s", "en", True),
        ("Organisation", "en", True),
        ("Cooperation", "en", True),
        ("Women", "en", True),
        ("Newsom", "en", False),
        # Russian: hyphenated words, whole or by their parts.
        ("Юго-Восточной", "ru", True),
        ("Женщин-Предпринимательниц", "ru", True),
        ("Нью-Йорке", "ru", False),
        # Turkish and Azerbaijani: verb, derivation and compound endings on the root, with
        # the root's last consonant as the dictionary writes it.
        ("Edildi", "tr", True),
        ("Gücü", "tr", True),
        ("Yavaşlatıyor", "tr", True),
        ("Yenilenebilir", "tr", True),
        ("Havayolları", "tr", True),
        ("Olduğunu", "tr", True),
        ("Şikâyet", "tr", True),
        ("Şikayetin", "tr", True),
        ("Destek", "tr", True),
        ("Erdoğan’ın", "tr", False),
        ("Ankara’da", "tr", False),
        # Cuts that break vowel harmony make no word ("laik-ip-i-a").
        ("Laikipia", "tr", False),
        ("Birliyinin", "az", True),
        ("Tərəfdaşlığının", "az", True),
        ("Yoxlanacağını", "az", True),
        ("Çıxmaz", "az", True),
        ("Qarabağ", "az", False),
        ("Əliyev", "az", False),
    ],
)
def test_is_vocabulary(word: str, lang: str, vocabulary: bool) -> None:
    assert is_vocabulary(word, lang) is vocabulary


@pytest.mark.parametrize(
    ("sl", "tl", "src", "tgt", "message"),
    [
        # A famous name is frequent (wordfreq alone took "Pakistan" for a common word) but
        # no dictionary word: its replacement is found.
        (
            "en",
            "ru",
            "The ministers of Pakistan and Kazakhstan met in Geneva.",
            "Министры Непала и Казахстана встретились в Женеве.",
            "entity Pakistan in source; target has Непала",
        ),
        # A replacement that is a frequent surname is still a name.
        (
            "en",
            "ru",
            "The report on the reform was written by Hasanov last week.",
            "Доклад о реформе написал на прошлой неделе Джонс.",
            "entity Hasanov in source; target has Джонс",
        ),
        # A capitalised dictionary word stands where a name stood, and no source word is
        # there for it to translate.
        (
            "en",
            "ru",
            "The report was presented by Hasanov in Geneva on Friday.",
            "Доклад в пятницу представил в Женеве Президент.",
            "entity Hasanov in source; target has Президент",
        ),
    ],
)
def test_loud_on_swapped_names(sl: str, tl: str, src: str, tgt: str, message: str) -> None:
    findings = [f for f in compare_sentences(src, tgt, sl, tl) if f.severity != "info"]
    assert [f.message for f in findings] == [message]


def test_a_person_named_where_the_source_names_none_is_only_noted() -> None:
    # A Russian surname (OpenCorpora's Surn tag) that nothing in the source explains, with no
    # name gone for it to replace: translators name the speaker the source calls "he".
    findings = compare_sentences(
        "He presented the report in Geneva on Friday.",
        "Доклад представил в Женеве в пятницу Джонс.",
        "en",
        "ru",
    )
    assert [(f.severity, f.message) for f in findings if f.type == "entity"] == [
        ("info", "name Джонс in target has no counterpart in source")
    ]


@pytest.mark.parametrize(
    ("sl", "tl", "src", "tgt"),
    [
        # Translated words of an organisation's name are dictionary words on both sides.
        (
            "en",
            "ru",
            "The Doctors Association of Ganja welcomed the plan.",
            "Ассоциация врачей Гянджи приветствовала план.",
        ),
        # An English name of a body quoted in a Russian text is translated into Turkish.
        (
            "ru",
            "tr",
            "Отчёт опубликовал Central Bank of Ganja.",
            "Raporu Gence Merkez Bankası yayımladı.",
        ),
        # A country left out next to a title is a common liberty, not a swap.
        (
            "en",
            "tr",
            "The US President spoke in Geneva on Friday.",
            "Başkan Cuma günü Cenevre’de konuştu.",
        ),
        # The football championship named after the currency.
        (
            "en",
            "ru",
            "Gamers will compete at the Euros this summer.",
            "Геймеры поборются на Евро этим летом.",
        ),
        # A title the source has in lowercase is no replacement.
        (
            "en",
            "ru",
            "The president met Hasanov in Geneva.",
            "Президент встретился с Гасановым в Женеве.",
        ),
    ],
)
def test_quiet_on_translated_words_titles_and_currencies(
    sl: str, tl: str, src: str, tgt: str
) -> None:
    findings = compare_sentences(src, tgt, sl, tl)
    assert [f.message for f in findings if f.severity != "info"] == []


@pytest.mark.parametrize(
    ("word", "lang", "listed"),
    [
        ("Donald", "tr", True),
        ("Donald’ın", "tr", True),
        ("Andrew", "az", True),
        ("Жака", "ru", True),
        ("Subaru’un", "tr", False),
        ("Werrington", "az", False),
        ("Совета", "ru", False),
    ],
)
def test_is_listed_name(word: str, lang: str, listed: bool) -> None:
    assert is_listed_name(word, lang) is listed

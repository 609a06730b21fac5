"""Comparisons: quiet on correct translations, loud on planted errors; facts_match; beads."""

from __future__ import annotations

import pytest

from aligntext.check import (
    check_alignment,
    check_pairs,
    compare_sentences,
    extract_facts,
    facts_match,
)
from aligntext.types import Alignment, Bead, Segment

QUIET = [
    ("en", "ru", "The talks lasted two years.", "Переговоры длились 2 года."),
    (
        "az",
        "ru",
        "Tədbirdə 60.000 nəfər iştirak etdi.",
        "В мероприятии участвовали 60 000 человек.",
    ),
    ("az", "ru", "Kəlbəcərin işğalı davam etdi.", "Оккупация Кельбаджара продолжалась."),
    ("en", "az", "On 6 April 1993 the talks began.", "Danışıqlar 1993-cü il aprelin 6-da başladı."),
    (
        "en",
        "tr",
        "The meeting starts at 1 pm in Ankara.",
        "Toplantı Ankara'da saat 13:00'te başlıyor.",
    ),
    ("en", "ru", "Unemployment fell to 20% in 2019.", "В 2019 году безработица снизилась до 20 %."),
    ("en", "tr", "Exports reached 1.5 billion dollars.", "İhracat 1,5 milyar dolara ulaştı."),
    ("ru", "tr", "В апреле 2019 года прибыли три делегации.", "Nisan 2019'da üç heyet geldi."),
    ("en", "az", "It is one of the largest projects.", "Bu, ən böyük layihələrdən biridir."),
    ("en", "ru", "The road is 5 miles (8 km) long.", "Длина дороги составляет 8 км."),
    (
        "en",
        "ru",
        "President Ilham Aliyev visited Moscow.",
        "Президент Ильхам Алиев посетил Москву.",
    ),
    ("en", "tr", "Both sides met in Baku.", "Her iki taraf Bakü'de bir araya geldi."),
    (
        "en",
        "tr",
        "Two of the wounded are in a serious condition.",
        "Yaralılardan ikisinin durumu ağır.",
    ),
    # A time and a count of the same number, both there (in words or in digits).
    ("en", "tr", "At 2pm two delegations arrive in Baku.", "Saat ikide iki heyet Bakü'ye geliyor."),
    ("en", "az", "At 2pm two delegations arrive in Baku.", "Saat 14:00-da iki heyət Bakıya gəlir."),
    ("en", "az", "The commission meets twice a year.", "Komissiya ildə iki dəfə toplanır."),
    ("en", "ru", "The commission meets twice a year.", "Комиссия собирается два раза в год."),
    (
        "en",
        "ru",
        "Azerbaijan became a member of the United Nations.",
        "Азербайджан стал членом Организации Объединённых Наций.",
    ),
    (
        "en",
        "tr",
        "Azerbaijan chaired the Non-Aligned Movement.",
        "Azerbaycan Bağlantısızlar Hareketi'ne başkanlık etti.",
    ),
    (
        "ru",
        "tr",
        "Он выступил на Генеральной Ассамблее ООН.",
        "BM'deki Genel Tartışma'da konuştu.",
    ),
    ("en", "ru", "The talks lasted 24 hours.", "Переговоры длились сутки."),
    ("en", "ru", "It ended the two-decades-old embargo.", "Это сняло двадцатилетнее эмбарго."),
    ("en", "az", "Police came at about 1am.", "Polis saat 01.00 radələrində gəldi."),
    ("ru", "az", "Полиция приехала в час ночи.", "Polis saat 01.00 radələrində gəldi."),
    ("en", "ru", "Xhaka was named captain.", "Джаку назначили капитаном."),
    (
        "en",
        "ru",
        "He may face him in November 2020.",
        "Он может встретиться с ним в 2020 году.",
    ),
]


@pytest.mark.parametrize(("sl", "tl", "src", "tgt"), QUIET)
def test_quiet_on_correct_translations(sl: str, tl: str, src: str, tgt: str) -> None:
    findings = compare_sentences(src, tgt, sl, tl)
    assert [f for f in findings if f.severity != "info"] == []


LOUD = [
    (
        "en",
        "ru",
        "511 people were evacuated.",
        "Эвакуированы 517 человек.",
        "number",
        "error",
        "number 511 in source; target has 517",
    ),
    (
        "en",
        "az",
        "On 6 April 1993 the talks began.",
        "Danışıqlar 1993-cü ilin 30 aprel tarixində başladı.",
        "date",
        "error",
        "date 6 April 1993 in source; target has 30 April 1993",
    ),
    (
        "en",
        "tr",
        "The talks lasted two years.",
        "Görüşmeler üç yıl sürdü.",
        "number",
        "warning",
        "number two (2) in source; target has üç (3)",
    ),
    (
        "en",
        "az",
        "It cost 5 million manats.",
        "Bu, 5 milyard manata başa gəldi.",
        "number",
        "error",
        "number 5 million (5000000) in source; target has 5 milyard (5000000000)",
    ),
    (
        "en",
        "ru",
        "The price rose by 20% in May.",
        "Цена выросла в мае.",
        "number",
        "warning",
        "number 20% in source has no counterpart in target",
    ),
    (
        "ru",
        "tr",
        "Встреча пройдет в апреле.",
        "Toplantı Mayıs'ta yapılacak.",
        "date",
        "error",
        "date April in source; target has May",
    ),
    (
        "en",
        "ru",
        "Officials met Magombeyi in the capital.",
        "Чиновники встретились с Мутсвангвой в столице.",
        "entity",
        "warning",
        "entity Magombeyi in source; target has Мутсвангвой",
    ),
    (
        "en",
        "ru",
        "The envoy, Mr. Rashad Hasanov, presented the report.",
        "Посланник представил доклад.",
        "entity",
        "warning",
        "name Rashad Hasanov in source has no counterpart in target",
    ),
    (
        "en",
        "ru",
        "The strike hit Balakot at night.",
        "Удар пришёлся на Бакалот ночью.",
        "entity",
        "warning",
        "entity Balakot in source; target spells it Бакалот",
    ),
    (
        "en",
        "tr",
        "Aliyev met Hasanov in Ganja on Friday.",
        "Aliyev Cuma günü Gence’de Kerimov ile görüştü.",
        "entity",
        "warning",
        "entity Hasanov in source; target has Kerimov",
    ),
    (
        "en",
        "ru",
        "Hasanov met Rashad Huseynov in Ganja.",
        "Гасанов встретился с Рашадом Керимовым в Гяндже.",
        "entity",
        "warning",
        "entity Huseynov in source; target has Керимовым",
    ),
    (
        "en",
        "ru",
        "He spoke nine days after the second cut.",
        "Он выступил через два дня после второго снижения.",
        "number",
        "warning",
        "number nine (9) in source; target has два (2)",
    ),
    (
        "en",
        "tr",
        "Both measures are new.",
        "Her üç önlem de yeni.",
        "number",
        "warning",
        "number Both (2) in source; target has üç (3)",
    ),
    (
        "en",
        "ru",
        "The delegation arrives in Ganja on Oct. 2 for the talks.",
        "Делегация прибудет в Гянджу 5 окт. на переговоры.",
        "date",
        "error",
        "date 2 October in source; target has 5 October",
    ),
    # Inflected Turkish numerals: a possessive with a genitive, a time of day in the locative.
    (
        "en",
        "tr",
        "Two of the wounded are in a serious condition.",
        "Yaralılardan üçünün durumu ağır.",
        "number",
        "warning",
        "number Two (2) in source; target has üçünün (3)",
    ),
    (
        "en",
        "tr",
        "The meeting began at seven in the evening.",
        "Toplantı akşam saat altıda başladı.",
        "number",
        "warning",
        "number seven (7) in source; target has altıda (6)",
    ),
    # A time gone is not excused by a count of the same number: "two" is another figure.
    (
        "en",
        "tr",
        "At 2pm two delegations arrive in Baku.",
        "İki heyet Bakü'ye geliyor.",
        "number",
        "warning",
        "number 2pm (14:00) in source has no counterpart in target",
    ),
    (
        "ru",
        "en",
        "В 15:00 три делегации прибудут в Баку.",
        "Three delegations will arrive in Baku.",
        "number",
        "warning",
        "number 15:00 in source has no counterpart in target",
    ),
]


@pytest.mark.parametrize(("sl", "tl", "src", "tgt", "type_", "severity", "message"), LOUD)
def test_loud_on_planted_errors(
    sl: str, tl: str, src: str, tgt: str, type_: str, severity: str, message: str
) -> None:
    findings = [f for f in compare_sentences(src, tgt, sl, tl, pair=3) if f.severity != "info"]
    assert [(f.type, f.severity, f.message) for f in findings] == [(type_, severity, message)]
    assert findings[0].pair == 3


def test_spans_point_at_both_sides() -> None:
    src, tgt = "511 people were evacuated.", "Эвакуированы 517 человек."
    (f,) = compare_sentences(src, tgt, "en", "ru", pair=7)
    assert (f.src_spans[0].segment, f.src_spans[0].text) == (7, "511")
    assert tgt[f.tgt_spans[0].start : f.tgt_spans[0].end] == "517"


def _fact(text: str, lang: str, kind: str):  # type: ignore[no-untyped-def]
    return next(f for f in extract_facts(text, lang) if f.kind == kind)


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "kind", "same"),
    [
        ("60.000 nəfər", "az", "60,000 people", "en", "number", True),
        ("60 000 человек", "ru", "60.000 kişi", "tr", "number", True),
        ("two years", "en", "2 года", "ru", "number", True),
        ("в 13:00", "ru", "at 1 pm", "en", "number", True),
        ("511 people", "en", "517 человек", "ru", "number", False),
        ("in April 1993", "en", "30 апреля 1993 года", "ru", "date", True),
        ("in April 1993", "en", "Mayıs 1993'te", "tr", "date", False),
        (
            "Biz Kəlbəcərin işğalını xatırlayırıq.",
            "az",
            "Мы помним оккупацию Кельбаджара.",
            "ru",
            "entity",
            True,
        ),
        ("visit to India", "en", "Hindistan'a ziyaret", "tr", "entity", True),
        ("visit to India", "en", "визит в Пакистан", "ru", "entity", False),
    ],
)
def test_facts_match(a: str, la: str, b: str, lb: str, kind: str, same: bool) -> None:
    assert facts_match(_fact(a, la, kind), _fact(b, lb, kind)) is same


def test_number_matches_date_year() -> None:
    year = _fact("It began in 1993.", "en", "number")
    date = _fact("Bu, 1993-cü ilin aprelində başladı.", "az", "date")
    assert facts_match(year, date)


def _segments(texts: list[str]) -> tuple[Segment, ...]:
    return tuple(Segment(t, i) for i, t in enumerate(texts))


def test_check_alignment_null_beads_and_confidence() -> None:
    src = ["The talks began on 6 April.", "They lasted two days.", "Both sides agreed."]
    tgt = ["Danışıqlar aprelin 6-da başladı.", "Hər iki tərəf razılaşdı.", "Əlavə cümlə."]
    alignment = Alignment(
        beads=(
            Bead((0,), (0,)),
            Bead((1,), ()),
            Bead((2,), (1,), confidence=0.2),
            Bead((), (2,)),
        ),
        src=_segments(src),
        tgt=_segments(tgt),
        src_lang="en",
        tgt_lang="az",
    )
    found = [
        (f.pair, f.type, f.severity) for f in check_alignment(alignment) if f.severity != "info"
    ]
    assert found == [
        (1, "omission", "warning"),
        (2, "alignment", "warning"),
        (3, "addition", "warning"),
    ]


def test_check_alignment_spans_use_segment_indices() -> None:
    src = ["Intro.", "It cost 511 dollars.", "The end."]
    tgt = ["Giriş. Bu, 517 dollara başa gəldi.", "Son."]
    alignment = Alignment(
        beads=(Bead((0, 1), (0,)), Bead((2,), (1,))),
        src=_segments(src),
        tgt=_segments(tgt),
        src_lang="en",
        tgt_lang="az",
    )
    (f,) = [f for f in check_alignment(alignment) if f.type == "number"]
    assert (f.src_spans[0].segment, f.src_spans[0].text) == (1, "511")
    assert (f.tgt_spans[0].segment, f.tgt_spans[0].text) == (0, "517")


def test_check_pairs_indices_and_untranslated() -> None:
    pairs = [
        ("The budget is 5 million.", "Бюджет составляет 5 млн."),
        ("It rose by 7 percent.", "Он вырос на 9 процентов."),
        ("This sentence was not translated at all.", "This sentence was not translated at all."),
        ("An empty target.", ""),
    ]
    found = [(f.pair, f.type) for f in check_pairs(pairs, "en", "ru") if f.severity != "info"]
    assert found == [(1, "number"), (2, "untranslated"), (3, "omission")]


def test_wrong_script_is_untranslated() -> None:
    findings = compare_sentences(
        "The ministry published the report today.",
        "The ministry published the report today!",
        "en",
        "ru",
    )
    assert [f.type for f in findings] == ["untranslated"]


def test_each_swapped_name_is_paired_with_the_one_in_its_place() -> None:
    findings = compare_sentences(
        "Aliyev met Hasanov and later Mammadov in Ganja.",
        "Алиев встретился с Гусейновым, а позже с Керимовым в Гяндже.",
        "en",
        "ru",
    )
    assert [f.message for f in findings if f.severity == "warning"] == [
        "entity Hasanov in source; target has Гусейновым",
        "entity Mammadov in source; target has Керимовым",
    ]


@pytest.mark.parametrize(
    ("sl", "tl", "src", "tgt"),
    [
        # The translated head of a name whose last word has a counterpart is no replacement.
        (
            "en",
            "az",
            "Hasanov met the Shadow Budget Committee of Ganja.",
            "Həsənov Gəncənin Kölgə Büdcə Komitəsi ilə görüşdü.",
        ),
        # Title Case: capitals carry no signal.
        (
            "en",
            "tr",
            "Facebook Removes Fake Accounts Targeting Local Journalists In Baku",
            "Facebook, Bakü’deki Yerel Gazetecileri Hedef Alan Sahte Hesapları Kaldırdı",
        ),
        (
            "en",
            "tr",
            "Aliyev met Hasanov in Ganja.",
            "Aliyev Cuma günü Gence’de Hasanov ile görüştü.",
        ),
    ],
)
def test_quiet_on_translated_names(sl: str, tl: str, src: str, tgt: str) -> None:
    findings = compare_sentences(src, tgt, sl, tl)
    assert [f.message for f in findings if f.severity != "info"] == []


def test_addresses_and_link_targets_hold_no_facts():
    from aligntext.check import compare_sentences

    found = compare_sentences(
        "The council approved 214 million manat, see [the full report]"
        "(https://example.com/reports/2023/987654) or write to press2@example.org.",
        "Совет утвердил 214 миллионов манатов, см. полный отчёт.",
        "en",
        "ru",
    )
    assert [f.type for f in found if f.type != "length"] == []  # not 2023, 987654 or 2


def test_decomposed_text_reads_as_composed():
    import unicodedata

    from aligntext.check import compare_sentences, extract_facts

    def nfd(text: str) -> str:
        return unicodedata.normalize("NFD", text)

    az = "Prezident İlham Əliyev Kəlbəcərə 12 mart 2024-cü ildə gəldi."
    assert [f.key for f in extract_facts(nfd(az), "az")] == [f.key for f in extract_facts(az, "az")]
    tr = "Cumhurbaşkanı İlham Aliyev 12 Mart 2024'te Kelbecer'i ziyaret etti."
    src = "President Ilham Aliyev visited Kalbajar on 12 March 2024."
    assert compare_sentences(src, nfd(tr), "en", "tr") == compare_sentences(src, tr, "en", "tr")
    ru = "Пётр Семёнов встретился с делегацией в Москве."
    found = compare_sentences("Pyotr Semyonov met the delegation in Moscow.", nfd(ru), "en", "ru")
    assert [f for f in found if f.severity != "info"] == []

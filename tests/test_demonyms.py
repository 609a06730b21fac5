"""Nationality adjectives, language names and translated regions meet their country concept."""

from __future__ import annotations

import pytest

from aligntext.check import compare_sentences
from aligntext.check.entities import concepts_in
from aligntext.check.locale_data import demonyms


def _concepts(text: str, lang: str) -> list[tuple[str, str]]:
    return [(text[s:e], c) for s, e, c in concepts_in(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        # CLDR language names standing for the country where the language is official.
        ("The Irish delegation arrived.", "en", ("Irish", "country:IE")),
        ("Прибыла ирландская делегация.", "ru", ("ирландская", "country:IE")),
        ("İrlandaca yayın yapıyor.", "tr", ("İrlandaca", "country:IE")),
        ("Kitab ispan dilində çıxdı.", "az", ("ispan", "country:ES")),
        ("İspanyol kulübü kazandı.", "tr", ("İspanyol", "country:ES")),
        ("Он говорил по-испански с испанского посла.", "ru", ("испанского", "country:ES")),
        ("The French minister spoke.", "en", ("French", "country:FR")),
        ("Fransızca konuştu.", "tr", ("Fransızca", "country:FR")),
        ("Chinese investors left.", "en", ("Chinese", "country:CN")),
        ("Ушли китайские инвесторы.", "ru", ("китайские", "country:CN")),
        ("A Japanese carmaker grew.", "en", ("Japanese", "country:JP")),
        ("Japon şirketi büyüdü.", "tr", ("Japon", "country:JP")),
        ("yapon şirkəti böyüdü.", "az", ("yapon", "country:JP")),
        ("Выросла японская компания.", "ru", ("японская", "country:JP")),
        ("Ukrainian troops withdrew.", "en", ("Ukrainian", "country:UA")),
        ("Отошли отряды украинских военных.", "ru", ("украинских", "country:UA")),
        ("Portuguese fishermen sailed.", "en", ("Portuguese", "country:PT")),
        # English suffix rules on CLDR country names.
        ("Iraqi forces moved.", "en", ("Iraqi", "country:IQ")),
        ("Egyptian officials agreed.", "en", ("Egyptian", "country:EG")),
        ("Canadian banks fell.", "en", ("Canadian", "country:CA")),
        ("Mexican exports rose.", "en", ("Mexican", "country:MX")),
        ("Pakistani diplomats left.", "en", ("Pakistani", "country:PK")),
        # concepts.tsv: forms CLDR lacks.
        ("Saudi officials agreed.", "en", ("Saudi", "country:SA")),
        ("Согласились саудовские чиновники.", "ru", ("саудовские", "country:SA")),
        ("Turkey voted.", "en", ("Turkey", "country:TR")),
        ("Swiss banks fell.", "en", ("Swiss", "country:CH")),
        ("The English league resumed.", "en", ("English", "country:GB")),
        ("Возобновилась английская лига.", "ru", ("английская", "country:GB")),
        ("British troops left.", "en", ("British", "country:GB")),
        ("Scottish ministers met.", "en", ("Scottish", "known:Scotland")),
        ("Встретились шотландские министры.", "ru", ("шотландские", "known:Scotland")),
        ("Bu tarixi Şotlandiya binası.", "az", ("Şotlandiya", "known:Scotland")),
        ("Bu tarihi İskoç binası.", "tr", ("İskoç", "known:Scotland")),
        ("The Welsh assembly met.", "en", ("Welsh", "known:Wales")),
        ("Galce bir tabela.", "tr", ("Galce", "known:Wales")),
        ("Northern Irish fans travelled.", "en", ("Northern Irish", "known:Northern Ireland")),
        (
            "Taraftarlar Kuzey İrlanda'ya gitti.",
            "tr",
            ("Kuzey İrlanda'ya", "known:Northern Ireland"),
        ),
        ("European leaders met.", "en", ("European", "known:Europe")),
        ("Встретились европейские лидеры.", "ru", ("европейские", "known:Europe")),
        ("Avrupalı liderler buluştu.", "tr", ("Avrupalı", "known:Europe")),
        ("Arab states agreed.", "en", ("Arab", "known:Arab")),
        ("Arap ülkeleri anlaştı.", "tr", ("Arap", "known:Arab")),
        # A CLDR name with its other name in brackets: either alone.
        ("Myanmar voted.", "en", ("Myanmar", "country:MM")),
    ],
)
def test_demonyms_name_their_country(text: str, lang: str, found: tuple[str, str]) -> None:
    assert found in _concepts(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Everyday words a demonym stem (with a suffix) would spell.
        ("Komanda finala çıxdı.", "az"),  # fin (Finnish): final
        ("Finali kazandılar.", "tr"),
        ("Tayin kararı çıktı.", "tr"),  # Tay (Thai): appointment
        ("Kazaya karışan sürücü.", "tr"),  # Kazak: kaza, accident
        ("Çekin tutarı yüksek.", "tr"),  # Çek (Czech): cheque
        ("Lehine karar verildi.", "tr"),  # Leh (Polish): in favour
        ("Onlar tay-tuş idilər.", "az"),  # tay (Thai): peer
        ("Вратарь Шон отбил мяч.", "ru"),  # шона (Shona): Шон, a name
        ("He polished the Maltese cross.", "en"),  # lowercase "polished" is no demonym
    ],
)
def test_common_words_are_not_demonyms(text: str, lang: str) -> None:
    concepts = _concepts(text, lang)
    assert all(c in ("country:MT",) for _, c in concepts), concepts


def test_ambiguous_languages_are_left_out() -> None:
    """English and Arabic name no single country: they are not mapped by likely subtags."""
    en = demonyms("en")
    assert "English" not in en and "Arabic" not in en
    assert en["Irish"] == "country:IE" and en["Portuguese"] == "country:PT"
    assert "Welsh" not in en  # regional in GB: concepts.tsv links it to Wales
    assert demonyms("tr")["İspanyol"] == "country:ES"  # "İspanyolca" without -ca


@pytest.mark.parametrize(
    "versions",
    [
        # One statement in several languages: demonym here, country name there.
        {
            "en": "Scottish smiths",
            "az": "Şotlandiya dəmirçiləri",
            "ru": "шотландские кузнецы",
            "tr": "İskoç demircileri",
        },
        {"en": "Welsh signs", "az": "uels dilində", "ru": "валлийские знаки", "tr": "Galce tabela"},
        {
            "en": "Irish fans",
            "az": "İrlandiya azarkeşləri",
            "ru": "фанаты Ирландии",
            "tr": "İrlandalı",
        },
        {"en": "the Spanish club", "az": "ispan klubu", "ru": "испанский клуб", "tr": "İspanyol"},
        {
            "en": "Chinese banks",
            "az": "Çin bankları",
            "ru": "банки Китая",
            "tr": "Çin'in bankaları",
        },
        {"en": "Saudi officials", "az": "Səudiyyə rəsmiləri", "ru": "саудовские", "tr": "Suudi"},
        {
            "en": "European leaders",
            "az": "Avropa liderləri",
            "ru": "лидеры Европы",
            "tr": "Avrupalı",
        },
        {
            "en": "Arab states",
            "az": "ərəb ölkələri",
            "ru": "арабские страны",
            "tr": "Arap ülkeleri",
        },
    ],
)
def test_versions_share_one_concept(versions: dict[str, str]) -> None:
    keys = {lang: {c for _, c in _concepts(text, lang)} for lang, text in versions.items()}
    assert len({frozenset(k) for k in keys.values()}) == 1 and keys["en"], keys


@pytest.mark.parametrize(
    ("src", "tgt", "sl", "tl"),
    [
        # A name dropped in translation is no alarm when the only name the target adds is the
        # country the source's demonym names: in both directions.
        (
            "The French ambassador to Angola met Sylvain Itte in Luanda.",
            "Посол Франции встретился с Сильвеном Иттэ в Луанде.",
            "en",
            "ru",
        ),
        (
            "Посол Франции встретился с Сильвеном Иттэ в Луанде.",
            "The French ambassador met Sylvain Itte in Luanda.",
            "ru",
            "en",
        ),
        (
            "Saudi officials met Dolores Umbridge in Riyadh.",
            "Представители Саудовской Аравии встретились с Долорес Амбридж.",
            "en",
            "ru",
        ),
        (
            "The Irish coach praised Flitwick in Hogsmeade.",
            "Тренер сборной Ирландии похвалил Флитвика.",
            "en",
            "ru",
        ),
        (
            "Тренер сборной Ирландии похвалил Флитвика в Хогсмиде.",
            "The Irish coach praised Flitwick.",
            "ru",
            "en",
        ),
        ("New Welsh road signs went up in Hogsmeade.", "Yeni Galce tabelalar asıldı.", "en", "tr"),
    ],
)
def test_demonym_meets_country_name(src: str, tgt: str, sl: str, tl: str) -> None:
    findings = compare_sentences(src, tgt, sl, tl)
    assert [f.message for f in findings if f.type == "entity" and f.severity != "info"] == []


def test_changed_nationality_is_still_found() -> None:
    """A demonym is a concept: another country in its place is reported."""
    findings = compare_sentences(
        "The Irish coach praised Flitwick.",
        "Тренер сборной Франции похвалил Флитвика.",
        "en",
        "ru",
    )
    assert any(f.type == "entity" and f.severity != "info" for f in findings)

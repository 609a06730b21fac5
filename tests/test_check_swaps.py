"""A name put in another's place, and the translations that must not look like one.

Written for the project: each loud case swaps one name of a correct translation; each quiet
case is a correct translation whose names a translator spelt, shortened or translated.
"""

from __future__ import annotations

import pytest

from aligntext.check import compare_sentences


def _warnings(src: str, tgt: str, sl: str, tl: str) -> list[str]:
    return [f.message for f in compare_sentences(src, tgt, sl, tl) if f.severity != "info"]


@pytest.mark.parametrize(
    ("sl", "tl", "src", "tgt", "message"),
    [
        # A capitalised dictionary word of the source ("Twitter", also a verb in Webster's)
        # gone, and a clear name from nowhere in its place.
        (
            "en",
            "ru",
            "The ministry posted the statement on Twitter on Monday.",
            "Министерство опубликовало заявление в Каламбаре в понедельник.",
            "entity Twitter in source; target has Каламбаре",
        ),
        # An acronym in brackets replaced by a name: brackets start no sentence.
        (
            "en",
            "tr",
            "The Ganja Water Board (GWB) has published the results.",
            "Gence Su Kurulu (Kalambar) sonuçları yayımladı.",
            "entity GWB in source; target has Kalambar",
        ),
        # A first name changed while the surname was kept.
        (
            "en",
            "az",
            "The report was signed by Rashad Hasanov on Friday.",
            "Hesabatı cümə günü Tofiq Həsənov imzaladı.",
            "name Rashad Hasanov in source; target has Tofiq Həsənov (another first name)",
        ),
        # A name run into the next one is still a name put in ("Kalambar Sheffield United").
        (
            "en",
            "tr",
            "Next season Azersun will sponsor Neftchi Baku.",
            "Gelecek sezon Kalambar Neftçi Bakü’ye sponsor olacak.",
            "entity Azersun in source; target has Kalambar",
        ),
        # A name the source repeats, once in the target, and a word from nowhere in its place.
        (
            "en",
            "ru",
            "Hasanov opened the session and Hasanov closed it, the premier said.",
            "Гасанов открыл заседание, а Каламбар закрыл его, сказал премьер.",
            "entity Hasanov in source; target has Каламбар",
        ),
        # A name gone, and an acronym that stands for nothing in the source.
        (
            "en",
            "ru",
            "The deal was signed by Kalbajar Mining on Friday.",
            "Сделку в пятницу подписала компания ГВК.",
            "entity Kalbajar in source; target has ГВК",
        ),
        # One capitalised word gone and a country the source never names in its place.
        (
            "en",
            "ru",
            "The plans for the new plant were first printed by the Herald.",
            "Планы нового завода первой напечатала Австралия.",
            "entity Herald in source; target has Австралия",
        ),
        # In a headline every word is capitalised, but a clear name still shows.
        (
            "en",
            "ru",
            "Azerbaijani Minister Opens Water Plant In Ganja",
            "Азербайджанский министр открыл водоочистную станцию в Каламбаре",
            "entity Ganja in source; target has Каламбаре",
        ),
    ],
)
def test_loud_on_a_name_in_another_s_place(
    sl: str, tl: str, src: str, tgt: str, message: str
) -> None:
    assert message in _warnings(src, tgt, sl, tl)


@pytest.mark.parametrize(
    ("sl", "tl", "src", "tgt"),
    [
        # One name however spelt: the first consonants agree, or all letters but voicing.
        ("en", "ru", "The prize went to Ana Sousa in Baku.", "Премию в Баку получила Ана Соуза."),
        (
            "en",
            "ru",
            "The talks were chaired by Rufat Ball in Baku.",
            "Переговоры в Баку вёл Руфат Болл.",
        ),
        # An acronym spelt out on the other side, either way.
        (
            "en",
            "ru",
            "The embassy sent a delegation to LA.",
            "Посольство направило делегацию в Лос-Анджелес.",
        ),
        ("ru", "tr", "ФРС сохранила ставку.", "Federal Rezerv Sistemi faizi sabit tuttu."),
        # The Fed, a translated body.
        (
            "en",
            "ru",
            "The Fed kept rates steady.",
            "Федеральная резервная система сохранила ставки.",
        ),
        # A first name spelt another way before a kept surname ("Jacques" / "Жак").
        ("en", "ru", "The award went to Jacques Hasanov.", "Награду получил Жак Гасанов."),
        # A country dropped from a Russian source, its body's name capitalised in Turkish.
        ("ru", "tr", "Президент США выступил в Женеве.", "Başkan Cenevre’de konuştu."),
        # A repeated name said once and then "he".
        (
            "en",
            "ru",
            "Hasanov spoke first; Hasanov then left.",
            "Гасанов выступил первым, а затем ушёл.",
        ),
        # Turkish verb and derived forms are words, not names put in.
        (
            "en",
            "tr",
            "The ministry said the project was slowing down.",
            "Bakanlık projenin Yavaşlatıldığını açıkladı.",
        ),
    ],
)
def test_quiet_on_spellings_translations_and_omitted_repeats(
    sl: str, tl: str, src: str, tgt: str
) -> None:
    assert _warnings(src, tgt, sl, tl) == []

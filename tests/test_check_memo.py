"""The per-comparison memo of facts and the caches that make long comparisons fast: each
gives what computing afresh gives.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import pytest

from aligntext.check import extract_facts, weekdays
from aligntext.check import memo as memo_mod
from aligntext.check.glossary import Glossary
from aligntext.check.memo import memoized, text_memo
from aligntext.check.weekdays import extract_weekdays
from aligntext.pipeline.compare import compare_versions
from aligntext.render.report import render_report

EN = "On Monday, 3 June 2024, Minister Elnur Aliyev opened 14 new schools in Ganja."
AZ = "Bazar ertəsi, 3 iyun 2024-cü ildə nazir Elnur Əliyev Gəncədə 14 yeni məktəb açıb."


def test_memo_computes_each_text_once_and_gives_each_caller_its_own_list():
    calls: list[tuple[str, str]] = []

    @memoized
    def words(text: str, lang: str) -> list[str]:
        calls.append((text, lang))
        return text.split()

    with text_memo():
        first = words("one two", "en")
        first.append("three")  # a caller's change is its own
        assert words("one two", "en") == ["one", "two"]
        assert words("one two", "az") == ["one", "two"]
    assert calls == [("one two", "en"), ("one two", "az")]
    # Outside the block nothing is kept: every call computes.
    words("one two", "en")
    assert len(calls) == 3


def test_memo_is_dropped_after_the_block_and_nested_blocks_share_it():
    with text_memo() as outer:
        extract_facts(EN, "en")
        with text_memo() as inner:
            assert inner is outer
        assert len(outer) == 1
    assert memo_mod._MEMO.get() is None


@pytest.mark.parametrize(("text", "lang"), [(EN, "en"), (AZ, "az")])
def test_memoized_facts_and_weekdays_equal_fresh_ones(text, lang):
    fresh = (extract_facts(text, lang), extract_weekdays(text, lang))
    with text_memo():
        for _ in range(2):
            assert (extract_facts(text, lang), extract_weekdays(text, lang)) == fresh


def test_memo_tells_glossaries_apart():
    # The same sentence read with two glossaries (equal but for one term) gives two answers.
    text = "The Mine Action Agency cleared 200 hectares."
    plain = Glossary((("agency", "en", "Mine Action Agency"),))
    other = Glossary((("mines", "en", "Mine Action"),))
    expected = [extract_facts(text, "en", g) for g in (plain, other, None)]
    assert expected[0] != expected[1]
    with text_memo():
        assert [extract_facts(text, "en", g) for g in (plain, other, None)] == expected


def _weekday_text(lang: str) -> str:
    """Every weekday name of ``lang``, bare and with endings, among ordinary words."""
    endings = {"en": ["", "s"], "ru": ["", "у", "ы", "е", "ам"], "az": ["", "yə", "dən"]}
    endings["tr"] = ["", "'den", "den", "ye"]
    words = []
    for name, _ in weekday_names_of(lang):
        for ending in endings[lang]:
            phrase = " ".join(name) + ending
            words += ["x", phrase, phrase.capitalize(), "y"]
    return " ".join(words) + " bazaar pazarlık средство Mon Sun."


def weekday_names_of(lang: str):
    from aligntext.check.locale_data import weekday_names

    return weekday_names(lang)


@pytest.mark.parametrize("lang", ["en", "az", "ru", "tr"])
def test_weekday_index_finds_what_trying_every_name_finds(lang, monkeypatch):
    text = _weekday_text(lang)
    indexed = extract_weekdays(text, lang)
    assert indexed  # the text does name weekdays
    # Without the index every name is tried at every word, as before.
    monkeypatch.setattr(weekdays, "_names_by_prefix", lambda _lang: None)
    assert extract_weekdays(text, lang) == indexed


STATEMENT = {
    "en": "Baku, 3 June 2024\n\nOn Monday Minister Elnur Aliyev opened 14 schools in Ganja. "
    "They cost 12 million manats.\n\nOn Monday Minister Elnur Aliyev opened 14 schools in "
    "Ganja.\n",
    "az": "Bakı, 3 iyun 2024\n\nBazar ertəsi nazir Elnur Əliyev Gəncədə 14 məktəb açıb. "
    "Onlar 12 milyon manata başa gəlib.\n\nBazar ertəsi nazir Elnur Əliyev Gəncədə 14 "
    "məktəb açıb.\n",
    "ru": "Баку, 3 июня 2024 г.\n\nВ понедельник министр Эльнур Алиев открыл в Гяндже 15 "
    "школ. Они обошлись в 12 млн манатов.\n\nВ понедельник министр Эльнур Алиев открыл в "
    "Гяндже 14 школ.\n",
    "tr": "Bakü, 3 Haziran 2024\n\nBakan Elnur Aliyev pazartesi günü Gence'de 14 okul açtı. "
    "Okullar 12 milyon manata mal oldu.\n\nBakan Elnur Aliyev salı günü Gence'de 14 okul "
    "açtı.\n",
}


def test_compare_gives_the_same_report_with_and_without_the_memo(tmp_path: Path, monkeypatch):
    paths = []
    for lang, text in STATEMENT.items():
        path = tmp_path / f"{lang}.txt"
        path.write_text(text, "utf-8")
        paths.append(path)
    with_memo = render_report(compare_versions(paths, list(STATEMENT)), "json")
    monkeypatch.setattr("aligntext.check.memo.text_memo", nullcontext)
    without = render_report(compare_versions(paths, list(STATEMENT)), "json")
    assert with_memo == without
    assert '"type": "number"' in with_memo  # ru's 15 schools


def test_cached_name_tests_answer_as_computed_afresh():
    from aligntext.check.entities import _is_acronym
    from aligntext.check.translit import names_match, translit_keys

    words = {
        "en": ["Hasanov", "Aliyev", "NATO", "Kalbajar", "Sousa", "UN", "Ministry", "IITs"],
        "ru": ["Гасанов", "Алиев", "НАТО", "Кельбаджар", "Соуза", "ООН", "Министерство"],
        "az": ["Həsənov", "Əliyev", "NATO-nun", "Kəlbəcər", "BMT", "Nazirlik"],
    }
    keys = sorted({k for lang, ws in words.items() for w in ws for k in translit_keys(w, lang)})
    # Twice over, so that the second round answers from the cache.
    for _ in range(2):
        for a in keys:
            for b in keys:
                assert names_match(a, b) == names_match.__wrapped__(a, b)
        for w in (w for ws in words.values() for w in ws):
            assert _is_acronym(w) == _is_acronym.__wrapped__(w)
    assert names_match.cache_info().hits > 0

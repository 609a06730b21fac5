"""Cross-version findings do not depend on which file comes first.

A disagreement between two versions that the pivot cannot see (the pivot has no sentence
there, or lacks the figure the others state differently) is found by checking those versions
against each other.
"""

from __future__ import annotations

import pytest

from aligntext.pipeline import compare_versions

TEXTS = {
    "en": (
        "The library lent 412 books in 2020. About 275 readers joined the club.\n\n"
        "The orchard yielded 847 crates of apples last autumn. "
        "The old tower is 326 steps high.\n\n"
        "The council will vote again in 2022. Rents rose by 7% compared with 2017.\n"
    ),
    "az": (
        "Kitabxana 2020-ci ildə 412 kitab verib. Təxminən 275 oxucu kluba qoşulub.\n\n"
        "Şura 2022-ci ildə yenidən səs verəcək. Kirayə 2017-ci illə müqayisədə 7% artıb.\n"
    ),
    "ru": (
        "Библиотека выдала 412 книг в 2020 году. Около 275 читателей вступили в клуб.\n\n"
        "Сад дал 847 ящиков яблок прошлой осенью. Старая башня имеет высоту 326 ступеней.\n\n"
        "Совет снова проголосует в 2022 году. Аренда выросла на 7% по сравнению с 2017 годом.\n"
    ),
    "tr": (
        "Kütüphane 2020 yılında 412 kitap ödünç verdi. Yaklaşık 275 okur kulübe katıldı.\n\n"
        "Bahçe geçen sonbahar 874 kasa elma verdi. Eski kule 326 basamak yüksekliğinde.\n\n"
        "Konsey 2022 yılında yeniden oy verecek. Kiralar 2017 yılına göre %7 arttı.\n"
    ),
}


def _write(tmp_path, texts):
    paths = {}
    for lang, text in texts.items():
        paths[lang] = tmp_path / f"{lang}.txt"
        paths[lang].write_text(text, encoding="utf-8")
    return paths


def _cross(paths, order):
    report = compare_versions([paths[x] for x in order], list(order))
    return [(f.severity, f.type, f.message) for f in report.cross_findings]


@pytest.mark.parametrize(
    "order",
    [("en", "az", "ru", "tr"), ("az", "en", "ru", "tr"), ("az", "tr", "ru", "en")],
)
def test_number_clash_is_found_whichever_version_is_the_pivot(tmp_path, order):
    paths = _write(tmp_path, TEXTS)
    found = _cross(paths, order)
    numbers = [f for f in found if f[1] == "number"]
    assert len(numbers) == 1, found
    severity, _, message = numbers[0]
    assert severity == "error"
    assert message.startswith("tr says 874; ") and message.endswith("az lacks the sentence")
    # The version without the sentence lacks it, whichever side the pivot is on.
    assert [f for f in found if f[1] in ("omission", "addition")] == [
        ("warning", "omission", f"az lacks this sentence; {_others(order)} have it")
    ] * 2


def _others(order):
    rest = [x for x in order if x != "az"]
    return f"{', '.join(rest[:-1])} and {rest[-1]}"


def test_versions_that_state_a_figure_the_pivot_lacks_are_checked_against_each_other(tmp_path):
    texts = dict(TEXTS, en=TEXTS["en"].replace("847 crates", "many crates"))
    paths = _write(tmp_path, texts)
    numbers = [f for f in _cross(paths, ("en", "az", "ru", "tr")) if f[1] == "number"]
    assert numbers == [
        (
            "error",
            "number",
            "tr says 874; ru says 847; en has no number there; az lacks the sentence",
        )
    ]


def test_two_versions_in_one_language_are_named_by_file(tmp_path):
    import json

    from aligntext.render.report import report_to_json

    paths = _write(tmp_path, {"en": TEXTS["en"], "ru": TEXTS["ru"]})
    revised = tmp_path / "en_rev.txt"
    revised.write_text(TEXTS["en"].replace("847 crates", "874 crates"), encoding="utf-8")
    report = compare_versions([paths["en"], paths["ru"], revised], ["en", "ru", "en"])
    assert [f.message for f in report.cross_findings] == [
        "en (en_rev.txt) says 874; en (en.txt) and ru say 847"
    ]
    assert any("en.txt and en_rev.txt are both en" in w for w in report.warnings)
    cross = json.loads(report_to_json(report))["cross_findings"][0]
    assert cross["tgt_lang"] == "en"
    assert cross["odd_versions"] == [{"version": 2, "lang": "en", "name": "en_rev.txt"}]


def test_languages_given_are_not_asked_for_again(tmp_path):
    # Two versions in one language (an approved text and its published copy) are named by
    # file; the advice to give --langs is only for versions whose language was detected.
    paths = _write(tmp_path, {"en": TEXTS["en"]})
    revised = tmp_path / "en_rev.txt"
    revised.write_text(TEXTS["en"].replace("847 crates", "874 crates"), encoding="utf-8")
    given = compare_versions([paths["en"], revised], ["en", "en"]).warnings
    assert [w for w in given if "are both en" in w] == [
        "en.txt and en_rev.txt are both en: the findings name them by file"
    ]
    detected = compare_versions([paths["en"], revised]).warnings
    assert any("are both en" in w and "give --langs" in w for w in detected)


def test_json_lists_each_odd_version(tmp_path):
    import json

    from aligntext.render.report import report_to_json

    texts = dict(TEXTS, az=TEXTS["ru"].replace("847", "874"))  # a second ru version
    report = compare_versions(
        [_write(tmp_path, texts)[x] for x in ("en", "ru", "az", "tr")], ["en", "ru", "ru", "tr"]
    )
    cross = json.loads(report_to_json(report))["cross_findings"]
    numbers = [c for c in cross if c["type"] == "number"]
    assert [c["tgt_lang"] for c in numbers] == ["ru,tr"]
    assert [v["name"] for v in numbers[0]["odd_versions"]] == ["az.txt", "tr.txt"]

"""The learned name matcher, its learning script and the name-swap decision.

Every sentence and name pair here was written for these tests.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

from aligntext.check import compare_sentences, name_gate
from aligntext.check.name_model import (
    EditModel,
    default_model,
    name_similarity,
    parse_table,
    plain_form,
    same_name,
)
from script_modules import load_script


def _script(name: str):  # type: ignore[no-untyped-def]
    return load_script(name)


def _toy_model() -> EditModel:
    letters = "abcdehikmnorsuvz"
    sub = {(a, b): (1.0 if a == b else 9.0) for a in letters for b in letters}
    # The one correspondence this toy model has learned: k is written as h.
    sub[("k", "h")] = sub[("h", "k")] = 1.5
    dele = dict.fromkeys(letters, 6.0)
    unigram = dict.fromkeys(letters, 3.0)
    return EditModel(sub, dele, dict(dele), unigram, threshold=0.5)


def test_plain_form_romanises_without_spelling_rules() -> None:
    assert plain_form("Köln'e", "tr") == "koln"
    assert plain_form("Хьюз", "ru").startswith("kh")
    assert plain_form("İzmir", "tr") == "izmir"


def test_edit_model_prefers_learned_correspondences() -> None:
    model = _toy_model()
    assert model.score("karim", "harim") > model.score("karim", "darim")
    assert model.score("karim", "karim") > model.score("karim", "harim")
    # A case ending past the name neither joins nor parts two words much.
    assert model.score("karim", "karimin") > model.score("karim", "dorim")
    assert model.score("ab", "ab") == -math.inf  # too short to say


def test_table_round_trip(tmp_path: Path) -> None:
    learn = _script("learn_names")
    model = _toy_model()
    path = tmp_path / "edits.tsv"
    learn.write_table(model, path, "toy")
    back = parse_table(path.read_text(encoding="utf-8"))
    assert back.threshold == pytest.approx(0.5)
    for a, b in (("karim", "harim"), ("karim", "darim"), ("manu", "manus")):
        assert back.score(a, b) == pytest.approx(model.score(a, b), abs=1e-2)


def _write_corpus(root: Path) -> None:
    # Four-way lines, written for this test: the same people and places in each language.
    en = [
        "Yesterday Karimov met Nadirova in Sumqayit.",
        "Later Karimov and Nadirova visited Lankaran.",
        "Then Mammadli thanked Karimov in Sumqayit.",
        "At noon Nadirova spoke in Lankaran.",
    ]
    ru = [
        "Вчера Каримов встретился с Надировой в Сумгаите.",
        "Позже Каримов и Надирова посетили Ленкорань.",
        "Затем Мамедли поблагодарил Каримова в Сумгаите.",
        "В полдень Надирова выступила в Ленкорани.",
    ]
    az = [
        "Dünən Kərimov Sumqayıtda Nadirova ilə görüşdü.",
        "Sonra Kərimov və Nadirova Lənkərana getdi.",
        "Sonra Məmmədli Sumqayıtda Kərimova təşəkkür etdi.",
        "Günorta Nadirova Lənkəranda çıxış etdi.",
    ]
    tr = [
        "Dün Kerimov Sumgayıt'ta Nadirova ile görüştü.",
        "Sonra Kerimov ve Nadirova Lenkeran'ı ziyaret etti.",
        "Ardından Memmedli Sumgayıt'ta Kerimov'a teşekkür etti.",
        "Öğlen Nadirova Lenkeran'da konuştu.",
    ]
    for lang, lines in (("en", en), ("ru", ru), ("az", az), ("tr", tr)):
        (root / f"fourway.{lang}").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_learn_names_is_deterministic_and_learns_the_corpus_names(tmp_path: Path) -> None:
    learn = _script("learn_names")
    _write_corpus(tmp_path)
    outs = []
    for k in range(2):
        out = tmp_path / f"edits{k}.tsv"
        argv = ["learn_names", str(tmp_path), "-o", str(out), "--rounds", "2"]
        old, sys.argv = sys.argv, argv
        try:
            assert learn.main() == 0
        finally:
            sys.argv = old
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    model = parse_table(outs[0])
    same = model.score(plain_form("Karimov", "en"), plain_form("Каримова", "ru"))
    other = model.score(plain_form("Karimov", "en"), plain_form("Надировой", "ru"))
    assert same > other


def test_data_spec_keeps_a_line_range(tmp_path: Path) -> None:
    learn = _script("learn_names")
    _write_corpus(tmp_path)
    rows = learn.line_pairs(f"{tmp_path}:1-2")
    # Six language pairs, two lines each: lines 0 and 3 are never read.
    assert len(rows) == 12
    assert not any("Yesterday" in r[1] or "noon" in r[1] for r in rows)


@pytest.mark.skipif(default_model() is None, reason="no shipped table")
@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("Oxford", "en", "Оксфорде", "ru"),
        ("Kovačić", "en", "Kovaçiç", "az"),
        ("Baxa", "az", "Baja", "tr"),
        ("Hasanova", "en", "Гасановой", "ru"),
    ],
)
def test_shipped_matcher_joins_transcriptions(a: str, la: str, b: str, lb: str) -> None:
    assert same_name(a, la, b, lb)


@pytest.mark.skipif(default_model() is None, reason="no shipped table")
@pytest.mark.parametrize(
    ("name", "la", "spelling", "other", "lb"),
    [
        ("Hughes", "en", "Хьюз", "Мамедов", "ru"),
        ("Beaumont", "en", "Бомон", "Кельн", "ru"),
        ("Gəncə", "az", "Гянджа", "Шеки", "ru"),
        ("Ohio", "en", "Огайо", "Техас", "ru"),
        ("Willoughby", "en", "Uillobi", "Hüseynov", "az"),
    ],
)
def test_shipped_matcher_ranks_a_spelling_above_another_name(
    name: str, la: str, spelling: str, other: str, lb: str
) -> None:
    assert name_similarity(name, la, spelling, lb) > name_similarity(name, la, other, lb)


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("The mayor of Beaumont resigned on Friday.", "Мэр Бомона ушёл в отставку в пятницу."),
        ("The company moved its office to Ohio.", "Компания перевела офис в Огайо."),
        ("She studied at Oxford for three years.", "Она три года училась в Оксфорде."),
    ],
)
def test_a_transcription_is_no_swap(src: str, tgt: str) -> None:
    out = compare_sentences(src, tgt, "en", "ru")
    assert [f.message for f in out if f.severity != "info"] == []


@pytest.mark.parametrize(
    ("src", "tgt", "word"),
    [
        (
            "Officials met Hughes in the capital on Monday.",
            "Чиновники встретились с Мамедовым в столице в понедельник.",
            "Мамедовым",
        ),
        (
            "The mayor of Beaumont resigned on Friday.",
            "Мэр Кельна ушёл в отставку в пятницу.",
            "Кельна",
        ),
    ],
)
def test_a_swapped_name_is_still_a_warning(src: str, tgt: str, word: str) -> None:
    out = compare_sentences(src, tgt, "en", "ru")
    assert any(f.severity == "warning" and word in f.message for f in out)


def test_name_gate_reads_its_table_and_decides() -> None:
    text = "\n".join(
        [
            "# a toy decision: only the number of missing words counts",
            *(f"{f}\t0\t1\t{1.0 if f == 'missing' else 0.0}" for f in name_gate.FEATURES),
            "# bias\t-1.5",
            "# threshold\t0.5",
        ]
    )
    gate = name_gate.parse_gate(text)
    one = tuple(1.0 if f == "missing" else 0.0 for f in name_gate.FEATURES)
    two = tuple(2.0 if f == "missing" else 0.0 for f in name_gate.FEATURES)
    assert gate.probability(one) < 0.5 < gate.probability(two)


def test_name_gate_records_proposals_for_fitting() -> None:
    name_gate.recorder = []
    try:
        compare_sentences(
            "Officials met Hughes in the capital on Monday.",
            "Чиновники встретились с Мамедовым в столице в понедельник.",
            "en",
            "ru",
        )
        recorded = list(name_gate.recorder)
    finally:
        name_gate.recorder = None
    assert [m for m, _ in recorded] == ["entity Hughes in source; target has Мамедовым"]
    assert len(recorded[0][1]) == len(name_gate.FEATURES)

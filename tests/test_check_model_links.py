"""The name checks with an MT model: a word the model translates is found, a swap stays."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from aligntext.check import check_pairs
from aligntext.cli import cli
from aligntext.errors import InputError
from aligntext.pipeline.compare import compare_versions

# A name the other language gives in its own way: no spelling rule or place list joins
# "Bohemia" and "Чехия" (the Czech lands); only a translation does.
FAITHFUL = [
    ("The minister flew to Bohemia on Tuesday.", "Во вторник министр улетел в Чехию."),
    ("The talks in Bohemia ended late.", "Переговоры в Чехии закончились поздно."),
]
SWAPPED = ("The minister flew to Bohemia on Tuesday.", "Во вторник министр улетел в Мюнхен.")
WORDS = {"Bohemia": "Чехия", "Tuesday": "вторник"}


class FakeTranslator:
    """Translates from a word list; records every batch it is asked for."""

    def __init__(self, src_lang: str = "en", tgt_lang: str = "ru") -> None:
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.calls: list[list[str]] = []

    def translate(self, sentences: Sequence[str], progress: object = None) -> list[str]:
        self.calls.append(list(sentences))
        return [WORDS.get(s, s) for s in sentences]

    def signature_fields(self) -> tuple[tuple[str, str], ...]:
        return (("model", "fake"),)


def _names(findings) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(f.pair, f.message) for f in findings if f.type == "entity" and f.severity != "info"]


def test_a_word_the_model_translates_is_no_name_gone() -> None:
    without = _names(check_pairs(FAITHFUL, "en", "ru"))
    assert [p for p, _ in without] == [0, 1]  # the key cannot join the exonym
    assert _names(check_pairs(FAITHFUL, "en", "ru", translator=FakeTranslator())) == []


def test_a_swapped_name_stays_a_swap_with_a_model() -> None:
    found = _names(check_pairs([*FAITHFUL, SWAPPED], "en", "ru", translator=FakeTranslator()))
    assert found == [(2, "entity Bohemia in source; target has Мюнхен")]


def test_the_model_is_asked_once_per_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("aligntext.check.model_links.BLOCK", 2)
    fake = FakeTranslator()
    check_pairs([*FAITHFUL, SWAPPED], "en", "ru", translator=fake)
    # Two blocks: the capitalised words of each in one sorted batch (not the first word).
    assert fake.calls == [["Bohemia", "Tuesday"], ["Bohemia", "Tuesday"]]


def test_a_model_for_other_languages_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="translates en->az but the text is en->ru"):
        check_pairs(FAITHFUL, "en", "ru", translator=FakeTranslator("en", "az"))


def test_compare_asks_the_model_for_each_pair_of_versions(tmp_path: Path) -> None:
    en, ru = tmp_path / "statement.en.txt", tmp_path / "statement.ru.txt"
    en.write_text(" ".join(s for s, _ in FAITHFUL), encoding="utf-8")
    ru.write_text(" ".join(t for _, t in FAITHFUL), encoding="utf-8")
    asked: list[tuple[str, str]] = []

    def factory(src: str, tgt: str) -> FakeTranslator:
        asked.append((src, tgt))
        return FakeTranslator(src, tgt)

    plain = compare_versions([en, ru], ["en", "ru"])
    assert _names(plain.findings[0])
    assert dict(plain.signature.fields)["check-mt"] == "no"
    helped = compare_versions([en, ru], ["en", "ru"], translators=factory)
    assert asked == [("en", "ru")]
    assert _names(helped.findings[0]) == []
    assert dict(helped.signature.fields)["check-mt"] == "yes"


@pytest.mark.model
def test_check_cli_loads_the_model_folder(cli_runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tiny_models import tiny_model

    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "Nazir çərşənbə axşamı Gəncəyə uçdu.\tВо вторник министр улетел в Гянджу.\n",
        encoding="utf-8",
    )
    args = ["check", str(pairs), "--src", "az", "--tgt", "ru", "--format", "json"]
    result = cli_runner.invoke(cli, [*args, "--mt-model", str(tiny_model("marian"))])
    assert result.exit_code in (0, 1), result.output
    assert "|check-mt:yes|" in json.loads(result.stdout)["signature"]
    missing = cli_runner.invoke(cli, [*args, "--mt-model", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2

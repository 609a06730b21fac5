"""Russian names with case endings, and a name swapped after a title, in all three commands.

``compare`` (versions), ``check`` (a bitext) and ``evaluate``'s fact accuracy must agree: a
name in another case (``Кура`` / ``Куры`` / ``Куре``) or made an adjective (``Габала`` /
``Габалинский``) is the same name; a title kept with another surname after it is not.
Every sentence here was written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aligntext.check import compare_sentences
from aligntext.evaluate import fact_accuracy
from aligntext.lang.ru import base_forms
from aligntext.pipeline.compare import check_bitext_file, compare_versions

# English source, Russian translation with the name in an oblique case or as an adjective.
PAIRS = [
    (
        "The water in the Kura rose by two metres.",
        "Уровень воды в реке Куры поднялся на два метра.",
    ),
    ("The bridge over the Kura was built in 1990.", "Мост над Курой построили в 1990 году."),
    ("The festival was held in Gabala.", "Фестиваль прошёл в Габалинском районе."),
    ("The bridge in Gabala was opened.", "Габалинский мост открыли."),
]


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("Куры", ("кур", "кура")),
        ("Куре", ("кур", "кура")),
        ("Габалинском", ("габал", "габала")),
        ("Гаджиева", ("гаджиев",)),
        ("Мамедов", ()),  # a surname in -ов is nominative already
    ],
)
def test_base_forms(word: str, forms: tuple[str, ...]) -> None:
    assert base_forms(word) == forms


@pytest.mark.parametrize(("src", "tgt"), PAIRS)
def test_check_matches_a_russian_name_in_any_case(tmp_path: Path, src: str, tgt: str) -> None:
    bitext = tmp_path / "pairs.tsv"
    bitext.write_text(f"{src}\t{tgt}\n", encoding="utf-8")
    result = check_bitext_file(bitext, "en", "ru")
    assert [f.message for f in result.findings if f.type == "entity"] == []


def test_compare_matches_a_russian_name_in_any_case(tmp_path: Path) -> None:
    en, ru = tmp_path / "en.txt", tmp_path / "ru.txt"
    en.write_text("\n\n".join(s for s, _ in PAIRS) + "\n", encoding="utf-8")
    ru.write_text("\n\n".join(t for _, t in PAIRS) + "\n", encoding="utf-8")
    report = compare_versions([en, ru], ["en", "ru"])
    assert [f.message for f in report.findings[0] if f.type == "entity"] == []


@pytest.mark.parametrize(
    ("ref", "hyp"),
    [
        ("Уровень воды в реке Кура поднялся.", "Уровень воды в реке Куры поднялся."),
        ("Река Кура вышла из берегов у моста.", "Мост над Курой закрыли."),
        ("Паводок на Куре дошёл до моста.", "Мост на реке Куры закрыли."),
    ],
)
def test_fact_accuracy_matches_a_russian_name_in_any_case(ref: str, hyp: str) -> None:
    count = fact_accuracy([hyp], [ref], "ru").count("entity")
    assert (count.total, count.correct) == (1, 1)


@pytest.mark.parametrize(
    ("lang", "refs", "hyps"),
    [
        (
            "en",
            ["Deputy Minister Elnur Sadigov spoke.", "Deputy Minister Elnur Sadigov left."],
            ["Deputy Minister Elnur Gasimzade spoke.", "Deputy Minister Sadigov left."],
        ),
        (
            "en",
            ["Deputy Minister Sadigov spoke.", "Deputy Minister Sadigov left."],
            ["Deputy Minister Gasimzade spoke.", "Minister Sadigov left."],
        ),
        (
            "ru",
            ["Выступил Рауф Гаджиев.", "Затем выступил Рауф Гаджиев."],
            ["Выступил Рауф Мамедов.", "Затем выступил Гаджиев."],
        ),
    ],
)
def test_fact_accuracy_counts_a_surname_swapped_after_a_title(
    lang: str, refs: list[str], hyps: list[str]
) -> None:
    # The first segment swaps the surname and keeps the title or first name: wrong. The
    # second drops a word but keeps the surname: right.
    count = fact_accuracy(hyps, refs, lang).count("entity")
    assert (count.total, count.correct) == (2, 1)


def test_the_three_commands_agree_on_a_russian_name_in_another_case(
    cli_runner, tmp_path: Path
) -> None:
    import json

    from aligntext.cli import cli

    en, ru = tmp_path / "en.txt", tmp_path / "ru.txt"
    en.write_text("The water in the Kura rose by two metres.\n", encoding="utf-8")
    ru.write_text("Уровень воды в реке Куры поднялся на два метра.\n", encoding="utf-8")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "The water in the Kura rose by two metres.\t"
        "Уровень воды в реке Куры поднялся на два метра.\n",
        encoding="utf-8",
    )
    ref = tmp_path / "ref.txt"
    ref.write_text("Уровень воды в реке Кура поднялся на два метра.\n", encoding="utf-8")

    checked = cli_runner.invoke(
        cli, ["check", str(pairs), "--src-lang", "en", "--tgt-lang", "ru", "--format", "jsonl"]
    )
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.strip() == ""  # not even a note
    compared = cli_runner.invoke(cli, ["compare", str(en), str(ru), "--format", "json"])
    assert compared.exit_code == 0, compared.output
    assert json.loads(compared.stdout)["findings"] == []
    evaluated = cli_runner.invoke(
        cli, ["evaluate", "--hyp", str(ru), "--ref", str(ref), "--lang", "ru", "--format", "json"]
    )
    assert evaluated.exit_code == 0, evaluated.output
    assert json.loads(evaluated.stdout)["facts"]["by_kind"]["entity"]["correct"] == 1


@pytest.mark.parametrize(("tgt", "src"), PAIRS)
def test_check_matches_a_russian_source_name_in_any_case(tgt: str, src: str) -> None:
    # Russian as the source: its name in an oblique case still finds its counterpart, with no
    # "entity Куры ... has no counterpart" note.
    out = compare_sentences(src, tgt, "ru", "en")
    assert [f.message for f in out if f.type == "entity"] == []

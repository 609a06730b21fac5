"""``check`` on a bitext's declared languages: a multilingual TMX's variants are picked by
their ``xml:lang`` (as --src/--tgt ask), and a declared language aligntext does not support is
refused instead of being checked as whatever langid guesses."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligntext.cli import cli
from aligntext.io.bitext import read_bitext


def _tmx(tmp_path: Path, variants: list[tuple[str, str]], srclang: str = "en") -> Path:
    """A one-unit TMX holding ``variants`` (``(xml:lang, text)``) in that order."""
    tuvs = "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in variants)
    path = tmp_path / "multi.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="'
        f'{srclang}"/><body><tu>{tuvs}</tu></body></tmx>\n',
        encoding="utf-8",
    )
    return path


# The Russian variant says 15 where English and Azerbaijani say 14.
THREE = [
    ("en", "The fleet has 14 ships."),
    ("ru", "Во флоте 15 кораблей."),
    ("az", "Donanmada 14 gəmi var."),
]


def _run(cli_runner, *args: str):
    return cli_runner.invoke(cli, ["check", *args])


def test_tgt_picks_the_variant_in_that_language(cli_runner, tmp_path):
    path = _tmx(tmp_path, THREE)
    result = _run(cli_runner, str(path), "--tgt", "az")
    # Old code checked the Russian text labelled az and reported 14 -> 15.
    assert result.exit_code == 0, result.output
    assert "1 pair en-az, no findings" in result.stdout
    assert "left out ru" in result.stderr


def test_src_and_tgt_pick_both_variants(cli_runner, tmp_path):
    path = _tmx(tmp_path, THREE)
    bitext = read_bitext(path, src_lang="ru", tgt_lang="az")
    assert bitext.pairs == ((THREE[1][1], THREE[2][1]),)
    assert (bitext.src_lang, bitext.tgt_lang) == ("ru", "az")
    result = _run(cli_runner, str(path), "--src", "ru", "--tgt", "az")
    assert result.exit_code == 1
    assert "number 15 in source; target has 14" in result.stdout
    assert "ru │ Во флоте [15] кораблей." in result.stdout


def test_no_flags_checks_srclang_and_the_first_other_and_names_the_rest(cli_runner, tmp_path):
    # The header's srclang (ru) is the source even though English comes first.
    path = _tmx(tmp_path, THREE, srclang="ru")
    bitext = read_bitext(path)
    assert (bitext.src_lang, bitext.tgt_lang, bitext.left_out) == ("ru", "en", ("az",))
    path = _tmx(tmp_path, THREE)
    result = _run(cli_runner, str(path))
    assert "1 pair en-ru" in result.stdout
    assert "holds 3 languages; checked en-ru, left out az" in result.stderr


def test_a_language_the_tmx_lacks_is_one_line_exit_2(cli_runner, tmp_path):
    path = _tmx(tmp_path, THREE)
    result = _run(cli_runner, str(path), "--tgt", "tr")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert "no tr variant" in lines[0] and "en, ru, az" in lines[0]


def test_region_and_script_subtags_match_the_language(cli_runner, tmp_path):
    path = _tmx(
        tmp_path,
        [("en-US", THREE[0][1]), ("ru-RU", THREE[1][1]), ("az-Latn-AZ", THREE[2][1])],
        srclang="en-US",
    )
    result = _run(cli_runner, str(path), "--tgt", "az")
    assert result.exit_code == 0, result.output
    assert "1 pair en-az, no findings" in result.stdout
    two = _tmx(tmp_path, [("en-US", THREE[0][1]), ("az-AZ", THREE[2][1])], srclang="en-US")
    result = _run(cli_runner, str(two))
    assert result.exit_code == 0, result.output
    assert "1 pair en-az, no findings" in result.stdout and not result.stderr


XLIFF12 = (
    '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<file original="a" source-language="en" target-language="{tgt}" datatype="plaintext">'
    '<body><trans-unit id="1"><source>The fleet has 14 ships.</source>'
    "<target>{text}</target></trans-unit></body></file></xliff>\n"
)
XLIFF20 = (
    '<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"'
    ' srcLang="en-US" trgLang="{tgt}"><file id="f1"><unit id="1"><segment>'
    "<source>The fleet has 14 ships.</source><target>{text}</target></segment></unit>"
    "</file></xliff>\n"
)


@pytest.mark.parametrize("template", [XLIFF12, XLIFF20])
def test_a_declared_unsupported_language_is_refused(cli_runner, tmp_path, template):
    path = tmp_path / "de.xlf"
    path.write_text(template.format(tgt="de", text="Die Flotte hat 15 Schiffe."), "utf-8")
    result = _run(cli_runner, str(path))
    # Old code: "1 pair en-en, no findings", exit 0.
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert "target language 'de' (declared in de.xlf) is not supported" in lines[0]
    assert "en, az, ru, tr" in lines[0]


def test_an_unsupported_tmx_language_is_refused(cli_runner, tmp_path):
    path = _tmx(tmp_path, [("en", THREE[0][1]), ("de", "Die Flotte hat 15 Schiffe.")])
    result = _run(cli_runner, str(path))
    assert result.exit_code == 2
    assert "target language 'de'" in result.stderr and "not supported" in result.stderr


def test_tgt_against_a_declared_language_warns_naming_both(cli_runner, tmp_path):
    path = tmp_path / "ru.xlf"
    path.write_text(XLIFF12.format(tgt="ru-RU", text="Во флоте 15 кораблей."), "utf-8")
    result = _run(cli_runner, str(path), "--tgt", "az")
    assert "1 pair en-az" in result.stdout
    assert "declares target language 'ru'" in result.stderr and "as az" in result.stderr
    # Declared de, overridden: checked, and the warning still says what the file declares.
    path.write_text(XLIFF12.format(tgt="de", text="Donanmada 14 gəmi var."), "utf-8")
    result = _run(cli_runner, str(path), "--tgt", "az")
    assert result.exit_code == 0, result.output
    assert "declares target language 'de'" in result.stderr


def _tsv(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "pairs.tsv"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("given", [[], ["--src", "en"]])
def test_short_text_in_another_language_is_no_confident_same_language_pass(
    cli_runner, tmp_path, given
):
    """German too short to be rejected read as English on both sides: "1 pair en-en, no
    findings", exit 0. Undeclared and read as one language on both sides, it is refused."""
    path = _tsv(tmp_path, "Das ist gut.\tThat is good.")
    result = _run(cli_runner, str(path), *given)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert "too short to tell the language" in line and "--src and --tgt" in line
    assert "en-en" not in result.stdout
    # Named, the languages are taken as given.
    named = _run(cli_runner, str(path), "--src", "en", "--tgt", "ru")
    assert named.exit_code != 2 and "too short" not in named.stderr


def test_short_bitext_in_two_languages_is_checked_with_a_warning(cli_runner, tmp_path):
    path = _tsv(tmp_path, "The fleet has 14 ships.\tВо флоте 15 кораблей.")
    result = _run(cli_runner, str(path))
    assert result.exit_code == 1, result.output
    assert "1 pair en-ru" in result.stdout and "number 14" in result.stdout
    assert "too short to tell the language for sure" in result.stderr
    assert "--src/--tgt" in result.stderr


def test_longer_bitexts_are_detected_without_a_word(cli_runner, tmp_path):
    path = _tsv(
        tmp_path,
        "The ministry said on Tuesday that the new rules will apply from next spring.\t"
        "Nazirlik çərşənbə axşamı bildirib ki, yeni qaydalar gələn yazdan tətbiq olunacaq.",
        "Talks between the two delegations continued late into the evening.\t"
        "İki nümayəndə heyəti arasında danışıqlar axşam saatlarına qədər davam etdi.",
    )
    result = _run(cli_runner, str(path))
    assert result.exit_code == 0, result.output
    assert "2 pairs en-az" in result.stdout and result.stderr == ""
    for tgt, text in (
        ("ru", "Переговоры двух делегаций продолжались до позднего вечера."),
        ("tr", "İki heyet arasındaki görüşmeler akşam geç saatlere kadar sürdü."),
    ):
        path = _tsv(tmp_path, f"Talks between the two delegations continued late.\t{text}")
        result = _run(cli_runner, str(path))
        assert f"1 pair en-{tgt}" in result.stdout and result.stderr == "", result.output

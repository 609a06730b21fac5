"""The ``check`` and ``compare`` commands: the JSONL contract, exit codes, bitext formats."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from translate.storage import po, tmx, xliff, xliff2

from aligntext.cli import cli

# Row 2 changes a figure and row 4 a month; rows 1 and 3 are faithful.
PAIRS = [
    ("The ministry published its annual report.", "Nazirlik illik hesabatını dərc edib."),
    ("The report lists 511 civilian casualties.", "Hesabatda 517 mülki itki göstərilir."),
    ("The commission meets in Baku every spring.", "Komissiya hər yaz Bakıda toplanır."),
    ("It was signed on 6 April 1993.", "O, 1993-cü il mayın 6-da imzalanıb."),
]
CLEAN = [PAIRS[0], PAIRS[2]]


def _write(tmp_path: Path, fmt: str, pairs, name: str = "pairs") -> Path:
    """A bitext in one of the formats CAT tools export, written with translate-toolkit."""
    if fmt == "tsv":
        path = tmp_path / f"{name}.tsv"
        path.write_text("".join(f"{s}\t{t}\n" for s, t in pairs), encoding="utf-8")
        return path
    if fmt == "tmx":
        store = tmx.tmxfile(sourcelanguage="en", targetlanguage="az")
        for s, t in pairs:
            store.addtranslation(s, "en", t, "az")
        path = tmp_path / f"{name}.tmx"
    elif fmt == "xliff12":
        store = xliff.xlifffile(sourcelanguage="en", targetlanguage="az")
        for s, t in pairs:
            store.addsourceunit(s).settarget(t)
        path = tmp_path / f"{name}.xlf"
    elif fmt == "xliff20":
        store = xliff2.Xliff2File(sourcelanguage="en", targetlanguage="az")
        for s, t in pairs:
            store.addsourceunit(s).settarget(t)
        path = tmp_path / f"{name}.xliff"
    elif fmt == "po":
        store = po.pofile()
        store.updateheader(add=True, Language="az", X_Source_Language="en")
        for s, t in pairs:
            store.addsourceunit(s).target = t
        path = tmp_path / f"{name}.po"
    else:
        raise ValueError(fmt)
    path.write_bytes(bytes(store))
    return path


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# --- check -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["tsv", "tmx", "xliff12", "xliff20", "po"])
def test_check_reads_every_bitext_format(cli_runner, tmp_path, fmt):
    path = _write(tmp_path, fmt, PAIRS)
    args = ["check", str(path), "--format", "jsonl"]
    if fmt == "tsv":
        args += ["--src", "en", "--tgt", "az"]
    result = cli_runner.invoke(cli, args)
    assert result.exit_code == 1, result.output
    found = _jsonl(result.stdout)
    # Rows are counted from 1: the TSV's line, the n-th translation unit.
    assert sorted({(f["row"], f["type"]) for f in found}) == [(2, "number"), (4, "date")]


def test_check_jsonl_contract(cli_runner, tmp_path):
    path = _write(tmp_path, "tsv", PAIRS)
    result = cli_runner.invoke(cli, ["check", str(path), "--format", "jsonl"])
    found = _jsonl(result.stdout)
    assert found, result.output
    for obj in found:
        assert list(obj)[:4] == ["row", "type", "severity", "message"]
        assert isinstance(obj["row"], int) and 1 <= obj["row"] <= len(PAIRS)
        assert obj["severity"] in ("error", "warning", "info")
        assert isinstance(obj["message"], str) and obj["message"]
    number = next(f for f in found if f["type"] == "number")
    assert number["row"] == 2 and "511" in number["message"] and "517" in number["message"]
    assert number["src_spans"][0]["text"] == "511"
    # Languages were detected (the TSV says nothing about them).
    assert (number["src_lang"], number["tgt_lang"]) == ("en", "az")


@pytest.mark.parametrize(
    ("pairs", "fail_on", "code"),
    [
        (PAIRS, None, 1),  # default: warning
        (PAIRS, "error", 1),
        (PAIRS, "never", 0),
        (CLEAN, None, 0),
        (CLEAN, "info", 0),
    ],
)
def test_check_exit_codes(cli_runner, tmp_path, pairs, fail_on, code):
    path = _write(tmp_path, "tsv", pairs)
    args = ["check", str(path), "--src-lang", "en", "--tgt-lang", "az"]
    if fail_on:
        args += ["--fail-on", fail_on]
    result = cli_runner.invoke(cli, args)
    assert result.exit_code == code, result.output


def test_check_fail_on_error_passes_warnings(cli_runner, tmp_path):
    # An untranslated-looking omission is a warning, not an error.
    path = _write(tmp_path, "tsv", [("The report was published.", "")])
    args = ["check", str(path), "--src-lang", "en", "--tgt-lang", "az", "--format", "jsonl"]
    warned = cli_runner.invoke(cli, args)
    assert warned.exit_code == 1
    assert [f["type"] for f in _jsonl(warned.stdout)] == ["omission"]
    assert cli_runner.invoke(cli, [*args, "--fail-on", "error"]).exit_code == 0


@pytest.mark.parametrize(
    ("content", "args", "match"),
    [
        (None, [], "does not exist"),
        (b"", [], "empty"),
        (b"no tab on this line\n", [], "tab"),
        # A third column was silently dropped: one line naming the file, line and count.
        (
            "The pier is 212 m long.\tИскеле длиной 212 м.\tnote\n".encode(),
            [],
            r"line 1 of '.*bad.tsv' has 3 tab-separated columns; a TSV bitext has 2",
        ),
        # A header and nothing under it: an empty export is no passing check.
        (b"en\tru\n", [], "holds no sentence pairs"),
        (b"<tmx><body><tu>", ["--input-format", "tmx"], "tmx|TMX"),
        # Another kind of XML: said in words, not as the parser's exception class.
        (
            b"<html><body>x</body></html>",
            ["--input-format", "tmx"],
            r"\(it holds no TMX document\)",
        ),
        (b'<?xml version="1.0"?><root/>', ["--input-format", "xliff"], "holds no XLIFF document"),
        (b"One.\tBir.\n", ["--src-lang", "xx"], "unknown language 'xx'"),
        (
            "The minister visited Baku on 4 April and met 15 students.\tLe ministre a visité "
            "Bakou le 4 avril et a rencontré 15 étudiants dans la grande salle.\n".encode(),
            [],
            r"bad.tsv \(target side\): the text is in none of en, az, ru, tr",
        ),
    ],
)
def test_check_bad_input_exits_2(cli_runner, tmp_path, content, args, match):
    path = tmp_path / "bad.tsv"
    if content is not None:
        path.write_bytes(content)
    result = cli_runner.invoke(cli, ["check", str(path), *args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert re.search(match, result.output)
    assert not re.search(r"\((AssertionError|StopIteration|KeyError)", result.output)


def test_check_json_and_text_and_output_file(cli_runner, tmp_path):
    path = _write(tmp_path, "tmx", PAIRS)
    out = tmp_path / "report.json"
    result = cli_runner.invoke(cli, ["check", str(path), "--format", "json", "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["src_lang"], data["tgt_lang"], data["pairs"]) == ("en", "az", 4)
    assert data["summary"]["by_type"]["number"]["error"] == 1
    assert [f["row"] for f in data["findings"]] == [2, 4]
    text = cli_runner.invoke(cli, ["check", str(path)]).stdout
    assert "row 2" in text and "[511]" in text and "\x1b[" not in text


# --- compare -----------------------------------------------------------------------------

VERSIONS = {
    "en": "On 6 April 1993 the agreement was signed in Baku.\n\nIt covers 511 product groups.\n",
    "az": "Saziş 1993-cü il aprelin 30-da Bakıda imzalanıb.\n\nO, 511 məhsul qrupunu əhatə edir.\n",
    "ru": "Соглашение подписано в Баку 30 апреля 1993 года.\n\n"
    "Оно охватывает 511 товарных групп.\n",
}


@pytest.fixture()
def versions(tmp_path: Path) -> list[str]:
    out = []
    for lang, text in VERSIONS.items():
        p = tmp_path / f"{lang}.txt"
        p.write_text(text, encoding="utf-8")
        out.append(str(p))
    return out


def test_compare_html_report_to_file(cli_runner, versions, tmp_path):
    out = tmp_path / "report.html"
    result = cli_runner.invoke(cli, ["compare", *versions, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    first = soup.select_one("#findings ul.issues li").get_text(" ", strip=True)
    assert "en says 6 April 1993; az and ru say 30 April 1993" in first
    assert soup.select_one("tr#row-1 mark").get_text() == "6 April 1993"


def test_compare_json_and_text(cli_runner, versions):
    result = cli_runner.invoke(cli, ["compare", *versions, "--format", "json"])
    data = json.loads(result.stdout)
    assert [v["lang"] for v in data["versions"]] == ["en", "az", "ru"]
    assert [f["tgt_lang"] for f in data["cross_findings"]] == ["en"]
    text = cli_runner.invoke(cli, ["compare", *versions, "--langs", "en,az,ru"]).stdout
    assert "Across versions" in text and "en says 6 April 1993" in text


def test_compare_fail_on(cli_runner, versions):
    assert cli_runner.invoke(cli, ["compare", *versions]).exit_code == 0
    assert cli_runner.invoke(cli, ["compare", *versions, "--fail-on", "error"]).exit_code == 1


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["--langs", "en,az"], "--langs gives 2 language"),
        (["--src-lang", "en"], "for three or more use --langs"),
        (["--langs", "en,az,xx"], "unknown language 'xx'"),
    ],
)
def test_compare_bad_languages_exit_2(cli_runner, versions, args, match):
    result = cli_runner.invoke(cli, ["compare", *versions, *args])
    assert result.exit_code == 2
    assert match in result.output


def test_compare_needs_two_files(cli_runner, versions):
    result = cli_runner.invoke(cli, ["compare", versions[0]])
    assert result.exit_code == 2
    assert "at least two files" in result.output


@pytest.mark.parametrize("command", ["check", "compare"])
def test_commands_have_help(cli_runner, command):
    result = cli_runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "--fail-on" in result.output and "--format" in result.output


def test_languages_given_against_the_text_are_warned_about(cli_runner, tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text(
        "The budget is 214 million manat.\tБюджет составляет 241 миллион манатов.\n"
        "Work begins on 3 May 2025.\tРаботы начнутся 3 мая 2025 года.\n",
        encoding="utf-8",
    )
    wrong = cli_runner.invoke(cli, ["check", str(path), "--src", "tr", "--tgt", "az"])
    assert "pairs.tsv (source side) looks like English (en), not Turkish (tr)" in wrong.stderr
    assert "pairs.tsv (target side) looks like Russian (ru)" in wrong.stderr
    right = cli_runner.invoke(cli, ["check", str(path), "--src", "en", "--tgt", "ru"])
    assert right.exit_code == 1 and "warning:" not in right.stderr  # 214 / 241 found


def test_a_tsv_header_and_blank_lines_are_no_pairs(cli_runner, tmp_path):
    path = tmp_path / "aligned.tsv"
    path.write_text(
        "en\tru\nThe budget is 214 million manat.\tБюджет составляет 214 миллионов манатов.\n"
        "\nWork begins on 3 May.\tРаботы начнутся 3 мая.\n",
        encoding="utf-8",
    )
    text = cli_runner.invoke(cli, ["check", str(path)])
    assert "aligned.tsv: 2 pairs en-ru" in text.stdout
    data = json.loads(cli_runner.invoke(cli, ["check", str(path), "--format", "json"]).stdout)
    assert data["pairs"] == 2 and "pairs:2" in data["signature"]


def test_a_tsv_of_three_versions_is_refused_not_read_as_its_first_two(cli_runner, tmp_path):
    path = tmp_path / "three.tsv"
    path.write_text(
        "en\tru\ttr\nThe fair opens on 9 June.\tЯрмарка открывается 9 июня.\t"
        "Fuar 19 Haziran'da açılıyor.\n",
        encoding="utf-8",
    )
    result = cli_runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert "3 language columns (en, ru, tr)" in result.output
    assert "cut -f1,3" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["check", "compare", "align"])
def test_dash_reads_one_input_from_stdin(cli_runner, tmp_path, command):
    en, az = PAIRS[1]
    (tmp_path / "az.txt").write_text(az + "\n", encoding="utf-8")
    if command == "check":
        args, stdin = ["check", "-"], f"{en}\t{az}\n"
    else:
        args, stdin = [command, "-", str(tmp_path / "az.txt")], en + "\n"
    result = cli_runner.invoke(cli, [*args, "--src-lang", "en", "--tgt-lang", "az"], input=stdin)
    assert result.exit_code in (0, 1), result.output
    assert "does not exist" not in result.output
    if command != "align":
        assert "511" in result.output and "stdin" in result.output


def test_dash_given_twice_is_refused(cli_runner):
    result = cli_runner.invoke(cli, ["compare", "-", "-"], input="The fair opens in June.\n")
    assert result.exit_code == 2
    assert "'-' (standard input) can be only one of the inputs" in result.output


def test_a_zip_that_is_no_word_document_is_said_in_words(cli_runner, tmp_path):
    import zipfile

    path = tmp_path / "notes.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("x.txt", "not a document")
    result = cli_runner.invoke(cli, ["segment", str(path)])
    assert result.exit_code == 2
    assert "a zip archive, but not a Word document" in result.stderr
    assert "KeyError" not in result.stderr and "Content_Types" not in result.stderr

"""The ``aligntext align`` command: inputs, formats, multi-way, bad input (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligntext.cli import cli

EN = [
    "The Ministry of Foreign Affairs issued a statement on 12 March 2021.",
    "According to the statement, 60,000 residents have returned to the Kalbajar district.",
    "Why was the humanitarian corridor closed?",
    "The minister, Jeyhun Bayramov, met the ambassador of Turkey in Baku.",
    "They discussed the reconstruction of roads, schools and hospitals.",
    "The next meeting will take place in Ankara.",
]
RU = [
    "Министерство иностранных дел 12 марта 2021 года распространило заявление.",
    "Согласно заявлению, в Кельбаджарский район вернулись 60 000 жителей. "
    "Почему был закрыт гуманитарный коридор?",
    "Министр Джейхун Байрамов встретился в Баку с послом Турции.",
    "Они обсудили восстановление дорог, школ и больниц.",
    "Следующая встреча пройдёт в Анкаре.",
]
AZ = [
    "Xarici İşlər Nazirliyi 12 mart 2021-ci il tarixində bəyanat yayıb.",
    "Bəyanata görə, Kəlbəcər rayonuna 60.000 sakin qayıdıb.",
    "Humanitar dəhliz niyə bağlanıb?",
    "Nazir Ceyhun Bayramov Bakıda Türkiyənin səfiri ilə görüşüb.",
    "Növbəti görüş Ankarada keçiriləcək.",
]


@pytest.fixture()
def files(tmp_path):
    paths = {}
    for name, lines in (("en", EN), ("ru", RU), ("az", AZ)):
        path = tmp_path / f"{name}.txt"
        # Blank lines between segments: skipped by --input-format lines, paragraphs for doc.
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        paths[name] = str(path)
    return paths


def _run(cli_runner, args):
    return cli_runner.invoke(cli, args, catch_exceptions=False)


def test_align_lines_jsonl(cli_runner, files):
    result = _run(
        cli_runner,
        ["align", files["en"], files["ru"], "--input-format", "lines", "--src-lang", "en",
         "--tgt-lang", "ru"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    beads = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(b["src"], b["tgt"]) for b in beads] == [
        ([0], [0]),
        ([1, 2], [1]),
        ([3], [2]),
        ([4], [3]),
        ([5], [4]),
    ]
    assert all(0 <= b["confidence"] <= 1 for b in beads)


def test_align_documents_detects_languages(cli_runner, files):
    result = _run(cli_runner, ["align", files["en"], files["az"], "--format", "text"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("en | az\n")
    assert "1-0" in result.stdout  # the reconstruction sentence has no Azerbaijani version


def test_align_tmx_to_file(cli_runner, files, tmp_path):
    from translate.storage.tmx import tmxfile

    out = tmp_path / "out.tmx"
    result = _run(
        cli_runner,
        ["align", files["en"], files["ru"], "--langs", "en,ru", "--format", "tmx", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    store = tmxfile(out.read_bytes())
    units = [u for u in store.units if u.source]
    # Documents are segmented: the Russian paragraph with two sentences gives two segments.
    assert len(units) == 6
    assert units[1].target.startswith("Согласно заявлению")
    assert units[2].target == "Почему был закрыт гуманитарный коридор?"


def test_align_tsv(cli_runner, files):
    result = _run(
        cli_runner,
        ["align", files["en"], files["ru"], "--langs", "en,ru", "--format", "tsv",
         "--input-format", "lines"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    header, first = (line.split("\t") for line in result.stdout.splitlines()[:2])
    assert header == ["en", "ru", "src_index", "tgt_index", "score", "confidence"]
    assert first[:4] == [EN[0], RU[0], "0", "0"]


def test_align_multi_way(cli_runner, files):
    result = _run(
        cli_runner,
        ["align", files["en"], files["ru"], files["az"], "--langs", "en,ru,az", "--input-format",
         "lines"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[1] == {"en": [1, 2], "ru": [1], "az": [1, 2]}
    assert {"en": [4], "ru": [3], "az": []} in rows


def test_align_multi_way_pivot(cli_runner, files):
    result = _run(
        cli_runner,
        ["align", files["en"], files["ru"], files["az"], "--langs", "en,ru,az", "--pivot", "ru",
         "--input-format", "lines", "--format", "tsv"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "en\tru\taz"
    assert len(lines) == 1 + 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{en}"], "align needs at least two files"),
        (["{en}", "{missing}"], "does not exist"),
        (["{en}", "{empty}"], "empty"),
        (["{en}", "{ru}", "--langs", "en"], "1 language(s) for 2 files"),
        (["{en}", "{ru}", "--src-lang", "fr"], "unknown language 'fr'"),
        (["{en}", "{ru}", "{az}", "--format", "tmx"], "tmx holds two versions"),
        (["{en}", "{ru}", "{az}", "--pivot", "tr"], "no version is in that language"),
        (["{en}", "{ru}", "{az}", "--src-lang", "en"], "for three or more use --langs"),
        (["{en}", "{ru}", "--langs", "en,ru", "--src-lang", "en"], "not both"),
    ],
)
def test_align_bad_input_exits_2(cli_runner, files, tmp_path, args, message):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    names = dict(files, missing=str(tmp_path / "nope.txt"), empty=str(empty))
    result = cli_runner.invoke(cli, ["align", *[a.format(**names) for a in args]])
    assert result.exit_code == 2, result.output
    assert message in result.stderr


def test_align_strict_language(cli_runner, files):
    result = cli_runner.invoke(
        cli, ["align", files["en"], files["ru"], "--langs", "en,az", "--strict"]
    )
    assert result.exit_code == 2
    assert "aligntext: error:" in result.stderr


def test_align_warns_on_wrong_language(cli_runner, files):
    result = cli_runner.invoke(cli, ["align", files["en"], files["ru"], "--langs", "en,az"])
    assert result.exit_code == 0
    assert "aligntext: warning:" in result.stderr


@pytest.mark.model
def test_align_with_mt_model(cli_runner, files):
    from tiny_models import tiny_model

    path = tiny_model("marian")
    result = _run(
        cli_runner,
        ["align", files["az"], files["ru"], "--langs", "az,ru", "--mt-model", str(path),
         "--input-format", "lines"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    beads = [json.loads(line) for line in result.stdout.splitlines()]
    covered = [i for b in beads for i in b["src"]]
    assert covered == list(range(len(AZ)))


def _align_en_az(cli_runner, files, fmt: str, out, *extra: str):
    """``align`` of the English and the Azerbaijani file (no counterpart of sentence 5)."""
    args = ["align", files["en"], files["az"], "--langs", "en,az", "--format", fmt]
    return cli_runner.invoke(cli, [*args, "-o", str(out), *extra])


def test_align_tmx_says_on_stderr_what_it_left_out(cli_runner, files, tmp_path):
    out = tmp_path / "en-az.tmx"
    result = _align_en_az(cli_runner, files, "tmx", out)
    assert result.exit_code == 0, result.output
    # AZ has no counterpart of "They discussed ...": the TMX cannot hold it, stderr says so.
    assert "leaves out 1 sentence with no counterpart (1 en, 0 az)" in result.stderr
    quiet = _align_en_az(cli_runner, files, "tmx", out, "-q")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_align_tsv_header_is_read_back_by_check(cli_runner, files, tmp_path):
    out = tmp_path / "en-az.tsv"
    result = _align_en_az(cli_runner, files, "tsv", out)
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "en\taz\tsrc_index\ttgt_index\tscore\tconfidence"
    checked = cli_runner.invoke(cli, ["check", str(out), "--format", "json", "--fail-on", "never"])
    assert checked.exit_code == 0, checked.output
    data = json.loads(checked.stdout)
    # The header gives the languages and is no sentence pair; rows are the file's lines.
    assert (data["src_lang"], data["tgt_lang"]) == ("en", "az")
    omission = next(f for f in data["findings"] if f["type"] == "omission")
    assert lines[omission["row"] - 1].startswith("They discussed the reconstruction")


def test_an_embed_model_folder_that_is_no_encoder_is_one_line(cli_runner, tmp_path):
    root = Path(__file__).resolve().parents[1] / "corpora"
    pair = [str(root / "trade-agreement" / "en.txt"), str(root / "trade-agreement" / "ru.txt")]
    result = cli_runner.invoke(cli, ["align", *pair, "--embed-model", str(root)])
    assert result.exit_code == 2, result.output
    assert "is not a sentence-embedding encoder" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.model
def test_a_translation_model_as_embed_model_is_one_line(cli_runner):
    from tiny_models import tiny_model

    root = Path(__file__).resolve().parents[1] / "corpora" / "trade-agreement"
    args = ["align", str(root / "en.txt"), str(root / "ru.txt")]
    result = cli_runner.invoke(cli, [*args, "--embed-model", str(tiny_model("marian"))])
    assert result.exit_code == 2, result.output
    assert "is a translation model (encoder-decoder)" in result.stderr
    assert "--mt-model" in result.stderr and "Traceback" not in result.stderr


def test_align_and_segment_keep_a_lone_no_break_space(cli_runner, tmp_path):
    # `60 000` joined by a no-break space must come out as written, not split at the space.
    en, ru = tmp_path / "en.txt", tmp_path / "ru.txt"
    en.write_text("The fund paid 60\u00a0000 manat.\n", encoding="utf-8")
    ru.write_text("Фонд выплатил 60\u00a0000 манатов.\n", encoding="utf-8")
    result = _run(cli_runner, ["align", str(en), str(ru), "--langs", "en,ru", "--format", "tsv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].split("\t")[:2] == [
        "The fund paid 60\u00a0000 manat.",
        "Фонд выплатил 60\u00a0000 манатов.",
    ]
    result = _run(cli_runner, ["segment", str(en)])
    assert result.stdout == "The fund paid 60\u00a0000 manat.\n"


@pytest.mark.parametrize("pivot", ["1", "2", "ru"])
def test_align_two_files_pivot_keeps_the_two_file_output(cli_runner, files, pivot):
    # --pivot chooses the multi-way pivot; with two files it must not switch to multi-way
    # rows (which drop scores and confidences and refuse TMX).
    base = ["align", files["en"], files["ru"], "--langs", "en,ru", "--input-format", "lines"]
    plain = _run(cli_runner, base)
    result = _run(cli_runner, [*base, "--pivot", pivot])
    assert result.exit_code == 0, result.output
    assert result.stdout == plain.stdout
    assert '"confidence"' in result.stdout.splitlines()[0]
    assert "--pivot has no effect with two files" in result.stderr
    tmx = _run(cli_runner, [*base, "--pivot", pivot, "--format", "tmx"])
    assert tmx.exit_code == 0, tmx.output
    assert "<tmx" in tmx.stdout


def test_align_two_files_bad_pivot_is_refused(cli_runner, files):
    base = ["align", files["en"], files["ru"], "--langs", "en,ru", "--input-format", "lines"]
    result = cli_runner.invoke(cli, [*base, "--pivot", "3"])
    assert result.exit_code == 2
    assert "--pivot 3 is not a file number; give 1 to 2" in result.stderr

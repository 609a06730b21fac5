"""Sentence segmentation: each language's traps, offsets, line breaks, documents, CLI."""

from __future__ import annotations

import json
import re
from itertools import pairwise

import pytest

from aligntext.errors import UnsupportedLanguageError
from aligntext.segment import (
    SEGMENTER_VERSION,
    segment_document,
    split_sentence_spans,
    split_sentences,
)
from aligntext.types import Document, Paragraph

CASES = [
    # English
    (
        "en",
        "Mr. Brown met Dr. Grey today. They spoke.",
        ["Mr. Brown met Dr. Grey today.", "They spoke."],
    ),
    # Police and military ranks of British news: no sentence ends after them.
    (
        "en",
        "Det. Sgt. Ann Hale and Cllr. Tom Reed spoke. Pte. Lewis was absent.",
        ["Det. Sgt. Ann Hale and Cllr. Tom Reed spoke.", "Pte. Lewis was absent."],
    ),
    (
        "en",
        "Prof. Adams and Mrs. Lee arrived. It rained.",
        ["Prof. Adams and Mrs. Lee arrived.", "It rained."],
    ),
    ("en", "The U.S. Senate voted on Friday.", ["The U.S. Senate voted on Friday."]),
    (
        "en",
        "He moved to the U.S. The move was hard.",
        ["He moved to the U.S.", "The move was hard."],
    ),
    ("en", "J. Lo sang first. Then came the band.", ["J. Lo sang first.", "Then came the band."]),
    ("en", "Growth was 3.5 per cent. Prices rose.", ["Growth was 3.5 per cent.", "Prices rose."]),
    ("en", "See No. 5 on the list. Thanks.", ["See No. 5 on the list.", "Thanks."]),
    ("en", "Apples, pears etc. The rest was sold.", ["Apples, pears etc.", "The rest was sold."]),
    ("en", 'She said: "We agree." Then she left.', ['She said: "We agree."', "Then she left."]),
    ("en", "He left (as planned.) Nobody noticed.", ["He left (as planned.)", "Nobody noticed."]),
    ("en", 'It ended. "Next year," he said.', ["It ended.", '"Next year," he said.']),
    ("en", "Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
    ("en", "Wait... what happened? Nothing.", ["Wait... what happened?", "Nothing."]),
    (
        "en",
        "It was signed in 2019. 2020 was calmer.",
        ["It was signed in 2019.", "2020 was calmer."],
    ),
    # Azerbaijani
    (
        "az",
        "Prezident İ. Əliyev çıxış etdi. Sonra qonaqlar gəldi.",
        ["Prezident İ. Əliyev çıxış etdi.", "Sonra qonaqlar gəldi."],
    ),
    (
        "az",
        "Alma, armud və s. Bu məhsullar satıldı.",
        ["Alma, armud və s.", "Bu məhsullar satıldı."],
    ),
    ("az", "Alma, armud və s. meyvələr satıldı.", ["Alma, armud və s. meyvələr satıldı."]),
    (
        "az",
        "Layihəyə 3,5 mln. manat ayrılıb. İş başlayıb.",
        ["Layihəyə 3,5 mln. manat ayrılıb.", "İş başlayıb."],
    ),
    ("az", "Xərc 150 mln. ABŞ dolları təşkil edib.", ["Xərc 150 mln. ABŞ dolları təşkil edib."]),
    (
        "az",
        "Prof. Məmmədov və Dos. Quliyeva danışdı.",
        ["Prof. Məmmədov və Dos. Quliyeva danışdı."],
    ),
    (
        "az",
        "Kitab 20 manata satılır. Bu ucuzdur?  Bəli.",
        ["Kitab 20 manata satılır.", "Bu ucuzdur?", "Bəli."],
    ),
    # Russian
    (
        "ru",
        "Это было в 2019 г. Жеребьевка прошла позже.",
        ["Это было в 2019 г.", "Жеребьевка прошла позже."],
    ),
    ("ru", "Он живет в г. Москва уже давно.", ["Он живет в г. Москва уже давно."]),
    (
        "ru",
        "Это важно, т.е. нужно спешить. Мы спешим.",
        ["Это важно, т.е. нужно спешить.", "Мы спешим."],
    ),
    (
        "ru",
        "Музей им. Пушкина открыт. Вход бесплатный.",
        ["Музей им. Пушкина открыт.", "Вход бесплатный."],
    ),
    ("ru", "Выступил В. Иванов. Его слушали.", ["Выступил В. Иванов.", "Его слушали."]),
    (
        "ru",
        "Рост составил 3,5 %. Цены выросли на 2.5 пункта.",
        ["Рост составил 3,5 %.", "Цены выросли на 2.5 пункта."],
    ),
    ("ru", "Купили хлеб, молоко и т.д. Потом ушли.", ["Купили хлеб, молоко и т.д.", "Потом ушли."]),
    ("ru", "Он сказал: «Мы готовы». Затем ушел.", ["Он сказал: «Мы готовы».", "Затем ушел."]),
    ("ru", "«Мы готовы.» Затем он ушел.", ["«Мы готовы.»", "Затем он ушел."]),
    (
        "ru",
        "Бег на 100 м. Результат 9,8 с. Отлично.",
        ["Бег на 100 м.", "Результат 9,8 с.", "Отлично."],
    ),
    # Turkish
    (
        "tr",
        "1. Dünya Savaşı 1914 yılında başladı. Savaş uzun sürdü.",
        ["1. Dünya Savaşı 1914 yılında başladı.", "Savaş uzun sürdü."],
    ),
    (
        "tr",
        "Toplantı 2. Ulusal Kongre sırasında yapıldı.",
        ["Toplantı 2. Ulusal Kongre sırasında yapıldı."],
    ),
    (
        "tr",
        "II. Abdülhamid tahta çıktı. Bu olay önemliydi.",
        ["II. Abdülhamid tahta çıktı.", "Bu olay önemliydi."],
    ),
    ("tr", "Oran yüzde 15. Bu oran yüksek.", ["Oran yüzde 15.", "Bu oran yüksek."]),
    (
        "tr",
        "Prof. Dr. Ayşe Kaya ve Doç. Dr. Ali Şen geldi.",
        ["Prof. Dr. Ayşe Kaya ve Doç. Dr. Ali Şen geldi."],
    ),
    ("tr", "Elma, armut vb. Bunlar satıldı.", ["Elma, armut vb.", "Bunlar satıldı."]),
    ("tr", "Elma, armut vb. meyveler satıldı.", ["Elma, armut vb. meyveler satıldı."]),
    (
        "tr",
        "Bulunan cisimleri (mermi, fişek vb.) 112'yi arayarak bildirin. Sonra uzaklaşın.",
        ["Bulunan cisimleri (mermi, fişek vb.) 112'yi arayarak bildirin.", "Sonra uzaklaşın."],
    ),
    (
        "az",
        "Tapılan əşyaları (mərmi, qumbara və s.) 112-yə zəng edib bildirin. Sonra uzaqlaşın.",
        ["Tapılan əşyaları (mərmi, qumbara və s.) 112-yə zəng edib bildirin.", "Sonra uzaqlaşın."],
    ),
    (
        "en",
        "He read it (see the report.) Then he left.",
        ["He read it (see the report.)", "Then he left."],
    ),
    ("tr", "Bütçe 3,5 mln. TL oldu. İş başladı.", ["Bütçe 3,5 mln. TL oldu.", "İş başladı."]),
    ("tr", '"Hazırız." Dedi ve çıktı.', ['"Hazırız." Dedi ve çıktı.']),
    (
        "tr",
        "Kaza saat 14.30'da oldu. İki kişi yaralandı.",
        ["Kaza saat 14.30'da oldu.", "İki kişi yaralandı."],
    ),
    # headlines and line breaks
    (
        "en",
        "Minister visits Baku\nThe minister arrived today.",
        ["Minister visits Baku", "The minister arrived today."],
    ),
    (
        "en",
        "The talks were long and\nhard. They ended.",
        ["The talks were long and\nhard.", "They ended."],
    ),
    ("en", "First paragraph\n\nsecond paragraph", ["First paragraph", "second paragraph"]),
    ("en", "Agenda:\n- budget\n- staff", ["Agenda:", "- budget", "- staff"]),
    ("en", "1. First item\n2. Second item", ["1. First item", "2. Second item"]),
    ("en", 'Prices rose\n"We are ready," he said.', ["Prices rose", '"We are ready," he said.']),
    ("ru", "— Вы готовы? — Да. — Тогда идем.", ["— Вы готовы?", "— Да.", "— Тогда идем."]),
    ("az", '"Hazırıq." Dedi və getdi.', ['"Hazırıq." Dedi və getdi.']),
]


def _nonspace(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_split_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_every_character_kept_in_order(lang: str, text: str, expected: list[str]) -> None:
    sentences = split_sentences(text, lang)
    assert _nonspace("".join(sentences)) == _nonspace(text)
    spans = split_sentence_spans(text, lang)
    assert [text[a:b] for a, b in spans] == sentences
    assert all(a < b <= c for (a, b), (c, _) in pairwise(spans))


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text, "en") == []


def test_unknown_language() -> None:
    with pytest.raises(UnsupportedLanguageError, match="unknown language 'de'"):
        split_sentences("Guten Tag.", "de")


def test_language_aliases_accepted() -> None:
    assert split_sentences("Bir. İki.", "tur_Latn") == ["Bir.", "İki."]


def test_segment_document_numbers_globally() -> None:
    doc = Document(
        paragraphs=(
            Paragraph("Title here", 0, kind="heading"),
            Paragraph("One. Two.", 1),
            Paragraph("Three.", 2),
        )
    )
    segments = segment_document(doc, "en")
    assert [(s.index, s.paragraph, s.start, s.end, s.text) for s in segments] == [
        (0, 0, 0, 10, "Title here"),
        (1, 1, 0, 4, "One."),
        (2, 1, 5, 9, "Two."),
        (3, 2, 0, 6, "Three."),
    ]


def test_version_is_a_string() -> None:
    assert isinstance(SEGMENTER_VERSION, str) and SEGMENTER_VERSION


# --- CLI ---------------------------------------------------------------------------------


def test_cli_segment_prints_one_sentence_per_line(cli_runner, tmp_path) -> None:
    from aligntext.cli import cli

    path = tmp_path / "tr.txt"
    path.write_text(
        "Bakanlık açıklama yaptı\n\nProf. Dr. Ayşe Kaya konuştu. Toplantı uzun sürdü ve "
        "herkes memnun kaldı.\n",
        encoding="utf-8",
    )
    result = cli_runner.invoke(cli, ["segment", str(path), "--lang", "tr"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Bakanlık açıklama yaptı",
        "",
        "Prof. Dr. Ayşe Kaya konuştu.",
        "Toplantı uzun sürdü ve herkes memnun kaldı.",
    ]


def test_cli_segment_reads_stdin(cli_runner) -> None:
    from aligntext.cli import cli

    result = cli_runner.invoke(cli, ["segment", "-", "--lang", "en"], input="One. Two.\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "One.\nTwo.\n"


def test_cli_segment_detects_language_and_writes_jsonl(cli_runner, tmp_path) -> None:
    from aligntext.cli import cli

    path = tmp_path / "ru.txt"
    path.write_text(
        "Министерство сообщило о новых мерах. Они вступят в силу в 2025 г. Подробности позже.",
        encoding="utf-8",
    )
    result = cli_runner.invoke(cli, ["segment", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["lang"] for r in records] == ["ru"] * 3
    assert records[1]["text"] == "Они вступят в силу в 2025 г."


def test_cli_segment_warns_on_wrong_language(cli_runner, tmp_path) -> None:
    from aligntext.cli import cli

    path = tmp_path / "az.txt"
    path.write_text(
        "Azərbaycan Respublikasının Prezidenti bu gün yeni qərar imzalayıb. Qərar dərhal "
        "qüvvəyə minir.",
        encoding="utf-8",
    )
    result = cli_runner.invoke(cli, ["segment", str(path), "--lang", "tr"])
    assert result.exit_code == 0
    assert "warning" in result.stderr and "Azerbaijani (az)" in result.stderr
    strict = cli_runner.invoke(cli, ["segment", str(path), "--lang", "tr", "--strict"])
    assert strict.exit_code == 2
    assert len(strict.stderr.strip().splitlines()) == 1
    assert "Azerbaijani (az)" in strict.stderr


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["segment", "{tmp}/missing.txt"], "missing.txt"),
        (None, ["segment", "{tmp}"], ""),
        ("empty", ["segment", "{tmp}/empty.txt"], "empty"),
        ("binary", ["segment", "{tmp}/bin.txt"], ""),
        ("en", ["segment", "{tmp}/en.txt", "--lang", "xx"], "unknown language 'xx'"),
        ("de", ["segment", "{tmp}/de.txt"], "none of en, az, ru, tr"),
    ],
)
def test_cli_segment_bad_input(cli_runner, tmp_path, setup, args, message) -> None:
    from aligntext.cli import cli

    if setup == "empty":
        (tmp_path / "empty.txt").write_bytes(b"")
    elif setup == "binary":
        (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 8)
    elif setup == "en":
        (tmp_path / "en.txt").write_text("Hello there. Bye.", encoding="utf-8")
    elif setup == "de":
        (tmp_path / "de.txt").write_text(
            "Die Regierung hat am Montag neue Regeln für den Verkehr in der Stadt beschlossen.",
            encoding="utf-8",
        )
    result = cli_runner.invoke(cli, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert message in result.stderr


@pytest.mark.parametrize(
    ("data", "args", "expected"),
    [
        # A Russian press office's cp1251 file piped in.
        ("Совет собрался 5 мая. Бюджет утвержден.".encode("cp1251"), [], 2),
        # UTF-16 with its byte order mark, and a UTF-8 one (offsets count from the text).
        ("The council met. It agreed.".encode("utf-16"), [], 2),
        (b"\xef\xbb\xbfThe council met. It agreed.", [], 2),
        # A page piped in is read as a page, not as its markup.
        (b"<html><body><p>The council met.</p><p>It agreed.</p></body></html>", [], 2),
    ],
)
def test_cli_segment_reads_stdin_as_a_file_is_read(cli_runner, data, args, expected) -> None:
    import json

    from aligntext.cli import cli

    result = cli_runner.invoke(cli, ["segment", "-", "--format", "jsonl", *args], input=data)
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == expected
    assert rows[0]["text"] in ("Совет собрался 5 мая.", "The council met.")
    assert rows[0]["start"] == 0


def test_cli_stdin_obeys_the_input_cap(cli_runner) -> None:
    from aligntext.cli import cli

    result = cli_runner.invoke(
        cli, ["segment", "-", "--max-input-mb", "0.001"], input=b"The council met. " * 200
    )
    assert result.exit_code == 2
    assert "stdin holds more than the limit" in result.stderr


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # A direction mark after the full stop (right-to-left quotes in a page) still ends it.
        ("The minister arrived in Baku.\u200f He met the delegation.", "en", 2),
        ("The minister arrived in Baku.\u200e He met the delegation.", "en", 2),
        # Decomposed initials are initials ("I" + combining dot above is "İ").
        ("Prezident İ. Əliyev Kəlbəcərə gəldi. O, kəndləri gəzdi.", "az", 2),
        ("Министр Ё. Семёнов прибыл. Он встретился с нами.", "ru", 2),
    ],
)
def test_marks_and_decomposed_letters_do_not_move_sentence_ends(text, lang, expected) -> None:
    import unicodedata

    from aligntext.segment import split_sentences

    for form in (text, unicodedata.normalize("NFD", text)):
        assert len(split_sentences(form, lang)) == expected


def _jsonl_rows(cli_runner, path) -> list[dict]:
    import json

    from aligntext.cli import cli

    result = cli_runner.invoke(cli, ["segment", str(path), "--lang", "en", "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_cli_segment_jsonl_offsets_cut_the_sentence_out_of_the_file(
    cli_runner, tmp_path, newline
) -> None:
    # start/end indexed the whitespace-collapsed paragraph, so text[start:end] of the file
    # gave another stretch; they index the decoded text (line ends read as "\n").
    body = (
        "Statement\n\n"
        "  The council met in Baku,\n"
        "  on Monday.  It voted for a well-\n"
        "known plan.\n\n"
        "- First item.\tSecond one.\n"
    )
    path = tmp_path / "s.txt"
    path.write_bytes(body.replace("\n", newline).encode("utf-8"))
    text = path.read_text(encoding="utf-8")  # universal newlines: "\r\n" reads "\n"
    rows = _jsonl_rows(cli_runner, path)
    assert [text[r["start"] : r["end"]] for r in rows] == [
        "Statement",
        "The council met in Baku,\n  on Monday.",
        "It voted for a well-\nknown plan.",
        "First item.",
        "Second one.",
    ]
    assert rows[2]["text"] == "It voted for a well-known plan."


def test_cli_segment_jsonl_offsets_in_markdown_and_html(cli_runner, tmp_path) -> None:
    md = tmp_path / "s.md"
    md.write_text("# Title\n\n> The council met,\n> then voted. It agreed.\n", encoding="utf-8")
    text = md.read_text(encoding="utf-8")
    rows = _jsonl_rows(cli_runner, md)
    assert [text[r["start"] : r["end"]] for r in rows] == [
        "Title",
        "The council met,\n> then voted.",
        "It agreed.",
    ]
    # An HTML page's offsets index the paragraph's text, as documented.
    page = tmp_path / "s.html"
    page.write_text("<html><body><p>The council met.\n  It agreed.</p></body></html>")
    rows = _jsonl_rows(cli_runner, page)
    assert [(r["start"], r["end"], r["text"]) for r in rows] == [
        (0, 16, "The council met."),
        (17, 27, "It agreed."),
    ]

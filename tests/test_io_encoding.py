"""Encoding detection and bad-input errors of aligntext.io.encoding and aligntext.io.lines."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from aligntext.errors import InputError
from aligntext.io.encoding import decode_bytes, detect_encoding, read_text
from aligntext.io.lines import read_lines

RU = (
    "Министерство иностранных дел Азербайджанской Республики заявляет, что 2 апреля "
    "1993 года Кельбаджарский район был оккупирован. Это т.е. важная дата."
)
RU_CAPS = "ЗАЯВЛЕНИЕ МИНИСТЕРСТВА ИНОСТРАННЫХ ДЕЛ"
TR = (
    "Dışişleri Bakanlığı, İşgal altındaki Kelbecer'in 2 Nisan 1993'te ağır hasar "
    "gördüğünü açıkladı. Şehirde çok sayıda öğrenci üzüldü."
)
TR_SHORT = "Ağaç dikildi."
AZ_CP1254 = "Şuşa şəhəri"  # ə is not in cp1254: only used for UTF encodings
EN = "The Ministry of Foreign Affairs issued a statement on 2 April 1993."


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (RU, "cp1251", "cp1251"),
        (RU, "koi8-r", "koi8-r"),
        (RU_CAPS, "cp1251", "cp1251"),
        (RU_CAPS, "koi8-r", "koi8-r"),
        (TR, "cp1254", "cp1254"),
        (TR_SHORT, "cp1254", "cp1254"),
        ("Azərbaycan Respublikası", "utf-8", "utf-8"),
        (RU, "utf-8-sig", "utf-8-sig"),
        (RU, "utf-16", "utf-16"),
        (TR, "utf-16-le", "utf-16-le"),
        (AZ_CP1254, "utf-16-be", "utf-16-be"),
        (EN, "ascii", "utf-8"),
    ],
)
def test_read_text_detects_encoding(tmp_path, text, encoding, expected):
    path = tmp_path / "in.txt"
    path.write_bytes(text.encode(encoding))
    got, used = read_text(path)
    assert got == text
    assert used == expected


def test_cp1254_gives_turkish_letters(tmp_path):
    path = tmp_path / "tr.txt"
    path.write_bytes("İstanbul'da ılık ağustos; Şişli, Ğ ğ ı İ ş Ş".encode("cp1254"))
    text, used = read_text(path)
    assert used == "cp1254"
    for letter in "şğıİŞĞ":
        assert letter in text


def test_detect_encoding_prefers_bom():
    assert detect_encoding(codecs.BOM_UTF8 + "Привет".encode()) == "utf-8-sig"
    assert detect_encoding(codecs.BOM_UTF16_LE + "Merhaba".encode("utf-16-le")) == "utf-16"


def test_text_is_nfc_and_line_ends_are_normalised(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Kəlbəcər İş\r\nikinci sətir\r")
    path = tmp_path / "nfd.txt"
    path.write_bytes(decomposed.encode("utf-8"))
    text, _ = read_text(path)
    assert text == "Kəlbəcər İş\nikinci sətir\n"
    assert unicodedata.is_normalized("NFC", text)


def test_encoding_override(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes(RU.encode("koi8-r"))
    text, used = read_text(path, encoding="koi8_r")
    assert (text, used) == (RU, "koi8-r")


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.write_bytes(b""), "is empty"),
        (lambda p: p.write_bytes(b" \n\t\r\n  "), "only whitespace"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"), "looks binary"),
        (lambda p: p.write_bytes(bytes(range(1, 32)) * 20), "looks binary"),
        (lambda p: p.write_bytes(b"x" * 150_000), "line 1 of .* is 150,000 characters long"),
        (lambda p: p.write_bytes(b"ok\n" + b"y" * 120_000), "line 2 of .* 120,000 characters"),
    ],
)
def test_bad_input(tmp_path, make, match):
    path = tmp_path / "bad.txt"
    make(path)
    with pytest.raises(InputError, match=match):
        read_text(path)
    with pytest.raises(InputError, match=match):
        read_lines(path)


def test_undecodable_with_given_encoding(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("Привет".encode("cp1251"))
    with pytest.raises(InputError, match=r"cannot be decoded as utf-8 \(byte 0xCF at offset 0\)"):
        read_text(path, encoding="utf-8")


def test_unknown_encoding_name(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("hello")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_text(path, encoding="klingon")


def test_file_over_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 400)
    with pytest.raises(InputError, match="over the limit"):
        read_text(path, max_bytes=1000)


def test_decode_bytes_names_the_source():
    with pytest.raises(InputError, match=r"file 'upload\.txt' looks binary"):
        decode_bytes(b"abc\x00def", "upload.txt")


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "utf-16"])
def test_read_lines_skips_empty_lines(tmp_path, encoding):
    path = tmp_path / "lines.txt"
    path.write_bytes("  Первая строка.  \n\n   \nВторая строка.\n".encode(encoding))
    assert read_lines(path) == ["Первая строка.", "Вторая строка."]


CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@pytest.mark.parametrize(
    ("lang", "encoding"),
    [("ru", "cp1251"), ("ru", "koi8-r"), ("tr", "cp1254"), ("az", "utf-16"), ("en", "cp1252")],
)
@pytest.mark.parametrize("name", ["un-membership", "demining-kalbajar", "trade-agreement"])
def test_corpus_files_in_legacy_encodings(tmp_path, name, lang, encoding):
    text = (CORPORA / name / f"{lang}.txt").read_text(encoding="utf-8")
    # koi8-r has no guillemets or dashes of its own: a koi8-r file would use ASCII ones.
    if encoding == "koi8-r":
        text = text.translate(str.maketrans({"«": '"', "»": '"', "—": "-", "–": "-"}))
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    decoded, used = read_text(path)
    assert decoded == text
    if encoding == "cp1252":
        # English is ASCII but for "Türkiye": any Latin code page that reads ü is right.
        assert used in ("utf-8", "cp1252", "cp1254")
    else:
        assert used == encoding


@pytest.mark.parametrize(
    ("data", "line"),
    [
        # One stray byte in a UTF-8 Russian line: cp1251 would turn the line into mojibake.
        ("Мэрия утвердила бюджет 4,5 млн рублей ".encode() + b"\xff\n", 1),
        # The same after a clean UTF-8 line (the mixed-encoding route).
        ("Совет собрался.\nМэрия утвердила бюджет 4,5 млн рублей ".encode() + b"\xff\n", 2),
        # A Turkish line cut inside a two-byte letter (charset-normalizer guessed cp932).
        ("Belediye meclisi salı günü toplandı ve bütçeyi onayladı ".encode() + b"\xc5\n", 1),
    ],
)
def test_utf8_with_a_stray_byte_is_refused_with_its_line(tmp_path, data, line):
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=rf"line {line} of .* is UTF-8 with an invalid byte"):
        read_text(path)


def test_legacy_lines_beside_utf8_lines_still_decode(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Совет собрался.\n".encode() + "Бюджет утвержден.\n".encode("cp1251"))
    text, used = read_text(path)
    assert text.split("\n")[:2] == ["Совет собрался.", "Бюджет утвержден."]
    assert used == "utf-8+cp1251"


def test_one_stray_byte_on_an_ascii_line_of_a_utf8_file_is_refused(tmp_path):
    # The bad line has no multi-byte letter of its own: the curly quotes elsewhere show that
    # the file is UTF-8 (the stray 0xFF read as Cyrillic я, or as cp866's no-break space).
    lines = [
        "“Our figures are final,” the mayor said.".encode(),
        b"The vote takes place on 9 June.\xff",
        "The café reopens — on Monday.".encode(),
    ]
    short = [lines[0], b"Rain in Oslo\xff today."]  # only two good characters
    for data in (b"\n".join(lines), b"\n".join(short)):
        path = tmp_path / "stray.en"
        path.write_bytes(data)
        with pytest.raises(InputError, match=r"line 2 of .* is UTF-8 with an invalid byte"):
            read_text(path)


@pytest.mark.parametrize(
    "text",
    [
        "The harbour upgrade costs €75 million.\nWork starts in Izmir in May.\n",
        "Tickets cost £12 each.\n",
        "Renée Dupuis met the mayor of Köln.\n",
        "A reception at the Hôtel de Ville.\n",
        "Señor Muñoz arrived on Friday.\n",
        # The ordinal indicators are letters to Unicode: nº 17 could not be decoded at all.
        "Invoice nº 17 was paid on 3 May.\n",
    ],
)
@pytest.mark.parametrize("encoding", ["cp1252", "cp1254"])
def test_western_letters_and_symbols_in_latin_code_pages(tmp_path, text, encoding):
    path = tmp_path / "west.txt"
    path.write_bytes(text.encode(encoding))
    got, used = read_text(path)
    assert got == text
    assert used in ("cp1252", "cp1254")


def test_charset_normalizer_mojibake_is_refused(monkeypatch):
    import charset_normalizer

    import aligntext.io.encoding as encoding

    class Guess:
        encoding = "cp1006"  # what charset-normalizer answered for such a file

    class Matches:
        def best(self) -> Guess:
            return Guess()

    # No candidate fits; the fallback's reading mixes scripts inside one word ("Gﻛnjﻛ").
    monkeypatch.setattr(encoding, "LEGACY_CANDIDATES", ())
    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: Matches())
    with pytest.raises(InputError, match="cannot tell the text encoding"):
        decode_bytes("Gänjä and Zoë arrived.\n".encode("cp1252"), "w.txt")


@pytest.mark.parametrize(
    ("data", "expected", "used"),
    [
        (
            "Bakanlık açıklama yaptı.\n".encode() + "Görüşmeler yarın başlıyor.\n".encode("cp1254"),
            "Bakanlık açıklama yaptı.\nGörüşmeler yarın başlıyor.\n",
            "utf-8+cp1254",
        ),
        (
            codecs.BOM_UTF8 + "Совет собрался.\n".encode() + "Бюджет утвержден.\n".encode("cp1251"),
            "Совет собрался.\nБюджет утвержден.\n",
            "utf-8+cp1251",
        ),
    ],
)
def test_mixed_lines_with_turkish_or_after_a_bom(data, expected, used):
    assert decode_bytes(data, "mixed.txt") == (expected, used)


STATEMENT_RU = (
    "Правительство объявило о новой программе поддержки фермеров.\n"
    "Ярмарка откроется 3 сентября 2025 года в Казани.\n"
    "Участие в ней примут более двухсот хозяйств из разных регионов.\n"
)


@pytest.mark.parametrize("encoding", ["iso8859-5", "mac-cyrillic", "cp1251", "koi8-r", "cp866"])
@pytest.mark.parametrize("lines", [3, 1])
def test_russian_in_iso8859_5_and_mac_cyrillic(tmp_path, encoding, lines):
    text = "".join(STATEMENT_RU.splitlines(keepends=True)[:lines])
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text(path) == (text, encoding)


@pytest.mark.parametrize("text", ["Казань", "ПРАВИТЕЛЬСТВО ОБЪЯВИЛО ПРОГРАММУ\n", "Şəki"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_short_utf16_without_bom_and_without_ascii(tmp_path, text, encoding):
    # No NUL byte (or nearly none): the high byte is 0x04 (0x01 for ş ə) at every other place.
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text(path) == (text, encoding)


def test_a_huge_line_is_refused_before_code_pages_are_scored(monkeypatch):
    import aligntext.io.encoding as encoding

    def no_scoring(data: bytes) -> str:
        raise AssertionError("scored a line that is over the limit in any encoding")

    monkeypatch.setattr(encoding, "_auto_encoding", no_scoring)
    data = "Ярмарка открылась.\n".encode("cp1251") + "Дождь. ".encode("cp1251") * 60_000
    # Its encoding is not known yet, so neither is its length in characters: no figure.
    with pytest.raises(InputError) as info:
        decode_bytes(data, "big.txt")
    assert str(info.value).startswith(
        "line 2 of 'big.txt' is over the limit of 100,000 characters: break the text"
    )


def test_a_huge_utf8_line_is_measured_in_the_unit_of_the_limit(monkeypatch):
    # A TSV line of 1,500,002 bytes was "1,500,002 bytes long, over the limit of 100,000
    # characters": the figure must count characters, as the limit does.
    import aligntext.io.encoding as encoding

    monkeypatch.setattr(encoding, "_auto_encoding", lambda data: "never scored")
    data = b"ok\n" + ("Şəki " * 100_000).encode() + b"\tx\n"
    assert len(data) > 600_000
    with pytest.raises(InputError) as info:
        decode_bytes(data, "pairs.tsv")
    assert str(info.value).startswith(
        "line 2 of 'pairs.tsv' is 500,002 characters long, over the limit of 100,000 "
        "characters: break the text"
    )


def test_a_huge_paragraph_says_its_length_in_the_unit_of_the_limit(tmp_path):
    from aligntext.io.documents import read_document

    page = tmp_path / "page.html"
    page.write_text("<html><body><p>" + "word " * 30_000 + "</p></body></html>")
    with pytest.raises(InputError) as info:
        read_document(page)
    assert "paragraph 1 of '" in str(info.value)
    assert "is 149,999 characters long, over the limit of 100,000 characters" in str(info.value)


def test_micro_sign_in_a_western_code_page(tmp_path):
    # The micro sign is a letter to Unicode: "5 µg" read as big5. Every code page that has it
    # puts it at the same byte, so which one is used does not matter.
    text = "The daily dose is 5 µg for adults and 2 µg for children.\n"
    path = tmp_path / "dose.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_text(path)[0] == text


def test_micro_sign_and_ordinals_do_not_mix_scripts():
    from aligntext.io.plausible import mixed_script_words

    assert mixed_script_words("5 µg, nº 17, 1ª vez; but Gﻛnjﻛ") == ["Gﻛnjﻛ"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_over_the_cap_gives_no_size_it_did_not_measure():
    # Reading stops one byte past the cap: the old message called /dev/zero "1,001 bytes".
    from aligntext.io.encoding import read_bounded

    with pytest.raises(InputError) as info:
        read_bounded("/dev/zero", 1000)
    assert str(info.value).startswith(
        "file '/dev/zero' holds more than the limit of 1,000 bytes; split it"
    )


def test_a_regular_file_over_the_cap_is_refused_with_its_size_unread(tmp_path, monkeypatch):
    from aligntext.io.encoding import read_bounded

    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 400)
    with pytest.raises(InputError, match=r"'.*big\.txt' is 2,000 bytes, over the limit of 1,000"):
        read_bounded(path, 1000)


def test_a_file_with_old_mac_line_ends_is_not_one_huge_line(tmp_path):
    # Every line ends in a lone \r: the byte check saw a single 540,000-byte line.
    path = tmp_path / "mac.txt"
    path.write_bytes(b"The council met on Monday.\r" * 20_000)
    text, _ = read_text(path)
    assert text.count("\n") == 20_000
    path.write_bytes(b"The council met.\r" * 3 + b"x" * 500_001 + b"\r\n")
    with pytest.raises(InputError, match=r"^line 4 of .* is 500,001 characters long"):
        read_text(path)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("The minister met the delegation in Baku on Monday.\n", "cp500"),
        ("The council met on 5 May 2023.\r\nThe vote was held.\n", "cp037"),
        ("Dışişleri Bakanlığı açıklama yaptı.\nİkinci satır.\n", "cp1026"),
    ],
)
def test_ebcdic_is_refused_not_read_as_a_cyrillic_code_page(tmp_path, text, encoding):
    # It read as mac-cyrillic "гИЕ@ФЙХЙҐ£ЕЩ...", which language identification then
    # took for Ukrainian, and segment went on with it.
    path = tmp_path / "e.txt"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(InputError, match=r"e\.txt' is not text in a known encoding: .*EBCDIC"):
        read_text(path)
    with pytest.raises(InputError, match="EBCDIC"):
        detect_encoding(text.encode(encoding))
    assert read_text(path, encoding=encoding)[0] == text.replace("\r\n", "\n")


def test_cli_refuses_ebcdic_in_one_line(tmp_path, cli_runner):
    from aligntext.cli import cli

    path = tmp_path / "e.txt"
    path.write_bytes(
        b"The minister met the delegation in Baku on Monday.\n".decode().encode("cp500")
    )
    result = cli_runner.invoke(cli, ["segment", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "not text in a known encoding" in result.stderr

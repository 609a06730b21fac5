"""Bitext readers (TSV, TMX, XLIFF 1.2 / 2.0, PO) and writers (TMX, TSV)."""

from __future__ import annotations

import pytest
from lxml import etree
from translate.storage import po, tmx, xliff, xliff2

from aligntext.errors import InputError
from aligntext.io.bitext import Bitext, read_bitext, write_tmx, write_tsv

PAIRS = [
    ("On 6 April 1993 the district was occupied.", "6 aprel 1993-cü ildə rayon işğal edildi."),
    ("Mr. Smith & <Ms. Jones> visited Kalbajar.", "Cənab Smit və <xanım Cons> Kəlbəcərə gəldi."),
    ("60,000 people", "60.000 nəfər"),
]
XML_NS = "{http://www.w3.org/XML/1998/namespace}lang"


def test_tsv(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text(write_tsv(PAIRS), encoding="utf-8")
    bitext = read_bitext(path)
    assert bitext == Bitext(pairs=tuple(PAIRS), format="tsv", path=str(path))


def test_tsv_keeps_line_numbers_and_allows_empty_trailing_columns(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text("Bir\tОдин\t\n\nİki\tДва\t \t\nÜç\t\n\n\n", encoding="utf-8")
    assert read_bitext(path).pairs == (("Bir", "Один"), ("", ""), ("İki", "Два"), ("Üç", ""))


@pytest.mark.parametrize(
    "line",
    ["Bir\tОдин\t0.9", "Bir\t\tОдин", "Bir.\tОдин.\tİki.\tДва."],
)
def test_tsv_line_of_more_than_two_columns_is_refused(tmp_path, line):
    """A third column was dropped (or, after an empty target, was the target) unseen."""
    path = tmp_path / "pairs.tsv"
    path.write_text(f"Bir\tОдин\n{line}\n", encoding="utf-8")
    columns = line.count("\t") + 1
    with pytest.raises(InputError, match=rf"line 2 of .*pairs.tsv' has {columns} tab-separated"):
        read_bitext(path)


def test_tsv_columns_named_by_its_header_are_read(tmp_path):
    """``align --format tsv`` writes index columns after the texts and names them."""
    path = tmp_path / "aligned.tsv"
    head = "en\tru\tsrc_index\ttgt_index\tscore\tconfidence\n"
    path.write_text(head + "One.\tОдин.\t0\t0\t0.9\t0.8\n", encoding="utf-8")
    assert read_bitext(path).pairs == (("", ""), ("One.", "Один."))
    path.write_text(head + "One.\tОдин.\n", encoding="utf-8")
    with pytest.raises(
        InputError, match=r"line 2 .* has 2 tab-separated columns; its header names 6"
    ):
        read_bitext(path)


def test_tsv_in_cp1251(tmp_path):
    path = tmp_path / "pairs.txt"
    path.write_bytes("Министерство\tВнешнеполитическое ведомство\n".encode("cp1251"))
    assert read_bitext(path).pairs == (("Министерство", "Внешнеполитическое ведомство"),)


def test_tsv_line_without_tab(tmp_path):
    path = tmp_path / "pairs.tsv"
    path.write_text("a\tb\nno tab on this line\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2 of .* has no tab: 'no tab on this line'"):
        read_bitext(path)


def test_write_tsv_flattens_tabs_and_newlines():
    assert write_tsv([("a\tb", "c\nd")]) == "a b\tc d\n"


def test_tmx_round_trip(tmp_path):
    data = write_tmx(PAIRS, "en", "az")
    root = etree.fromstring(data)
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert header.get("srclang") == "en"
    assert header.get("segtype") == "sentence"
    assert header.get("creationtool") == "aligntext"
    tuvs = root.findall("body/tu/tuv")
    assert [t.get(XML_NS) for t in tuvs[:2]] == ["en", "az"]
    assert tuvs[2].find("seg").text == PAIRS[1][0]
    path = tmp_path / "out.tmx"
    path.write_bytes(data)
    bitext = read_bitext(path)
    assert bitext.pairs == tuple(PAIRS)
    assert (bitext.src_lang, bitext.tgt_lang, bitext.format) == ("en", "az", "tmx")
    # translate-toolkit, as a CAT tool would, reads it back too.
    store = tmx.tmxfile.parsestring(data)
    assert [u.source for u in store.units] == [s for s, _ in PAIRS]


def test_write_tmx_replaces_xml_invalid_characters():
    root = etree.fromstring(write_tmx([("bell\x07here", "ok")], "ru", "tr"))
    assert root.find("body/tu/tuv/seg").text == "bell here"


def test_tmx_with_region_codes_and_three_languages(tmp_path):
    path = tmp_path / "multi.tmx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" adminlang="en" segtype="sentence"
 datatype="plaintext" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body>
<tu><tuv xml:lang="ru-RU"><seg>Привет</seg></tuv><tuv xml:lang="en-US"><seg>Hello</seg></tuv>
<tuv xml:lang="tr-TR"><seg>Merhaba</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Bye</seg></tuv><tuv xml:lang="ru-RU"><seg>Пока</seg></tuv></tu>
</body></tmx>""",
        encoding="utf-8",
    )
    bitext = read_bitext(path)
    assert (bitext.src_lang, bitext.tgt_lang) == ("en", "ru")
    assert bitext.pairs == (("Hello", "Привет"), ("Bye", "Пока"))


def test_xliff_12(tmp_path):
    store = xliff.xlifffile(sourcelanguage="en", targetlanguage="ru")
    for src, tgt in [("Hello", "Привет"), ("Untranslated", "")]:
        unit = store.addsourceunit(src)
        if tgt:
            unit.settarget(tgt)
    data = (
        bytes(store)
        .replace(b'version="1.1"', b'version="1.2"')
        .replace(b"document:1.1", b"document:1.2")
    )
    assert b'version="1.2"' in data
    path = tmp_path / "file.xlf"
    path.write_bytes(data)
    bitext = read_bitext(path)
    assert bitext.pairs == (("Hello", "Привет"), ("Untranslated", ""))
    assert (bitext.src_lang, bitext.tgt_lang, bitext.format) == ("en", "ru", "xliff")


def test_xliff_20(tmp_path):
    store = xliff2.Xliff2File(sourcelanguage="en", targetlanguage="tr")
    for src, tgt in PAIRS[:2]:
        store.addsourceunit(src).settarget(tgt)
    path = tmp_path / "file.xliff"
    path.write_bytes(bytes(store))
    bitext = read_bitext(path)
    assert bitext.pairs == tuple(PAIRS[:2])
    assert (bitext.src_lang, bitext.tgt_lang) == ("en", "tr")


def test_po(tmp_path):
    store = po.pofile()
    store.updateheader(add=True, Language="az")
    for src, tgt in PAIRS:
        store.addsourceunit(src).target = tgt
    obsolete = store.addsourceunit("Old")
    obsolete.target = "Köhnə"
    obsolete.makeobsolete()
    path = tmp_path / "messages.po"
    path.write_bytes(bytes(store))
    bitext = read_bitext(path)
    assert bitext.pairs == tuple(PAIRS)
    assert (bitext.src_lang, bitext.tgt_lang, bitext.format) == (None, "az", "po")


def test_format_sniffed_from_content(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes(write_tmx(PAIRS[:1], "en", "ru"))
    assert read_bitext(path).format == "tmx"
    assert read_bitext(path, fmt="TMX").pairs == tuple(PAIRS[:1])


@pytest.mark.parametrize(
    ("name", "content", "fmt", "match"),
    [
        ("missing.tmx", None, None, "does not exist"),
        ("empty.tmx", b"", None, "is empty"),
        ("broken.tmx", b"<tmx><body><tu>", None, "cannot be read as TMX"),
        ("broken.xlf", b"<xliff version='1.2'><file>", None, "cannot be read as XLIFF"),
        ("empty.tsv", b"", None, "is empty"),
        ("x.tsv", b"a\tb\n", "csv", "unknown bitext format 'csv'"),
    ],
)
def test_bad_bitexts(tmp_path, name, content, fmt, match):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=match):
        read_bitext(path, fmt=fmt)


def test_xliff_12_inline_tags_groups_and_region_codes(tmp_path):
    path = tmp_path / "site.xlf"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.html" source-language="en-US" target-language="az-AZ" datatype="html">
 <body>
  <trans-unit id="1"><source>Press <g id="1">release</g> of <x id="2"/>6 April</source>
   <target>Mətbuat <g id="1">açıqlaması</g> <x id="2"/>6 aprel</target></trans-unit>
  <group id="g"><trans-unit id="2"><source>Two</source><target>İki</target></trans-unit></group>
 </body></file></xliff>""",
        encoding="utf-8",
    )
    bitext = read_bitext(path)
    assert bitext.pairs == (
        ("Press release of 6 April", "Mətbuat açıqlaması 6 aprel"),
        ("Two", "İki"),
    )
    assert (bitext.src_lang, bitext.tgt_lang) == ("en", "az")


def test_xliff_20_segments_are_pairs(tmp_path):
    path = tmp_path / "doc.xliff"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">
 <file id="f1"><unit id="u1">
   <segment><source>First sentence.</source><target>Первое предложение.</target></segment>
   <ignorable><source> </source></ignorable>
   <segment><source>Second <pc id="1">bold</pc> one.</source>
    <target>Второе <pc id="1">жирное</pc>.</target></segment>
 </unit><unit id="u2"><segment><source>Next</source><target>Следующий</target></segment>
 </unit></file></xliff>""",
        encoding="utf-8",
    )
    assert read_bitext(path).pairs == (
        ("First sentence.", "Первое предложение."),
        ("Second bold one.", "Второе жирное."),
        ("Next", "Следующий"),
    )


def test_tmx_inline_codes_are_not_text(tmp_path):
    path = tmp_path / "codes.tmx"
    path.write_text(
        """<?xml version="1.0"?><tmx version="1.4"><header srclang="en" segtype="sentence"
 adminlang="en" datatype="html" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu><tuv xml:lang="en"><seg>Press <bpt i="1">&lt;b&gt;</bpt>release<ept i="1">&lt;/b&gt;</ept>
<ph>&lt;br/&gt;</ph>now <hi>here</hi></seg></tuv>
<tuv xml:lang="az"><seg>Mətbuat <bpt i="1">&lt;b&gt;</bpt>açıqlaması<ept i="1">&lt;/b&gt;</ept>
</seg></tuv></tu></body></tmx>""",
        encoding="utf-8",
    )
    assert read_bitext(path).pairs == (("Press release now here", "Mətbuat açıqlaması"),)

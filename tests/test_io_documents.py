"""Document readers and writers: txt, Markdown, docx, HTML."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from aligntext.errors import InputError
from aligntext.io.documents import (
    SUPPORTED_SUFFIXES,
    document_from_text,
    read_document,
    write_document,
)

TXT = """PRESS RELEASE
Baku, 6 April 2023

The Ministry of Foreign Affairs of the Republic of Azerbaijan
notes that the anniversary was marked by well-
known events in the region.
Mr. J. Smith attended.

- first item
- second item

1. One.
2. Two.
"""

MD = """---
title: Statement
---
# Statement of the Ministry #

Intro paragraph with **bold** and
a soft break.

Setext Heading
--------------

- item one
- item two
  continues here
1. numbered item

```python
print("not translated")
```

| Region | Mines |
|--------|-------|
| Kəlbəcər | 60.000 |

> quoted text
> more quote

    indented code, not translated

Last paragraph.
"""

HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Site</title><script>var menu = 1;</script>
<style>p { color: red }</style></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
</header>
<div class="sidebar"><p>Popular stories</p></div>
<article>
  <header><h1>Statement on demining</h1><p class="date">6 April 2023</p></header>
  <p>First <a href="#">linked</a> paragraph &amp; more.</p>
  <div><p>Nested paragraph.</p></div>
  <ul><li>One</li><li>Two</li></ul>
  <table><tr><td>Kəlbəcər</td><td>1 200</td></tr></table>
  <pre>code here</pre>
  <footer>Share on X</footer>
</article>
<footer><p>Copyright 2023</p></footer>
</body></html>
"""


def _texts(doc):
    return [p.text for p in doc.paragraphs]


def test_txt_paragraphs_and_kinds(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text(TXT, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "txt"
    assert doc.encoding == "utf-8"
    assert [(p.kind, p.text) for p in doc] == [
        ("heading", "PRESS RELEASE"),
        ("heading", "Baku, 6 April 2023"),
        (
            "p",
            "The Ministry of Foreign Affairs of the Republic of Azerbaijan notes that the "
            "anniversary was marked by well-known events in the region.",
        ),
        ("p", "Mr. J. Smith attended."),
        ("list-item", "first item"),
        ("list-item", "second item"),
        ("list-item", "One."),
        ("list-item", "Two."),
    ]
    assert [p.index for p in doc] == list(range(8))


def test_txt_round_trip_keeps_separators(tmp_path):
    src = tmp_path / "s.txt"
    src.write_text("Title\n\nOne.\nTwo.\n\n\n- a\n- b\n", encoding="utf-8")
    doc = read_document(src)
    out = tmp_path / "out.txt"
    write_document(doc, _texts(doc), out)
    assert out.read_text(encoding="utf-8") == src.read_text(encoding="utf-8")
    write_document(doc, ["Başlıq", "Bir.", "İki.", "ə", "b"], out)
    assert out.read_text(encoding="utf-8") == "Başlıq\n\nBir.\nİki.\n\n\n- ə\n- b\n"


def test_txt_wrapped_round_trip(tmp_path):
    src = tmp_path / "s.txt"
    src.write_text(TXT, encoding="utf-8")
    doc = read_document(src)
    out = tmp_path / "out.txt"
    write_document(doc, _texts(doc), out)
    assert _texts(read_document(out)) == _texts(doc)


def test_txt_turkish_ordinal_line_is_not_a_list(tmp_path):
    src = tmp_path / "tr.txt"
    src.write_text("1. Dünya Savaşı'nda çok şey değişti.\n", encoding="utf-8")
    assert [(p.kind, p.text) for p in read_document(src)] == [
        ("p", "1. Dünya Savaşı'nda çok şey değişti.")
    ]


def test_legacy_encoded_txt(tmp_path):
    src = tmp_path / "ru.txt"
    src.write_bytes("Заявление МИД\n\nВ 2019 г. в Баку прошла встреча.\n".encode("cp1251"))
    doc = read_document(src)
    assert doc.encoding == "cp1251"
    assert _texts(doc) == ["Заявление МИД", "В 2019 г. в Баку прошла встреча."]
    out = tmp_path / "out.txt"
    write_document(doc, _texts(doc), out)
    assert out.read_bytes().decode("utf-8") == "Заявление МИД\n\nВ 2019 г. в Баку прошла встреча.\n"


def test_markdown_blocks(tmp_path):
    path = tmp_path / "s.md"
    path.write_text(MD, encoding="utf-8")
    doc = read_document(path)
    assert [(p.kind, p.text) for p in doc] == [
        ("heading", "Statement of the Ministry"),
        ("p", "Intro paragraph with **bold** and a soft break."),
        ("heading", "Setext Heading"),
        ("list-item", "item one"),
        ("list-item", "item two continues here"),
        ("list-item", "numbered item"),
        ("table-cell", "Region"),
        ("table-cell", "Mines"),
        ("table-cell", "Kəlbəcər"),
        ("table-cell", "60.000"),
        ("quote", "quoted text more quote"),
        ("p", "Last paragraph."),
    ]
    assert all("not translated" not in p.text for p in doc)
    assert '"gap": "\\n# "' not in doc.paragraphs[0].locator  # front matter is in the gap
    assert "# " in doc.paragraphs[0].locator


def test_markdown_write_keeps_prefixes_and_code(tmp_path):
    path = tmp_path / "s.md"
    path.write_text(MD, encoding="utf-8")
    doc = read_document(path)
    out = tmp_path / "out.md"
    write_document(doc, [t.upper().replace("REGION", "A|B") for t in _texts(doc)], out)
    written = out.read_text(encoding="utf-8")
    assert written.startswith("---\ntitle: Statement\n---\n# STATEMENT OF THE MINISTRY #\n")
    assert "\n- ITEM ONE\n- ITEM TWO CONTINUES HERE\n1. NUMBERED ITEM\n" in written
    assert '```python\nprint("not translated")\n```' in written
    assert "| A\\|B | MINES |\n|--------|-------|\n| KƏLBƏCƏR | 60.000 |" in written
    assert "    indented code, not translated" in written
    again = read_document(out)
    assert _texts(again)[6] == "A|B"
    write_document(doc, _texts(doc), out)
    assert _texts(read_document(out)) == _texts(doc)


def _make_docx(path):
    d = docx.Document()
    d.add_heading("Statement on demining", level=1)
    p = d.add_paragraph("First ")
    p.add_run("bold").bold = True
    p.add_run(" paragraph.")
    d.add_paragraph("An item", style="List Bullet")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Region", (0, 1): "Mines", (1, 0): "Kəlbəcər"}.items():
        table.cell(r, c).text = text
    table.cell(1, 1).text = "1 200"
    d.add_paragraph("")
    d.add_paragraph("Closing sentence.")
    d.save(str(path))


def test_docx_read_with_table(tmp_path):
    path = tmp_path / "s.docx"
    _make_docx(path)
    doc = read_document(path)
    assert doc.format == "docx"
    assert [(p.kind, p.text) for p in doc] == [
        ("heading", "Statement on demining"),
        ("p", "First bold paragraph."),
        ("list-item", "An item"),
        ("table-cell", "Region"),
        ("table-cell", "Mines"),
        ("table-cell", "Kəlbəcər"),
        ("table-cell", "1 200"),
        ("p", "Closing sentence."),
    ]


def test_docx_write_keeps_styles_and_table(tmp_path):
    path = tmp_path / "s.docx"
    _make_docx(path)
    doc = read_document(path)
    out = tmp_path / "out.docx"
    new = [f"{t} (az)" for t in _texts(doc)]
    write_document(doc, new, out)
    assert _texts(read_document(out)) == new
    written = docx.Document(str(out))
    assert [p.style.name for p in written.paragraphs[:3]] == [
        "Heading 1",
        "Normal",
        "List Bullet",
    ]
    assert written.paragraphs[1].runs[0].text == "First bold paragraph. (az)"
    assert written.tables[0].cell(1, 0).text == "Kəlbəcər (az)"
    write_document(doc, _texts(doc), out)
    assert _texts(read_document(out)) == _texts(doc)


def test_html_drops_boilerplate(tmp_path):
    path = tmp_path / "s.html"
    path.write_text(HTML, encoding="utf-8")
    doc = read_document(path)
    assert [(p.kind, p.text) for p in doc] == [
        ("heading", "Statement on demining"),
        ("p", "6 April 2023"),
        ("p", "First linked paragraph & more."),
        ("p", "Nested paragraph."),
        ("list-item", "One"),
        ("list-item", "Two"),
        ("table-cell", "Kəlbəcər"),
        ("table-cell", "1 200"),
        ("code", "code here"),  # read, and written back verbatim
    ]


def test_html_without_article_drops_link_menus(tmp_path):
    path = tmp_path / "s.htm"
    path.write_text(
        "<html><body><ul><li><a href='/'>Home</a></li><li><a href='/a'>About</a></li></ul>"
        "<h2>Title</h2><p>Body text here.</p><div id='footer'>Contact us</div></body></html>",
        encoding="utf-8",
    )
    assert _texts(read_document(path)) == ["Title", "Body text here."]


def test_html_write_into_original(tmp_path):
    path = tmp_path / "s.html"
    path.write_bytes(
        HTML.replace('charset="utf-8"', 'charset="windows-1251"')
        .replace("Kəlbəcər", "Кельбаджар")
        .encode("cp1251", errors="strict")
    )
    doc = read_document(path)
    assert doc.encoding == "windows-1251" or doc.encoding == "cp1251"
    out = tmp_path / "out.html"
    new = [f"<{t}>" for t in _texts(doc)]
    write_document(doc, new, out, lang="ru")
    written = out.read_bytes().decode("utf-8")
    assert '<html lang="ru">' in written
    assert 'charset="utf-8"' in written
    assert "&lt;Statement on demining&gt;" in written  # texts are escaped
    assert "<nav>" in written and "var menu = 1;" in written  # page layout kept
    assert "<pre>code here</pre>" in written  # <pre> is kept verbatim
    assert _texts(read_document(out)) == [*new[:-1], "code here"]


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("a.pdf", b"%PDF-1.4", r"'.*a\.pdf' is a PDF file, not a text document"),
        ("scan.ru", b"\x89PNG\r\n\x1a\n\x00\x00", "is a PNG image"),
        ("report.en", b"PK\x03\x04\x14\x00", "pass --input-format docx"),
        ("missing.txt", None, "does not exist"),
        ("empty.md", b"", "is empty"),
        ("blank.txt", b"\n \n", "only whitespace"),
        ("bin.txt", b"GIF89a\x00\x01\x02\x00", "is a GIF image, not a text document"),
        ("bin.md", b"\x01\x02\x03\x00\x00\x01", "looks binary"),
        # Binary formats renamed as text: the PDF holds no NUL and read as koi8-r mojibake.
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\n", "is a PDF file"),
        ("letter.txt", b"PK\x03\x04\x14\x00\x06\x00", "pass --input-format docx"),
        ("page.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "is a PDF file"),
        ("code.md", b"```\nonly code\n```\n", "no text outside code"),
        ("bad.docx", b"not a zip file", r"not a valid \.docx"),
        ("empty.docx", b"", "is empty"),
        ("menu.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no main"),
    ],
)
def test_bad_documents(tmp_path, name, content, match):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=match):
        read_document(path)


def test_folder_is_refused(tmp_path):
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="is a folder"):
        read_document(folder)


def test_explicit_format_and_unknown_format(tmp_path):
    path = tmp_path / "statement.dat"
    path.write_text("# Title\n\nBody.\n", encoding="utf-8")
    assert [p.kind for p in read_document(path, fmt="md")] == ["heading", "p"]
    with pytest.raises(InputError, match="unknown document format 'rtf'"):
        read_document(path, fmt="rtf")


def test_write_needs_one_text_per_paragraph(tmp_path):
    doc = document_from_text("One.\n\nTwo.")
    with pytest.raises(InputError, match="got 1 texts for a document of 2 paragraphs"):
        write_document(doc, ["Bir."], tmp_path / "o.txt")


def test_document_from_text(tmp_path):
    doc = document_from_text("Başlıq\r\n\r\nBirinci cümlə. İkinci cümlə.\n", lang="aze")
    assert doc.lang == "az"
    assert doc.path is None
    assert _texts(doc) == ["Başlıq", "Birinci cümlə. İkinci cümlə."]
    out = tmp_path / "o.txt"
    write_document(doc, ["Title", "First sentence. Second sentence."], out)
    assert out.read_text(encoding="utf-8") == "Title\n\nFirst sentence. Second sentence.\n"
    with pytest.raises(InputError, match="empty"):
        document_from_text("  \n")


def test_supported_suffixes_cover_the_four_formats():
    assert set(SUPPORTED_SUFFIXES.values()) == {"txt", "md", "docx", "html"}


def test_folder_without_suffix_is_called_a_folder(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        read_document(tmp_path)
    with pytest.raises(InputError, match="does not exist"):
        read_document(tmp_path / "missing.pdf")


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "<body><div class='site-header'><a href='/'>Logo</a></div><main>"
            "<div class='article-header'><h1>Title</h1><p>Baku, 6 April</p></div>"
            "<div class='share-buttons'><p>Share</p></div><p>Body.</p></main></body>",
            ["Title", "Baku, 6 April", "Body."],
        ),
        (
            "<body><div id='header'><p>Ministry of Foreign Affairs</p></div>"
            "<div id='content'><h2>Statement</h2><p>Text <br>on two lines.</p>"
            "<script>alert(1)</script></div><div class='footer'><p>© 2023</p></div></body>",
            ["Statement", "Text on two lines."],
        ),
        (
            "<body><div role='main'><p>Only <b>this</b> counts.</p></div>"
            "<p>Outside main.</p></body>",
            ["Only this counts."],
        ),
    ],
)
def test_html_main_text_rules(tmp_path, page, expected):
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    assert _texts(read_document(path)) == expected


@pytest.mark.parametrize(
    ("name", "content", "fmt", "paragraphs"),
    [
        # Corpora name files by language; their content is plain text.
        ("news.en", b"The port reopened on Monday.\n\nShips wait outside.\n", "txt", 2),
        ("newstest.ru", "Порт открылся в понедельник.\n".encode("cp1251"), "txt", 1),
        ("README", b"One line of notes.\n", "txt", 1),
        (
            "page.az",
            b"<!DOCTYPE html><html><body><p>Liman bazar ertesi acildi.</p></body></html>",
            "html",
            1,
        ),
    ],
)
def test_unknown_suffix_with_text_is_read_by_content(tmp_path, name, content, fmt, paragraphs):
    path = tmp_path / name
    path.write_bytes(content)
    doc = read_document(path)
    assert doc.format == fmt
    assert len(doc.paragraphs) == paragraphs


def test_format_named_explicitly_wins_over_the_name(tmp_path):
    path = tmp_path / "notes.en"
    path.write_text("# Heading\n\nBody text here.\n", encoding="utf-8")
    assert read_document(path).format == "txt"
    doc = read_document(path, fmt="md")
    assert doc.format == "md" and [p.text for p in doc.paragraphs] == ["Heading", "Body text here."]


def _fifo(tmp_path, name: str, data: bytes):
    """A FIFO named ``name`` that a thread fills with ``data`` (read once, like `<(cat f)`)."""
    import os
    import threading

    path = tmp_path / name
    os.mkfifo(path)

    def feed() -> None:
        with open(path, "wb") as fh:
            fh.write(data)

    threading.Thread(target=feed, daemon=True).start()
    return path


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs FIFOs")
@pytest.mark.timeout(30)  # the old reader blocked for ever on its second open
def test_a_pipe_without_a_suffix_is_read_once_not_found_empty(tmp_path):
    from aligntext.io.documents import read_document

    text = "Совет собрался 5 мая. Бюджет утвержден."
    doc = read_document(_fifo(tmp_path, "63", text.encode("cp1251")))
    assert doc.text == text and doc.path == str(tmp_path / "63")


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs FIFOs")
@pytest.mark.timeout(30)  # the old reader blocked for ever on its second open
def test_a_bitext_pipe_is_read_once(tmp_path):
    from aligntext.io.bitext import read_bitext

    data = "The budget is 214 million.\tБюджет 214 миллионов.\n".encode()
    bitext = read_bitext(_fifo(tmp_path, "62", data))
    assert bitext.pairs == (("The budget is 214 million.", "Бюджет 214 миллионов."),)


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs FIFOs")
@pytest.mark.timeout(30)  # the old reader blocked for ever on its second open
def test_an_empty_pipe_is_named_in_the_error(tmp_path):
    from aligntext.io.documents import read_document

    fifo = _fifo(tmp_path, "61", b"")
    with pytest.raises(InputError, match=f"file '{fifo}' is empty"):
        read_document(fifo)


@pytest.mark.parametrize("name", ["note.txt", "note.md"])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_a_translation_keeps_the_original_line_ends(tmp_path, name, newline):
    from aligntext.io.documents import read_document, write_document

    source = tmp_path / name
    source.write_bytes(newline.join(["First line.", "", "Second line.", ""]).encode("utf-8"))
    doc = read_document(source)
    out = tmp_path / "out" / name
    out.parent.mkdir()
    write_document(doc, ["Birinci.", "İkinci."], out)
    data = out.read_bytes().decode("utf-8")
    if newline == "\r\n":
        assert data.count("\r\n") == data.count("\n") >= 3  # every line end as the source's
    else:
        assert "\r" not in data
    assert "Birinci." in data and "İkinci." in data


def test_html_footnote_markers_and_exponents_are_not_glued_to_numbers():
    from aligntext.io.html import read_html_string

    page = (
        "<html><body><article><p>Trade reached 5 billion dollars in 2023<sup>1</sup>. "
        'Exports rose by 20 percent<sup><a href="#fn2">2</a></sup> on 40 km<sup>2</sup> '
        "of land; CO<sub>2</sub> fell.</p></article></body></html>"
    )
    [para] = read_html_string(page).paragraphs
    assert "in 2023¹." in para.text and "20 percent²" in para.text
    assert "40 km² of land" in para.text and "CO₂ fell" in para.text


def test_docx_tracked_insertions_and_content_controls_are_read_deletions_not(tmp_path):
    from docx.oxml.parser import OxmlElement

    from aligntext.io.documents import read_document, write_document

    def run(text: str, tag: str = "w:t"):
        r = OxmlElement("w:r")
        t = OxmlElement(tag)
        t.text = text
        r.append(t)
        return r

    def wrapped(tag: str, *children):
        el = OxmlElement(tag)
        for c in children:
            el.append(c)
        return el

    document = docx.Document()
    p = document.add_paragraph("Trade reached ")._p
    p.append(wrapped("w:del", run("4 billion", "w:delText")))  # tracked deletion: gone
    p.append(wrapped("w:ins", run("5 billion")))  # tracked insertion, not yet accepted
    p.append(run(" US dollars in "))
    p.append(wrapped("w:sdt", wrapped("w:sdtContent", run("2023"))))  # inline content control
    p.append(run("."))
    path = tmp_path / "tracked.docx"
    document.save(path)
    doc = read_document(path)
    assert [x.text for x in doc.paragraphs] == ["Trade reached 5 billion US dollars in 2023."]
    out = tmp_path / "out.docx"
    write_document(doc, ["Ticarət 2023-cü ildə 5 milyard ABŞ dollarına çatıb."], out)
    # Nothing of the original is left in the paragraph, inserted text included.
    assert [x.text for x in read_document(out).paragraphs] == [
        "Ticarət 2023-cü ildə 5 milyard ABŞ dollarına çatıb."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Inline HTML starting a paragraph is paragraph text (CommonMark type 7 needs the tag
        # alone on its line); a block tag or a comment still starts an HTML block.
        (
            "<strong>Baku, 12 March</strong> - The minister signed it.\n\n<div>\nnav\n</div>\n",
            ["<strong>Baku, 12 March</strong> - The minister signed it."],
        ),
        (
            "See the site\n<a href='x'>here</a> for 14 annexes.\n\n<!-- note -->\n",
            ["See the site <a href='x'>here</a> for 14 annexes."],
        ),
        # Only an ordered list starting at 1 interrupts a paragraph: a wrapped year does not.
        (
            "It joined the United Nations in\n1992. The decision was taken then.\n",
            ["It joined the United Nations in 1992. The decision was taken then."],
        ),
        ("Steps to take:\n1. Register.\n2. Pay.\n", ["Steps to take:", "Register.", "Pay."]),
    ],
)
def test_markdown_paragraphs_as_commonmark_reads_them(text, expected):
    from aligntext.io.markdown import read_markdown_string

    assert [p.text for p in read_markdown_string(text).paragraphs] == expected


def test_html_text_beside_block_children_is_read_and_written_back():
    from aligntext.io.html import read_html_string, render_html

    page = (
        "<html><body><article><ul><li>Tariffs fall by <b>20 percent</b>, in particular:"
        "<ul><li>grain by 10 percent.</li></ul></li></ul>"
        "<div>Minister Bayramov said it covers 45 sectors.<p>It starts on 1 July.</p></div>"
        "</article></body></html>"
    )
    doc = read_html_string(page)
    assert [p.text for p in doc.paragraphs] == [
        "Tariffs fall by 20 percent, in particular:",
        "grain by 10 percent.",
        "Minister Bayramov said it covers 45 sectors.",
        "It starts on 1 July.",
    ]
    out = render_html(page, doc, ["A:", "B.", "C.", "D."]).decode("utf-8")
    assert [p.text for p in read_html_string(out).paragraphs] == ["A:", "B.", "C.", "D."]
    assert "<ul><li>B.</li></ul>" in out  # the nested list stays where it was


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx"])
def test_lone_no_break_spaces_survive_reading_and_writing(tmp_path, suffix):
    # A published figure or date kept on one line by a no-break space (`60 000`, `5 May`)
    # must come back with it; spacer runs (`&nbsp;&nbsp;&nbsp;`) still become one space.
    text = "The fund paid 60\u00a0000 manat\u00a0\u00a0\u00a0on 5\u202fMay."
    path = tmp_path / f"s{suffix}"
    if suffix == ".docx":
        d = docx.Document()
        d.add_paragraph(text)
        d.save(str(path))
    elif suffix == ".html":
        html = text.replace("\u00a0", "&nbsp;").replace("\u202f", "&#8239;")
        path.write_text(f"<html><body><p>{html}</p></body></html>", encoding="utf-8")
    else:
        path.write_text(text + "\n", encoding="utf-8")
    doc = read_document(path)
    assert _texts(doc) == ["The fund paid 60\u00a0000 manat on 5\u202fMay."]
    out = tmp_path / f"out{suffix}"
    write_document(doc, ["Fond 60\u00a0000 manat ödədi."], out)
    assert _texts(read_document(out)) == ["Fond 60\u00a0000 manat ödədi."]


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="needs /dev/fd")
@pytest.mark.timeout(30)
def test_a_shell_pipe_is_named_by_its_whole_path_not_its_number():
    # `aligntext compare <(cat en.txt) <(cat az.txt)` gave versions called "63" and "62".
    import os
    import threading

    from aligntext.io.spool import display_name
    from aligntext.pipeline.compare import compare_versions

    assert display_name("/work/docs/en.txt") == "en.txt"
    assert display_name("/dev/stdin") == "/dev/stdin"
    fds = []
    for text in ("The fund paid 500 manat.\n", "Fond 600 manat ödədi.\n"):
        r, w = os.pipe()

        def feed(w: int = w, data: bytes = text.encode()) -> None:
            os.write(w, data)
            os.close(w)

        threading.Thread(target=feed, daemon=True).start()
        fds.append(r)
    try:
        report = compare_versions([f"/dev/fd/{fd}" for fd in fds], ["en", "az"])
    finally:
        for fd in fds:
            os.close(fd)
    assert [v.name for v in report.versions] == [f"/dev/fd/{fd}" for fd in fds]


def test_unicode_line_and_paragraph_separators_break_like_newlines(tmp_path):
    # All three sentences were one paragraph: U+2028 and U+2029 were read as spaces.
    src = tmp_path / "u.txt"
    src.write_text("Hello world.\u2028Second line.\u2029New paragraph here.\n", encoding="utf-8")
    doc = read_document(src)
    assert _texts(doc) == ["Hello world.", "Second line.", "New paragraph here."]
    wrapped = tmp_path / "w.txt"
    wrapped.write_text("The council met in Baku,\u2028on Monday.\u2029Votes.\n", encoding="utf-8")
    assert _texts(read_document(wrapped)) == ["The council met in Baku, on Monday.", "Votes."]
    md = tmp_path / "u.md"
    md.write_text("Hello world.\u2028Second line.\u2029New paragraph here.\n", encoding="utf-8")
    assert _texts(read_document(md)) == ["Hello world. Second line.", "New paragraph here."]


def test_a_translation_keeps_the_unicode_separators_where_they_were(tmp_path):
    src = tmp_path / "u.txt"
    src.write_text("Hello world.\u2028Second line.\u2029New paragraph here.\n", encoding="utf-8")
    doc = read_document(src)
    out = tmp_path / "out.txt"
    write_document(doc, ["Salam dünya.", "İkinci sətir.", "Yeni abzas."], out)
    assert out.read_text(encoding="utf-8") == ("Salam dünya.\u2028İkinci sətir.\u2029Yeni abzas.\n")


def test_source_span_finds_each_sentence_in_the_text_read():
    from aligntext.io.markdown import read_markdown_string
    from aligntext.io.txt import read_txt_string, source_span
    from aligntext.segment import split_sentence_spans

    cases = [
        (
            read_txt_string,
            "  Indented line,\n\tthen a tab.  60\u00a0000 came. A well-\nknown end.\n",
            ["Indented line,\n\tthen a tab.", "60\u00a0000 came.", "A well-\nknown end."],
        ),
        (
            read_markdown_string,
            "| a \\| b. C. | d |\n|---|---|\n| x. Y. | z |\n",
            ["a \\| b.", "C.", "d", "x. Y.", "z"],
        ),
        (
            read_markdown_string,
            "1. First.  Second,\n   wrapped.\n",
            ["First.", "Second,\n   wrapped."],
        ),
    ]
    for read, text, expected in cases:
        found = []
        for para in read(text).paragraphs:
            for a, b in split_sentence_spans(para.text, "en"):
                start, end = source_span(para, a, b)
                found.append(text[start:end])
        assert found == expected

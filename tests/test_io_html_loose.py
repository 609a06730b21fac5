"""HTML text that sits directly in a container, beside block elements (no <p> around it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligntext.io.documents import read_document
from aligntext.io.html import read_html_string, render_html
from aligntext.pipeline import translate_folder

BARE_BODY = (
    "<html><body><p>Intro paragraph here with text 1.</p>The port of Alat handled "
    "a record cargo volume in the first quarter of the year.<p>Third para 3.</p></body></html>"
)
BARE_ARTICLE = (
    "<html><body><article><p>First para 1.</p>Loose text 2 right in the article."
    "<p>Third 3.</p></article></body></html>"
)


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            BARE_BODY,
            [
                "Intro paragraph here with text 1.",
                "The port of Alat handled a record cargo volume in the first quarter of the year.",
                "Third para 3.",
            ],
        ),
        (BARE_ARTICLE, ["First para 1.", "Loose text 2 right in the article.", "Third 3."]),
        # Text after a <br> directly in the container, with inline markup in the run.
        (
            "<body><main><h2>Title</h2>Line <b>one</b> here.<br>Line two.<p>End.</p></main></body>",
            ["Title", "Line one here. Line two.", "End."],
        ),
        ("<body>Only text<br>and a second line.</body>", ["Only text and a second line."]),
        # <pre> is read (kind "code"); its line breaks become spaces for the segmenter.
        (
            "<body><article><p>Run this:</p><pre>make\n  install</pre></article></body>",
            ["Run this:", "make install"],
        ),
    ],
)
def test_loose_text_is_read_in_reading_order(page, expected):
    assert _texts(read_html_string(page)) == expected


def test_segment_prints_the_loose_sentence(tmp_path, capsys):
    from aligntext.cli import main

    path = tmp_path / "bare.html"
    path.write_text(BARE_BODY, encoding="utf-8")
    assert main(["segment", str(path)]) == 0
    assert "The port of Alat handled a record cargo volume" in capsys.readouterr().out


def test_nav_is_dropped_and_loose_text_in_main_kept():
    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<div class='menu'>Menu text<p>About us</p></div>"
        "<main><h1>Report</h1>The ministry published the figures today.<ul><li>One</li></ul>"
        "After the list.</main><footer>Footer text</footer></body></html>"
    )
    assert _texts(read_html_string(page)) == [
        "Report",
        "The ministry published the figures today.",
        "One",
        "After the list.",
    ]


def test_loose_runs_are_written_back_in_place():
    page = (
        "<html><body><article>Lead <i>text</i>.<p>A.</p>Middle <a href='#'>run</a>."
        "<script>var x = 1;</script> more.<p>B.</p>Last.<!-- note --></article></body></html>"
    )
    doc = read_html_string(page)
    assert _texts(doc) == ["Lead text.", "A.", "Middle run. more.", "B.", "Last."]
    out = render_html(page, doc, ["L1.", "P1.", "M1.", "P2.", "E1."]).decode("utf-8")
    assert _texts(read_html_string(out)) == ["L1.", "P1.", "M1.", "P2.", "E1."]
    body = out[out.index("<article>") : out.index("</article>")]
    assert body == (
        "<article>L1.<p>P1.</p>M1.<script>var x = 1;</script><p>P2.</p>E1.<!-- note -->"
    )


def test_pre_is_read_but_written_back_verbatim():
    page = "<html><body><p>Run this:</p><pre>make\n  install</pre></body></html>"
    doc = read_html_string(page)
    assert [p.kind for p in doc.paragraphs] == ["p", "code"]
    out = render_html(page, doc, ["X:", "Y"]).decode("utf-8")
    assert "<p>X:</p><pre>make\n  install</pre>" in out


class _Upper:
    """A fake translator: tags and upper-cases each sentence."""

    beam = "1"

    def __init__(self, src: str, tgt: str) -> None:
        self.src_lang, self.tgt_lang = src, tgt

    def translate(self, sentences, progress=None):
        if progress is not None:
            progress(len(sentences))
        return [f"({self.tgt_lang}) {s.upper()}" for s in sentences]

    def signature_fields(self):
        return (("model", "upper"), ("backend", "fake"), ("beam", self.beam))


def test_translate_puts_the_translation_where_the_loose_text_was(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bare.html").write_text(BARE_BODY, encoding="utf-8")
    out = tmp_path / "out"
    translate_folder([src], "en", ["ru"], out, translator_factory=_Upper, cache=False)
    written = out / "ru" / "bare.html"
    assert _texts(read_document(written)) == [
        "(ru) INTRO PARAGRAPH HERE WITH TEXT 1.",
        "(ru) THE PORT OF ALAT HANDLED A RECORD CARGO VOLUME IN THE FIRST QUARTER OF THE YEAR.",
        "(ru) THIRD PARA 3.",
    ]
    assert "The port of Alat" not in written.read_text(encoding="utf-8")

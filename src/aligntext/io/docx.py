"""Word (.docx) documents through python-docx: body paragraphs and table cells, in order.

The locator of a paragraph is its path in the body's XML tree (child indices, e.g. ``3`` for
the fourth body element or ``5/1/2/0`` for a paragraph in a table cell), so the writer opens
the ORIGINAL file, walks the same tree and replaces the texts in place: paragraph styles,
numbering, table layout, headers and footers all stay as they were. Headers, footers,
footnotes and text boxes are not read (they are not the statement's body).
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from aligntext.errors import InputError
from aligntext.io.txt import squash
from aligntext.types import Document, Paragraph

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Containers whose children are walked: tables, rows, cells, content controls.
_CONTAINERS = {f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}sdt", f"{_W}sdtContent"}


#: A zip member that unpacks to more than this many times its packed size is refused (a
#: zip bomb); real .docx XML packs 5 to 20 times. Members under 1 MiB unpacked pass.
MAX_RATIO = 100

#: Media (images, embedded files) may add this many times the cap to the unpacked size.
MEDIA_FACTOR = 4


def check_zip(path: Path, max_bytes: int | None = None) -> None:
    """Refuse a .docx whose members would unpack past the caps, from its directory alone.

    The XML parts together may unpack to ``max_bytes`` (default
    :func:`~aligntext.io.encoding.max_input_bytes`), all parts to :data:`MEDIA_FACTOR`
    times that, and no member over 1 MiB to more than :data:`MAX_RATIO` times its packed
    size. zipfile never inflates a member past the size its directory declares, so these
    checks bound the memory the parse can take; nothing is inflated to make them.

    Raises:
        InputError: a cap is exceeded or the archive is unreadable.
    """
    from aligntext.io.encoding import max_input_bytes, over_limit

    limit = max_input_bytes() if max_bytes is None else max_bytes
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(
            f"file '{path}' is not a valid .docx file ({exc}); save it again"
        ) from None
    xml = total = 0
    for info in members:
        total += info.file_size
        if info.filename.endswith((".xml", ".rels")):
            xml += info.file_size
        if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                f"file '{path}': member {info.filename!r} unpacks {info.compress_size:,} bytes "
                f"to {info.file_size:,} (over {MAX_RATIO} times); refusing a zip bomb"
            )
    if xml > limit:
        raise over_limit(f"the text (XML) of '{path}'", xml, limit)
    if total > MEDIA_FACTOR * limit:
        raise over_limit(f"'{path}' unpacked", total, MEDIA_FACTOR * limit)


def _open(path: str | os.PathLike[str], max_bytes: int | None = None):
    import docx

    p = Path(path)
    if not p.exists():
        raise InputError(f"file '{p}' does not exist; check the path")
    if p.is_dir():
        raise InputError(f"'{p}' is a folder, not a file; give a file path")
    if p.stat().st_size == 0:
        raise InputError(f"file '{p}' is empty; give a file with text")
    if not zipfile.is_zipfile(p):
        raise InputError(
            f"file '{p}' is not a valid .docx file (not a zip archive: an old .doc, or "
            "another format renamed); save it as .docx (Word 2007+) or convert it to .txt"
        )
    check_zip(p, max_bytes)
    try:
        return docx.Document(str(p))
    except Exception:  # python-docx raises PackageNotFoundError, KeyError, ValueError
        # Its messages name zip members and classes ("There is no item named
        # '[Content_Types].xml'"), which say nothing to the person who sent the file.
        raise InputError(
            f"file '{p}' is not a valid .docx file (a zip archive, but not a Word document); "
            "save it as .docx (Word 2007+) again, or convert it to .txt"
        ) from None


def _walk(element, path: tuple[int, ...], in_table: bool) -> Iterator[tuple[str, object, bool]]:
    for i, child in enumerate(element):
        tag = child.tag
        if tag == f"{_W}p":
            yield "/".join(map(str, (*path, i))), child, in_table
        elif tag in _CONTAINERS:
            yield from _walk(child, (*path, i), in_table or tag == f"{_W}tbl")


def _kind(paragraph, in_table: bool) -> str:
    if in_table:
        return "table-cell"
    try:
        name = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    except (KeyError, AttributeError, ValueError):
        name = ""
    if name == "title":
        return "title"
    if name.startswith("heading"):
        return "heading"
    if name.startswith("list") or (
        paragraph._p.pPr is not None and (paragraph._p.pPr.numPr is not None)
    ):
        return "list-item"
    return "p"


# Where the walk up from a run stops: a tracked deletion or the old place of a tracked move
# (not the paragraph's text), or a paragraph (a text box's own, unless it is the one read).
_STOP = {f"{_W}del", f"{_W}moveFrom", f"{_W}p"}


def _paragraph_text(p_elem, paragraph) -> str:
    """The text of a paragraph as Word shows it: every run in order, also those python-docx's
    ``Paragraph.text`` skips (a tracked insertion not yet accepted, an inline content
    control, a simple field, a smart tag, a tracked move's new place), none from a tracked
    deletion or from a text box's own paragraphs. The writer (:func:`_set_text`) replaces
    all of these runs, so what is read is what is translated."""
    from docx.text.run import Run

    parts = []
    for run in p_elem.iter(f"{_W}r"):
        up = run.getparent()
        while up is not None and up is not p_elem and up.tag not in _STOP:
            up = up.getparent()
        if up is p_elem:
            parts.append(Run(run, paragraph).text)
    return "".join(parts)


def read_docx(
    path: str | os.PathLike[str], lang: str | None = None, *, max_bytes: int | None = None
) -> Document:
    """Read the body paragraphs and table cells of a .docx file, in reading order.

    Raises:
        InputError: a missing, empty or corrupt file, one over the caps of
            :func:`check_zip`, or one without any text.
    """
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = _open(path, max_bytes)
    body = document.element.body
    paragraphs: list[Paragraph] = []
    for locator, p_elem, in_table in _walk(body, (), False):
        para = DocxParagraph(p_elem, document._body)  # type: ignore[arg-type]
        text = squash(_paragraph_text(p_elem, para))
        if not text:
            continue
        paragraphs.append(
            Paragraph(text=text, index=len(paragraphs), kind=_kind(para, in_table), locator=locator)
        )
    if not paragraphs:
        raise InputError(f"file '{path}' has no text in its body; give a document with text")
    return Document(
        paragraphs=tuple(paragraphs), path=str(path), format="docx", encoding=None, lang=lang
    )


def _set_text(p_elem, text: str) -> None:
    """Replace a paragraph's text, keeping its properties and its first run's formatting."""
    # Prefer a run directly in the paragraph: the first run inside a hyperlink would turn
    # the whole translated paragraph into a link.
    direct = [c for c in p_elem if c.tag == f"{_W}r"]
    runs = direct + [r for r in p_elem.iter(f"{_W}r") if r.getparent() is not p_elem]
    if not runs:
        from docx.text.paragraph import Paragraph as DocxParagraph

        DocxParagraph(p_elem, None).add_run(text)  # type: ignore[arg-type]
        return
    first = runs[0]
    # Keep the first run's formatting (rPr); drop its text, tabs and breaks.
    for child in list(first):
        if child.tag != f"{_W}rPr":
            first.remove(child)
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    first.append(t)
    for run in runs[1:]:
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)
    # Hyperlinks and fields left empty would still show their (now missing) text: remove
    # empty hyperlink wrappers so Word does not keep a dangling link.
    for link in list(p_elem.iter(f"{_W}hyperlink")):
        if not any(True for _ in link.iter(f"{_W}t")):
            parent = link.getparent()
            if parent is not None:
                parent.remove(link)


def docx_bytes(doc: Document, texts: Sequence[str]) -> bytes:
    """The bytes of the original .docx at ``doc.path`` with paragraph texts replaced.

    Raises:
        InputError: ``doc`` has no path, or the file changed since it was read.
    """
    if not doc.path:
        raise InputError(
            "a .docx translation is written into a copy of the original file, but this "
            "document has no path; read it with read_document"
        )
    import io as _io

    document = _open(doc.path)
    elements = {loc: p for loc, p, _ in _walk(document.element.body, (), False)}
    for para, text in zip(doc.paragraphs, texts, strict=True):
        p_elem = elements.get(para.locator)
        if p_elem is None:
            raise InputError(
                f"paragraph {para.index} ({para.locator}) is no longer in '{doc.path}'; "
                "the file changed since it was read: read it again"
            )
        _set_text(p_elem, squash(text))
    buffer = _io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

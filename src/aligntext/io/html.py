"""HTML pages: the article's main text, without menus, footers, scripts or sidebars.

Rules (in the spirit of trafilatura, but keeping each paragraph's element so a translation
can be written back): the main container is the ``<article>`` (the one with most text when
there are several), else ``<main>`` / ``role="main"``, else ``<body>``. Inside it,
``nav``, ``aside``, ``script``, ``style``, ``form``, ``template`` and the like are dropped,
and so are ``header``/``footer`` (except a header inside the article, which holds its title)
and blocks whose class or id says menu, breadcrumb, share, cookie ...; when falling back to
``<body>``, lists and blocks that are mostly links (menus without ``<nav>``) are dropped too.
The paragraphs are the innermost text blocks (``h1``-``h6``, ``p``, ``li``, ``td``, ``th``,
``blockquote``, ``figcaption``, ``dd``, ``div`` holding text ...). Text directly in a
container between its blocks (``<body><p>..</p>Loose text.<p>..``, or after a ``<br>``) is a
paragraph of its own, located by ``#loose`` (the container's leading text) or ``#tail`` (the
text after a block child). ``<pre>`` is read as a paragraph of kind ``code`` (so segment and
compare see it) but written back verbatim: its line breaks are its layout.

The locator is the element's XPath in the original page. :func:`html_bytes` writes the
translation INTO THE ORIGINAL page: each extracted element's content is replaced by the
translated text (inline markup such as links inside that element is lost, the page's layout,
menus and scripts are kept), the charset is declared UTF-8 and ``<html lang>`` is set.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from aligntext.errors import InputError
from aligntext.io.txt import squash
from aligntext.types import Document, Paragraph

_DROP_TAGS = {
    "nav", "aside", "script", "style", "noscript", "form", "template", "iframe", "svg",
    "button", "select", "input", "textarea", "object", "embed", "canvas", "video", "audio",
    "menu", "dialog",
}  # fmt: skip
_BLOCK_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "blockquote", "figcaption",
    "dd", "dt", "div", "section", "address", "caption", "summary", "article", "main",
    "header", "footer", "ul", "ol", "dl", "table", "tr", "tbody", "thead", "figure", "pre",
}  # fmt: skip
_KINDS = {f"h{i}": "heading" for i in range(1, 7)} | {
    "li": "list-item", "td": "table-cell", "th": "table-cell", "dt": "list-item",
    "dd": "list-item", "blockquote": "quote", "figcaption": "caption", "caption": "caption",
}  # fmt: skip
_BOILERPLATE_RE = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|sidebar|share|sharing|social|cookies?|"
    r"advert|ads|promo|related|subscribe|newsletter|skip|pagination|tags)($|[\s_-])",
    re.IGNORECASE,
)
# Outside an article, a block called header / footer / banner is the site's, not the text's;
# inside one, "article-header" holds the title.
_SITE_CHROME_RE = re.compile(r"(^|[\s_-])(header|footer|banner|masthead)($|[\s_-])", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_META_CHARSET_RE = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 KiB, if any."""
    match = _META_CHARSET_RE.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _parse(text: str):
    import lxml.html

    # lxml refuses str input with an encoding declaration (XHTML pages have one).
    text = _XML_DECL_RE.sub("", text, count=1)
    try:
        return lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises ParserError / ValueError on hopeless input
        raise InputError(
            f"cannot parse the HTML ({exc}); check that the file is a web page"
        ) from None


def _text_len(el) -> int:
    return len("".join(el.itertext()).strip())


def _link_density(el) -> float:
    total = _text_len(el)
    if not total:
        return 0.0
    links = sum(_text_len(a) for a in el.iter("a"))
    return links / total


def _is_boilerplate(el, strict_main: bool) -> bool:
    hint = f"{el.get('class', '')} {el.get('id', '')}"
    if el.get("role") in ("navigation", "contentinfo", "banner", "complementary"):
        return True
    if _BOILERPLATE_RE.search(hint):
        return True
    return not strict_main and bool(_SITE_CHROME_RE.search(hint))


def _main_container(root):
    articles = [a for a in root.iter("article")]
    if articles:
        return max(articles, key=_text_len), True
    for el in root.iter("main"):
        return el, True
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("role") == "main":
            return el, True
    body = root.find("body")
    return (body if body is not None else root), False


def _dropped(el, container, strict_main: bool) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _DROP_TAGS:
        return True
    if tag in ("header", "footer") and el is not container:
        # A header inside the article holds the title and date; a footer holds "share".
        return tag == "footer" or not strict_main
    if el is not container and tag not in ("h1", "h2", "h3") and _is_boilerplate(el, strict_main):
        return True
    if not strict_main and tag in ("ul", "ol", "div", "table") and el is not container:
        return _text_len(el) > 0 and _link_density(el) > 0.6
    return False


def _has_block_child(el) -> bool:
    return any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in el.iterdescendants())


_SCRIPTS = {
    "sup": str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾"),
    "sub": str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎"),
}
_SCRIPT_TEXT = re.compile(r"[\d+\-=()]+")


def _own_text(el) -> str:
    parts: list[str] = []

    def visit(node) -> None:
        if not isinstance(node.tag, str):  # comments, processing instructions
            if node.tail:
                parts.append(node.tail)
            return
        if node.tag == "br":
            parts.append(" ")
        elif node.tag in _SCRIPTS and _SCRIPT_TEXT.fullmatch(
            marker := "".join(node.itertext()).strip()
        ):
            # A footnote marker or an exponent, "2023<sup>1</sup>", "m<sup>2</sup>": written
            # as the Unicode superscript it is ("2023¹", "m²"), not glued on as "20231".
            parts.append(marker.translate(_SCRIPTS[node.tag]))
        elif node.tag not in _DROP_TAGS:
            if node.text:
                parts.append(node.text)
            for child in node:
                visit(child)
        if node is not el and node.tail:
            parts.append(node.tail)

    visit(el)
    return squash("".join(parts))


def _add_leaf(el, out: list) -> bool:
    """A block with no block inside is one paragraph, its own text (added when it has
    some); whether ``el`` is such a block."""
    if el.tag not in _BLOCK_TAGS or _has_block_child(el):
        return False
    text = _own_text(el)
    if text:
        out.append((el, text, "", _KINDS.get(el.tag, "p")))
    return True


def _collect(el, container, strict_main: bool, out: list) -> None:
    # Text directly in ``el`` between its block children ("<body><p>..</p>Loose text.<p>..")
    # is a paragraph of its own, in reading order; each run is written back in place.
    _add_run(el, None, out)
    for child in el:
        if not _is_block(child):
            continue  # inline: part of a run
        if not _dropped(child, container, strict_main):
            if child.tag == "pre":
                # Read (so segment / compare see it) but written back verbatim.
                text = squash(child.text_content())
                if text:
                    out.append((child, text, "", "code"))
            elif not _add_leaf(child, out):
                _collect(child, container, strict_main, out)
        _add_run(el, child, out)


#: The locator suffix of the run of text at the start of a block, before its block children.
LOOSE = "#loose"
#: The locator suffix of the run of text after a block child, before the next one.
TAIL = "#tail"


def _is_block(el) -> bool:
    """Whether an element is a block or holds one (its text is not inline text)."""
    return isinstance(el.tag, str) and (el.tag in _BLOCK_TAGS or _has_block_child(el))


def _run_members(parent, after) -> list:
    """The inline nodes of ``parent`` in the run starting after block child ``after`` (or at
    the start when ``None``), up to the next block child."""
    children = list(parent)
    i = 0 if after is None else children.index(after) + 1
    members = []
    for c in children[i:]:
        if _is_block(c):
            break
        members.append(c)
    return members


def _is_content(node) -> bool:
    """Whether an inline node's text is read (not a comment, script, form control ...)."""
    return isinstance(node.tag, str) and node.tag not in _DROP_TAGS


def _add_run(parent, after, out: list) -> None:
    start = parent.text if after is None else after.tail
    parts = [start or ""]
    for c in _run_members(parent, after):
        if c.tag == "br":
            parts.append(" ")  # a line break between two lines of the run
        elif _is_content(c):
            parts.append(_own_text(c))
        parts.append(c.tail or "")
    text = squash("".join(parts))
    if text:
        out.append(
            (parent if after is None else after, text, LOOSE if after is None else TAIL, "p")
        )


def _set_run(el, mark: str, text: str) -> None:
    """Put ``text`` where a run of loose text was (see :func:`_collect`)."""
    parent, after = (el, None) if mark == LOOSE else (el.getparent(), el)
    for c in _run_members(parent, after):
        if _is_content(c):
            parent.remove(c)  # lxml removes its tail with it: that text was in the run
        else:
            c.tail = None  # a script or comment stays where it was, without the run's text
    if after is None:
        parent.text = text
    else:
        after.tail = text


def read_html_string(
    text: str,
    *,
    path: str | None = None,
    encoding: str | None = None,
    lang: str | None = None,
) -> Document:
    """Extract the main text of an HTML page into a :class:`Document` (``format='html'``).

    Raises:
        InputError: the page cannot be parsed or has no main text.
    """
    root = _parse(text)
    tree = root.getroottree()
    container, strict_main = _main_container(root)
    found: list = []
    if not _add_leaf(container, found):
        _collect(container, container, strict_main, found)
    paragraphs = tuple(
        Paragraph(
            text=t,
            index=i,
            kind=kind,
            locator=tree.getpath(el) + mark,
        )
        for i, (el, t, mark, kind) in enumerate(found)
    )
    if not paragraphs:
        where = f"'{path}'" if path else "the page"
        raise InputError(f"{where} has no main text (only menus, scripts or markup)")
    return Document(paragraphs=paragraphs, path=path, format="html", encoding=encoding, lang=lang)


def render_html(source: str, doc: Document, texts: Sequence[str], lang: str | None = None) -> bytes:
    """The original page ``source`` with each extracted element's text replaced, as UTF-8."""
    import lxml.html

    root = _parse(source)
    tree = root.getroottree()
    # Every locator is looked up before anything changes: writing a run removes its inline
    # elements, which would shift the XPath index of a later element of the same tag.
    targets = []
    for para, new in zip(doc.paragraphs, texts, strict=True):
        mark = next((m for m in (LOOSE, TAIL) if para.locator.endswith(m)), "")
        found = tree.xpath(para.locator.removesuffix(mark) if mark else para.locator)
        if not found:
            raise InputError(
                f"paragraph {para.index} ({para.locator}) is no longer in the page; the file "
                "changed since it was read: read it again"
            )
        targets.append((found[0], mark, para, new))
    for el, mark, para, new in targets:
        if para.verbatim:
            continue  # <pre> is kept verbatim: its line breaks are its layout
        if mark:
            _set_run(el, mark, squash(new))
            continue
        for child in list(el):
            el.remove(child)
        el.text = squash(new)
    head = root.find("head")
    for meta in root.iter("meta"):
        if meta.get("charset") is not None:
            meta.set("charset", "utf-8")
        elif (meta.get("http-equiv") or "").lower() == "content-type":
            meta.set("content", "text/html; charset=utf-8")
    if head is not None and not any(
        m.get("charset") or (m.get("http-equiv") or "").lower() == "content-type"
        for m in head.iter("meta")
    ):
        meta = lxml.html.Element("meta", charset="utf-8")
        head.insert(0, meta)
    if lang:
        root.set("lang", lang)
    return lxml.html.tostring(tree, encoding="utf-8", doctype=tree.docinfo.doctype or None)

"""HTML pages: the article's main text, without menus, footers, scripts or sidebars.

Rules (in the spirit of trafilatura, but keeping each paragraph's element so a translation
can be written back): the main container is the ``<article>`` (the one with most text when
there are several), else ``<main>`` / ``role="main"``, else ``<body>``. Inside it,
``nav``, ``aside``, ``script``, ``style``, ``form``, ``template`` and the like are dropped,
and so are ``header``/``footer`` (except a header inside the article, which holds its title)
and blocks whose class or id says menu, breadcrumb, share, cookie ...; when falling back to
``<body>``, lists and blocks that are mostly links (menus without ``<nav>``) are dropped too.
The paragraphs are the innermost text blocks (``h1``-``h6``, ``p``, ``li``, ``td``, ``th``,
``blockquote``, ``figcaption``, ``dd``, ``div`` holding text ...). ``<pre>`` and ``<code>``
blocks are kept verbatim.

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
_VERBATIM_TAGS = {"pre", "code"}
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


def _collect(el, container, strict_main: bool, out: list) -> None:
    for child in el:
        if not isinstance(child.tag, str) or _dropped(child, container, strict_main):
            continue
        if child.tag in _VERBATIM_TAGS:
            continue
        if child.tag in _BLOCK_TAGS and not _has_block_child(child):
            text = _own_text(child)
            if text:
                out.append((child, text, ""))
            continue
        if _is_block(child):
            # A block's own text beside its block children ("<li>Tariffs fall, in
            # particular:<ul>..</ul></li>", "<div>Loose text.<p>..</p></div>") is a
            # paragraph of its own, before theirs; written back by :func:`_set_loose_text`.
            loose = _loose_text(child)
            if loose:
                out.append((child, loose, LOOSE))
            _collect(child, container, strict_main, out)


#: The locator suffix of a paragraph that is a block's own text beside its block children.
LOOSE = "#loose"


def _is_block(el) -> bool:
    """Whether an element is a block or holds one (its text is not inline text)."""
    return isinstance(el.tag, str) and (el.tag in _BLOCK_TAGS or _has_block_child(el))


def _loose_text(el) -> str:
    """The text of ``el`` outside its block children: its own text, its inline children
    (links, emphasis) and the text after each child."""
    parts = [el.text or ""]
    for c in el:
        if not _is_block(c) and isinstance(c.tag, str) and c.tag not in _DROP_TAGS:
            parts.append(_own_text(c))
        parts.append(c.tail or "")
    return squash("".join(parts))


def _set_loose_text(el, text: str) -> None:
    """Put ``text`` where ``el``'s own text was, before its block children, which stay."""
    for c in [c for c in el if not _is_block(c)]:
        el.remove(c)
    for c in el:
        c.tail = None  # text after a block child was part of the loose text
    el.text = text


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
    if container.tag in _BLOCK_TAGS and not _has_block_child(container):
        own = _own_text(container)
        if own:
            found.append((container, own, ""))
    else:
        _collect(container, container, strict_main, found)
    paragraphs = tuple(
        Paragraph(
            text=t,
            index=i,
            kind=_KINDS.get(el.tag, "p") if not mark else "p",
            locator=tree.getpath(el) + mark,
        )
        for i, (el, t, mark) in enumerate(found)
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
    for para, new in zip(doc.paragraphs, texts, strict=True):
        path, loose = para.locator.removesuffix(LOOSE), para.locator.endswith(LOOSE)
        found = tree.xpath(path)
        if not found:
            raise InputError(
                f"paragraph {para.index} ({para.locator}) is no longer in the page; the file "
                "changed since it was read: read it again"
            )
        el = found[0]
        if loose:
            _set_loose_text(el, squash(new))
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

"""Markdown documents: headings, paragraphs, list items, block quotes and table cells.

Block structure follows CommonMark closely enough for statements and READMEs: ATX and setext
headings, fenced and indented code (kept verbatim, never translated), thematic breaks, HTML
blocks, front matter and link reference definitions (verbatim), pipe tables (each cell a
paragraph). Markup prefixes (``# ``, ``- ``, ``1. ``, ``> ``) stay in the locator, not in the
text; inline markup (``**bold**``, links) stays in the text, since a translation must carry
it. A paragraph's soft line breaks become spaces.
"""

from __future__ import annotations

import itertools
import re

from aligntext.io.txt import Block, blocks_to_document, line_offsets, render_spans, squash
from aligntext.types import Document, Paragraph

_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_RE = re.compile(r"^( {0,3}#{1,6})([ \t]+|$)")
_ATX_CLOSE_RE = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HR_RE = re.compile(r"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$")
# HTML blocks as CommonMark starts them: a comment, <!..., <?..., the raw-text tags, or a
# block-level tag (types 1-6); or a line holding only one complete tag (type 7, which cannot
# interrupt a paragraph). "<strong>Baku</strong> - The minister ..." is paragraph text.
_HTML_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|caption|center|col|colgroup|dd|details|dialog|"
    "dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|"
    "header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|"
    "option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_HTML_RE = re.compile(
    r"^ {0,3}(<!--|<\?|<![A-Za-z]|<!\[CDATA\[|<(script|pre|style|textarea)(\s|>|$)"
    rf"|</?({_HTML_BLOCK_TAGS})(\s|/?>|$))",
    re.IGNORECASE,
)
_HTML_ALONE_RE = re.compile(r"^ {0,3}</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>[ \t]*$")
_LIST_RE = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+)(?=\S)")
_QUOTE_RE = re.compile(r"^ {0,3}>[ \t]?")
_LINKDEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_TABLE_SEP_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CELL_SPLIT_RE = re.compile(r"(?<!\\)\|")


def _is_block_start(line: str) -> bool:
    """Whether ``line`` ends the paragraph before it (CommonMark: an ordered list interrupts
    a paragraph only when it starts at 1, so a wrapped line "1992. The decision ..." is
    paragraph text)."""
    item = _LIST_RE.match(line)
    ordered = item is not None and item.group(2)[0].isdigit()
    return bool(
        _FENCE_RE.match(line)
        or _ATX_RE.match(line)
        or _HR_RE.match(line)
        or (item and (not ordered or item.group(2)[:-1] == "1"))
        or _QUOTE_RE.match(line)
        or _HTML_RE.match(line)
    )


def _table_cells(offset: int, line: str) -> list[Block]:
    """One block per non-empty cell of a pipe-table row."""
    cells = []
    bounds = [m.start() for m in _CELL_SPLIT_RE.finditer(line)]
    edges = [-1, *bounds, len(line)]
    for a, b in itertools.pairwise(edges):
        raw = line[a + 1 : b]
        if not raw.strip():
            continue
        lead = len(raw) - len(raw.lstrip())
        start = offset + a + 1 + lead
        end = offset + a + 1 + len(raw.rstrip())
        cells.append(Block(start, end, squash(raw.replace("\\|", "|")), "table-cell"))
    return cells


def parse_markdown(text: str) -> list[Block]:
    """Find the translatable blocks of a Markdown text, with their spans."""
    lines = line_offsets(text)  # U+2028 and U+2029 break lines and paragraphs, as in .txt
    blocks: list[Block] = []
    n = len(lines)
    i = 0
    # Front matter (YAML) at the very start is metadata, not text.
    if lines and lines[0][1].strip() == "---":
        for k in range(1, n):
            if lines[k][1].strip() in ("---", "..."):
                i = k + 1
                break
    prev_kind = ""
    while i < n:
        off, line = lines[i]
        if not line.strip():
            i += 1
            continue
        fence = _FENCE_RE.match(line)
        if fence:
            mark = fence.group(1)
            close = re.compile(rf"^ {{0,3}}{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$")
            i += 1
            while i < n and not close.match(lines[i][1]):
                i += 1
            i += 1
            prev_kind = "code"
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        if (line.startswith("\t") or indent >= 4) and prev_kind != "list-item":
            while i < n and (not lines[i][1].strip() or lines[i][1].startswith(("    ", "\t"))):
                i += 1
            prev_kind = "code"
            continue
        if _HR_RE.match(line) or _LINKDEF_RE.match(line):
            i += 1
            prev_kind = "rule"
            continue
        if _HTML_RE.match(line) or _HTML_ALONE_RE.match(line):
            while i < n and lines[i][1].strip():
                i += 1
            prev_kind = "html"
            continue
        atx = _ATX_RE.match(line)
        if atx:
            content = line[atx.end() :]
            closing = _ATX_CLOSE_RE.search(content)
            if closing:
                content = content[: closing.start()]
            content = content.rstrip()
            if content.strip("#").strip():
                start = off + atx.end()
                blocks.append(Block(start, start + len(content), squash(content), "heading"))
            i += 1
            prev_kind = "heading"
            continue
        if "|" in line and i + 1 < n and _TABLE_SEP_RE.match(lines[i + 1][1]):
            blocks.extend(_table_cells(off, line))
            i += 2
            while i < n and lines[i][1].strip() and "|" in lines[i][1]:
                blocks.extend(_table_cells(*lines[i]))
                i += 1
            prev_kind = "table"
            continue
        quote = _QUOTE_RE.match(line)
        item = _LIST_RE.match(line)
        if item:
            kind, first = "list-item", item.end()
        elif quote:
            kind, first = "quote", quote.end()
        else:
            kind, first = "p", indent
        start = off + first
        end = off + len(line.rstrip())
        pieces = [line[first:]]
        i += 1
        while i < n:
            nxt = lines[i][1]
            if not nxt.strip():
                break
            if kind == "p" and _SETEXT_RE.match(nxt):
                kind = "heading"
                i += 1
                break
            if kind == "list-item" and _LIST_RE.match(nxt):
                break  # the next item, whatever its number
            if _is_block_start(nxt) and not (kind == "quote" and _QUOTE_RE.match(nxt)):
                break
            q = _QUOTE_RE.match(nxt) if kind == "quote" else None
            pieces.append(nxt[q.end() :] if q else nxt)
            end = lines[i][0] + len(nxt.rstrip())
            i += 1
        body = squash(" ".join(pieces))
        if body:
            blocks.append(Block(start, end, body, kind))
        prev_kind = kind
    return blocks


def read_markdown_string(
    text: str,
    *,
    path: str | None = None,
    encoding: str | None = None,
    lang: str | None = None,
) -> Document:
    """Parse Markdown into a :class:`Document` (``format='md'``)."""
    return blocks_to_document(
        text, parse_markdown(text), path=path, fmt="md", encoding=encoding, lang=lang
    )


def _escape(text: str, para: Paragraph) -> str:
    if para.kind == "table-cell":
        return re.sub(r"(?<!\\)\|", r"\\|", text)
    return text


def render_markdown(doc: Document, texts: list[str]) -> str:
    """The Markdown of ``doc`` with ``texts`` in place of its paragraphs."""
    return render_spans(doc, texts, escape=_escape)

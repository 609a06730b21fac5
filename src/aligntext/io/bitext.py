"""Bitexts: aligned source/target pairs in TSV, TMX, XLIFF (1.2 and 2.x) and PO.

The XML and PO formats are read and written with translate-toolkit's storage classes, the
library CAT tools' exports are usually checked with (``pofilter``), not hand-written XML.
Pair ``i`` of a :class:`Bitext` is line ``i + 1`` of a TSV file or the ``(i + 1)``-th
translation unit of the other formats (a TSV header line, like a blank line, is an empty
pair), so a finding's row, ``pair + 1``, points a reviewer to the right place in the file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aligntext.errors import InputError
from aligntext.io.encoding import read_text

#: File suffixes :func:`read_bitext` understands, and the format each maps to.
BITEXT_SUFFIXES: dict[str, str] = {
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "tsv",
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".po": "po",
    ".pot": "po",
}
#: The format names accepted by ``fmt``.
BITEXT_FORMATS: tuple[str, ...] = ("tsv", "tmx", "xliff", "po")

# Characters XML 1.0 cannot hold; a stray control character in a sentence must not make the
# whole TMX unwritable.
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _norm(text: str) -> str:
    """NFC text with whitespace runs (XML indentation, line breaks) collapsed to one space."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


@dataclass(frozen=True)
class Bitext:
    """Aligned pairs read from a bitext file.

    Args:
        pairs: ``(source, target)`` texts (NFC, whitespace runs collapsed); pair ``i`` is
            line / translation unit ``i``.
        src_lang: the source language when the file says it (an aligntext code such as
            ``en`` when recognised, else the file's own code), else ``None``.
        tgt_lang: the target language, likewise.
        format: ``tsv``, ``tmx``, ``xliff`` or ``po``.
        path: the file it was read from.
        left_out: the languages of a multilingual TMX that are in neither side.
    """

    pairs: tuple[tuple[str, str], ...]
    src_lang: str | None = None
    tgt_lang: str | None = None
    format: str = "tsv"
    path: str | None = None
    left_out: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.pairs)


def _norm_lang(code: str | None) -> str | None:
    """aligntext's code for a file's language tag (``en-US`` -> ``en``), else the tag."""
    if not code or code.strip().lower() in ("*all*", "x-unknown", "und"):
        return None
    from aligntext.errors import UnsupportedLanguageError
    from aligntext.langs import resolve_lang

    tag = code.strip()
    for candidate in (tag, re.split(r"[-_@.]", tag)[0]):
        try:
            return resolve_lang(candidate)
        except UnsupportedLanguageError:
            continue
    return tag


def _sniff(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except OSError:
        return "tsv"
    low = head.lower()
    if b"<tmx" in low:
        return "tmx"
    if b"<xliff" in low:
        return "xliff"
    if b'msgid "' in low or low.startswith(b"msgid") or b"\nmsgid " in low:
        return "po"
    return "tsv"


def bitext_format_of(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The bitext format for ``path``: ``fmt`` when given, else the suffix or the content.

    Raises:
        InputError: an unknown ``fmt``.
    """
    if fmt is not None:
        name = fmt.lower().lstrip(".")
        name = BITEXT_SUFFIXES.get(f".{name}", name)
        if name == "xlf":
            name = "xliff"
        if name not in BITEXT_FORMATS:
            raise InputError(
                f"unknown bitext format {fmt!r}; use one of {', '.join(BITEXT_FORMATS)}"
            )
        return name
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in BITEXT_SUFFIXES and suffix != ".txt":
        return BITEXT_SUFFIXES[suffix]
    return _sniff(p)


def _header_langs(line: str) -> list[str] | None:
    """The languages a header line names (``en<TAB>ru<TAB>src_index...``), else ``None``.

    ``aligntext align --format tsv`` starts with such a line; numbered labels (``en1``,
    ``en2``) name the same language twice. Every leading cell that names a language is
    returned, so that a file of three or more versions is told from a bitext.
    """
    from aligntext.errors import UnsupportedLanguageError
    from aligntext.langs import resolve_lang

    langs: list[str] = []
    for cell in line.split("\t"):
        try:
            langs.append(resolve_lang(cell.strip().rstrip("0123456789")))
        except UnsupportedLanguageError:
            break
    return langs if len(langs) >= 2 else None


def count_pairs(pairs: Sequence[tuple[str, str]]) -> int:
    """The sentence pairs of a bitext: a TSV's header and blank lines are kept as empty
    pairs so that pair *i* stays line *i*, and are not counted."""
    return sum(1 for src, tgt in pairs if src.strip() or tgt.strip())


def _read_tsv(path: Path, encoding: str | None) -> Bitext:
    text, _ = read_text(path, encoding=encoding)
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    header = _header_langs(lines[0]) if lines else None
    if header is not None and len(header) > 2:
        # Reading the first two columns would silently leave the other versions unchecked.
        raise InputError(
            f"'{path}' has {len(header)} language columns ({', '.join(header)}); check "
            f"compares two: keep two of them (cut -f1,3 '{path}' > pair.tsv keeps "
            f"{header[0]} and {header[2]}) or run 'aligntext compare' on the versions"
        )
    # The header line names every column (align's TSV adds its index columns); without one
    # a line is source and target, nothing else.
    width = len(lines[0].split("\t")) if header is not None else 2
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(lines, start=1):
        if number == 1 and header is not None:
            # Kept as an empty pair, like a blank line, so that pair i stays line i.
            pairs.append(("", ""))
            continue
        if not line.strip():
            # Kept as an empty pair so that pair i stays line i of the file.
            pairs.append(("", ""))
            continue
        if "\t" not in line:
            shown = line if len(line) <= 60 else line[:57] + "..."
            raise InputError(
                f"line {number} of '{path}' has no tab: {shown!r}; a TSV bitext needs "
                "'source<TAB>target' on every line"
            )
        cells = _tsv_cells(line, width)
        if len(cells) != width:
            # A tab inside a sentence, or a column of notes: either way one of the texts
            # would be cut or dropped unseen.
            named = f"its header names {width}" if header is not None else "a TSV bitext has 2"
            raise InputError(
                f"line {number} of '{path}' has {len(cells)} tab-separated columns; {named} "
                "(source<TAB>target): remove the extra tabs or columns"
            )
        pairs.append((_norm(cells[0]), _norm(cells[1])))
    src_lang, tgt_lang = (header[0], header[1]) if header else (None, None)
    return Bitext(
        pairs=tuple(pairs), src_lang=src_lang, tgt_lang=tgt_lang, format="tsv", path=str(path)
    )


def _tsv_cells(line: str, width: int) -> list[str]:
    """``line``'s tab-separated cells, less empty cells after the ``width`` expected.

    Spreadsheets export trailing tabs (``src<TAB>tgt<TAB>``); an empty trailing cell holds
    no text that reading would drop, so it is not counted.
    """
    cells = line.split("\t")
    while len(cells) > width and not cells[-1].strip():
        cells.pop()
    return cells


def _load_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"file '{path}' does not exist; check the path")
    if path.is_dir():
        raise InputError(f"'{path}' is a folder, not a file; give a file path")
    from aligntext.io.encoding import read_bounded

    data = read_bounded(path)
    if not data.strip():
        raise InputError(f"file '{path}' is empty; give a file with translation units")
    return data


def _parse_error(path: Path, fmt: str, exc: Exception) -> InputError:
    # The parsers fail with bare AssertionError / StopIteration on a document of another
    # kind, and lxml appends "(<string>, line 3)": neither says anything to the user.
    detail = re.sub(r"\s*\(<string>, line \d+\)$", "", str(exc).splitlines()[0] if str(exc) else "")
    if not detail:
        detail = f"it holds no {fmt.upper()} document"
    return InputError(
        f"file '{path}' cannot be read as {fmt.upper()} ({detail}); check that it is a valid "
        f"{fmt.upper()} file or pass the right format"
    )


def _read_tmx(path: Path, want_src: str | None = None, want_tgt: str | None = None) -> Bitext:
    from translate.storage import tmx

    data = _load_bytes(path)
    try:
        store = tmx.tmxfile.parsestring(data)
    except Exception as exc:  # lxml.etree.XMLSyntaxError and translate-toolkit's own errors
        raise _parse_error(path, "tmx", exc) from None
    header = store.document.getroot().find(store.namespaced("header"))
    declared = header.get("srclang") if header is not None else None
    units: list[dict[str, str]] = []
    # Variants are keyed by aligntext's code (en-US and en both -> en), so that --src/--tgt
    # pick them by language, not by their place in the <tu>.
    seen: list[str] = []
    firsts: Counter[str] = Counter()
    for unit in store.units:
        tuvs: dict[str, str] = {}
        for node in unit.getlanguageNodes():
            key = _lang_key(_xml_lang(node))
            seg = node.find(unit.namespaced(unit.textNode))
            if key not in tuvs:
                tuvs[key] = _seg_text(seg) if seg is not None else ""
            if key not in seen:
                seen.append(key)
        if tuvs:
            firsts[next(iter(tuvs))] += 1
        units.append(tuvs)
    src_key, tgt_key = _pick_tmx_pair(path, seen, firsts, declared, want_src, want_tgt, units)
    pairs = tuple((_norm(u.get(src_key, "")), _norm(u.get(tgt_key, ""))) for u in units)
    return Bitext(
        pairs=pairs,
        src_lang=_norm_lang(src_key),
        tgt_lang=_norm_lang(tgt_key),
        format="tmx",
        path=str(path),
        left_out=tuple(k for k in seen if k and k not in (src_key, tgt_key)),
    )


def _lang_key(tag: str | None) -> str:
    """A ``<tuv>``'s language as :func:`_norm_lang` reads it, ``""`` when it has none."""
    return (_norm_lang(tag) or "").lower()


def _pick_tmx_pair(
    path: Path,
    seen: list[str],
    firsts: Counter[str],
    declared: str | None,
    want_src: str | None,
    want_tgt: str | None,
    units: list[dict[str, str]],
) -> tuple[str, str]:
    """The source and target variants of a TMX: the languages asked for, else the header's
    ``srclang`` (or the language most units start with) and the most common other language,
    one aligntext supports before one it does not.

    Raises:
        InputError: a language asked for that no ``<tuv>`` holds.
    """
    from aligntext.langs import CODES

    src_key = _wanted_key(path, seen, want_src)
    tgt_key = _wanted_key(path, seen, want_tgt)
    if src_key is None:
        head = _lang_key(declared)
        default = head if head and head in seen else ""
        if not default and firsts:
            default = firsts.most_common(1)[0][0]
        if default == tgt_key:
            default = next((k for k in seen if k != tgt_key), default)
        src_key = default
    if tgt_key is None:
        counts = Counter(k for u in units for k in u if k != src_key)
        others = sorted(counts, key=lambda k: (k not in CODES, -counts[k], seen.index(k)))
        tgt_key = others[0] if others else ""
    return src_key, tgt_key


def _wanted_key(path: Path, seen: list[str], wanted: str | None) -> str | None:
    """The variant key for a language asked for; ``None`` when none was asked for, or when
    some ``<tuv>`` has no language tag (the caller then reads the variants by place)."""
    if not wanted:
        return None
    from aligntext.langs import resolve_lang

    code = resolve_lang(wanted)
    if code in seen:
        return code
    if "" in seen:
        return None
    raise InputError(
        f"'{path}' has no {code} variant; its languages are {', '.join(seen)}; "
        "pick two of them with --src/--tgt"
    )


# TMX inline elements whose content is native markup (``<b>``, ``<br/>``), not text.
_TMX_CODE_TAGS = {"bpt", "ept", "ph", "it", "ut"}


def _seg_text(seg) -> str:
    """The text of a TMX ``<seg>``: inline native codes dropped, ``<hi>``/``<sub>`` kept."""
    parts = [seg.text or ""]
    for child in seg:
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag not in _TMX_CODE_TAGS:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _xml_lang(node) -> str | None:
    return node.get("{http://www.w3.org/XML/1998/namespace}lang") or node.get("lang")


def _read_xliff(path: Path) -> Bitext:
    from translate.storage import xliff, xliff2

    data = _load_bytes(path)
    head = data[:4096]
    is_v2 = bool(re.search(rb'version\s*=\s*["\']2\.', head)) or b"xliff:document:2." in head
    try:
        if is_v2:
            store2 = xliff2.Xliff2File.parsestring(data)
            src, tgt = store2.getsourcelanguage(), store2.gettargetlanguage()
            units = [u for u in store2.units if u.istranslatable()]
        else:
            store1 = xliff.xlifffile.parsestring(data)
            src, tgt = store1.getsourcelanguage(), store1.gettargetlanguage()
            units = [u for u in store1.units if not u.isheader()]
    except Exception as exc:  # lxml.etree.XMLSyntaxError, ValueError ...
        raise _parse_error(path, "xliff", exc) from None
    pairs = tuple((_norm(str(u.source or "")), _norm(str(u.target or ""))) for u in units)
    return Bitext(
        pairs=pairs,
        src_lang=_norm_lang(src),
        tgt_lang=_norm_lang(tgt),
        format="xliff",
        path=str(path),
    )


def _read_po(path: Path) -> Bitext:
    from translate.storage import po

    data = _load_bytes(path)
    try:
        store = po.pofile.parsestring(data)
    except Exception as exc:  # translate-toolkit raises ValueError and parser errors
        raise _parse_error(path, "po", exc) from None
    units = [u for u in store.units if not u.isheader() and not u.isobsolete()]
    pairs = tuple((_norm(str(u.source or "")), _norm(str(u.target or ""))) for u in units)
    return Bitext(
        pairs=pairs,
        src_lang=_norm_lang(store.getsourcelanguage()) if _po_declares_source(store) else None,
        tgt_lang=_norm_lang(store.gettargetlanguage()),
        format="po",
        path=str(path),
    )


def _po_declares_source(store) -> bool:
    # translate-toolkit reports "en" for every PO file; only an X-Source-Language header
    # actually says it.
    header = store.parseheader() if hasattr(store, "parseheader") else {}
    return "X-Source-Language" in header


def read_bitext(
    path: str | os.PathLike[str],
    fmt: str | None = None,
    encoding: str | None = None,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> Bitext:
    """Read aligned pairs from a TSV, TMX, XLIFF 1.2 / 2.x or PO file.

    Args:
        path: the file.
        fmt: ``tsv``, ``tmx``, ``xliff`` or ``po``; from the suffix (or content) when ``None``.
        encoding: overrides encoding detection for TSV (XML and PO declare their own).
        src_lang: the source language asked for: picks a multilingual TMX's variants by
            their ``xml:lang`` (``en-US`` is ``en``); the other formats ignore it.
        tgt_lang: the target language asked for, likewise.

    Returns:
        A :class:`Bitext`; pair ``i`` is TSV line ``i`` or translation unit ``i`` (0-based).

    Raises:
        InputError: a missing, empty or malformed file, a TSV line without a tab or with
            another number of columns than 2 (or than its header names; empty trailing
            columns are not counted), or a language asked for that a TMX does not hold.
    """
    p = Path(path)
    from aligntext.io.spool import is_stream

    if is_stream(p):
        # A pipe (`<(cat pairs.tsv)`), a FIFO: read once (aligntext.io.spool).
        from dataclasses import replace

        from aligntext.io.encoding import read_bounded
        from aligntext.io.spool import read_spooled

        read = read_spooled(
            read_bounded(p),
            str(path),
            lambda c: read_bitext(c, fmt, encoding, src_lang=src_lang, tgt_lang=tgt_lang),
        )
        return replace(read, path=str(path))
    kind = bitext_format_of(p, fmt)
    if kind == "tsv":
        return _read_tsv(p, encoding)
    if kind == "tmx":
        return _read_tmx(p, src_lang, tgt_lang)
    if kind == "xliff":
        return _read_xliff(p)
    return _read_po(p)


def _clean(text: str) -> str:
    return _XML_INVALID_RE.sub(" ", text)


def write_tmx(
    pairs: Sequence[tuple[str, str]],
    src_lang: str,
    tgt_lang: str,
    *,
    creationtool: str = "aligntext",
) -> bytes:
    """Serialise ``pairs`` as a TMX 1.4b document (UTF-8 bytes), e.g. for OmegaT.

    The header carries ``srclang`` and each ``<tuv>`` its ``xml:lang``; texts are escaped by
    the XML writer, and characters XML cannot hold are replaced by spaces.
    """
    from translate.storage import tmx

    from aligntext import __version__

    store = tmx.tmxfile(sourcelanguage=src_lang, targetlanguage=tgt_lang)
    header = store.document.getroot().find(store.namespaced("header"))
    if header is not None:
        header.set("creationtool", creationtool)
        header.set("creationtoolversion", __version__)
        header.set("adminlang", "en")
    for src, tgt in pairs:
        unit = store.addsourceunit(_clean(src))
        unit.settarget(_clean(tgt))
    return bytes(store)


def write_tsv(pairs: Sequence[tuple[str, str]]) -> str:
    """Serialise ``pairs`` as ``source<TAB>target`` lines (tabs and line breaks in a text
    become spaces, so that line ``i`` is always pair ``i``)."""
    lines = []
    for src, tgt in pairs:
        lines.append(f"{' '.join(src.split())}\t{' '.join(tgt.split())}")
    return "\n".join(lines) + ("\n" if lines else "")

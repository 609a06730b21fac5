"""Read a text file whatever its encoding: UTF-8/16/32 and the legacy code pages users send.

Press offices in Azerbaijan, Russia and Turkey still send files saved as cp1251, koi8-r or
cp1254. A single-byte code page decodes any byte sequence, so the question is never "does it
decode" but "which decoding reads like text". charset-normalizer confuses these code pages
often (a Turkish file full of ASCII with a few ``ş``/``ı`` bytes looks Cyrillic to it), so
:func:`detect_encoding` decodes the bytes with each candidate and scores how plausible the
non-ASCII letters are for Russian, Azerbaijani, Turkish and English text
(:mod:`aligntext.io.plausible`).
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from aligntext.errors import InputError
from aligntext.io.plausible import mixed_script_words, plausibility_cost, reads_as_ebcdic

#: The default cap, in MiB, on what one input may hold: the bytes of a text or HTML file,
#: the unpacked XML of a .docx. Statements are a few KiB to a few MiB; a bigger file is
#: usually a mistake (a database dump, a whole site in one page, a zip bomb) that would take
#: minutes and gigabytes. ``--max-input-mb`` raises it.
DEFAULT_MAX_INPUT_MB = 50

#: :data:`DEFAULT_MAX_INPUT_MB` in bytes.
MAX_BYTES = DEFAULT_MAX_INPUT_MB * 1024 * 1024

# The cap in force; the CLI's --max-input-mb sets it for one command (see input_limit).
_MAX_INPUT_BYTES: contextvars.ContextVar[int] = contextvars.ContextVar(
    "aligntext_max_input_bytes", default=MAX_BYTES
)


def max_input_bytes(mb: float | None = None) -> int:
    """The cap on one input in bytes: ``mb`` MiB, or the cap in force when ``None``.

    ``inf`` (no cap) and any cap over a quarter of the machine's memory give that quarter:
    the readers allocate the cap up front (``read(cap + 1)``), and an input bigger than that
    could not be decoded and segmented in memory anyway.

    Raises:
        InputError: ``mb`` is not a positive number.
    """
    if mb is None:
        return _MAX_INPUT_BYTES.get()
    if not mb > 0:
        raise InputError(f"the input cap must be a positive number of MB, got {mb}")
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # not POSIX: assume a modest machine
        memory = 16 << 30
    ceiling = max(MAX_BYTES, memory // 4)
    # min() before int(): int(inf) and read(10**300) raise OverflowError.
    return int(min(mb * 1024 * 1024, ceiling))


@contextlib.contextmanager
def input_limit(mb: float | None) -> Iterator[int]:
    """Within the block, :func:`max_input_bytes` (and every reader) uses ``mb`` MiB.

    ``None`` keeps the cap in force. Yields the cap in bytes.
    """
    token = _MAX_INPUT_BYTES.set(max_input_bytes(mb))
    try:
        yield _MAX_INPUT_BYTES.get()
    finally:
        _MAX_INPUT_BYTES.reset(token)


def _size(n: int, spec: str) -> str:
    # A cap set under a tenth of a MiB (tests, a strict service) reads better in bytes.
    return f"{n / 1048576:{spec}} MiB" if n >= 104858 else f"{n:,} bytes"


def over_limit(what: str, size: int | None, limit: int) -> InputError:
    """The one-line error for an input over the cap.

    ``size`` is the input's measured size, or ``None`` where it is unknown: a pipe or a
    device read up to the cap, a file that grew past the cap while read. The message then
    gives no figure, since the reading stopped at the cap and measured nothing more.
    """
    if size is None:
        return InputError(
            f"{what} holds more than the limit of {_size(limit, 'g')}; "
            "split it, or raise the limit with --max-input-mb"
        )
    return InputError(
        f"{what} is {_size(size, '.1f')}, over the limit of {_size(limit, 'g')}; "
        "split it, or raise the limit with --max-input-mb"
    )


def read_bounded(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """The bytes of a file, refusing one larger than ``max_bytes`` without reading it all.

    Reads at most one byte past the cap, so a FIFO, ``/dev/zero`` or a file that grows
    while read costs bounded memory. A regular file already over the cap is refused with
    its size, unread; any other input over the cap without a figure (its size is unknown).

    Raises:
        InputError: the file is over the cap or cannot be read.
    """
    limit = max_input_bytes() if max_bytes is None else max_bytes
    p = Path(path)
    try:
        with p.open("rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise over_limit(f"file '{_display(p)}'", info.st_size, limit)
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read '{_display(p)}': {exc.strerror}; check the path") from None
    if len(data) > limit:
        # A device or a pipe (st_size 0), or a file that grew while read: the reading
        # stopped one byte past the cap, so how big it is was never measured.
        raise over_limit(f"file '{_display(p)}'", None, limit)
    return data


#: A line longer than this is refused: text without line breaks (a minified file, a one-line
#: export) is not a statement, and the aligner's cost grows with paragraph length.
MAX_LINE_CHARS = 100_000

#: Legacy code pages tried when the bytes are not UTF-8, in order of preference on ties.
#: ISO-8859-5 and MacCyrillic put Russian letters where cp1251 has other letters or
#: symbols (their capitals, or all of them), so the scores tell them apart; where the
#: readings agree (lowercase text without я) the choice does not matter.
LEGACY_CANDIDATES: tuple[str, ...] = (
    "cp1251", "cp1254", "koi8-r", "cp1252", "cp866", "iso8859-5", "mac-cyrillic",
)  # fmt: skip

# Control characters that are not whitespace (tab, line ends, form feed stay allowed).
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x9f]")
_UTF16_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


#: Unicode bidi controls (embeddings, overrides, isolates, marks). Invisible, yet they
#: reorder what a reader sees: "\u202e4202 hcraM 21" displays as "21 March 2024" while
#: the text (and the checker) reads "4202 hcraM 21". Reports show them visibly.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)

# Bidi controls and the control characters a terminal or a page would act on or hide
# (tab and line ends excepted).
_INVISIBLE_RE = re.compile(
    "[" + "".join(sorted(BIDI_CONTROLS)) + "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)


def invisible_characters(text: str) -> list[str]:
    """The distinct bidi controls and control characters in ``text``, in order of appearance."""
    return list(dict.fromkeys(_INVISIBLE_RE.findall(text)))


def show_invisible(text: str) -> str:
    """``text`` with each bidi control or control character written as ``⟨U+202E⟩``.

    For reports: a terminal must not act on a NUL or an escape, and a reader must see the
    override a checker cannot (the finding would otherwise contradict what is shown).
    """
    return _INVISIBLE_RE.sub(lambda m: f"\u27e8U+{ord(m.group()):04X}\u27e9", text)


def _looks_utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when the high bytes of UTF-16 show at one parity, else
    ``None``.

    The high byte of each code unit is NUL for ASCII and a small constant for the letters of
    one script (0x04 for Cyrillic, 0x01 for Turkic ğ ı ş ə): so either NULs sit at one
    parity only, or nearly every byte at one parity is under 0x09 and almost none at the
    other (an all-Cyrillic "Москва" holds no NUL at all). Text in an 8-bit encoding has
    no such bytes: they are control characters.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:65536]
    half = len(sample) / 2
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) / half > 0.1 and even.count(0) / half < 0.01:
        return "utf-16-le"
    if even.count(0) / half > 0.1 and odd.count(0) / half < 0.01:
        return "utf-16-be"
    low_even = sum(1 for b in even if b < 9) / half
    low_odd = sum(1 for b in odd if b < 9) / half
    if low_odd >= 0.9 and low_even <= 0.1:
        return "utf-16-le"
    if low_even >= 0.9 and low_odd <= 0.1:
        return "utf-16-be"
    return None


def _legacy_sample(data: bytes, limit: int = 65536) -> bytes:
    """Up to ``limit`` bytes of the lines that hold non-ASCII bytes, each cut to ``limit``:
    enough to score the candidates, and it keeps detection fast on large files (a 10 MB
    file of one line is scored on 64 KiB of it)."""
    if len(data) <= limit:
        return data
    picked: list[bytes] = []
    size = 0
    for line in data.split(b"\n"):
        if not line.isascii():
            picked.append(line[:limit])
            size += len(picked[-1]) + 1
            if size >= limit:
                break
    return b"\n".join(picked)


#: The highest :func:`~aligntext.io.plausible.plausibility_cost` a code page's reading may
#: have: above it, the text is mostly symbols and foreign letters, so none of them fits.
MAX_COST = 8.0


def _best_legacy(data: bytes, *, need_letter: bool = False) -> str | None:
    """The legacy candidate whose reading of ``data`` is most plausible, if plausible enough.

    ``need_letter``: the reading must hold a non-ASCII letter (for a few lines beside UTF-8
    ones, where a lone symbol is likelier a stray byte than a line in a code page).
    """
    sample = _legacy_sample(data)
    best: tuple[float, int, str, str] | None = None
    for rank, name in enumerate(LEGACY_CANDIDATES):
        try:
            data.decode(name)  # every byte must be defined in the code page
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        score = (plausibility_cost(text), rank, name, text)
        if best is None or score[:3] < best[:3]:
            best = score
    if best is None or best[0] >= MAX_COST:
        return None
    if need_letter and not any(c.isalpha() and not c.isascii() for c in best[3]):
        return None
    return best[2]


def detect_encoding(data: bytes) -> str:
    """Return the Python codec name that decodes ``data`` as plausible text.

    Order: a BOM (UTF-8, UTF-16, UTF-32), UTF-16 without BOM (its high bytes at one
    parity), strict UTF-8, EBCDIC (refused), the legacy candidates scored by
    :func:`~aligntext.io.plausible.plausibility_cost`, then charset-normalizer's guess if
    its reading has no word mixing scripts and no control characters.

    Raises:
        InputError: no candidate gives plausible text.
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for bom in _UTF16_BOMS:
        if data.startswith(bom):
            return "utf-32" if len(bom) == 4 else "utf-16"
    guess16 = _looks_utf16_without_bom(data)
    if guess16 is not None:
        return guess16
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    if reads_as_ebcdic(data):
        raise InputError("the text is in EBCDIC, not in an encoding aligntext reads")
    legacy = _best_legacy(data)
    if legacy is not None:
        return legacy
    # charset-normalizer may still know the encoding (a Greek or Arabic page; language
    # identification then rejects the text clearly), but it also answers for mojibake
    # ("Gﻛnjﻛ" in cp1006, "匜ys嶪" in big5): its reading must look like text.
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is not None:
        name = codecs.lookup(match.encoding).name
        text = _legacy_sample(data).decode(name, errors="replace")
        if not mixed_script_words(text) and not _CONTROL_RE.search(text):
            return name
    raise InputError("cannot tell the text encoding")


def _display(path: Path) -> str:
    return str(path)


def _check_path(path: Path, max_bytes: int) -> None:
    if not path.exists():
        raise InputError(f"file '{_display(path)}' does not exist; check the path")
    if path.is_dir():
        raise InputError(f"'{_display(path)}' is a folder, not a file; give a file path")
    size = path.stat().st_size
    if size > max_bytes:
        raise over_limit(f"file '{_display(path)}'", size, max_bytes)


def _check_controls(path: Path, text: str) -> None:
    """Refuse decoded text that holds control characters: a binary file that decoded."""
    bad = [m.start() for m in _CONTROL_RE.finditer(text)]
    if not bad:
        return
    # A stray DOS end-of-file marker or a few escapes happen in real text; many do not.
    if "\x00" in text or len(bad) > max(8, len(text) // 200):
        raise InputError(
            f"file '{_display(path)}' looks binary (control characters such as "
            f"U+{ord(text[bad[0]]):04X} at offset {bad[0]}), not text; give a text file"
        )


def _check_byte_lines(path: Path, data: bytes, max_line_chars: int) -> None:
    """Refuse, before any decoding or scoring, a line of more bytes than four per allowed
    character: over the limit in every encoding. Scoring code pages costs time and memory
    in proportion to the line (a 10 MB one-line file took a minute and 780 MB).

    A lone ``\r`` ends a line too, as in the decoded text (old Mac files end every line
    so); it is looked for only in a line too long by its ``\n``, which keeps the usual
    case one ``find`` per line."""
    start, lineno = 0, 1
    while start <= len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > 4 * max_line_chars:
            for piece in data[start:end].split(b"\r"):
                if len(piece) > 4 * max_line_chars:
                    _refuse_byte_line(path, piece, lineno, max_line_chars)
                lineno += 1
            lineno -= 1
        start, lineno = end + 1, lineno + 1


def _refuse_byte_line(path: Path, line: bytes, lineno: int, max_line_chars: int) -> None:
    # The limit counts characters: a UTF-8 line (the usual case) is counted exactly; in
    # an encoding not yet known the count is unknown, so none is given.
    try:
        length: int | None = len(line.decode("utf-8"))
    except UnicodeDecodeError:
        length = None
    raise line_too_long(f"line {lineno} of '{_display(path)}'", length, max_line_chars)


def line_too_long(
    what: str, length: int | None, limit: int, advice: str = "lines or "
) -> InputError:
    """The one-line error for a line or paragraph over the limit of ``limit`` characters;
    ``length`` is its length in characters, ``None`` where it was not counted."""
    size = "" if length is None else f"{length:,} characters long, "
    return InputError(
        f"{what} is {size}over the limit of {limit:,} characters: break the text into "
        f"{advice}paragraphs"
    )


def _check_lines(path: Path, text: str, max_line_chars: int) -> None:
    for lineno, line in enumerate(text.split("\n"), start=1):
        if len(line) > max_line_chars:
            raise line_too_long(f"line {lineno} of '{_display(path)}'", len(line), max_line_chars)


#: How :func:`decode_bytes` names a file whose lines mix UTF-8 and one legacy code page.
MIXED_PREFIX = "utf-8+"


class _Damage(NamedTuple):
    """Where a file that is UTF-8 but for a few bytes first goes wrong."""

    line: int
    column: int
    byte: int


def _judge_not_utf8(data: bytes) -> str | _Damage:
    """The encoding of ``data``, which is not UTF-8 as a whole: a code page, ``utf-8+<code
    page>`` for a file whose lines mix UTF-8 and one code page, or the first damaged line
    of a file that is UTF-8 but for a stray byte or two.

    A code page decodes any byte, so without the damage test a UTF-8 file with one bad byte
    reads as a code page (mojibake on that line, or on the whole file) and its figures and
    names then change silently. A line in a real code page has no run of valid multi-byte
    UTF-8 sequences (its Cyrillic or Turkish letters are single bytes that UTF-8 rejects),
    and the lines of a file pasted together from several sources read as real text in one
    code page; a stray byte beside valid UTF-8 elsewhere does neither.

    Raises:
        InputError: no encoding gives plausible text.
    """
    good_total = 0
    bad: list[tuple[_Damage, bytes]] = []
    for lineno, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            good_total += sum(1 for ch in line.decode("utf-8") if not ch.isascii())
            continue
        except UnicodeDecodeError as exc:
            start = exc.start
        text = line.decode("utf-8", errors="replace")
        n_bad = text.count("\ufffd")
        good = sum(1 for ch in text if not ch.isascii()) - n_bad
        column = len(line[:start].decode("utf-8", errors="replace")) + 1
        damage = _Damage(lineno, column, line[start])
        if good >= 3 and good >= 2 * n_bad:
            return damage
        bad.append((damage, line))
    if good_total:
        legacy = _best_legacy(b"\n".join(line for _, line in bad), need_letter=True)
        if legacy is not None:
            return MIXED_PREFIX + legacy
        # No code page reads the bad lines as text (a lone symbol or a letter glued to
        # another script), while other lines are UTF-8: the file is damaged UTF-8.
        return bad[0][0]
    return detect_encoding(data)


def _auto_encoding(data: bytes) -> str | _Damage:
    """The encoding detected for ``data`` (see :func:`_judge_not_utf8`), judging the bytes
    after a UTF-8 BOM like those of a file without one.

    Raises:
        InputError: no encoding gives plausible text.
    """
    if data.startswith(_UTF16_BOMS) or _looks_utf16_without_bom(data) is not None:
        return detect_encoding(data)
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return _judge_not_utf8(body)
    return "utf-8-sig" if len(body) < len(data) else "utf-8"


def _decode_mixed(data: bytes, legacy: str) -> str:
    """Each line as UTF-8 when it is valid UTF-8, else in the ``legacy`` code page."""
    lines = []
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode(legacy, errors="replace"))
    return "\n".join(lines)


def decode_bytes(
    data: bytes,
    path: str | os.PathLike[str] = "<bytes>",
    encoding: str | None = None,
    max_line_chars: int | None = MAX_LINE_CHARS,
    *,
    raw: bool = False,
) -> tuple[str, str]:
    """Decode ``data`` like :func:`read_text` does for a file; ``path`` is for messages.

    A file whose non-ASCII lines are partly UTF-8 and partly in a legacy code page is
    decoded line by line; its encoding is then named ``utf-8+<code page>`` (and that name
    is accepted as ``encoding`` too).

    ``raw`` keeps the text as decoded, neither NFC-normalised nor with its ``\\r\\n`` and
    lone ``\\r`` turned into ``\\n``: what sacrebleu makes of a UTF-8 file, for a reader
    that must score a file in a code page exactly as the same file in UTF-8.

    Returns:
        ``(text, encoding)``: NFC text with ``\\n`` line ends (unless ``raw``), and the
        codec name used.

    Raises:
        InputError: empty, whitespace-only, binary or undecodable data, or a huge line.
    """
    p = Path(path)
    if not data:
        raise InputError(f"file '{_display(p)}' is empty; give a file with text")
    mixed: str | None = None
    if encoding is not None and encoding.lower().startswith(MIXED_PREFIX):
        encoding, mixed = "utf-8", encoding[len(MIXED_PREFIX) :]
        try:
            mixed = codecs.lookup(mixed).name
        except LookupError:
            mixed = None
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(
                f"unknown encoding {encoding!r}; use a Python codec name such as "
                "utf-8, cp1251, koi8-r or cp1254"
            ) from None
    else:
        if max_line_chars is not None:
            _check_byte_lines(p, data, max_line_chars)
        if (
            b"\x00" in data
            and not data.startswith(_UTF16_BOMS)
            and _looks_utf16_without_bom(data) is None
        ):
            offset = data.index(b"\x00")
            raise InputError(
                f"file '{_display(p)}' looks binary (NUL byte at offset {offset}), "
                "not text; give a text file"
            )
        if reads_as_ebcdic(data):
            # Before UTF-8 is judged: a capital and a small letter in EBCDIC can make a
            # valid UTF-8 pair ("Ba" is C2 81), and the file would be "damaged UTF-8".
            raise InputError(
                f"file '{_display(p)}' is not text in a known encoding: it reads as EBCDIC "
                "(IBM mainframe text); save it as UTF-8 (iconv -f IBM500 -t UTF-8, or the "
                "EBCDIC code page it was saved in)"
            )
        try:
            judged = _auto_encoding(data)
        except InputError:
            raise InputError(
                f"cannot tell the text encoding of '{_display(p)}'; save it as UTF-8 "
                "(iconv -f <the encoding it was saved in> -t utf-8)"
            ) from None
        if isinstance(judged, _Damage):
            raise InputError(
                f"line {judged.line} of '{_display(p)}' is UTF-8 with an invalid byte "
                f"(0x{judged.byte:02X} at column {judged.column}); fix that byte or re-save "
                "the file as UTF-8"
            )
        name = judged
        if name.startswith(MIXED_PREFIX):
            name, mixed = "utf-8", name[len(MIXED_PREFIX) :]
        elif not name.startswith("utf"):
            data = data.removeprefix(codecs.BOM_UTF8)  # a BOM before a code page's text
    try:
        if mixed is not None:
            text = _decode_mixed(data, mixed)
            name = MIXED_PREFIX + mixed
        else:
            text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"file '{_display(p)}' cannot be decoded as {name} (byte "
            f"0x{data[exc.start]:02X} at offset {exc.start}); save it as UTF-8 "
            "(e.g. iconv -f cp1251 -t utf-8)"
        ) from None
    if name == "utf-16" and text.startswith("\ufeff"):
        text = text[1:]
    text = text.lstrip("\ufeff")
    _check_controls(p, text)
    text = text.rstrip("\x1a")  # DOS end-of-file marker
    if not raw:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise InputError(f"file '{_display(p)}' contains only whitespace; give a file with text")
    if max_line_chars is not None:
        _check_lines(p, text, max_line_chars)
    return text, name


def read_text(
    path: str | os.PathLike[str],
    encoding: str | None = None,
    *,
    max_bytes: int | None = None,
    max_line_chars: int | None = MAX_LINE_CHARS,
) -> tuple[str, str]:
    """Read a text file, detecting its encoding, and return NFC-normalised text.

    Args:
        path: the file.
        encoding: a codec name that overrides detection (``cp1251``, ``koi8-r`` ...).
        max_bytes: refuse files larger than this (default: :func:`max_input_bytes`).
        max_line_chars: refuse files with a longer line (``None``: no line limit, for
            markup whose lines are not text, such as minified HTML).

    Returns:
        ``(text, encoding)``: the text (BOM removed, line ends as ``\\n``, NFC) and the
        Python codec name used (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1251`` ...).

    Raises:
        InputError: a missing file, a folder, an empty / whitespace-only / binary /
            undecodable file, a file over ``max_bytes`` or a line over ``max_line_chars``.
    """
    p = Path(path)
    limit = max_input_bytes() if max_bytes is None else max_bytes
    _check_path(p, limit)
    data = read_bounded(p, limit)
    return decode_bytes(data, p, encoding=encoding, max_line_chars=max_line_chars)

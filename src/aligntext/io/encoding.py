"""Read a text file whatever its encoding: UTF-8/16/32 and the legacy code pages users send.

Press offices in Azerbaijan, Russia and Turkey still send files saved as cp1251, koi8-r or
cp1254. A single-byte code page decodes any byte sequence, so the question is never "does it
decode" but "which decoding reads like text". charset-normalizer confuses these code pages
often (a Turkish file full of ASCII with a few ``ş``/``ı`` bytes looks Cyrillic to it), so
:func:`detect_encoding` decodes the bytes with each candidate and scores how plausible the
non-ASCII letters are for Russian, Azerbaijani, Turkish and English text: Russian letter
frequencies, the Turkic letters, no Latin and Cyrillic letters mixed in one word, no
lower-then-upper case flips inside words (what koi8-r read as cp1251 looks like).
"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import itertools
import math
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from aligntext.errors import InputError

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

    Raises:
        InputError: ``mb`` is not a positive number.
    """
    if mb is None:
        return _MAX_INPUT_BYTES.get()
    if not mb > 0:
        raise InputError(f"the input cap must be a positive number of MB, got {mb}")
    return int(mb * 1024 * 1024)


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


def over_limit(what: str, size: int, limit: int) -> InputError:
    """The one-line error for an input over the cap."""
    return InputError(
        f"{what} is {_size(size, '.1f')}, over the limit of {_size(limit, 'g')}; "
        "split it, or raise the limit with --max-input-mb"
    )


def read_bounded(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """The bytes of a file, refusing one larger than ``max_bytes`` without reading it all.

    Reads at most one byte past the cap, so a FIFO, ``/dev/zero`` or a file that grows
    while read costs bounded memory.

    Raises:
        InputError: the file is over the cap or cannot be read.
    """
    limit = max_input_bytes() if max_bytes is None else max_bytes
    p = Path(path)
    try:
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read '{_display(p)}': {exc.strerror}; check the path") from None
    if len(data) > limit:
        size = max(len(data), p.stat().st_size)
        raise over_limit(f"file '{_display(p)}'", size, limit)
    return data


#: A line longer than this is refused: text without line breaks (a minified file, a one-line
#: export) is not a statement, and the aligner's cost grows with paragraph length.
MAX_LINE_CHARS = 100_000

#: Legacy code pages tried when the bytes are not UTF-8, in order of preference on ties.
LEGACY_CANDIDATES: tuple[str, ...] = ("cp1251", "cp1254", "koi8-r", "cp1252", "cp866")

# Russian letter frequencies in running text (per cent); used to tell cp1251 from koi8-r and
# cp866, which map the same bytes to permuted Cyrillic letters.
_RU_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47,
    "р": 4.73, "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81,
    "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59,
    "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48,
    "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
}  # fmt: skip

# Non-ASCII letters of Azerbaijani and Turkish (and the circumflex vowels of Turkish loans),
# with rough shares among the non-ASCII letters of such text.
_TURKIC_FREQ = {
    "ı": 20.0, "ə": 20.0, "ş": 9.0, "ü": 9.0, "ç": 6.0, "ğ": 6.0, "ö": 4.0, "İ": 3.0,
    "Ş": 1.0, "Ç": 1.0, "Ü": 0.5, "Ö": 0.5, "Ə": 1.0, "Ğ": 0.05, "â": 0.5, "î": 0.1,
    "û": 0.1, "Â": 0.05,
}  # fmt: skip

# Non-ASCII punctuation and symbols common in statements in the four languages.
_COMMON_SYMBOLS = set("«»“”„‘’‚–—…№°€₼₺₽§•·\u00a0\u202f×±½¼¾²³")

_WORD_RE = re.compile(r"\w+")
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


def _char_cost(ch: str) -> float:
    """Negative log-plausibility of one non-ASCII character in en/az/ru/tr text."""
    low = ch.lower()
    if low in _RU_FREQ:
        # Case is judged per word (see _word_penalty), not per letter: headlines in capitals
        # are common in statements.
        return -math.log(_RU_FREQ[low] / 100.0)
    if ch in _TURKIC_FREQ:
        return -math.log(_TURKIC_FREQ[ch] / 100.0)
    if ch in _COMMON_SYMBOLS:
        return 4.0
    cat = unicodedata.category(ch)
    if cat.startswith("L"):
        return 9.0  # a letter, but not one of our languages' letters
    if cat == "Cc":
        return 16.0  # C1 control characters: never in real text
    return 11.0  # box drawing, currency signs, math symbols ...


def _word_penalty(word: str) -> float:
    """Penalty for words that real text does not contain: mixed scripts, case flips."""
    has_cyr = any("\u0400" <= c <= "\u04ff" for c in word)
    has_lat = any(c.isalpha() and c < "\u0250" for c in word)
    penalty = 0.0
    if has_cyr and has_lat:
        penalty += 12.0
    # lower case followed by upper case inside a word: "пРИВЕТ" is koi8-r read as cp1251.
    flips = sum(1 for a, b in itertools.pairwise(word) if a.islower() and b.isupper())
    penalty += 6.0 * flips
    return penalty


def plausibility_cost(text: str) -> float:
    """Cost (lower is better) of ``text`` as en/az/ru/tr text, per non-ASCII character.

    Only non-ASCII characters and the words containing them are scored: every single-byte
    code page decodes ASCII alike, so only the rest tells candidates apart.
    """
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 0.0
    cost = sum(_char_cost(c) for c in non_ascii)
    for match in _WORD_RE.finditer(text):
        word = match.group()
        if not word.isascii():
            cost += _word_penalty(word)
    return cost / len(non_ascii)


def _looks_utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when NUL bytes sit at one parity only, else ``None``."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:65536]
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.1 and even < 0.01:
        return "utf-16-le"
    if even > 0.1 and odd < 0.01:
        return "utf-16-be"
    return None


def _legacy_sample(data: bytes, limit: int = 65536) -> bytes:
    """Up to ``limit`` bytes of the lines that hold non-ASCII bytes: enough to score the
    candidates, and it keeps detection fast on large files."""
    if len(data) <= limit:
        return data
    picked: list[bytes] = []
    size = 0
    for line in data.split(b"\n"):
        if not line.isascii():
            picked.append(line)
            size += len(line) + 1
            if size >= limit:
                break
    return b"\n".join(picked)


def detect_encoding(data: bytes) -> str:
    """Return the Python codec name that decodes ``data`` as plausible text.

    Order: a BOM (UTF-8, UTF-16, UTF-32), UTF-16 without BOM (NUL bytes at one parity),
    strict UTF-8, then the legacy candidates scored by :func:`plausibility_cost`.

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
    sample = _legacy_sample(data)
    best: tuple[float, int, str] | None = None
    for rank, name in enumerate(LEGACY_CANDIDATES):
        try:
            data.decode(name)  # every byte must be defined in the code page
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        score = (plausibility_cost(text), rank, name)
        if best is None or score < best:
            best = score
    # A cost above ~8 per non-ASCII character means mostly symbols and foreign letters:
    # none of our code pages fits. charset-normalizer may still know the encoding (e.g.
    # a Greek or Arabic page); language identification will then reject the text clearly.
    if best is not None and best[0] < 8.0:
        return best[2]
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is not None:
        return codecs.lookup(match.encoding).name
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


def _check_lines(path: Path, text: str, max_line_chars: int) -> None:
    for lineno, line in enumerate(text.split("\n"), start=1):
        if len(line) > max_line_chars:
            raise InputError(
                f"line {lineno} of '{_display(path)}' is {len(line):,} characters long; "
                f"the limit is {max_line_chars:,}: break the text into lines or paragraphs"
            )


def _damaged_utf8_line(data: bytes) -> tuple[int, int, int] | None:
    """The first line that is UTF-8 but for a stray byte or two, as ``(line number, column,
    byte)``, else ``None``.

    A code page decodes any byte, so without this a UTF-8 file with one bad byte reads as
    cp1251 (mojibake on that line, or on the whole file) and its figures and names then
    change silently. A line in a real code page has no run of valid multi-byte UTF-8
    sequences: its Cyrillic or Turkish letters are single bytes that UTF-8 rejects.
    """
    for lineno, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            continue
        except UnicodeDecodeError as exc:
            first = exc
        text = line.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
        if good >= 3 and good >= 2 * bad:
            column = len(line[: first.start].decode("utf-8", errors="replace")) + 1
            return lineno, column, line[first.start]
    return None


#: How :func:`decode_bytes` names a file whose lines mix UTF-8 and one legacy code page.
MIXED_PREFIX = "utf-8+"


def _mixed_legacy(data: bytes) -> str | None:
    """The code page of the non-UTF-8 lines when other non-ASCII lines are UTF-8, else None.

    Files pasted together from several sources mix encodings line by line; decoding all of
    it with the code page garbles the UTF-8 part (and then its numbers and names).
    """
    utf8 = False
    rest: list[bytes] = []
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 = True
        except UnicodeDecodeError:
            rest.append(line)
    if not utf8 or not rest:
        return None
    try:
        return detect_encoding(b"\n".join(rest))
    except InputError:
        return None


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
) -> tuple[str, str]:
    """Decode ``data`` like :func:`read_text` does for a file; ``path`` is for messages.

    A file whose non-ASCII lines are partly UTF-8 and partly in a legacy code page is
    decoded line by line; its encoding is then named ``utf-8+<code page>`` (and that name
    is accepted as ``encoding`` too).

    Returns:
        ``(text, encoding)``: NFC text with ``\\n`` line ends, and the codec name used.

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
        try:
            name = detect_encoding(data)
        except InputError:
            raise InputError(
                f"cannot tell the text encoding of '{_display(p)}'; save it as UTF-8 "
                "(e.g. iconv -f cp1251 -t utf-8)"
            ) from None
        # Not UTF-8 as a whole (a code page, or charset-normalizer's guess): a file that is
        # UTF-8 but for a stray byte must not be read as mojibake.
        damaged = None if name.startswith("utf") else _damaged_utf8_line(data)
        if damaged is not None:
            lineno, column, byte = damaged
            raise InputError(
                f"line {lineno} of '{_display(p)}' is UTF-8 with an invalid byte "
                f"(0x{byte:02X} at column {column}); fix that byte or re-save the file as UTF-8"
            )
        if name in LEGACY_CANDIDATES:
            mixed = _mixed_legacy(data)
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

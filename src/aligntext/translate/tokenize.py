"""Torch-free tokenisers for the CTranslate2 backend: text to pieces and pieces to text.

CTranslate2 translates token *strings*, so its backend needs only a model family's pieces,
not transformers (whose import pulls in torch: hundreds of MB and seconds of start-up). Each
tokeniser here reproduces what the family's transformers tokenizer does (the parity is
tested against it on the tiny models of every family):

- **Marian / OPUS-MT** (sentencepiece): a leading ``>>xxx<<`` target token is split off, the
  rest encoded with ``source.spm``, pieces outside ``vocab.json`` become ``<unk>``, ``</s>``
  is appended; output pieces minus the special tokens are decoded with ``target.spm``.
- **M2M100** (sentencepiece): ``__src__`` + pieces of ``sentencepiece.bpe.model`` (unknown to
  ``vocab.json``: ``<unk>``) + ``</s>``; output tokens outside ``vocab.json`` (language tokens,
  fairseq's "madeup" words) are dropped with the special tokens.
- **NLLB-200**: the ``tokenizers`` library on the folder's ``tokenizer.json`` (what
  transformers' ``NllbTokenizer`` itself runs), else sentencepiece on
  ``sentencepiece.bpe.model`` with fairseq's id mapping; ``src_Lang`` + pieces + ``</s>``
  (``legacy_behaviour``: pieces + ``</s>`` + ``src_Lang``).

:func:`load_piece_tokenizer` picks one from the folder's files and falls back to
transformers' ``AutoTokenizer`` only when a family's files are missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from aligntext.errors import InputError
from aligntext.translate.base import read_json_object

#: Used when ``tokenizer_config.json`` gives no usable ``model_max_length`` (as transformers'
#: huge default would not fit any of these models).
DEFAULT_MAX_LENGTH = 512

#: fairseq's M2M100 language codes, in id order (``language_codes`` in the tokenizer config).
# fmt: off
M2M100_CODES: dict[str, tuple[str, ...]] = {
    "m2m100": (
        "af", "am", "ar", "ast", "az", "ba", "be", "bg", "bn", "br", "bs", "ca", "ceb", "cs",
        "cy", "da", "de", "el", "en", "es", "et", "fa", "ff", "fi", "fr", "fy", "ga", "gd",
        "gl", "gu", "ha", "he", "hi", "hr", "ht", "hu", "hy", "id", "ig", "ilo", "is", "it",
        "ja", "jv", "ka", "kk", "km", "kn", "ko", "lb", "lg", "ln", "lo", "lt", "lv", "mg",
        "mk", "ml", "mn", "mr", "ms", "my", "ne", "nl", "no", "ns", "oc", "or", "pa", "pl",
        "ps", "pt", "ro", "ru", "sd", "si", "sk", "sl", "so", "sq", "sr", "ss", "su", "sv",
        "sw", "ta", "th", "tl", "tn", "tr", "uk", "ur", "uz", "vi", "wo", "xh", "yi", "yo",
        "zh", "zu",
    ),
    "wmt21": ("en", "ha", "is", "ja", "cs", "ru", "zh", "de"),
}
# fmt: on

_NLLB_CODE = re.compile(r"^[a-z]{3}_[A-Z][a-z]{3}$")

_TOKEN_KEYS = (
    "bos_token",
    "eos_token",
    "unk_token",
    "sep_token",
    "pad_token",
    "cls_token",
    "mask_token",
)


class PieceTokenizer(Protocol):
    """Text to the source pieces CTranslate2 takes, and its output pieces back to text."""

    #: The library doing the work: ``sentencepiece``, ``tokenizers`` or ``transformers``.
    library: str

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        """Source pieces of each text, special tokens included, truncated to the model's
        limit."""
        ...

    def decode(self, pieces: Sequence[Sequence[str]]) -> list[str]:
        """The text of each output piece sequence, special tokens dropped."""
        ...


def _token_text(value: Any) -> str | None:
    """A token in a tokenizer config: a string or an ``AddedToken`` dict."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("content"), str):
        return str(value["content"])
    return None


def _special_tokens(config: dict[str, Any], defaults: Iterable[str]) -> set[str]:
    """The special tokens a tokenizer config declares, plus the family's ``defaults``."""
    special = set(defaults)
    for key in _TOKEN_KEYS:
        token = _token_text(config.get(key))
        if token:
            special.add(token)
    for key in ("additional_special_tokens", "extra_special_tokens"):
        values = config.get(key)
        if isinstance(values, list):
            special.update(t for t in map(_token_text, values) if t)
    added = config.get("added_tokens_decoder")
    if isinstance(added, dict):
        for entry in added.values():
            token = _token_text(entry)
            if token and isinstance(entry, dict) and entry.get("special", True):
                special.add(token)
    return special


def _max_length(config: dict[str, Any]) -> int:
    limit = config.get("model_max_length")
    if isinstance(limit, (int, float)) and 0 < limit <= 4096:
        return int(limit)
    return DEFAULT_MAX_LENGTH


def _splitter(tokens: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern splitting text around ``tokens``, longest first, as transformers' trie of
    added tokens does before the model's own tokenisation."""
    ordered = sorted({t for t in tokens if t}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile("(" + "|".join(re.escape(t) for t in ordered) + ")")


def _chunks(text: str, pattern: re.Pattern[str] | None) -> list[tuple[str, bool]]:
    """``text`` split around the added tokens: ``(chunk, is_token)`` pairs, empties dropped."""
    if pattern is None:
        return [(text, False)] if text else []
    parts = pattern.split(text)
    return [(part, i % 2 == 1) for i, part in enumerate(parts) if part]


def _load_spm(path: Path) -> Any:
    import sentencepiece as spm

    return spm.SentencePieceProcessor(model_file=str(path))


class MarianPieces:
    """The OPUS-MT / Marian tokenisation of transformers' ``MarianTokenizer``.

    Args:
        path: the folder with ``source.spm``, ``target.spm`` and ``vocab.json`` (the source
            vocabulary; the output needs none, its pieces come as strings).
    """

    library = "sentencepiece"

    def __init__(self, path: Path) -> None:
        config = read_json_object(path / "tokenizer_config.json")
        self.source = _load_spm(path / "source.spm")
        self.target = _load_spm(path / "target.spm")
        self.vocab = set(read_json_object(path / "vocab.json"))
        self.unk = _token_text(config.get("unk_token")) or "<unk>"
        self.eos = _token_text(config.get("eos_token")) or "</s>"
        if self.unk not in self.vocab:
            raise InputError(
                f"{path / 'vocab.json'} has no {self.unk} token; is it a Marian model?"
            )
        self.special = _special_tokens(config, ("</s>", "<unk>", "<pad>"))
        self.max_length = _max_length(config)
        self._split = _splitter(self.special)

    def _pieces(self, text: str) -> list[str]:
        out: list[str] = []
        for chunk, is_token in _chunks(text, self._split):
            if is_token:
                out.append(chunk)
                continue
            # MarianTokenizer.remove_language_code: a leading >>xxx<< is one token
            if chunk.startswith(">>") and (end := chunk.find("<<")) != -1:
                out.append(chunk[: end + 2])
                chunk = chunk[end + 2 :]
            out.extend(self.source.encode(chunk, out_type=str))
        return [p if p in self.vocab else self.unk for p in out]

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        """``pieces + </s>`` per text, truncated to ``model_max_length`` tokens."""
        keep = max(self.max_length - 1, 0)
        return [[*self._pieces(t)[:keep], self.eos] for t in texts]

    def decode(self, pieces: Sequence[Sequence[str]]) -> list[str]:
        """Target pieces to text; special tokens (``</s> <unk> <pad>``...) are dropped."""
        out = []
        for row in pieces:
            kept = [p for p in row if p not in self.special]
            # target.spm, as transformers 4 did (5 uses source.spm with a shared vocabulary):
            # either joins plain pieces alike, but the target model is the one they came from
            out.append(self.target.decode_pieces(kept).replace("▁", " ").strip())
        return out


class M2M100Pieces:
    """The M2M100 tokenisation of transformers' ``M2M100Tokenizer``.

    Args:
        path: the folder with ``sentencepiece.bpe.model`` and ``vocab.json``.
        src_code: the source language code (``az``): ``__az__`` opens each source.
    """

    library = "sentencepiece"

    def __init__(self, path: Path, src_code: str) -> None:
        config = read_json_object(path / "tokenizer_config.json")
        self.sp = _load_spm(path / "sentencepiece.bpe.model")
        self.vocab = set(read_json_object(path / "vocab.json"))
        codes = M2M100_CODES.get(str(config.get("language_codes") or "m2m100"), ())
        if src_code not in codes:
            raise InputError(
                f"M2M100 has no language code {src_code!r}; use one of its fairseq codes "
                f"such as az, en, ru, tr"
            )
        self.src_token = f"__{src_code}__"
        self.unk = _token_text(config.get("unk_token")) or "<unk>"
        self.eos = _token_text(config.get("eos_token")) or "</s>"
        self.special = _special_tokens(config, ("<s>", "</s>", "<unk>", "<pad>"))
        self.max_length = _max_length(config)
        # transformers splits the text around the special tokens, not the language tokens
        self._split = _splitter(self.special)

    def _pieces(self, text: str) -> list[str]:
        out: list[str] = []
        for chunk, is_token in _chunks(text, self._split):
            if is_token:
                out.append(chunk)
            else:
                pieces = self.sp.encode(chunk, out_type=str)
                out.extend(p if p in self.vocab else self.unk for p in pieces)
        return out

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        """``__src__ + pieces + </s>`` per text, truncated to ``model_max_length`` tokens."""
        keep = max(self.max_length - 2, 0)
        return [[self.src_token, *self._pieces(t)[:keep], self.eos] for t in texts]

    def decode(self, pieces: Sequence[Sequence[str]]) -> list[str]:
        """Output pieces to text; special tokens and tokens outside ``vocab.json`` (language
        tokens, fairseq's "madeup" words) are dropped."""
        out = []
        for row in pieces:
            kept = [p for p in row if p in self.vocab and p not in self.special]
            out.append(self.sp.decode(kept).strip())
        return out


class NllbPieces:
    """The NLLB-200 tokenisation of transformers' ``NllbTokenizer``.

    With a ``tokenizer.json`` this runs the ``tokenizers`` library on it (the same pipeline
    transformers runs); otherwise sentencepiece on ``sentencepiece.bpe.model``, where a
    piece the model does not know becomes ``<unk>`` (fairseq's id mapping). That fallback
    matches transformers on ordinary text, but follows sentencepiece (as fairseq trained
    NLLB) where transformers' converted tokenizer differs: it emits no ``▁`` piece for
    trailing spaces or for spaces before a special token written in the text.

    Args:
        path: the tokenizer folder.
        src_code: the source language code (``azj_Latn``).
    """

    def __init__(self, path: Path, src_code: str) -> None:
        config = read_json_object(path / "tokenizer_config.json")
        self.src_code = src_code
        self.legacy = bool(config.get("legacy_behaviour", False))
        self.unk = _token_text(config.get("unk_token")) or "<unk>"
        self.eos = _token_text(config.get("eos_token")) or "</s>"
        self.max_length = _max_length(config)
        self._fast: Any = None
        self._sp: Any = None
        if (path / "tokenizer.json").is_file():
            from tokenizers import Tokenizer

            self.library = "tokenizers"
            self._fast = Tokenizer.from_file(str(path / "tokenizer.json"))
            self._fast.no_truncation()
            self._fast.no_padding()
            # a language code is an added special token (a plain piece may share its text)
            added = self._fast.get_added_tokens_decoder().values()
            known = any(t.content == src_code and t.special for t in added)
            self._unk_id = self._fast.token_to_id(self.unk)
        else:
            self.library = "sentencepiece"
            self._sp = _load_spm(path / "sentencepiece.bpe.model")
            self.special = _special_tokens(config, ("<s>", "</s>", "<unk>", "<pad>", "<mask>"))
            self._split = _splitter(self.special)
            # the codes are listed in the tokenizer config, or else shaped like eng_Latn
            known = src_code in self.special or bool(_NLLB_CODE.match(src_code))
        if not known:
            raise InputError(
                f"the NLLB tokenizer in {path} has no language code {src_code!r}; "
                f"is it an NLLB-200 model?"
            )

    def _pieces(self, texts: Sequence[str]) -> list[list[str]]:
        if self._fast is not None:
            encodings = self._fast.encode_batch(list(texts), add_special_tokens=False)
            # by id: an lstrip token's ``tokens`` entry carries the space it swallowed
            fast = self._fast
            return [[fast.id_to_token(i) for i in e.ids] for e in encodings]
        sp = self._sp
        unk_id = sp.unk_id()
        out = []
        for text in texts:
            row: list[str] = []
            for chunk, is_token in _chunks(text, self._split):
                if is_token:
                    row.append(chunk)
                    continue
                for piece in sp.encode(chunk, out_type=str):
                    row.append(self.unk if sp.piece_to_id(piece) == unk_id else piece)
            out.append(row)
        return out

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        """``src_Lang + pieces + </s>`` per text (legacy: ``pieces + </s> + src_Lang``),
        truncated to ``model_max_length`` tokens."""
        keep = max(self.max_length - 2, 0)
        if self.legacy:
            return [[*p[:keep], self.eos, self.src_code] for p in self._pieces(texts)]
        return [[self.src_code, *p[:keep], self.eos] for p in self._pieces(texts)]

    def decode(self, pieces: Sequence[Sequence[str]]) -> list[str]:
        """Output pieces to text; special tokens (language codes included) are dropped."""
        if self._fast is not None:
            fast = self._fast
            ids = [
                [i if (i := fast.token_to_id(p)) is not None else self._unk_id for p in row]
                for row in pieces
            ]
            return [t.strip() for t in fast.decode_batch(ids, skip_special_tokens=True)]
        sp = self._sp
        unk_id = sp.unk_id()
        out = []
        for row in pieces:
            # language codes and <mask> are no pieces of the model: they go with the specials
            kept = [p for p in row if p not in self.special and sp.piece_to_id(p) != unk_id]
            out.append(sp.decode(kept).strip())
        return out


class TransformersPieces:
    """The model's transformers tokenizer: the fallback when a family's files are missing.

    Importing transformers imports torch, so this costs what the other tokenisers save.

    Args:
        path: the tokenizer folder.
        src_code: the source language code the tokenizer needs (NLLB, M2M100), or ``None``.
    """

    library = "transformers"

    def __init__(self, path: Path, src_code: str | None) -> None:
        from transformers import AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(str(path), trust_remote_code=False)
        if src_code is not None:
            self.tokenizer.src_lang = src_code
        limit = getattr(self.tokenizer, "model_max_length", DEFAULT_MAX_LENGTH)
        ok = isinstance(limit, int) and 0 < limit <= 4096
        self.max_length = limit if ok else DEFAULT_MAX_LENGTH

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        """Source pieces, special tokens included, as the tokenizer makes them."""
        ids = self.tokenizer(list(texts), truncation=True, max_length=self.max_length)
        return [list(self.tokenizer.convert_ids_to_tokens(x)) for x in ids["input_ids"]]

    def decode(self, pieces: Sequence[Sequence[str]]) -> list[str]:
        """Output pieces to text, special tokens dropped."""
        ids: list[Any] = [self.tokenizer.convert_tokens_to_ids(list(row)) for row in pieces]
        texts = self.tokenizer.batch_decode(
            ids, skip_special_tokens=True, clean_up_tokenization_spaces=False
        )
        return [t.strip() for t in texts]


#: The files each family's torch-free tokeniser reads (any one of a tuple will do).
FAMILY_FILES: dict[str, tuple[tuple[str, ...], ...]] = {
    "marian": (("source.spm",), ("target.spm",), ("vocab.json",)),
    "m2m100": (("sentencepiece.bpe.model",), ("vocab.json",)),
    "nllb": (("tokenizer.json", "sentencepiece.bpe.model"),),
}


def load_piece_tokenizer(
    path: str | Path, family: str, src_code: str | None = None
) -> PieceTokenizer:
    """The tokeniser of a model folder, without transformers when the family's files are
    there (see :data:`FAMILY_FILES`); transformers' ``AutoTokenizer`` otherwise.

    Args:
        path: the folder holding the tokenizer files.
        family: ``marian``, ``m2m100`` or ``nllb``.
        src_code: the source language in the family's codes (``az``, ``azj_Latn``); needed
            by M2M100 and NLLB.

    Raises:
        InputError: the family needs a source code and has none, or does not know it.
    """
    folder = Path(path)
    files = FAMILY_FILES.get(family)
    if files is None or not all(any((folder / f).is_file() for f in one) for one in files):
        return TransformersPieces(folder, src_code)
    if family == "marian":
        return MarianPieces(folder)
    if src_code is None:
        raise InputError(f"a {family} model needs a source language code; none was given")
    if family == "m2m100":
        return M2M100Pieces(folder, src_code)
    return NllbPieces(folder, src_code)

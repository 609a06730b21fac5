"""The translate job's units of work: a file in one direction split into paragraphs and
sentences (:class:`FileJob`), and a direction's files cut into chunks and deterministic
batches (:class:`Chunker`, :func:`cut_batches`), which do not depend on what an earlier run
finished."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from aligntext.translate.base import Translator
from aligntext.types import Document


@dataclass
class Paragraph:
    """A paragraph as sentences plus the text between them, so it can be put back."""

    glue: list[str]  # len(sentences) + 1: before the first, between each, after the last
    originals: list[str]  # the sentences as written
    sentences: list[str]  # the same with runs of whitespace squashed: what is translated
    translate: list[bool]  # False: copied as is (no letters: numbers, bullets, rules)


@dataclass
class FileJob:
    """One input file in one direction: where it is, what it holds, where it goes."""

    source: Path
    rel: PurePosixPath
    tgt: str
    digest: str
    src: str = ""
    doc: Document | None = None
    paras: list[Paragraph] = field(default_factory=list)
    output: Path | None = None
    key: str = ""
    warning: str = ""
    size: int = 0  # every sentence, kept ones included: what cuts chunks (see Chunker)
    paragraphs: int = 0

    @property
    def sentences(self) -> list[str]:
        """The sentences to translate (those with a letter), in order."""
        return to_translate(self.paras)

    @property
    def n_sentences(self) -> int:
        """Every sentence of the file, those kept as written included."""
        return sum(len(p.sentences) for p in self.paras)


def to_translate(paras: Sequence[Paragraph]) -> list[str]:
    """The sentences of ``paras`` to translate (those with a letter), in order."""
    return [s for p in paras for s, t in zip(p.sentences, p.translate, strict=True) if t]


def split_paragraph(text: str, lang: str) -> Paragraph:
    """``text`` cut into sentences, keeping what lies between them."""
    from aligntext.segment import split_sentence_spans

    spans = split_sentence_spans(text, lang)
    glue: list[str] = []
    cursor = 0
    for start, end in spans:
        glue.append(text[cursor:start])
        cursor = end
    glue.append(text[cursor:])
    originals = [text[a:b] for a, b in spans]
    # A sentence wrapped over two lines is one line to the model.
    sentences = [" ".join(o.split()) for o in originals]
    # A sentence without a letter ("12.", "* * *", "2024") is kept: MT would only garble it.
    mask = [any(ch.isalpha() for ch in o) for o in originals]
    return Paragraph(glue, originals, sentences, mask)


def verbatim_paragraph(text: str) -> Paragraph:
    """``text`` kept as it is, with no sentence: nothing of it is translated, counted,
    cached or checked (an HTML ``<pre>``, which its writer puts back untouched)."""
    return Paragraph([text], [], [], [])


def join_paragraph(para: Paragraph, translations: Mapping[str, str]) -> str:
    """The paragraph again, each translated sentence replaced by its translation."""
    parts = [para.glue[0]]
    for original, sentence, do, glue in zip(
        para.originals, para.sentences, para.translate, para.glue[1:], strict=True
    ):
        parts.append(translations[sentence] if do else original)
        parts.append(glue)
    return "".join(parts)


class Chunker:
    """One direction's files cut into chunks as they are read, in input order.

    A chunk is consecutive files (every file of the direction, finished or not) of about
    ``chunk_sentences`` sentences, counted by :attr:`FileJob.size`, which an earlier run's
    manifest keeps: the cut depends only on the inputs, never on what an earlier run
    finished, and a finished file is not read to find it. Each chunk's batches are made when
    it is translated (:func:`cut_batches`), so a batch holds the same sentences however
    often the job was interrupted: the backend sees the same company for every sentence and
    gives the same output.

    ``work_of`` is told the distinct sentences of a chunk's unfinished files when the chunk
    is closed, and says how many the model will be sent (cache hits are no work); the sum is
    :attr:`work`, the progress bar's total. Only the open chunk's sentences are held.
    """

    def __init__(self, chunk_sentences: int, work_of: Callable[[list[str]], int]) -> None:
        self.chunk_sentences = chunk_sentences
        self.work_of = work_of
        self.chunks: list[list[FileJob]] = []
        self.work = 0
        self._current: list[FileJob] = []
        self._size = 0
        self._fresh: dict[str, None] = {}

    def add(self, job: FileJob, sentences: Sequence[str] = ()) -> None:
        """Append ``job``; ``sentences``: those it sends to the model (none if finished)."""
        self._current.append(job)
        self._size += job.size
        self._fresh.update(dict.fromkeys(sentences))
        if self._size >= self.chunk_sentences:
            self.close()

    def close(self) -> None:
        """End the open chunk (at the end of the inputs, or when it is full)."""
        if self._current:
            self.chunks.append(self._current)
        if self._fresh:
            self.work += self.work_of(list(self._fresh))
        self._current, self._size, self._fresh = [], 0, {}


def cut_batches(sentences: Sequence[str], size: int) -> list[list[str]]:
    """A chunk's distinct ``sentences`` sorted by length and text, in batches of ``size``.

    Sorting by length keeps padding low; sorting by text too makes the cut independent of
    the order the files were read in.
    """
    ordered = sorted(dict.fromkeys(sentences), key=lambda s: (len(s), s))
    return [ordered[start : start + size] for start in range(0, len(ordered), size)]


def translator_batch_size(translator: Translator) -> int:
    """Sentences per batch for a backend: its token budget at about 20 tokens a sentence.

    It depends only on the translator's settings, never on the run, so batches stay the
    same across interruptions; 64 to 512 keeps a batch to seconds of work on a CPU while a
    GPU still gets full batches.
    """
    inner = getattr(translator, "inner", translator)
    budget = getattr(inner, "batch_budget", None)
    if not callable(budget):
        return 64
    return min(512, max(64, int(budget()) // 20))

"""The translate job's units of work: a file in one direction split into paragraphs and
sentences (:class:`FileJob`), and a direction's files cut into chunks and deterministic
batches (:class:`Plan`), which do not depend on what an earlier run finished."""

from __future__ import annotations

from collections.abc import Mapping
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

    @property
    def sentences(self) -> list[str]:
        """The sentences to translate (those with a letter), in order."""
        return [s for p in self.paras for s, t in zip(p.sentences, p.translate, strict=True) if t]

    @property
    def n_sentences(self) -> int:
        """Every sentence of the file, those kept as written included."""
        return sum(len(p.sentences) for p in self.paras)


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


def join_paragraph(para: Paragraph, translations: Mapping[str, str]) -> str:
    """The paragraph again, each translated sentence replaced by its translation."""
    parts = [para.glue[0]]
    for original, sentence, do, glue in zip(
        para.originals, para.sentences, para.translate, para.glue[1:], strict=True
    ):
        parts.append(translations[sentence] if do else original)
        parts.append(glue)
    return "".join(parts)


@dataclass
class Plan:
    """One direction's job cut into chunks of files and deterministic batches of sentences.

    Chunks are consecutive files (every file of the direction, finished or not, in input
    order) of about ``chunk_sentences`` sentences; a chunk's sentences not in an earlier
    chunk are sorted by length and text and cut into batches of ``batch_sentences``. The
    plan depends only on the inputs, never on what an earlier run finished, so a batch
    holds the same sentences however often the job was interrupted: the backend sees the
    same company for every sentence and gives the same output.
    """

    src: str
    tgt: str
    chunks: list[list[FileJob]]
    batches: list[list[str]]
    batch_of: dict[str, int]
    pending: set[int]
    last_use: dict[int, list[int]]  # chunk number -> batches no later chunk needs
    work: int  # sentences the model will be sent (not cached), for the progress bar


def plan_direction(
    jobs: list[FileJob],
    pending: set[int],
    translator: Translator,
    chunk_sentences: int,
    batch_sentences: int | None,
) -> Plan:
    """Cut one direction's ``jobs`` (input order) into chunks and batches; see :class:`Plan`.

    ``pending`` holds the ``id`` of the jobs to translate now (the others shape the
    batches only); ``batch_sentences`` ``None`` takes :func:`translator_batch_size`.
    """
    chunks: list[list[FileJob]] = []
    current: list[FileJob] = []
    size = 0
    for job in jobs:
        current.append(job)
        size += len(job.sentences)
        if size >= chunk_sentences:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    src, tgt = (jobs[0].src, jobs[0].tgt) if jobs else ("", "")
    size = batch_sentences or translator_batch_size(translator)
    batches: list[list[str]] = []
    batch_of: dict[str, int] = {}
    for chunk in chunks:
        new = {s for job in chunk for s in job.sentences if s not in batch_of}
        ordered = sorted(new, key=lambda s: (len(s), s))
        for start in range(0, len(ordered), size):
            batch = ordered[start : start + size]
            for sentence in batch:
                batch_of[sentence] = len(batches)
            batches.append(batch)
    needed_by: dict[int, int] = {}
    for number, chunk in enumerate(chunks):
        for job in chunk:
            if id(job) in pending:
                for sentence in job.sentences:
                    needed_by[batch_of[sentence]] = number
    last_use: dict[int, list[int]] = {}
    for b, number in needed_by.items():
        last_use.setdefault(number, []).append(b)
    needed = sorted(needed_by)
    work = 0
    if needed:
        sentences = [s for b in needed for s in batches[b]]
        missing = getattr(translator, "missing", None)
        work = len(missing(sentences)) if callable(missing) else len(sentences)
    return Plan(src, tgt, chunks, batches, batch_of, pending, last_use, work)


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

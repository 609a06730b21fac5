"""The :class:`Translator` protocol every backend and wrapper implements."""

from __future__ import annotations

import contextlib
import json
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable

#: Called with the number of sentences just finished; drives the CLI's progress bar.
ProgressCallback = Callable[[int], None]


@runtime_checkable
class Translator(Protocol):
    """Translates sentences from one language into another.

    Backends (``hf``, ``ct2``) and wrappers (pivot, cache) share this shape, so a wrapper
    can hold any translator. Implementations load their model on first use, batch and sort
    by length internally under a token budget, and return outputs in input order.
    """

    src_lang: str
    tgt_lang: str

    def translate(
        self, sentences: Sequence[str], progress: ProgressCallback | None = None
    ) -> list[str]:
        """Translate ``sentences``; the result has the same length and order."""
        ...

    def signature_fields(self) -> tuple[tuple[str, str], ...]:
        """``(key, value)`` pairs for the run's signature: model id, revision, backend,
        beam, compute type, pivot chain ..."""
        ...


#: Builds the translator of one direction: ``factory(src, tgt)``.
TranslatorFactory = Callable[[str, str], Translator]


def read_json_object(path: Path) -> dict[str, Any]:
    """The JSON object in a model folder's file, or ``{}`` when it is missing or not an object.

    Model folders come from many exporters; a missing or odd ``config.json`` /
    ``vocab.json`` only means "no information", and the caller decides what that implies.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class BackendSignature:
    """The signature fields every model backend reports; mixed into ``hf`` and ``ct2``."""

    step: Any
    revision: str
    backend: str
    device: str
    compute_type: str
    beam_size: int

    def signature_fields(self) -> tuple[tuple[str, str], ...]:
        """Model id, revision, backend, device, compute type and beam."""
        return (
            ("model", self.step.model),
            ("revision", self.revision),
            ("backend", self.backend),
            ("device", self.device),
            ("compute", self.compute_type),
            ("beam", str(self.beam_size)),
        )


TokenT = TypeVar("TokenT", int, str)


def translate_distinct(
    sentences: Sequence[str],
    progress: ProgressCallback | None,
    *,
    load: Callable[[], None],
    encode: Callable[[list[str]], list[list[TokenT]]],
    plan: Callable[[list[int]], list[list[int]]],
    run: Callable[[list[list[TokenT]]], list[str]],
) -> list[str]:
    """The backends' shared driver: each distinct non-blank sentence is translated once.

    Args:
        sentences: the input, in order; blank ones come back empty.
        progress: called with the number of input sentences finished after each batch.
        load: loads the model; called only when there is something to translate.
        encode: texts to tokens (ids for transformers, pieces for CTranslate2).
        plan: token lengths to batches of indices (see :func:`length_batches`).
        run: one batch of tokenised sentences to translations, in the same order.

    Returns:
        The translations, same length and order as ``sentences``.
    """
    results = [""] * len(sentences)
    positions: dict[str, list[int]] = {}
    blank = 0
    for i, text in enumerate(sentences):
        if text.strip():
            positions.setdefault(text, []).append(i)
        else:
            blank += 1
    if blank and progress:
        progress(blank)
    if not positions:
        return results
    load()
    unique = list(positions)
    ids = encode(unique)
    for batch in plan([len(x) for x in ids]):
        outputs = run([ids[i] for i in batch])
        done = 0
        for i, text in zip(batch, outputs, strict=True):
            for pos in positions[unique[i]]:
                results[pos] = text
                done += 1
        if progress:
            progress(done)
    return results


def length_batches(
    lengths: Sequence[int],
    max_tokens: int,
    max_sentences: int | None = None,
    *,
    floor: int = 0,
) -> list[list[int]]:
    """Group indices into batches of similar length under a padded token budget.

    Indices are sorted by length (longest first, so a batch that cannot fit shows up at
    once), and a batch grows while ``longest * count <= max_tokens``: the budget counts
    padding, which is what a padded batch really costs. A sentence longer than the budget
    gets a batch of its own.

    Args:
        lengths: token count of each sentence.
        max_tokens: the padded token budget per batch.
        max_sentences: an optional cap on sentences per batch.
        floor: each sentence counts at least this many tokens. A translation forced to
            ``n`` tokens (``min_new_tokens``) costs the decoder ``n`` steps however short
            its source, and the decoder's steps (times the beams) are most of the time and
            memory: without the floor, short sentences would pile into huge batches.

    Returns:
        Batches of indices into ``lengths``; every index appears exactly once.
    """
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        size = max(lengths[i], floor, 1)
        grown = max(longest, size)
        full = max_sentences is not None and len(current) >= max_sentences
        if current and (grown * (len(current) + 1) > max_tokens or full):
            batches.append(current)
            current, grown = [], size
        current.append(i)
        longest = grown
    if current:
        batches.append(current)
    return batches


@contextlib.contextmanager
def quiet_transformers() -> Iterator[None]:
    """Silence transformers' own progress bars ("Loading weights") for a while: progress
    is the CLI's business, and a library must not draw on the user's terminal.

    Torch's two-line notice that a ``pytorch_model.bin`` uses another pickle protocol is
    silenced too: such a file either loads (plain weights, nothing to say) or is refused
    with :func:`~aligntext.translate.store.weights_error`'s one line, which the notice
    would only push out of sight.
    """
    from transformers.utils import logging as hf_logging

    enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings(
                "ignore", message="Detected pickle protocol", category=UserWarning
            )
            yield
    finally:
        if enabled:
            hf_logging.enable_progress_bar()


def auto_length(longest_source: int, model_limit: int) -> int:
    """The output budget when none is given: twice the longest source plus 10 tokens, within
    the model's limit. It stops a degenerate model (or a stuck beam) from decoding 512 tokens
    of repetition, and a translation is rarely twice its source."""
    return max(1, min(model_limit, 2 * longest_source + 10))

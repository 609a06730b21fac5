"""Collecting findings: what a rule reports, with spans mapped back to the documents.

Every rule (:mod:`~aligntext.check.number_rules`, :mod:`~aligntext.check.date_rules`,
:mod:`~aligntext.check.names`, :mod:`~aligntext.check.text_rules`) writes into one
:class:`FindingCollector` per compared pair.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from aligntext.types import Fact, Finding, Span

if TYPE_CHECKING:
    from aligntext.check.model_links import Lexicon

#: Maps a (start, end) offset pair of a compared text to a span of the document: a bead's
#: joined sentences point back at each sentence.
Mapper = Callable[[int, int], Span]


class FindingCollector:
    """The findings of one compared pair (a sentence pair, or a bead's joined sentences).

    Args:
        pair: the index stored in each finding's ``pair``.
        src_lang: the source language.
        tgt_lang: the target language.
        smap: maps offsets of ``src_text`` to spans.
        tmap: maps offsets of ``tgt_text`` to spans.
        src_text: the compared source text.
        tgt_text: the compared target text.
        lexicon: what the whole text teaches about how its words are translated, when the
            pair is part of one (a name rule asks it before calling a name gone).
    """

    def __init__(
        self,
        pair: int,
        src_lang: str,
        tgt_lang: str,
        smap: Mapper,
        tmap: Mapper,
        src_text: str = "",
        tgt_text: str = "",
        lexicon: Lexicon | None = None,
    ) -> None:
        self.pair, self.src_lang, self.tgt_lang = pair, src_lang, tgt_lang
        self.smap, self.tmap = smap, tmap
        self.src_text, self.tgt_text = src_text, tgt_text
        self.lexicon = lexicon
        self.out: list[Finding] = []

    def add(
        self,
        type_: str,
        severity: str,
        message: str,
        src: Sequence[Fact] = (),
        tgt: Sequence[Fact] = (),
    ) -> None:
        """Report a finding about facts ``src`` (of the source) and ``tgt`` (of the target).

        The facts travel with the finding (its ``src_facts`` / ``tgt_facts``), so a caller
        reads their values without extracting them again from the spans' text.
        """
        self.out.append(
            Finding(
                pair=self.pair,
                type=type_,
                severity=severity,
                message=message,
                src_spans=tuple(self.smap(f.start, f.end) for f in src),
                tgt_spans=tuple(self.tmap(f.start, f.end) for f in tgt),
                src_lang=self.src_lang,
                tgt_lang=self.tgt_lang,
                src_facts=tuple(src),
                tgt_facts=tuple(tgt),
            )
        )

    def note(self, type_: str, severity: str, message: str) -> None:
        """Report a finding about the whole pair (no spans): ``untranslated``, ``length``."""
        self.out.append(
            Finding(
                self.pair,
                type_,
                severity,
                message,
                src_lang=self.src_lang,
                tgt_lang=self.tgt_lang,
            )
        )

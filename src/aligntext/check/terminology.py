"""A user glossary as an instruction: its terms must be translated its way.

The glossary already makes its terms entities keyed by concept (:mod:`aligntext.check.glossary`),
so a term and its listed translation match whatever their spelling. Its other use is the one a
translator's or a press office's glossary has: a source term whose target form the glossary
gives, and which the target does not use in any form, is a departure from the agreed
terminology ("Mine Action Agency" rendered "Mayından Arındırma Kurumu" where the glossary says
"Mayın Temizleme Ajansı"), whatever the name rules make of the words instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligntext.check.findings import FindingCollector
from aligntext.check.glossary import Glossary
from aligntext.langs import LANGUAGES
from aligntext.types import Fact

#: The key prefix of a user glossary's concepts (the built-in ones are ``known:``).
PREFIX = "glossary:"


def compare_glossary(
    ctx: FindingCollector, sf: Sequence[Fact], tf: Sequence[Fact], glossary: Glossary | None
) -> None:
    """A warning for each source term of ``glossary`` whose concept the target lacks, where
    the glossary has the target language's form; it replaces a name finding on that term."""
    if glossary is None:
        return
    present = {f.key for f in tf if f.kind == "entity"}
    for fact in sf:
        if fact.kind != "entity" or not fact.key.startswith(PREFIX) or fact.key in present:
            continue
        forms = [t for c, lang, t in glossary.entries if c == fact.key and lang == ctx.tgt_lang]
        if not forms:
            continue
        span = (fact.start, fact.end)
        ctx.out[:] = [
            f
            for f in ctx.out
            if not (f.type == "entity" and any((s.start, s.end) == span for s in f.src_spans))
        ]
        listed = " / ".join(f"'{t}'" for t in forms)
        name = LANGUAGES[ctx.tgt_lang].name
        ctx.add(
            "entity",
            "warning",
            f"glossary term '{fact.text}' is {listed} in {name}; the target has none of its forms",
            src=[fact],
        )

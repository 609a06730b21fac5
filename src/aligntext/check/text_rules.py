"""Rules on the whole text of a pair: untranslated targets and lengths wildly apart."""

from __future__ import annotations

import copy
import re
from functools import lru_cache

from aligntext.check.findings import FindingCollector

_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z\u00c0-\u024f\u0259\u018f]")


@lru_cache(maxsize=1)
def _full_langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=16)
def _langid(langs: frozenset[str]):
    """An identifier restricted to ``langs``, one per set: restricting slices the model's
    tables, which costs more than classifying a sentence, and a bitext asks for one set."""
    ident = copy.copy(_full_langid())  # shares the full tables; the restriction is its own
    ident.set_languages(sorted(langs))
    return ident


def _identify(text: str, langs: tuple[str, str]) -> tuple[str, float]:
    lang, prob = _langid(frozenset(langs)).classify(text)
    return str(lang), float(prob)


def compare_language(ctx: FindingCollector, src: str, tgt: str) -> None:
    """Report a target left untranslated: the source copied, the other script, or the
    source's language."""
    if ctx.src_lang == ctx.tgt_lang:
        return  # two copies in one language (approved and published): nothing to translate
    s, t = " ".join(src.split()), " ".join(tgt.split())
    words = re.findall(r"[^\W\d_]{2,}", t)
    if len(words) >= 2 and s.casefold() == t.casefold():
        ctx.note("untranslated", "warning", "target is identical to the source")
        return
    letters = _CYR.findall(t) + _LAT.findall(t)
    if len(letters) < 20:
        return
    cyr = len(_CYR.findall(t)) / len(letters)
    expect_cyr = ctx.tgt_lang == "ru"
    if (expect_cyr and cyr < 0.3) or (not expect_cyr and cyr > 0.7):
        script = "Latin" if expect_cyr else "Cyrillic"
        ctx.note("untranslated", "warning", f"target is in {script} script, not {ctx.tgt_lang}")
        return
    if len(t) >= 40 and (ctx.src_lang == "ru") == (ctx.tgt_lang == "ru"):
        lang, prob = _identify(t, (ctx.src_lang, ctx.tgt_lang))
        if lang == ctx.src_lang and prob > 0.999:
            ctx.note(
                "untranslated", "warning", f"target reads as {ctx.src_lang}, not {ctx.tgt_lang}"
            )


def compare_length(ctx: FindingCollector, src: str, tgt: str) -> None:
    """Report a target far shorter or longer than its source: a warning beyond a quarter or
    four times its length, a note beyond 0.45 or 2.2 times (sentences of 60+ characters)."""
    ls, lt = len(src.strip()), len(tgt.strip())
    if max(ls, lt) < 60 or min(ls, lt) == 0:
        return
    r = lt / ls
    if r < 0.25 or r > 4:
        sev = "warning"
    elif r < 0.45 or r > 2.2:
        sev = "info"
    else:
        return
    ctx.note(
        "length",
        sev,
        f"target is {lt} characters long for a source of {ls} (ratio {r:.2f})",
    )

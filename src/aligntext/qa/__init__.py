"""Quality checks for machine translation output: the ways MT fails that facts miss.

One module per finding family, each with the rule it applies and why:

- :mod:`~aligntext.qa.repetition`: ``repetition``, a looping tail or a clause said twice;
- :mod:`~aligntext.qa.copy`: ``copy``, the source copied through (or kept in its language);
- :mod:`~aligntext.qa.language` and :mod:`~aligntext.qa.aztr`: ``wrong_language``, above all
  Turkish where Azerbaijani was asked and back;
- :mod:`~aligntext.qa.length`: ``length``, a ratio outside the range learnt for the pair;
- :mod:`~aligntext.qa.truncation`: ``truncated``, output that stops mid-sentence;
- :mod:`~aligntext.qa.addition`: ``addition``, a sentence or facts of the target's own;
- :mod:`~aligntext.qa.decide`: the learnt decision that weighs the signs of the last three.

Findings are :class:`aligntext.types.Finding` with the checker's severities.

Example:
    >>> from aligntext.qa import check_translation
    >>> [f.type for f in check_translation(
    ...     "The talks will continue next week.",
    ...     "Переговоры продолжатся продолжатся продолжатся продолжатся.", "en", "ru")]
    ['repetition']
"""

from __future__ import annotations

from aligntext.qa.checks import QA_TYPES, QA_VERSION, check_translation, check_translations

__all__ = ["QA_TYPES", "QA_VERSION", "check_translation", "check_translations"]

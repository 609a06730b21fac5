"""Exceptions raised by aligntext's library code.

The CLI turns every :class:`AligntextError` into one line on stderr and exit code 2; library
code never prints or exits.
"""

from __future__ import annotations


class AligntextError(Exception):
    """Base class of every error aligntext raises on purpose."""


class InputError(AligntextError):
    """Bad input: a missing, empty, binary or undecodable file, an unknown language or format."""


class InputTypeError(InputError, TypeError):
    """A library function was given the wrong kind of value: one string where a list is
    expected, a report where an alignment is, ``None`` where text is. A :class:`TypeError`
    too, so that code catching the built-in error still catches it."""


class InputValueError(InputError, ValueError):
    """A library function was given a value of the right kind but out of range or unknown:
    a negative limit, an unknown format name. A :class:`ValueError` too."""


class UnsupportedLanguageError(InputError):
    """A language code outside en, az, ru, tr, or text in none of those languages."""


class LanguageMismatchError(InputError):
    """A text is not in the language the user claimed (raised only in strict mode)."""


class ModelNotFoundError(AligntextError):
    """A model is neither in the local cache nor reachable on the hub."""


class BackendUnavailableError(AligntextError):
    """A backend's library (transformers, ctranslate2, ...) is missing or cannot run here."""


class StoreNotWritableError(InputError):
    """The model store cannot be written (a shared or read-only store), so a CTranslate2
    copy cannot be made there; ``--backend auto`` then runs the model with transformers."""

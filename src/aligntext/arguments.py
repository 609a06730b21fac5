"""Checks of what a caller passes to the public functions.

Shared so that every entry point words one mistake one way and raises an
:class:`~aligntext.errors.AligntextError` (never a bare ``AttributeError`` from deep inside).
They run once per call, at the boundary, never in a loop over sentences.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from aligntext.errors import InputTypeError, InputValueError


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def as_items(value: Any, what: str, noun: str, *, one: bool = False) -> list[Any]:
    """The items of an argument that takes several of something (paths, sentences, ...).

    A ``str``, ``bytes`` or path is one thing, not a sequence of its characters: with
    ``one`` it is taken as the only item (``translate_folder("in/", ...)``), else refused.

    Args:
        value: what the caller passed.
        what: the parameter's name, for the message.
        noun: what the items are (``paths``, ``sentences``), for the message.
        one: accept a lone string or path as a list of one.

    Raises:
        InputTypeError: a lone string refused, a mapping, or something not iterable.
    """
    if isinstance(value, (str, bytes, os.PathLike)):
        if one and not isinstance(value, bytes):
            return [value]
        one_thing = "path" if isinstance(value, os.PathLike) else "string"
        raise InputTypeError(
            f"{what} is one {one_thing} ({_shown(value)}); pass a list of {noun}, "
            f"not one {one_thing}"
        )
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        raise InputTypeError(f"{what} must be a list of {noun}, not {_a(type(value).__name__)}")
    return list(value)


def require(value: Any, kind: type | tuple[type, ...], what: str, hint: str = "") -> None:
    """Refuse ``value`` unless it is a ``kind``: ``{what} must be ..., not a X[; hint]``.

    Raises:
        InputTypeError: ``value`` is of another type.
    """
    if not isinstance(value, kind):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        names = " or ".join(_a(k.__name__) for k in kinds)
        got = "None" if value is None else _a(type(value).__name__)
        raise InputTypeError(f"{what} must be {names}, not {got}{'; ' + hint if hint else ''}")


def _a(name: str) -> str:
    """A type's name with its article: ``a str``, ``an int``."""
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def require_count(value: Any, what: str, minimum: int = 0) -> None:
    """Refuse ``value`` unless it is a whole number of at least ``minimum``.

    Raises:
        InputValueError: a number below ``minimum``, a bool, or not a whole number.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InputValueError(
            f"{what} must be a whole number of at least {minimum}, got {_shown(value)}"
        )


def require_callable(value: Any, what: str, shape: str, *, optional: bool = False) -> None:
    """Refuse ``value`` unless it can be called (or is ``None`` when ``optional``).

    Args:
        value: what the caller passed.
        what: the parameter's name.
        shape: how it is called and what it returns, for the message
            (``"factory(src, tgt) returning a translator"``).
        optional: ``None`` is accepted.

    Raises:
        InputTypeError: ``value`` cannot be called.
    """
    if callable(value) or (optional and value is None):
        return
    got = "None" if value is None else _a(type(value).__name__)
    raise InputTypeError(f"{what} must be a function {shape}, not {got}")


def as_pairs(value: Any, what: str = "pairs") -> list[tuple[str, str]]:
    """The ``(source, target)`` text pairs of an argument, each checked once.

    Raises:
        InputTypeError: one string, an item that is not two texts (a 3-tuple, ``None`` for
            a side).
    """
    pairs = as_items(value, what, "(source, target) pairs")
    for k, pair in enumerate(pairs):
        if not (
            isinstance(pair, (tuple, list))
            and len(pair) == 2
            and all(isinstance(side, str) for side in pair)
        ):
            raise InputTypeError(
                f"{what}[{k}] is {_shown(pair)}; each pair must be two strings "
                "(source, target), '' for an empty side"
            )
    return pairs

"""A memo of what the checker reads off one text, kept for one comparison.

``aligntext compare`` with four versions checks the pivot's sentences three times, once
against each other version, and the aligner and the cross-version step read some of them
again: each time the same facts are extracted from the same text. Inside :func:`text_memo`
the functions decorated with :func:`memoized` compute each result once per distinct
argument tuple; outside it they compute every call, as before, so a library caller keeps
nothing alive it did not ask for.

The memo lives in a :class:`~contextvars.ContextVar`, so two comparisons in two threads (or
asyncio tasks) each have their own, and it is dropped when the ``with`` block ends.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")

_MEMO: ContextVar[dict[Any, Any] | None] = ContextVar("aligntext_text_memo", default=None)


@contextmanager
def text_memo() -> Iterator[dict[Any, Any]]:
    """Memoize the :func:`memoized` functions until the block ends; yields the memo (for
    tests). Nested blocks share the outer memo."""
    memo = _MEMO.get()
    if memo is not None:
        yield memo
        return
    memo = {}
    token = _MEMO.set(memo)
    try:
        yield memo
    finally:
        _MEMO.reset(token)


def _arg_key(arg: Any) -> Any:
    # Strings and numbers are keys as they are; anything else (a glossary) by identity:
    # hashing a large glossary on every call would cost more than it saves. The memo keeps
    # the object alive (see the wrapper), so its id cannot be reused while the memo lives.
    return arg if arg is None or isinstance(arg, (str, int, float)) else ("id", id(arg))


def memoized(func: Callable[P, list[T]]) -> Callable[P, list[T]]:
    """Decorate a pure function that returns a list: inside
    :func:`text_memo` each distinct call is computed once and every caller gets its own copy
    of the list (the items themselves are shared, so they must be immutable)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> list[T]:
        memo = _MEMO.get()
        if memo is None:
            return func(*args, **kwargs)
        key = (func, *map(_arg_key, args), *((k, _arg_key(v)) for k, v in sorted(kwargs.items())))
        hit = memo.get(key)
        if hit is None:
            # The arguments are kept with the result: an object keyed by its id stays alive.
            hit = (func(*args, **kwargs), args, kwargs)
            memo[key] = hit
        return list(hit[0])

    return wrapper

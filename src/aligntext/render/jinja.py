"""The HTML templates: one Jinja2 environment, autoescaping every value.

Templates and their stylesheets and scripts live in ``render/templates/`` (package data), so
that a designer can change a report without reading Python. Every ``{{ value }}`` is
escaped: an unescaped value has to be marked :class:`markupsafe.Markup` on purpose.

Values are escaped the way aligntext's reports always have been (:func:`html.escape` with
quotes, after :func:`~aligntext.io.encoding.show_invisible` writes bidi overrides and control
characters as ``⟨U+202E⟩``), so a page is byte for byte what the string-built one was:
each value reaches the autoescaper wrapped in :class:`_Escaped`, whose ``__html__`` does
that. With autoescape off the wrapper prints the raw text, and the escaping tests fail.
"""

from __future__ import annotations

import html
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from aligntext.io.encoding import show_invisible

if TYPE_CHECKING:
    import jinja2


class _Escaped:
    """A template value that escapes itself as :func:`html.escape` does, invisibles shown."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __html__(self) -> str:
        return html.escape(show_invisible(str(self.value)), quote=True)

    def __str__(self) -> str:
        return str(self.value)


def _finalize(value: Any) -> Any:
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value  # marked safe on purpose (a stylesheet, a script)
    return _Escaped(value)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The environment every HTML report renders with (autoescape on, strict undefined)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("aligntext.render", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def asset(name: str) -> str:
    """A stylesheet or script from ``render/templates/``, to inline into a page."""
    from markupsafe import Markup

    text = (
        resources.files("aligntext.render").joinpath("templates").joinpath(name).read_text("utf-8")
    )
    return Markup(text)


def render(template: str, **context: Any) -> str:
    """Render ``render/templates/<template>`` with ``context``."""
    return environment().get_template(template).render(**context)

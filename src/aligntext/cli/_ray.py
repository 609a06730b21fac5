"""The options that send a command's work to a Ray cluster: ``--ray [ADDRESS]``, ``--workers``
and ``--gpus-per-worker`` (``translate`` and folder ``compare``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import click

from aligntext.cli._util import CliError

F = TypeVar("F", bound=Callable[..., Any])

#: What ``--ray`` accepts: nothing (a local Ray, or ``RAY_ADDRESS``), ``local``, ``auto``,
#: ``ray://host:port`` or ``host:port``.
_ADDRESS = re.compile(r"^(|local|auto|ray://[\w.\-\[\]:]+|[\w.\-\[\]]+:\d+)$")


def ray_options(*, gpus: bool) -> Callable[[F], F]:
    """``--ray [ADDRESS]`` and ``--workers N``, with ``--gpus-per-worker`` where ``gpus``."""

    def decorator(func: F) -> F:
        if gpus:
            func = click.option(
                "--gpus-per-worker",
                type=click.FloatRange(min=0),
                default=0.0,
                show_default=True,
                help="With --ray: GPUs each translator worker reserves (0.5 shares a GPU).",
            )(func)
        func = click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=None,
            help=(
                "Workers: Ray translator actors (default: as many as the cluster has room for)."
                if gpus
                else "Workers comparing statements at once: Ray tasks with --ray (default: as "
                "many as the cluster has room for), else processes (default: the CPUs)."
            ),
        )(func)
        func = click.option(
            "--ray",
            "ray_address",
            is_flag=False,
            flag_value="local",
            default=None,
            metavar="[ADDRESS]",
            callback=_check_address,
            help="Run on Ray: alone for a Ray started here (or $RAY_ADDRESS), 'auto' for this "
            "node's cluster, ray://HOST:10001 for a remote one. Needs aligntext[ray].",
        )(func)
        return func

    return decorator


def _check_address(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse a non-address while the options are parsed: a lone input taken for one
    (``--ray DIR``) would otherwise be reported as a missing INPUTS argument."""
    ray_address(value)
    return value


def ray_address(value: str | None) -> str | None:
    """The address to give :class:`~aligntext.pipeline.ray_engine.RayEngine` (``None``:
    no Ray); refuses a value that is not an address (a file name taken for one)."""
    if value is None:
        return None
    if not _ADDRESS.match(value):
        raise CliError(
            f"--ray {value!r} is not a Ray address; use auto, ray://HOST:PORT or HOST:PORT, "
            "or write --ray=ADDRESS / put --ray after the files"
        )
    return "" if value == "local" else value


def make_engine(address: str, workers: int | None, gpus_per_worker: float = 0.0) -> Any:
    """A :class:`RayEngine` (one line and exit 2 when Ray is not installed)."""
    from aligntext.pipeline.ray_engine import RayEngine

    return RayEngine(address or None, workers=workers, gpus_per_worker=gpus_per_worker)

"""``aligntext models``: list, pull and convert the translation models."""

from __future__ import annotations

from typing import Any

import click

from aligntext.cli._util import (
    _Group,
    cli,
    emit,
    output_options,
)


def _models_table(rows: list[Any], home: str) -> str:
    headers = ("direction", "default model", "family", "local", "alternatives")
    body = [(r.pair, r.default, r.family, r.local, ", ".join(r.alternatives) or "-") for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *body, strict=True)]
    lines = [
        "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in (headers, *body)
    ]
    lines.append(f"models home: {home}")
    return "\n".join(lines) + "\n"


@cli.group("models", cls=_Group)
def models_group() -> None:
    """List, download and convert the pretrained translation models."""


@models_group.command("list")
@output_options(("text", "json"), "text")
def models_list_cmd(fmt: str, output: str) -> None:
    """Show the model of each direction and whether it is present locally.

    LOCAL is 'yes' when the transformers files are here, 'yes+ct2' when a CTranslate2
    copy is too, 'no' when the model still has to be pulled.
    """
    import json

    from aligntext.translate.registry import list_models, models_home

    rows = list_models()
    home = str(models_home())
    if fmt == "json":
        data = {
            "models_home": home,
            "directions": [
                {
                    "direction": r.pair,
                    "default": r.default,
                    "family": r.family,
                    "alternatives": list(r.alternatives),
                    "local": r.local,
                }
                for r in rows
            ],
        }
        emit(json.dumps(data, indent=2) + "\n", output)
    else:
        emit(_models_table(rows, home), output)


@models_group.command("pull")
@click.argument("targets", nargs=-1, required=True, metavar="PAIR|ID...")
def models_pull_cmd(targets: tuple[str, ...]) -> None:
    """Download models into the local model store (needs the hub).

    A PAIR such as en-ru fetches the models of that direction (both legs of a pivot); an
    ID fetches that hub model. Prints each model's folder.
    """
    from aligntext.translate.registry import pull_model, pull_targets

    for target in targets:
        for model in pull_targets(target):
            click.echo(str(pull_model(model)))


@models_group.command("convert")
@click.argument("model", metavar="ID|DIR")
@click.option(
    "--quantization",
    type=click.Choice(["int8", "float16", "bfloat16", "float32"]),
    default="int8",
    show_default=True,
    help="Weight type of the copy: int8 for CPUs, float16 for GPUs.",
)
@click.option("--force", is_flag=True, help="Convert again even if an up-to-date copy exists.")
def models_convert_cmd(model: str, quantization: str, force: bool) -> None:
    """Make a CTranslate2 copy of a model (hub id or folder); prints its folder.

    The ct2 backend converts on first use anyway; this does it ahead of time.
    """
    from aligntext.translate.ct2 import convert_to_ct2
    from aligntext.translate.loader import detect_family
    from aligntext.translate.registry import ensure_model, model_revision

    source = ensure_model(model)
    path = convert_to_ct2(
        model,
        quantization=quantization,
        force=force,
        family=detect_family(source),
        revision=model_revision(source),
    )
    click.echo(str(path))

"""``aligntext models``: list, pull and convert the translation models."""

from __future__ import annotations

import re
from pathlib import Path

import click

from aligntext.cli._signals import StopSignals
from aligntext.cli._util import (
    CliError,
    CommandGroup,
    cli,
    emit,
    exit_with,
    output_options,
    say,
    warn,
)


@cli.group("models", cls=CommandGroup)
def models_group() -> None:
    """List, download and convert the pretrained translation models."""


@models_group.command("list")
@output_options(("text", "json"), "text")
def models_list_cmd(fmt: str, output: str) -> None:
    """Show the model of each direction and whether it is present locally.

    LOCAL is 'yes' when the transformers files are here, 'yes+ct2' when a CTranslate2
    copy is too, 'no' when the model still has to be pulled, 'incomplete' when its folder
    is here but unusable (a warning says which and how to mend it).
    """
    from aligntext.render.plain import render_models
    from aligntext.translate.registry import list_models, load_registry, pull_name
    from aligntext.translate.store import find_model, incomplete_message, models_home

    emit(render_models(list_models(), str(models_home()), fmt), output)
    registry = load_registry()
    for model in registry.models:
        message = None if find_model(model) else incomplete_message(model, pull_name(model))
        if message:
            warn(message)


@models_group.command("pull")
@click.argument("targets", nargs=-1, required=True, metavar="PAIR|ID...")
def models_pull_cmd(targets: tuple[str, ...]) -> None:
    """Download models into the local model store (needs the hub).

    A PAIR such as en-ru fetches the models of that direction (both legs of a pivot); an
    ID fetches that hub model. Prints each model's folder. A local model folder has nothing
    to download: it is checked, printed, and a note says to pass it as --model DIR.
    """
    from aligntext.translate.registry import pull_targets
    from aligntext.translate.store import check_model_type, find_model, is_local_path, pull_model

    for target in targets:
        _refuse_blank(target, "give a direction (en-ru) or a hub id")
    for target in targets:
        if is_local_path(target) and Path(target).exists():
            # A folder is here already: nothing to download, only check it is a model.
            from aligntext.translate.loader import detect_family

            found = find_model(target)
            if found is None:
                raise CliError(f"{target} is not a model folder; pull a PAIR or a hub ID")
            check_model_type(target, found)  # custom code or another architecture
            detect_family(found)  # InputError (one line) when it is no model
            say(
                f"{target} is a local model folder: nothing to download; use it with --model "
                f"{target}"
            )
            click.echo(str(found))
            continue
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
    from aligntext.translate.registry import ensure_model
    from aligntext.translate.store import model_revision

    _refuse_blank(model, "give a hub id (see 'aligntext models list') or a model folder")
    if re.fullmatch(r"[a-z]{2,3}-[a-z]{2,3}", model) and not Path(model).exists():
        raise CliError(
            f"{model!r} is a pair, and convert takes one model: a hub ID (see 'aligntext "
            "models list') or a folder"
        )
    # SIGTERM as well as Ctrl-C unwinds through the conversion, which removes its working
    # folder; a SIGKILLed one's is swept by the next conversion or `models clean`.
    signals = StopSignals()
    signals.install()
    try:
        source = ensure_model(model)
        path = convert_to_ct2(
            model,
            quantization=quantization,
            force=force,
            family=detect_family(source),
            revision=model_revision(source),
        )
    except KeyboardInterrupt as exc:
        line, status = signals.stop(exc, "nothing was converted; run the same command again")
        click.echo(line, err=True)
        exit_with(status)
    finally:
        signals.restore()
    click.echo(str(path))


@models_group.command("clean")
def models_clean_cmd() -> None:
    """Remove the working folders that conversions killed outright left in the store.

    A conversion builds its copy in a hidden folder of the store's ct2/ and renames it into
    place; one killed by SIGKILL (or a power cut) leaves that folder behind. Folders of a
    conversion still running are kept. Prints each folder removed, or says on stderr that
    there was nothing to remove.
    """
    from aligntext.translate.store import models_home, sweep_temp_dirs

    ct2 = models_home() / "ct2"
    removed = sweep_temp_dirs(ct2)
    for folder in removed:
        click.echo(str(folder))
    if not removed:
        say(f"nothing to clean in {ct2}")


def _refuse_blank(target: str, advice: str) -> None:
    """An empty (or blank) id would be read as the current folder: say what to give."""
    if not target.strip():
        raise CliError(f"empty model name {target!r}; {advice}")

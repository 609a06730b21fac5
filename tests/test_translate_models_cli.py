"""``aligntext models list | pull | convert``."""

from __future__ import annotations

import json
import shutil

import pytest

from aligntext.cli import cli
from aligntext.translate import registry as reg
from aligntext.translate import store as model_store


@pytest.fixture()
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ALIGNTEXT_MODELS", str(tmp_path / "store"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return tmp_path / "store"


def _fake_model(store, model_id):
    folder = store / reg.model_slug(model_id)
    folder.mkdir(parents=True)
    (folder / "config.json").write_text('{"model_type": "marian"}', encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["models", "--help"],
        ["models", "list", "-h"],
        ["models", "pull", "-h"],
        ["models", "convert", "--help"],
    ],
)
def test_help(cli_runner, args):
    result = cli_runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output


def test_every_models_command_has_help_text():
    group = cli.commands["models"]
    assert group.help
    assert set(group.commands) == {"list", "pull", "convert", "clean"}
    for command in group.commands.values():
        assert command.help and len(command.help.split()) > 3


def test_list_text(cli_runner, store):
    _fake_model(store, "Helsinki-NLP/opus-mt-en-ru")
    ct2 = reg.ct2_dir("Helsinki-NLP/opus-mt-en-az")
    ct2.mkdir(parents=True)
    (ct2 / "model.bin").write_bytes(b"")
    _fake_model(store, "Helsinki-NLP/opus-mt-en-az")
    result = cli_runner.invoke(cli, ["models", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["direction", "default", "model", "family"]
    rows = {line.split()[0]: line.split() for line in lines[1:13]}
    assert len(rows) == 12
    assert rows["en-ru"][1:4] == ["Helsinki-NLP/opus-mt-en-ru", "marian", "yes"]
    assert rows["en-az"][3] == "yes+ct2"
    assert rows["ru-en"][3] == "no"
    assert rows["az-ru"][1:4] == ["pivot:en", "pivot:en", "no"]
    assert lines[-1] == f"models home: {store}"


def test_list_json(cli_runner, store, tmp_path):
    _fake_model(store, "Helsinki-NLP/opus-mt-ru-en")
    _fake_model(store, "Helsinki-NLP/opus-mt-en-az")
    out = tmp_path / "models.json"
    result = cli_runner.invoke(cli, ["models", "list", "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    by_pair = {d["direction"]: d for d in data["directions"]}
    assert len(by_pair) == 12
    assert by_pair["ru-az"]["local"] == "yes"  # both legs of the pivot are here
    assert by_pair["ru-tr"]["local"] == "no"
    assert "facebook/nllb-200-distilled-600M" in by_pair["ru-az"]["alternatives"]


def test_pull_offline_exits_2(cli_runner, store):
    result = cli_runner.invoke(cli, ["models", "pull", "en-ru"])
    assert result.exit_code == 2
    assert "cannot download Helsinki-NLP/opus-mt-en-ru: HF_HUB_OFFLINE is set" in result.output


def test_pull_uses_the_store(cli_runner, store, monkeypatch):
    pulled = []

    def fake_pull(model, **kwargs):
        pulled.append(model)
        return _fake_model(store, model)

    monkeypatch.setattr(model_store, "pull_model", fake_pull)
    result = cli_runner.invoke(cli, ["models", "pull", "tr-ru"])
    assert result.exit_code == 0, result.output
    assert pulled == ["Helsinki-NLP/opus-mt-tc-big-tr-en", "Helsinki-NLP/opus-mt-en-ru"]
    assert result.output.splitlines() == [
        str(store / "Helsinki-NLP--opus-mt-tc-big-tr-en"),
        str(store / "Helsinki-NLP--opus-mt-en-ru"),
    ]


def test_convert_missing_model_exits_2(cli_runner, store):
    result = cli_runner.invoke(cli, ["models", "convert", "Helsinki-NLP/opus-mt-en-ru"])
    assert result.exit_code == 2
    assert "models pull en-ru" in result.output


@pytest.mark.model
def test_convert_tiny_model(cli_runner, store, tmp_path):
    from tiny_models import tiny_model

    model = tmp_path / "my-model"
    shutil.copytree(tiny_model("m2m100"), model)
    result = cli_runner.invoke(cli, ["models", "convert", str(model)])
    assert result.exit_code == 0, result.output
    out = result.stdout.strip()
    assert out == str(reg.ct2_dir(str(model), "int8"))
    record = json.loads((reg.ct2_dir(str(model)) / "aligntext-source.json").read_text())
    assert record["family"] == "m2m100"
    assert record["quantization"] == "int8"


def test_pull_of_a_folder_checks_it_and_convert_of_a_pair_says_what_it_takes(
    cli_runner, tmp_path, monkeypatch
):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ALIGNTEXT_MODELS", str(tmp_path / "store"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Not a model.\n", encoding="utf-8")
    pulled = cli_runner.invoke(cli, ["models", "pull", str(docs)])
    assert pulled.exit_code == 2 and "cannot tell the model family" in pulled.stderr
    assert "cannot download" not in pulled.stderr
    converted = cli_runner.invoke(cli, ["models", "convert", "en-ru"])
    assert converted.exit_code == 2
    assert "'en-ru' is a pair, and convert takes one model" in converted.stderr


def _damage(folder, how, tmp_path):
    """Spoil a copied tiny model's weights the way a bad download or a hostile file would."""
    weights = folder / "model.safetensors"
    if how == "pickle":
        import pickle

        weights.unlink()
        marker = tmp_path / "code-ran"

        class Hostile:
            def __reduce__(self):
                return (shutil.copy, (str(folder / "config.json"), str(marker)))

        (folder / "pytorch_model.bin").write_bytes(pickle.dumps({"x": Hostile()}, protocol=2))
    elif how == "truncated":
        weights.write_bytes(weights.read_bytes()[:5000])
    else:
        weights.unlink()


@pytest.mark.model
@pytest.mark.parametrize("backend", ["hf", "ct2"])
@pytest.mark.parametrize("how", ["pickle", "truncated", "none"])
def test_translate_with_bad_weights_says_which_folder_in_one_line(
    cli_runner, store, tmp_path, backend, how
):
    """Unsafe, truncated or missing weights printed 58-88 lines of traceback (torch's even
    suggested weights_only=False) or blamed the output; now one line naming the folder."""
    from tiny_models import tiny_model

    model = tmp_path / "bad-model"
    shutil.copytree(tiny_model("marian"), model)
    _damage(model, how, tmp_path)
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("Nümayəndə heyəti Bakıda görüşdü.\n", encoding="utf-8")
    args = ["translate", str(docs), "--src", "az", "--tgt", "en", "--model", str(model)]
    result = cli_runner.invoke(cli, [*args, "--backend", backend, "--out", str(tmp_path / "o")])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"model {model}: its weights cannot be loaded (" in lines[0]
    assert "give another --model" in lines[0]
    assert "weights_only" not in lines[0] and "writing the output" not in lines[0]
    assert not (tmp_path / "code-ran").exists()


@pytest.mark.model
def test_translate_with_a_damaged_ct2_model_says_which_folder(cli_runner, store, tmp_path):
    from aligntext.translate.ct2 import convert_to_ct2
    from tiny_models import tiny_model

    model = tmp_path / "src-model"
    shutil.copytree(tiny_model("marian"), model)
    copy = tmp_path / "ct2-model"
    convert_to_ct2(str(model), output=copy, family="marian")
    weights = copy / "model.bin"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("Nümayəndə heyəti Bakıda görüşdü.\n", encoding="utf-8")
    args = ["translate", str(docs), "--src", "az", "--tgt", "en", "--model", str(copy)]
    result = cli_runner.invoke(cli, [*args, "--backend", "ct2", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert f"model {copy}: its weights cannot be loaded (" in result.stderr


def test_bad_weights_of_a_hub_model_say_to_pull_it_again(store):
    folder = _fake_model(store, "Helsinki-NLP/opus-mt-en-ru")
    error = model_store.weights_error(
        "Helsinki-NLP/opus-mt-en-ru", folder, RuntimeError("bad tensor\nmore detail")
    )
    assert str(error) == (
        f"model {folder}: its weights cannot be loaded (bad tensor); download it again with "
        "`aligntext models pull Helsinki-NLP/opus-mt-en-ru` or give another --model"
    )


def _custom_code_model(tmp_path, marker):
    """A copy of the tiny Marian model whose config asks for its own Python classes
    (``auto_map``), files that would leave ``marker`` behind if they were ever run."""
    from tiny_models import tiny_model

    model = tmp_path / "custom-model"
    shutil.copytree(tiny_model("marian"), model)
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    config["model_type"] = "evil"
    config["auto_map"] = {
        "AutoConfig": "configuration_evil.EvilConfig",
        "AutoModelForSeq2SeqLM": "modeling_evil.EvilModel",
    }
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    code = f"open({str(marker)!r}, 'w').close()\n"
    (model / "configuration_evil.py").write_text(code, encoding="utf-8")
    (model / "modeling_evil.py").write_text(code, encoding="utf-8")
    return model


@pytest.mark.model
@pytest.mark.parametrize("command", ["hf", "ct2", "auto", "convert"])
def test_a_model_that_needs_custom_code_is_refused_in_one_line(
    cli_runner, store, tmp_path, command
):
    """--backend hf printed a 69-line traceback (exit 1); ct2, auto and convert three lines
    advising trust_remote_code, a https://hf.co//tmp/... link and --backend hf."""
    marker = tmp_path / "code-ran"
    model = _custom_code_model(tmp_path, marker)
    if command == "convert":
        result = cli_runner.invoke(cli, ["models", "convert", str(model)])
    else:
        docs = tmp_path / "in"
        docs.mkdir()
        (docs / "a.txt").write_text("The delegation met in Baku.\n", encoding="utf-8")
        args = ["translate", str(docs), "--src", "en", "--tgt", "ru", "--model", str(model)]
        out = ["--backend", command, "--out", str(tmp_path / "o")]
        result = cli_runner.invoke(cli, [*args, *out])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        f"aligntext: error: model {model} needs custom code (model_type 'evil', auto_map), "
        "which aligntext never runs; use a Marian, NLLB or M2M100 model"
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("config", "refusal"),
    [
        ({"model_type": "marian", "auto_map": {"AutoConfig": "x.Y"}}, None),
        ({"model_type": "m2m_100"}, None),
        ({}, None),
        ({"auto_map": {"AutoConfig": "x.Y"}}, "needs custom code (no model_type, auto_map)"),
        ({"model_type": "t5"}, "is of model_type 't5', which aligntext does not run"),
    ],
)
def test_model_type_is_checked_from_the_config_alone(tmp_path, config, refusal):
    from aligntext.errors import InputError

    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    if refusal is None:
        assert reg.ensure_model(str(tmp_path)) == tmp_path
        return
    with pytest.raises(InputError, match=refusal.replace("(", r"\(").replace(")", r"\)")):
        reg.ensure_model(str(tmp_path))


@pytest.mark.model
def test_a_refused_pickle_of_another_protocol_prints_no_torch_notice(store, tmp_path):
    """Torch put two lines ("UserWarning: Detected pickle protocol 4 ...") before the
    one-line refusal of a hostile pytorch_model.bin."""
    import pickle
    import warnings

    from aligntext.errors import InputError
    from aligntext.translate.loader import load_translator
    from tiny_models import tiny_model

    model = tmp_path / "bad-model"
    shutil.copytree(tiny_model("marian"), model)
    (model / "model.safetensors").unlink()
    marker = tmp_path / "code-ran"

    class Hostile:
        def __reduce__(self):
            return (shutil.copy, (str(model / "config.json"), str(marker)))

    (model / "pytorch_model.bin").write_bytes(pickle.dumps({"x": Hostile()}, protocol=4))
    translator = load_translator("en", "ru", model=str(model), backend="hf")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(InputError, match="its weights cannot be loaded"):
            translator.translate(["One sentence."])
    assert [str(w.message) for w in caught if "pickle" in str(w.message)] == []
    assert not marker.exists()


@pytest.mark.parametrize(
    ("args", "advice"),
    [
        (["models", "pull", ""], "give a direction (en-ru) or a hub id"),
        (["models", "pull", "en-ru", "  "], "give a direction (en-ru) or a hub id"),
        (["models", "convert", ""], "give a hub id (see 'aligntext models list') or a model"),
    ],
)
def test_an_empty_model_name_says_what_to_give(cli_runner, store, args, advice):
    """'' was taken for the current folder: "cannot tell the model family of ."."""
    result = cli_runner.invoke(cli, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("aligntext: error: empty model name")
    assert advice in lines[0]
    assert result.stdout == ""


def test_pull_of_a_model_folder_says_there_is_nothing_to_download(cli_runner, store, tmp_path):
    """It printed the folder and exited 0, doing nothing, without a word."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "marian"}', encoding="utf-8")
    result = cli_runner.invoke(cli, ["models", "pull", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{folder}\n"
    assert result.stderr == (
        f"aligntext: {folder} is a local model folder: nothing to download; use it with "
        f"--model {folder}\n"
    )
    (folder / "config.json").write_text(
        '{"model_type": "evil", "auto_map": {"AutoConfig": "x.Y"}}', encoding="utf-8"
    )
    refused = cli_runner.invoke(cli, ["models", "pull", str(folder)])
    assert refused.exit_code == 2 and "needs custom code" in refused.stderr


def _incomplete_copy(store):
    folder = store / "Helsinki-NLP--opus-mt-en-ru"
    folder.mkdir(parents=True)
    (folder / "aligntext-model.json").write_text('{"id": "Helsi', encoding="utf-8")
    return folder


def test_list_says_a_store_copy_is_incomplete(cli_runner, store):
    """A folder without its config.json was listed 'no', as if nothing were there."""
    folder = _incomplete_copy(store)
    result = cli_runner.invoke(cli, ["models", "list"])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()[1:13]}
    assert rows["en-ru"][3] == "incomplete"
    assert rows["ru-en"][3] == "no"
    assert result.stderr.splitlines() == [
        f"aligntext: warning: the local copy of Helsinki-NLP/opus-mt-en-ru in {folder} is "
        "incomplete (no config.json, aligntext-model.json damaged): pull it again with "
        "'aligntext models pull en-ru'"
    ]


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_translate_says_a_store_copy_is_incomplete(cli_runner, store, tmp_path, backend):
    """It said the model 'is not in the local cache', while its folder was right there."""
    folder = _incomplete_copy(store)
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text("The delegation met in Baku.\n", encoding="utf-8")
    args = ["translate", str(docs), "--src", "en", "--tgt", "ru", "--backend", backend]
    result = cli_runner.invoke(cli, [*args, "--out", str(tmp_path / "o")])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        f"aligntext: error: the local copy of Helsinki-NLP/opus-mt-en-ru in {folder} is "
        "incomplete (no config.json, aligntext-model.json damaged): pull it again with "
        "'aligntext models pull en-ru'"
    ]


def test_clean_with_nothing_to_clean_says_so(cli_runner, store):
    """It printed nothing at all: no confirmation that the store was looked at."""
    result = cli_runner.invoke(cli, ["models", "clean"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"aligntext: nothing to clean in {store / 'ct2'}\n"

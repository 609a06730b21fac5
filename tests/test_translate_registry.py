"""The model registry, routes, model lookup and the offline error: no model is loaded here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aligntext.errors import InputError, ModelNotFoundError, UnsupportedLanguageError
from aligntext.translate import (
    PivotTranslator,
    all_directions,
    get_backend,
    length_batches,
    load_registry,
    load_translator,
    resolve_route,
)
from aligntext.translate import registry as reg

PIVOTED = {"az-ru", "ru-az", "ru-tr", "tr-ru"}
NLLB = "facebook/nllb-200-distilled-600M"
M2M = "facebook/m2m100_418M"


@pytest.fixture()
def empty_store(tmp_path, monkeypatch):
    """No model anywhere: an empty aligntext store and an empty HF cache, hub offline."""
    monkeypatch.setenv("ALIGNTEXT_MODELS", str(tmp_path / "store"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.delenv("HUGGINGFACE_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return tmp_path


def test_twelve_directions():
    assert len(all_directions()) == 12
    assert {f"{s}-{t}" for s, t in all_directions()} == set(load_registry().directions)


@pytest.mark.parametrize(("src", "tgt"), all_directions())
def test_every_direction_resolves(src, tgt):
    route = resolve_route(src, tgt)
    assert route.steps, route
    assert route.steps[0].src == src
    assert route.steps[-1].tgt == tgt
    for first, second in zip(route.steps, route.steps[1:], strict=False):
        assert first.tgt == second.src == "en"
    pair = f"{src}-{tgt}"
    assert (route.pivot == "en") == (pair in PIVOTED)
    assert len(route.steps) == (2 if pair in PIVOTED else 1)
    models = load_registry().models
    for step in route.steps:
        assert step.model in models
        assert step.family == models[step.model].family
        assert models[step.model].supports(step.src, step.tgt)


@pytest.mark.parametrize(("src", "tgt"), all_directions())
@pytest.mark.parametrize("model", [NLLB, M2M])
def test_multilingual_models_cover_every_direction(src, tgt, model):
    route = resolve_route(src, tgt, model=model)
    assert route.models == (model,)
    assert route.pivot is None


@pytest.mark.parametrize(
    ("src", "tgt", "model", "src_code", "target_prefix", "source_prefix"),
    [
        ("az", "ru", NLLB, "azj_Latn", "rus_Cyrl", None),
        ("en", "tr", NLLB, "eng_Latn", "tur_Latn", None),
        ("ru", "az", M2M, "ru", "__az__", None),
        ("en", "az", "Helsinki-NLP/opus-mt-en-trk", None, None, ">>aze_Latn<<"),
        ("en", "tr", "Helsinki-NLP/opus-mt-en-trk", None, None, ">>tur<<"),
        ("en", "ru", "Helsinki-NLP/opus-mt-en-ru", None, None, None),
        ("azj_Latn", "eng", None, None, None, None),
    ],
)
def test_codes_per_family(src, tgt, model, src_code, target_prefix, source_prefix):
    (step,) = resolve_route(src, tgt, model=model).steps
    assert (step.src_code, step.target_prefix, step.source_prefix) == (
        src_code,
        target_prefix,
        source_prefix,
    )


def test_pivot_route_text():
    route = resolve_route("ru", "tr")
    assert route.models == ("Helsinki-NLP/opus-mt-ru-en", "Helsinki-NLP/opus-mt-tc-big-en-tr")
    assert str(route).endswith("(pivot:en)")
    assert resolve_route("az", "tr", model="pivot:en").pivot == "en"


def test_unknown_model_keeps_family_open():
    (step,) = resolve_route("en", "ru", model="someone/opus-mt-en-ru-finetuned").steps
    assert step.family == ""
    assert step.model == "someone/opus-mt-en-ru-finetuned"


@pytest.mark.parametrize(
    ("src", "tgt", "model", "error", "match"),
    [
        ("en", "en", None, InputError, "both 'en'"),
        ("en", "de", None, UnsupportedLanguageError, "unknown language 'de'; use one of"),
        ("ru", "az", "Helsinki-NLP/opus-mt-en-ru", InputError, "does not translate ru-az"),
        ("en", "ru", "pivot:en", InputError, "cannot pivot en-ru"),
    ],
)
def test_route_errors(src, tgt, model, error, match):
    with pytest.raises(error, match=match):
        resolve_route(src, tgt, model=model)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('[models."a/b"]\nfamily = "gpt"\n', "family 'gpt'"),
        ('[directions]\nen-ru = { default = "a/b" }\n', "unknown model 'a/b'"),
        (
            '[models."a/b"]\nfamily = "marian"\npairs = ["en-az"]\n'
            '[directions]\nen-ru = { default = "a/b" }\n',
            "does not translate en-ru",
        ),
        ("not toml [", "not valid TOML"),
    ],
)
def test_bad_registry(tmp_path, text, match):
    path = tmp_path / "registry.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=match):
        load_registry(path)


def test_registry_env(tmp_path, monkeypatch):
    path = tmp_path / "r.toml"
    path.write_text(
        '[models."x/en-ru"]\nfamily = "marian"\npairs = ["en-ru"]\n'
        '[directions]\nen-ru = { default = "x/en-ru" }\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("ALIGNTEXT_REGISTRY", str(path))
    assert resolve_route("en", "ru").models == ("x/en-ru",)
    with pytest.raises(InputError, match="direction en-az is not in the model registry"):
        resolve_route("en", "az")


def test_packaged_registry_is_the_same_file():
    packaged = Path(reg.__file__).resolve().parents[1] / "data" / "registry.toml"
    assert packaged.read_bytes() == reg.registry_path().read_bytes()


@pytest.mark.parametrize(
    ("lengths", "budget", "cap", "expected"),
    [
        ([5, 5, 5, 5], 10, None, [[0, 1], [2, 3]]),
        ([1, 9, 2, 8], 18, None, [[1, 3], [2, 0]]),
        ([1, 9, 2, 8], 16, None, [[1], [3, 2], [0]]),
        ([30, 1], 10, None, [[0], [1]]),  # longer than the budget: alone
        ([2, 2, 2], 100, 2, [[0, 1], [2]]),
        ([], 10, None, []),
    ],
)
def test_length_batches(lengths, budget, cap, expected):
    assert length_batches(lengths, budget, cap) == expected


def test_length_batches_budget_counts_padding():
    lengths = [3, 17, 4, 9, 9, 12, 1, 30, 2, 6] * 7
    batches = length_batches(lengths, 64)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) == 1 or max(lengths[i] for i in batch) * len(batch) <= 64


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"ALIGNTEXT_MODELS": "/srv/models"}, Path("/srv/models")),
        ({}, reg.REPO_ROOT / "models" / "cache"),
    ],
)
def test_models_home(monkeypatch, env, expected):
    monkeypatch.delenv("ALIGNTEXT_MODELS", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert reg.models_home() == expected


def test_ct2_dir_names(empty_store):
    assert reg.ct2_dir("Helsinki-NLP/opus-mt-en-ru").name == "Helsinki-NLP--opus-mt-en-ru-int8"
    local = reg.ct2_dir(str(empty_store / "my-model"), "float16")
    assert local.name.startswith("local--my-model-") and local.name.endswith("-float16")
    assert local.parent == empty_store / "store" / "ct2"


def test_offline_error_names_model_and_fixes(empty_store):
    message = (
        "model Helsinki-NLP/opus-mt-en-ru is not in the local cache and the hub cannot be "
        "reached; run 'aligntext models pull en-ru' on a connected machine or pass --model DIR"
    )
    for backend in ("hf", "ct2"):
        with pytest.raises(ModelNotFoundError) as info:
            load_translator("en", "ru", backend=backend)
        assert str(info.value) == message


def test_offline_error_for_pivot_names_first_missing_leg(empty_store):
    with pytest.raises(ModelNotFoundError, match=r"opus-mt-ru-en .* models pull ru-az'"):
        load_translator("ru", "az", backend="hf")
    with pytest.raises(ModelNotFoundError, match=r"opus-mt-ru-en .* models pull ru-en'"):
        load_translator("ru", "az", model="pivot:en", backend="hf")


def test_unreachable_hub_gives_same_error(empty_store, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    calls = []

    def no_network(model, **kwargs):
        calls.append(model)
        raise ConnectionError("no route to host")

    monkeypatch.setattr(reg, "pull_model", no_network)
    with pytest.raises(ModelNotFoundError, match="hub cannot be reached; run 'aligntext models"):
        load_translator("az", "en", backend="hf")
    assert calls == ["Helsinki-NLP/opus-mt-az-en"]


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (ConnectionError("no route to host"), "hub cannot be reached; run 'aligntext models pull"),
        ("not-found", r"cannot download Helsinki-NLP/opus-mt-az-en from the hub \(Repository"),
    ],
)
def test_download_failure_inside_pull(empty_store, monkeypatch, failure, expected):
    """A network failure is 'cannot be reached'; a hub that answers 'no such repo' says so."""
    import huggingface_hub
    from huggingface_hub.errors import RepositoryNotFoundError

    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)

    def model_info(self, model, **kwargs):
        if failure == "not-found":
            # The hub's own 404, built without an HTTP response object.
            error = RepositoryNotFoundError.__new__(RepositoryNotFoundError)
            Exception.__init__(error, f"404 {model}")
            raise error
        raise failure

    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", model_info)
    with pytest.raises(ModelNotFoundError, match=expected):
        load_translator("az", "en", backend="hf")


def test_missing_local_dir(empty_store):
    with pytest.raises(InputError, match=r"model directory \./no/such/dir does not exist"):
        load_translator("en", "ru", model="./no/such/dir", backend="hf")


def test_hf_cache_is_honoured(empty_store):
    commit = "0123456789abcdef0123456789abcdef01234567"
    repo = empty_store / "hf" / "hub" / "models--Helsinki-NLP--opus-mt-en-ru"
    snapshot = repo / "snapshots" / commit
    snapshot.mkdir(parents=True)
    (snapshot / "config.json").write_text('{"model_type": "marian"}', encoding="utf-8")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit, encoding="utf-8")
    found = reg.find_model("Helsinki-NLP/opus-mt-en-ru")
    assert found == snapshot
    assert reg.model_revision(found) == commit


def test_store_revision_file(empty_store):
    folder = empty_store / "store" / "Helsinki-NLP--opus-mt-az-en"
    folder.mkdir(parents=True)
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (folder / reg.MODEL_INFO_FILE).write_text('{"revision": "abc123"}', encoding="utf-8")
    assert reg.find_model("Helsinki-NLP/opus-mt-az-en") == folder
    assert reg.model_revision(folder) == "abc123"


def test_pull_offline_is_refused(empty_store):
    with pytest.raises(ModelNotFoundError, match="HF_HUB_OFFLINE is set"):
        reg.pull_model("Helsinki-NLP/opus-mt-en-ru")


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("en-ru", ["Helsinki-NLP/opus-mt-en-ru"]),
        ("ru-az", ["Helsinki-NLP/opus-mt-ru-en", "Helsinki-NLP/opus-mt-en-az"]),
        (NLLB, [NLLB]),
    ],
)
def test_pull_targets(target, expected):
    assert reg.pull_targets(target) == expected


@pytest.mark.parametrize("target", ["de-en", "en-fr", "xx-yy", "EN-DEU"])
def test_pull_unknown_direction_lists_the_known_ones(target):
    with pytest.raises(
        InputError, match=rf"unknown direction '{target}'; use one of en-az, .*tr-ru"
    ):
        reg.pull_targets(target)


@pytest.mark.parametrize("target", ["t5-small", "org/de-en", "gpt2"])
def test_pull_other_names_are_hub_ids(target):
    assert reg.pull_targets(target) == [target]


def test_unknown_backend_lists_known_ones():
    with pytest.raises(InputError, match=r"unknown backend 'onnx'; use one of auto, hf, ct2"):
        get_backend("onnx")
    with pytest.raises(InputError, match="unknown backend 'onnx'"):
        load_translator("en", "ru", backend="onnx")


class _Fake:
    def __init__(self, src, tgt, tag, model):
        self.src_lang, self.tgt_lang, self.tag, self.model = src, tgt, tag, model
        self.calls = []

    def translate(self, sentences, progress=None):
        self.calls.append(list(sentences))
        return [f"{self.tag}({s})" for s in sentences]

    def signature_fields(self):
        return (("model", self.model), ("backend", "fake"), ("beam", "4"))


def test_pivot_composes_in_order_and_chunks():
    first, second = _Fake("ru", "en", "A", "m1"), _Fake("en", "az", "B", "m2")
    pivot = PivotTranslator(first, second, chunk=2)
    done = []
    out = pivot.translate(["x", "y", "z"], progress=done.append)
    assert out == ["B(A(x))", "B(A(y))", "B(A(z))"]
    assert first.calls == [["x", "y"], ["z"]]
    assert second.calls == [["A(x)", "A(y)"], ["A(z)"]]
    assert done == [2, 1]
    assert (pivot.src_lang, pivot.tgt_lang) == ("ru", "az")
    assert dict(pivot.signature_fields()) == {
        "model": "m1+m2",
        "backend": "fake",
        "beam": "4",
        "pivot": "en",
    }


def test_pivot_rejects_mismatched_legs():
    with pytest.raises(InputError, match="middle languages differ"):
        PivotTranslator(_Fake("ru", "en", "A", "m"), _Fake("tr", "az", "B", "m"))


def test_import_leaves_torch_out():
    code = (
        "import sys, aligntext.translate, aligntext.translate.loader, aligntext.cli;"
        "heavy = {'torch', 'transformers', 'ctranslate2'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("status", "device", "backend", "resolved"),
    [
        ((0, None), "auto", "ct2", "cpu"),
        ((1, None), "auto", "ct2", "cuda"),
        # a GPU whose CUDA 12 libraries are missing: transformers runs there instead
        ((1, "libcublas.so.12"), "auto", "hf", "cpu"),
        ((1, "libcublas.so.12"), "cpu", "ct2", "cpu"),
    ],
)
def test_ct2_device_choice(monkeypatch, status, device, backend, resolved):
    pytest.importorskip("ctranslate2")
    from aligntext.translate import ct2
    from aligntext.translate.loader import default_backend

    monkeypatch.setattr(ct2, "cuda_status", lambda: status)
    assert default_backend(device) == backend
    assert ct2.resolve_compute(device, None) == (
        resolved,
        "int8" if resolved == "cpu" else "float16",
    )


@pytest.mark.parametrize(
    ("status", "device", "compute", "match"),
    [
        ((0, None), "cuda", None, "CTranslate2 sees no CUDA GPU; use --device cpu"),
        ((1, "libcublas.so.12"), "cuda", None, "cannot load libcublas.so.12"),
        ((1, None), "cuda:x", None, "unknown device 'cuda:x'"),
        ((0, None), "tpu", None, "unknown device 'tpu'; use cpu, cuda, cuda:N or auto"),
        ((0, None), "cpu", "float16", "compute type 'float16' does not run on cpu"),
    ],
)
def test_ct2_device_errors(monkeypatch, status, device, compute, match):
    pytest.importorskip("ctranslate2")
    from aligntext.errors import AligntextError
    from aligntext.translate import ct2

    monkeypatch.setattr(ct2, "cuda_status", lambda: status)
    with pytest.raises(AligntextError, match=match):
        ct2.resolve_compute(device, compute)


def test_two_local_model_folders_never_share_a_revision(tmp_path):
    from aligntext.translate.store import model_revision

    a, b = tmp_path / "a" / "mdl", tmp_path / "b" / "mdl"
    for folder, weights in ((a, b"\x00" * 8), (b, b"\x01" * 9)):
        folder.mkdir(parents=True)
        (folder / "config.json").write_text("{}", encoding="utf-8")
        (folder / "model.safetensors").write_bytes(weights)
    first = model_revision(a)
    assert first.startswith("local@") and first == model_revision(a)  # stable
    assert model_revision(b) != first  # another folder, other weights
    (a / "model.safetensors").write_bytes(b"\x02" * 10)  # new weights saved over the old
    assert model_revision(a) != first


def test_a_file_given_as_a_model_folder_is_named_a_file(tmp_path):
    from aligntext.translate.registry import ensure_model

    note = tmp_path / "note.txt"
    note.write_text("not a model\n", encoding="utf-8")
    with pytest.raises(InputError, match="is a file, not a model folder"):
        ensure_model(str(note))

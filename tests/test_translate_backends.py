"""The hf and ct2 backends on tiny random-weight models, loaded like downloaded ones.

Random weights translate into nonsense: these tests check structure (one output per input, in
order, empty stays empty, identical inputs give identical outputs), batching, progress,
language codes, conversion and signatures, never wording.
"""

from __future__ import annotations

import json
import shutil

import pytest

from aligntext.errors import BackendUnavailableError, InputError
from aligntext.translate import PivotTranslator, length_batches, load_translator
from aligntext.translate import registry as reg
from aligntext.translate.store import local_revision
from tiny_models import tiny_model

pytestmark = pytest.mark.model

SENTENCES = [
    "Hökumət tam hesabatı gələn ay dərc edəcək.",
    "",
    "Bakı",
    "Parlament 2024-cü il büdcəsini 12 əleyhinə 95 səslə təsdiqlədi.",
    "Hökumət tam hesabatı gələn ay dərc edəcək.",
    "   ",
    "Tərəflər danışıqları davam etdirməyə razılaşdılar.",
]


@pytest.fixture()
def store(tmp_path, monkeypatch):
    """An empty model store (conversions land here), hub offline."""
    monkeypatch.setenv("ALIGNTEXT_MODELS", str(tmp_path / "store"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return tmp_path / "store"


def _check_structure(translator, sentences=SENTENCES, **kwargs):
    done = []
    out = translator.translate(sentences, progress=done.append, **kwargs)
    assert len(out) == len(sentences)
    assert all(isinstance(t, str) for t in out)
    for text, result in zip(sentences, out, strict=True):
        assert (result == "") == (not text.strip())
    assert out[0] == out[4]  # the same sentence, the same translation
    assert sum(done) == len(sentences)
    return out


@pytest.mark.parametrize("backend", ["hf", "ct2"])
@pytest.mark.parametrize("arch", ["marian", "m2m100", "nllb"])
def test_backend_translates_tiny_model(store, arch, backend):
    path = tiny_model(arch)
    translator = load_translator(
        "az", "ru", model=str(path), backend=backend, beam_size=2, max_new_tokens=6
    )
    assert (translator.src_lang, translator.tgt_lang) == ("az", "ru")
    out = _check_structure(translator)
    assert any(out)
    fields = dict(translator.signature_fields())
    assert fields["model"] == str(path)
    assert fields["backend"] == backend
    assert fields["beam"] == "2"
    # A folder of no hub revision is named by where it is and what it holds.
    assert fields["revision"] == local_revision(path)
    assert fields["device"] == "cpu"
    assert fields["compute"] == ("float32" if backend == "hf" else "int8")


@pytest.mark.parametrize(
    ("arch", "src_code", "target_prefix"),
    [("marian", None, None), ("m2m100", "az", "__ru__"), ("nllb", "azj_Latn", "rus_Cyrl")],
)
def test_family_read_from_files(store, arch, src_code, target_prefix):
    translator = load_translator("az", "ru", model=str(tiny_model(arch)), backend="hf")
    step = translator.step
    assert step.family == arch
    assert (step.src_code, step.target_prefix) == (src_code, target_prefix)


@pytest.mark.parametrize(("tgt", "token"), [("az", ">>aze_Latn<<"), ("tr", ">>tur<<")])
@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_multi_target_marian_gets_target_token(store, tgt, token, backend):
    path = tiny_model("marian", target_tokens=True)
    translator = load_translator("en", tgt, model=str(path), backend=backend, max_new_tokens=4)
    assert translator.step.source_prefix == token
    out = translator.translate(["The delegation met the President.", "Exports grew."])
    assert len(out) == 2 and all(out)


@pytest.mark.parametrize("backend", ["hf", "ct2"])
@pytest.mark.parametrize("arch", ["marian", "nllb"])
def test_forced_length(store, backend, arch):
    """min_new_tokens == max_new_tokens: every output has exactly that many tokens, the
    language token and end-of-sentence not counted, on both backends."""
    translator = load_translator(
        "az",
        "en",
        model=str(tiny_model(arch)),
        backend=backend,
        beam_size=1,
        max_new_tokens=5,
        min_new_tokens=5,
    )
    decoded = _spy_decoded(translator, backend, arch)
    out = translator.translate(["Bakı", "Hökumət tam hesabatı gələn ay dərc edəcək."])
    assert len(out) == 2
    assert [len(row) for row in decoded] == [5, 5]


def _spy_decoded(translator, backend: str, arch: str) -> list[list]:
    """The tokens of each output as the backend decodes them, special tokens left out."""
    translator.load()
    decoded: list[list] = []
    if backend == "hf":
        tokenizer = translator._tokenizer
        special_ids = set(tokenizer.all_special_ids)
        real_decode = tokenizer.batch_decode

        def spy(ids, **kwargs):
            decoded.extend([i for i in row if i not in special_ids] for row in ids)
            return real_decode(ids, **kwargs)

        tokenizer.batch_decode = spy
    else:
        from transformers import AutoTokenizer

        special = set(AutoTokenizer.from_pretrained(str(tiny_model(arch))).all_special_tokens)
        pieces = translator._tokenizer
        real_pieces_decode = pieces.decode

        def spy_pieces(rows):
            decoded.extend([p for p in row if p not in special] for row in rows)
            return real_pieces_decode(rows)

        pieces.decode = spy_pieces
    return decoded


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_default_length_budget_is_each_sentences_own(store, backend):
    """Without --max-new-tokens an output stops at twice its own source plus 10 tokens, not
    the batch's longest: a random model never ends, so the short sentence in a batch with a
    long one decoded (and was cached) at the long one's budget, unlike alone."""
    translator = load_translator(
        "az", "en", model=str(tiny_model("marian")), backend=backend, beam_size=1
    )
    decoded = _spy_decoded(translator, backend, "marian")
    long = " ".join(["Parlament 2024-cü il büdcəsini 12 əleyhinə 95 səslə təsdiqlədi."] * 3)
    translator.translate(["Bakı", long])
    own = len(translator._encode(["Bakı"])[0])
    shortest, longest = sorted(len(row) for row in decoded)
    assert 0 < shortest <= 2 * own + 10 < longest


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_sentence_longer_than_the_model_reaches_it_in_pieces(store, tmp_path, backend):
    """A sentence over the model's positions is cut into pieces and every piece is
    translated: the hf backend used to keep its first 24 tokens and drop the rest."""
    folder = tmp_path / "short-marian"
    shutil.copytree(tiny_model("marian"), folder)
    config_file = folder / "tokenizer_config.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))
    config["model_max_length"] = 24
    config_file.write_text(json.dumps(config), encoding="utf-8")
    translator = load_translator(
        "az", "en", model=str(folder), backend=backend, beam_size=1, max_new_tokens=3
    )
    translator.load()
    seen: list[list] = []
    name = "_generate" if backend == "hf" else "_translate_tokens"
    real = getattr(translator, name)

    def spy(batch):
        seen.extend(batch)
        return real(batch)

    setattr(translator, name, spy)
    # numbers the tiny vocabulary spells (it has no 7 or 8)
    numbers = [n for n in range(11, 60) if not {"7", "8"} & set(str(n))][:20]
    clauses = [f"nümayəndə heyəti {n} prezidentlə görüşdü" for n in numbers]
    long = ", ".join(clauses) + "."
    out = translator.translate(["Bakı", long])
    assert len(out) == 2 and all(out)
    if backend == "hf":
        sent = translator._tokenizer.batch_decode(seen, skip_special_tokens=True)
    else:
        sent = translator._pieces().decode([[p for p in row if p != "</s>"] for row in seen])
    assert len(sent) > 3
    assert all(len(row) <= 24 for row in seen)
    text = " ".join(sent)
    assert all(str(n) in text for n in numbers), text


def test_hf_batches_under_token_budget(store):
    path = tiny_model("marian")
    translator = load_translator(
        "az",
        "en",
        model=str(path),
        backend="hf",
        beam_size=1,
        max_new_tokens=3,
        max_batch_tokens=40,
    )
    sentences = [f"Parlament {i} səslə təsdiqlədi {'və ' * (i % 5)}." for i in range(12)]
    done = []
    out = translator.translate(sentences, progress=done.append)
    assert len(out) == 12 and all(out)
    assert len(done) > 1 and sum(done) == 12


@pytest.mark.parametrize(("beam", "budget"), [(1, 120), (2, 60), (4, 30), (200, 1)])
def test_hf_batch_budget_is_shared_by_beams(store, beam, budget):
    """Beam search runs beam hypotheses per sentence: the padded source budget per batch is
    divided among them, so a batch costs about the same memory at any beam size."""
    translator = load_translator(
        "az",
        "en",
        model=str(tiny_model("marian")),
        backend="hf",
        beam_size=beam,
        max_new_tokens=2,
        max_batch_tokens=120,
    )
    assert translator.batch_budget() == budget
    if beam > 4:
        return
    sentences = [f"Parlament {i} səslə təsdiqlədi {'və ' * (i % 3)}." for i in range(8)]
    batches = []
    real_generate = translator._generate

    def spy(batch):
        batches.append(batch)
        return real_generate(batch)

    translator.load()
    translator._generate = spy
    assert len(translator.translate(sentences)) == 8
    assert sum(len(b) for b in batches) == 8
    # the padded size of every batch fits the shared budget (a long sentence goes alone)
    assert all(max(map(len, b)) * len(b) <= budget or len(b) == 1 for b in batches)
    assert len(batches) >= (2 if beam > 1 else 1)


@pytest.mark.parametrize(
    ("beam", "inter", "budget", "max_batch_size"),
    [(1, 1, 40, 0), (4, 1, 20, 0), (9, 1, 13, 0), (4, 2, 20, 20)],
)
def test_ct2_batches_under_budget(store, beam, inter, budget, max_batch_size):
    """The budget shrinks with the square root of the beam; with one inter thread each
    translate_batch call is one planned batch (CTranslate2 does not re-batch it), with
    more, CTranslate2 splits calls into batches of the budget itself."""
    translator = load_translator(
        "az",
        "en",
        model=str(tiny_model("marian")),
        backend="ct2",
        beam_size=beam,
        max_new_tokens=2,
        max_batch_tokens=40,
        inter_threads=inter,
    )
    assert translator.batch_budget() == budget
    translator.load()
    real = translator._translator
    calls = []

    class Spy:
        def translate_batch(self, batch, **kwargs):
            calls.append((batch, kwargs["max_batch_size"]))
            return real.translate_batch(batch, **kwargs)

    translator._translator = Spy()
    sentences = [f"Parlament {i} səslə təsdiqlədi {'və ' * (i % 3)}." for i in range(8)]
    assert all(translator.translate(sentences))
    assert sum(len(batch) for batch, _ in calls) == 8
    assert {size for _, size in calls} == {max_batch_size}
    if inter == 1:
        assert len(calls) > 1
        assert all(max(map(len, b)) * len(b) <= budget or len(b) == 1 for b, _ in calls)


@pytest.mark.parametrize(
    ("lengths", "budget", "floor", "expected"),
    [
        ([3, 5, 2, 4], 20, 0, [[1, 3, 0, 2]]),
        ([3, 5, 2, 4], 20, 10, [[1, 3], [0, 2]]),
        ([3, 5, 2, 4], 20, 25, [[1], [3], [0], [2]]),
    ],
)
def test_length_batches_floor(lengths, budget, floor, expected):
    """A forced output length makes short sentences cost as much as that length."""
    assert length_batches(lengths, budget, floor=floor) == expected


def test_ct2_conversion_is_cached_and_reused(store):
    from aligntext.translate.ct2 import SOURCE_FILE, convert_to_ct2

    path = tiny_model("marian")
    first = convert_to_ct2(str(path), family="marian")
    assert (first / "model.bin").is_file() and (first / SOURCE_FILE).is_file()
    assert first.parent == store / "ct2"
    assert (first / "vocab.json").is_file()  # tokenizer files travel with the copy
    stamp = (first / "model.bin").stat().st_mtime_ns
    assert convert_to_ct2(str(path), family="marian") == first
    assert (first / "model.bin").stat().st_mtime_ns == stamp
    assert not [p for p in first.parent.iterdir() if p.name.startswith(".")]  # no temp left

    # a converted folder is itself a model: --model DIR with the ct2 backend
    translator = load_translator("az", "tr", model=str(first), backend="ct2", max_new_tokens=4)
    assert translator.step.family == "marian"
    assert len(translator.translate(["Bakı", "Hökumət"])) == 2
    with pytest.raises(InputError, match="is a CTranslate2 model; use --backend ct2"):
        load_translator("az", "tr", model=str(first), backend="hf")


def test_ct2_rejects_bad_compute_type(store):
    with pytest.raises(InputError, match="compute type 'float16' does not run on cpu"):
        load_translator(
            "az",
            "en",
            model=str(tiny_model("marian")),
            backend="ct2",
            device="cpu",
            compute_type="float16",
        )


def _install(store, model_id, arch="marian"):
    """Put a tiny model into the store under a registry id, as `models pull` would."""
    target = store / reg.model_slug(model_id)
    shutil.copytree(tiny_model(arch), target)
    (target / reg.MODEL_INFO_FILE).write_text(
        f'{{"id": "{model_id}", "revision": "rev-{model_id[-5:]}"}}', encoding="utf-8"
    )


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_registry_pivot_route_end_to_end(store, backend):
    _install(store, "Helsinki-NLP/opus-mt-az-en")
    _install(store, "Helsinki-NLP/opus-mt-en-ru")
    translator = load_translator("az", "ru", backend=backend, beam_size=1, max_new_tokens=4)
    assert isinstance(translator, PivotTranslator)
    out = _check_structure(translator)
    assert any(out)
    fields = dict(translator.signature_fields())
    assert fields["pivot"] == "en"
    assert fields["model"] == "Helsinki-NLP/opus-mt-az-en+Helsinki-NLP/opus-mt-en-ru"
    assert fields["revision"] == "rev-az-en+rev-en-ru"
    assert fields["backend"] == backend


def test_hf_cache_model_loads(store, tmp_path):
    """A model in the Hugging Face hub cache ($HF_HOME) is found by its id."""
    commit = "feedface" * 5
    repo = tmp_path / "hf" / "hub" / "models--facebook--nllb-200-distilled-600M"
    shutil.copytree(tiny_model("nllb"), repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit, encoding="utf-8")
    translator = load_translator(
        "ru", "az", model="facebook/nllb-200-distilled-600M", backend="hf", max_new_tokens=3
    )
    assert dict(translator.signature_fields())["revision"] == commit
    assert translator.step.target_prefix == "azj_Latn"
    assert len(translator.translate(["Правительство опубликует доклад."])) == 1


def test_hf_device_errors(store):
    import torch

    path = str(tiny_model("marian"))
    if not torch.cuda.is_available():
        with pytest.raises(BackendUnavailableError, match="torch sees no CUDA GPU"):
            load_translator("az", "en", model=path, backend="hf", device="cuda")
    with pytest.raises(InputError, match="compute type 'int8' is not one the hf backend runs"):
        load_translator("az", "en", model=path, backend="hf", device="cpu", compute_type="int8")
    with pytest.raises(InputError, match="beam size 0 is below 1"):
        load_translator("az", "en", model=path, backend="hf", beam_size=0)


def test_ct2_copy_is_made_again_when_the_config_changes(store, tmp_path):
    import os

    from aligntext.translate.ct2 import convert_to_ct2

    path = tmp_path / "mine"
    shutil.copytree(tiny_model("marian"), path)
    first = convert_to_ct2(str(path), family="marian")
    made = (first / "model.bin").stat().st_mtime_ns
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    config["scale_embedding"] = not config.get("scale_embedding", False)
    (path / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
    os.utime(path / "config.json", (1_000_000_000, 1_000_000_000))  # another time, surely
    again = convert_to_ct2(str(path), family="marian")
    assert again == first and (again / "model.bin").stat().st_mtime_ns != made


def test_ct2_copy_into_a_read_only_store_says_what_to_do(store, monkeypatch):
    import tempfile

    from aligntext.translate.ct2 import convert_to_ct2

    def denied(*_args: object, **_kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    model = str(tiny_model("marian"))
    monkeypatch.setattr(tempfile, "mkdtemp", denied)  # root ignores file modes: pretend
    with pytest.raises(InputError, match=r"permission denied.*models convert.*--backend hf"):
        convert_to_ct2(model, family="marian", force=True)


def _pretend_read_only(monkeypatch, error: OSError) -> None:
    import tempfile

    def denied(*_args: object, **_kwargs: object) -> str:
        raise error

    monkeypatch.setattr(tempfile, "mkdtemp", denied)  # root ignores file modes: pretend


def test_auto_backend_on_a_read_only_store_runs_hf_and_says_so_once(store, monkeypatch):
    from aligntext.errors import StoreNotWritableError

    pytest.importorskip("ctranslate2")
    model = str(tiny_model("marian"))  # built before the store turns read-only
    _pretend_read_only(monkeypatch, PermissionError(13, "Permission denied"))
    said: list[str] = []
    translator = load_translator(
        "az", "en", model=model, backend="auto", device="cpu", notice=said.append
    )
    assert translator.backend == "hf"
    assert len(said) == 1
    assert said[0].startswith(
        f"--backend auto falls back to hf (slower): cannot write the CTranslate2 copy of {model}"
    )
    assert "permission denied" in said[0] and "models convert" in said[0]
    with pytest.warns(RuntimeWarning, match="falls back to hf"):
        assert load_translator("az", "en", model=model, device="cpu").backend == "hf"
    # Asked for by name, ct2 is not swapped for another backend.
    with pytest.raises(StoreNotWritableError, match="permission denied"):
        load_translator("az", "en", model=model, backend="ct2", device="cpu")


def test_ct2_copy_on_a_read_only_mount_says_what_to_do(store, monkeypatch):
    import errno

    from aligntext.errors import StoreNotWritableError
    from aligntext.translate.ct2 import convert_to_ct2

    model = str(tiny_model("marian"))
    _pretend_read_only(monkeypatch, OSError(errno.EROFS, "Read-only file system"))
    with pytest.raises(StoreNotWritableError, match=r"\(read-only file system\).*models convert"):
        convert_to_ct2(model, family="marian", force=True)


def test_translate_auto_on_a_read_only_store_warns_once(cli_runner, store, tmp_path, monkeypatch):
    from aligntext.cli import cli

    pytest.importorskip("ctranslate2")
    model = str(tiny_model("marian"))
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Bakı\n", encoding="utf-8")
    (src / "b.txt").write_text("Parlament toplandı.\n", encoding="utf-8")
    _pretend_read_only(monkeypatch, PermissionError(13, "Permission denied"))
    args = ["translate", "--src", "az", "--tgt", "en", "--model", model, "--no-cache"]
    result = cli_runner.invoke(cli, [*args, str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "falls back to hf" in line]
    assert len(lines) == 1 and lines[0].startswith("aligntext: warning: --backend auto")
    assert (tmp_path / "out" / "en" / "a.txt").is_file()
    quiet = cli_runner.invoke(cli, [*args, "-q", "--force", str(src), "-o", str(tmp_path / "o2")])
    assert quiet.exit_code == 0 and "falls back" not in quiet.stderr

"""The Ray engine (``translate --ray``) and folder compare on Ray, on a local 2-CPU Ray.

One Ray is started for the module (start-up costs seconds): 2 CPUs, no dashboard. The model
is the tiny random-weight Marian of the other model tests, through CTranslate2; the outputs
are nonsense, what is checked is that they are byte for byte the local engine's, with the
same manifest and cache, through a lost worker and a killed driver.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aligntext.pipeline import translate_folder
from aligntext.translate.loader import translator_factory
from tiny_models import tiny_model

ray = pytest.importorskip("ray", reason="the [ray] extra is not installed")

pytestmark = [pytest.mark.model, pytest.mark.slow]

#: Small chunks and batches: several batches per file, several chunks per job.
PLAN = {"chunk_sentences": 5, "batch_sentences": 3}


@pytest.fixture(scope="module")
def cluster():
    """A local Ray for the whole module; its address lets subprocess drivers join it."""
    if ray.is_initialized():
        ray.shutdown()
    context = ray.init(
        num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR"
    )
    yield context.address_info["address"]
    ray.shutdown()


@pytest.fixture()
def model(tmp_path, monkeypatch) -> str:
    # Converted CTranslate2 copies go to a temporary folder; the workers get the same
    # variable (RayEngine passes ALIGNTEXT_MODELS on), so they find the driver's copy.
    monkeypatch.setenv("ALIGNTEXT_MODELS", str(tmp_path / "models"))
    return str(tiny_model("marian", target_tokens=True))


@pytest.fixture()
def inputs(tmp_path) -> Path:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    texts = [
        "The delegation met the President in Baku on Monday. Exports grew by 12.5 percent.",
        "The parties agreed to continue the negotiations.\n\nThe vote was 95 to 12.",
        "Parliament approved the budget. The government will publish the report.",
        "A new railway line will open in May. It links two cities. The Prime Minister spoke.",
        "The ministry issued a statement on 6 April 1993.",
    ]
    for i, text in enumerate(texts):
        where = root / "sub" if i % 2 else root
        (where / f"s{i}.txt").write_text(text + "\n", encoding="utf-8")
    return root


def run(inputs: Path, out: Path, model: str, cache: Path, engine=None, factory=None):
    factory = factory or translator_factory(model, backend="ct2", beam_size=1)
    return translate_folder(
        [inputs], "en", ["ru"], out, cache=cache, translator_factory=factory, engine=engine,
        **PLAN,
    )  # fmt: skip


def outputs(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }


def manifest_view(out: Path) -> dict:
    """The manifest less what differs between any two runs (times)."""
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for key in ("created", "updated", "cache"):
        data.pop(key)
    data["totals"].pop("seconds")
    for entry in data["files"].values():
        entry.pop("finished", None)
        entry.pop("seconds", None)
    return data


def cache_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT key, source, target FROM segments"))


def engine(workers: int = 2):
    from aligntext.pipeline.ray_engine import RayEngine

    return RayEngine(workers=workers)


def test_ray_output_manifest_and_cache_equal_the_local_engine(cluster, model, inputs, tmp_path):
    local = run(inputs, tmp_path / "local", model, tmp_path / "local.sqlite")
    remote = run(inputs, tmp_path / "ray", model, tmp_path / "ray.sqlite", engine=engine())
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local")
    assert len(outputs(tmp_path / "ray")) == 5
    assert manifest_view(tmp_path / "ray") == manifest_view(tmp_path / "local")
    assert cache_rows(tmp_path / "ray.sqlite") == cache_rows(tmp_path / "local.sqlite")
    assert remote.translated == local.translated > 0

    # A second run redoes nothing: every file is skipped, no sentence goes to a worker.
    again = run(inputs, tmp_path / "ray", model, tmp_path / "ray.sqlite", engine=engine())
    assert {f.status for f in again.files} == {"skipped"}
    assert again.translated == 0
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local")


class DiesOnce:
    """A translator whose process exits on its first batch, once per marker file."""

    def __init__(self, inner, marker: str) -> None:
        self.inner, self.marker = inner, marker
        self.src_lang, self.tgt_lang = inner.src_lang, inner.tgt_lang

    def signature_fields(self):
        return self.inner.signature_fields()

    def batch_budget(self) -> int:
        return self.inner.batch_budget()

    def translate(self, sentences, progress=None):
        if not os.path.exists(self.marker):
            Path(self.marker).touch()
            os._exit(1)  # the actor's process dies mid-job, as a lost node would
        return self.inner.translate(sentences, progress)


def test_a_worker_lost_mid_job_is_retried_and_the_output_is_complete(
    cluster, model, inputs, tmp_path
):
    from ray import cloudpickle

    from aligntext.translate import load_translator

    # The factory travels to the workers by value: tests/ is not on their path.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    marker = str(tmp_path / "died")

    def factory(src, tgt):
        inner = load_translator(src, tgt, model=model, backend="ct2", beam_size=1)
        return DiesOnce(inner, marker)

    run(inputs, tmp_path / "local", model, tmp_path / "local.sqlite")
    result = run(
        inputs, tmp_path / "ray", model, tmp_path / "ray.sqlite", engine=engine(), factory=factory
    )
    assert os.path.exists(marker)  # a worker did die
    assert {f.status for f in result.files} == {"done"}
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local")


DRIVER = textwrap.dedent(
    """
    import os, signal, sys
    import ray
    from aligntext.pipeline import translate_folder
    from aligntext.pipeline.ray_engine import RayEngine
    from aligntext.translate.loader import translator_factory

    address, inputs, out, model, cache, kill = sys.argv[1:]
    ray.init(address=address, log_to_driver=False, logging_level="ERROR")

    def progress(event):
        # kill -9 the driver as soon as it has written its first file
        if kill == "1" and event.kind == "file" and event.status == "done":
            os.kill(os.getpid(), signal.SIGKILL)

    factory = translator_factory(model, backend="ct2", beam_size=1)
    translate_folder([inputs], "en", ["ru"], out, translator_factory=factory, cache=cache,
                     engine=RayEngine(workers=2), progress=progress, chunk_sentences=5,
                     batch_sentences=3)
    """
)


def test_a_killed_driver_resumes_and_gives_the_same_files(cluster, model, inputs, tmp_path):
    run(inputs, tmp_path / "local", model, tmp_path / "local.sqlite")
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    out, cache = tmp_path / "ray", tmp_path / "ray.sqlite"
    argv = [sys.executable, str(script), cluster, str(inputs), str(out), model, str(cache)]
    killed = subprocess.run([*argv, "1"], capture_output=True, text=True, timeout=240)
    assert killed.returncode == -9, killed.stderr[-2000:]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    statuses = [e["status"] for e in manifest["files"].values()]
    # The manifest is saved at most every 2 s: the file done just before the kill may not be
    # in it yet (it is then redone), but nothing after it is.
    assert statuses.count("done") <= 1 and "pending" in statuses
    resumed = subprocess.run([*argv, "0"], capture_output=True, text=True, timeout=240)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert outputs(out) == outputs(tmp_path / "local")
    final = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert final["state"] == "finished"
    assert {e["status"] for e in final["files"].values()} == {"done"}


def test_a_model_the_workers_cannot_read_is_refused_in_one_line(cluster, model, inputs, tmp_path):
    import shutil

    from aligntext.errors import AligntextError

    # The weights are a link into a mount the workers do not have (root reads any file, so
    # a permission bit would not stop the test's workers).
    copy = tmp_path / "model"
    shutil.copytree(model, copy)
    weights = next(p for p in copy.iterdir() if p.suffix in (".safetensors", ".bin"))
    weights.unlink()
    weights.symlink_to("/nonexistent-shared-mount/model.safetensors")
    with pytest.raises(AligntextError) as info:
        run(inputs, tmp_path / "ray", str(copy), tmp_path / "ray.sqlite", engine=engine())
    message = str(info.value)
    assert "\n" not in message
    assert "on Ray worker node" in message and weights.name in message
    assert not (tmp_path / "ray" / "ru").exists()  # refused before any work


def test_a_missing_model_path_on_the_workers_is_refused_in_one_line(
    cluster, model, inputs, tmp_path
):
    from aligntext.errors import AligntextError

    with pytest.raises(AligntextError) as info:
        run(inputs, tmp_path / "ray", str(tmp_path / "nowhere"), tmp_path / "c.sqlite",
            engine=engine())  # fmt: skip
    assert "on Ray worker node" in str(info.value)
    assert "\n" not in str(info.value)


def test_folder_compare_on_ray_equals_the_process_pool(cluster, tmp_path):
    from aligntext.pipeline.compare_folders import compare_folders, ray_runner
    from aligntext.pipeline.ray_engine import RayEngine

    repo = Path(__file__).resolve().parents[1] / "corpora"
    for lang in ("en", "ru"):
        (tmp_path / lang).mkdir()
        for doc in ("un-membership", "trade-agreement"):
            (tmp_path / lang / f"{doc}.txt").write_bytes((repo / doc / f"{lang}.txt").read_bytes())
    folders = [tmp_path / "en", tmp_path / "ru"]
    pool = compare_folders(folders, tmp_path / "pool", langs=["en", "ru"], workers=2)
    remote = compare_folders(
        folders, tmp_path / "ray", langs=["en", "ru"], runner=ray_runner(RayEngine())
    )
    assert [s.to_dict() for s in remote.statements] == [s.to_dict() for s in pool.statements]
    assert (tmp_path / "ray" / "index.jsonl").read_bytes() == (
        tmp_path / "pool" / "index.jsonl"
    ).read_bytes()
    # Byte for byte, bead scores included: the pool's forked workers and Ray's processes
    # each draw their own string hash seed, and the aligner must not depend on it.
    for name in ("un-membership.txt.json", "trade-agreement.txt.json"):
        assert (tmp_path / "ray" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes()


def test_cli_translate_ray_gives_the_local_files(cli_runner, cluster, model, inputs, tmp_path):
    from aligntext.cli import cli

    common = ["translate", str(inputs), "--src", "en", "--tgt", "ru", "--model", model,
              "--backend", "ct2", "--beam", "1"]  # fmt: skip
    local = cli_runner.invoke(
        cli, [*common, "--out", str(tmp_path / "l"), "--cache", str(tmp_path / "l.sqlite")]
    )
    assert local.exit_code == 0, local.output
    remote = cli_runner.invoke(
        cli,
        [*common, "--out", str(tmp_path / "r"), "--cache", str(tmp_path / "r.sqlite"), "--ray",
         "--workers", "2"],
    )  # fmt: skip
    assert remote.exit_code == 0, remote.output
    assert outputs(tmp_path / "r") == outputs(tmp_path / "l")


SIGNALS = textwrap.dedent(
    """
    import os, signal, sys, time
    from aligntext.pipeline.ray_engine import RayEngine

    def ours(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, ours)
    engine = RayEngine(sys.argv[1])
    engine.start()
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(60)
    except KeyboardInterrupt:
        print("handled by ours")
    """
)


def test_the_callers_sigterm_handler_survives_ray_init(cluster, tmp_path):
    """ray.init installed its own SIGTERM handler: a terminated --ray run exited 15 with a
    stack dump instead of stopping cleanly (143, finished files kept)."""
    script = tmp_path / "signals.py"
    script.write_text(SIGNALS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), cluster], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "handled by ours" in done.stdout


def test_damaged_weights_are_refused_by_the_probe_before_the_job(cluster, model, inputs, tmp_path):
    """The probe only built the translator: a damaged model.bin failed the job later, as
    "UDF failed to process a data block"; the probe now loads the weights."""
    from aligntext.errors import AligntextError
    from aligntext.translate.ct2 import convert_to_ct2

    copy = tmp_path / "ct2-model"
    convert_to_ct2(model, output=copy, family="marian")
    weights = copy / "model.bin"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    with pytest.raises(AligntextError) as info:
        run(inputs, tmp_path / "ray", str(copy), tmp_path / "ray.sqlite", engine=engine())
    message = str(info.value)
    assert "on Ray worker node" in message and "its weights cannot be loaded" in message
    assert "\n" not in message
    assert not (tmp_path / "ray" / "ru").exists()


class _FailingTranslator:
    """Builds and loads, then fails on every batch, as a worker's device might."""

    src_lang, tgt_lang = "en", "ru"

    def translate(self, sentences, progress=None):
        raise ValueError("the device fell over")

    def signature_fields(self):
        return (("model", "failing"),)


def test_a_worker_failure_says_what_failed(cluster, inputs, tmp_path):
    """It said only "UDF failed to process a data block." (Ray Data loses the cause)."""
    from ray import cloudpickle  # Ray's own copy, the one that sends the factory

    from aligntext.errors import AligntextError

    # The workers cannot import this test module: the factory travels by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        with pytest.raises(AligntextError) as info:
            run(inputs, tmp_path / "ray", "", tmp_path / "c.sqlite", engine=engine(1),
                factory=lambda s, t: _FailingTranslator())  # fmt: skip
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert str(info.value) == "the Ray job failed: ValueError: the device fell over"


def test_joining_ray_prints_no_log_level_line(cluster, tmp_path):
    """The engine set RAY_BACKEND_LOG_LEVEL=fatal before ray.init, and setting it at all is
    what makes Ray print 'logging.cc:303: Set ray log level from environment variable
    RAY_BACKEND_LOG_LEVEL to 3' on stderr: on every --ray run, -q or not."""
    script = tmp_path / "join.py"
    script.write_text(
        "import sys\nfrom aligntext.pipeline.ray_engine import RayEngine\n"
        "RayEngine(sys.argv[1]).start()\nprint('joined')\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "RAY_BACKEND_LOG_LEVEL"}
    done = subprocess.run(
        [sys.executable, str(script), cluster], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0 and done.stdout == "joined\n", done.stderr[-2000:]
    assert "RAY_BACKEND_LOG_LEVEL" not in done.stderr

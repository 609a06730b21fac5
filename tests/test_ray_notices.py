"""What the Ray workers' translators warn of reaches the user through the driver.

No cluster is started: the probe's work runs here, as it runs on a worker node.
"""

from __future__ import annotations

import warnings

import pytest

pytest.importorskip("ray", reason="the [ray] extra is not installed")

from aligntext.pipeline.ray_engine import (
    RayEngine,
    _probe_translator,
    _TranslateWorker,
)

FALLBACK = "--backend auto falls back to hf (slower): the model store is read-only"


class Quiet:
    """A translator that needs no model files."""

    def signature_fields(self):
        return (("model", "fake"), ("backend", "hf"))

    def translate(self, sentences, progress=None):
        return list(sentences)


def warning_factory(src, tgt):
    # As the loader does when --backend auto has to run hf: a notice is not set on workers.
    warnings.warn(FALLBACK, RuntimeWarning, stacklevel=2)
    return Quiet()


def test_the_probe_brings_back_what_building_the_translator_warned_of():
    _node, info, error, notices = _probe_translator(warning_factory, "en", "ru")
    assert error == "" and info is not None and info.fields[0] == ("model", "fake")
    assert notices == [FALLBACK]
    _, _, _, none = _probe_translator(lambda s, t: Quiet(), "en", "ru")
    assert none == []


def test_the_engine_says_each_workers_notice_once():
    said: list[str] = []
    engine = RayEngine(workers=1, notice=said.append)
    engine.say([FALLBACK, FALLBACK])
    engine.say([FALLBACK])  # another node, or another direction, says it again
    assert said == [FALLBACK]


def test_a_worker_does_not_warn_again_what_the_probe_said():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        worker = _TranslateWorker(warning_factory, "en", "ru", commit_every=10)
    assert worker.translator is not None and worker.failure == ""
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)]

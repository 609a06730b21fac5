"""Start-up cost: word lists and models load when a step needs them, and load fast."""

from __future__ import annotations

import re

import pytest

from aligntext import langid
from aligntext.check import glossary

SENTENCES = [
    "The port of Baku reopened on Monday after two weeks of repairs.",
    "Порт Баку возобновил работу в понедельник после двух недель ремонта.",
    "Bakı limanı iki həftəlik təmirdən sonra bazar ertəsi yenidən açılıb.",
    "Bakü limanı iki haftalık onarımın ardından pazartesi yeniden açıldı.",
    "Порт Києва відновив роботу в понеділок.",
]


@pytest.fixture()
def fresh_model(monkeypatch, tmp_path):
    """langid with no model loaded and its cache in ``tmp_path``."""
    monkeypatch.setenv("ALIGNTEXT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(langid, "_identifier", None)
    return tmp_path / "cache"


def test_langid_model_is_unpacked_once_and_memory_mapped(fresh_model):
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    first = langid._model()
    [folder] = list(fresh_model.glob("langid-*"))
    assert {p.name for p in folder.iterdir()} == {f"{n}.npy" for n in langid._ARRAYS}
    langid._identifier = None
    second = langid._model()
    assert second is not first and isinstance(second.nb_ptc, np.memmap)
    # The unpacked copy is the same model: the same ranking, score for score.
    packed = LanguageIdentifier.from_model_file(MODEL_FILE)
    for text in SENTENCES:
        assert second.rank(text) == packed.rank(text)


def test_langid_works_when_the_cache_cannot_be_written(fresh_model, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("ALIGNTEXT_CACHE_DIR", str(blocker / "cache"))
    assert [langid.detect_language(s) for s in SENTENCES[:4]] == ["en", "ru", "az", "tr"]


def test_builtin_glossary_compiles_patterns_only_for_words_it_meets(monkeypatch):
    compiled: list[str] = []
    real = re.compile

    def counting(pattern, flags=0):
        compiled.append(pattern)
        return real(pattern, flags)

    glossary.builtin_index.cache_clear()
    glossary._compiled.cache_clear()
    monkeypatch.setattr(glossary.re, "compile", counting)
    index = glossary.builtin_index("ru")
    # Hundreds of countries, demonyms and bodies, and not one pattern compiled up front ...
    assert sum(len(v) for v in index.values()) > 300
    assert len(compiled) < 5, compiled[:5]
    # ... only those whose first letters a text's words share.
    found = glossary.find_terms("Делегация Ирландии прибыла в Баку.", "ru", index)
    assert "country:IE" in [concept for _, _, concept in found]
    assert 0 < len(compiled) < 40
    glossary.builtin_index.cache_clear()
    glossary._compiled.cache_clear()


def test_langid_falls_back_on_a_damaged_copy(fresh_model):
    langid._model()
    [folder] = list(fresh_model.glob("langid-*"))
    (folder / "ptc.npy").write_bytes(b"\x93NUMPY")  # cut short, as by a full disk
    langid._identifier = None
    assert [langid.detect_language(s) for s in SENTENCES[:4]] == ["en", "ru", "az", "tr"]

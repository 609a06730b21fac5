"""Start-up cost: word lists and models load when a step needs them, and load fast."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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
        if str(pattern).endswith(r"(?![\w])"):  # how every term's pattern ends
            compiled.append(pattern)
        return real(pattern, flags)

    glossary.builtin_index.cache_clear()
    glossary._compiled.cache_clear()
    monkeypatch.setattr(glossary.re, "compile", counting)
    index = glossary.builtin_index("ru")
    # Hundreds of countries, demonyms and bodies, and not one pattern compiled up front ...
    assert sum(len(v) for v in index.values()) > 300
    assert compiled == []
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


# --- tables kept between runs -------------------------------------------------------------


@pytest.fixture()
def cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("ALIGNTEXT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _counting_table(source: Path, calls: list[str]):
    from aligntext.io.cachedir import TableCache

    cache = TableCache("test-tables", lambda: [source])

    @cache
    def squares(lang: str) -> dict[str, int]:
        calls.append(lang)
        return {lang: len(lang) ** 2}

    return cache, squares


def test_tables_are_kept_between_runs_until_an_input_changes(cache_dir, tmp_path):
    source = tmp_path / "table_source.py"
    source.write_text("# version 1\n", encoding="utf-8")
    calls: list[str] = []
    first, squares = _counting_table(source, calls)
    assert squares("ru") == {"ru": 4} and squares("ru") == {"ru": 4}
    assert calls == ["ru"]
    first.save()  # what the end of the process does
    assert [p.name for p in cache_dir.iterdir()] == [first.path().name]
    # A later run: the table comes from the file.
    _, squares_again = _counting_table(source, calls)
    assert squares_again("ru") == {"ru": 4} and calls == ["ru"]
    # The code the tables come from changes: they are built afresh, the stale file goes.
    source.write_text("# version 2, a longer line\n", encoding="utf-8")
    third, squares_anew = _counting_table(source, calls)
    assert squares_anew("ru") == {"ru": 4} and calls == ["ru", "ru"]
    third.save()
    assert [p.name for p in cache_dir.iterdir()] == [third.path().name]


def test_a_damaged_table_file_is_rebuilt(cache_dir, tmp_path):
    source = tmp_path / "table_source.py"
    source.write_text("# version 1\n", encoding="utf-8")
    calls: list[str] = []
    cache, squares = _counting_table(source, calls)
    cache.path().parent.mkdir(parents=True)
    cache.path().write_bytes(b"\x80\x05not a pickle")
    assert squares("az") == {"az": 4} and calls == ["az"]


def test_a_later_run_checks_facts_without_babel_or_num2words(tmp_path):
    code = (
        "import sys\n"
        "from aligntext.check import extract_facts\n"
        "facts = extract_facts('On 3 March 2024 the ministry opened 12 schools in Ireland.', 'en')"
        " + extract_facts('3 марта 2024 года министерство открыло двенадцать школ.', 'ru')\n"
        "print(sorted(f.kind for f in facts))\n"
        "print([m for m in ('babel', 'num2words') if m in sys.modules])\n"
    )
    env = {**os.environ, "ALIGNTEXT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.splitlines()
        for _ in range(2)
    ]
    assert runs[0][0] == runs[1][0]  # the same facts from the kept tables
    assert "number" in runs[0][0] and "date" in runs[0][0]
    assert runs[0][1] != "[]"  # the first run built the tables from the libraries
    assert runs[1][1] == "[]"

"""The public Python API refuses a mistaken argument with one clear AligntextError.

README: library functions "raise aligntext.errors.AligntextError subclasses on bad input".
These are the common mistakes: one string where a list is expected (taken apart letter by
letter before), a value of the wrong kind (an AttributeError from deep inside before).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import aligntext
from aligntext.align import align, align_multi
from aligntext.errors import AligntextError, InputError, InputTypeError

EN = "The ministry met the delegation on 4 May. Trade grew by 12 percent in 2023.\n"
RU = "Министерство встретилось с делегацией 4 мая. Торговля выросла на 12 процентов в 2023 году.\n"


@pytest.fixture()
def versions(tmp_path: Path) -> tuple[Path, Path]:
    en, ru = tmp_path / "en.txt", tmp_path / "ru.txt"
    en.write_text(EN, encoding="utf-8")
    ru.write_text(RU, encoding="utf-8")
    return en, ru


class Upper:
    """A translator that upper-cases, enough for translate_folder's bookkeeping."""

    def __init__(self, src: str, tgt: str) -> None:
        self.src_lang, self.tgt_lang = src, tgt

    def translate(self, sentences, progress=None):
        if progress is not None:
            progress(len(sentences))
        return [s.upper() for s in sentences]

    def signature_fields(self):
        return (("model", "upper"),)


# --- one string where a list is expected (finding 2) --------------------------------------


def test_align_refuses_one_string_instead_of_sentences():
    # Before: 9 beads of single letters, with confidence, and no error.
    with pytest.raises(InputTypeError, match=r"source is one string .*pass a list of sentences"):
        align("One. Two.", ["Одно.", "Два."], "en", "ru")
    with pytest.raises(InputTypeError, match="target is one string"):
        align(["One.", "Two."], "Одно. Два.", "en", "ru")
    # Still an AligntextError and a TypeError both.
    with pytest.raises(AligntextError):
        align(b"One.", ["Одно."], "en", "ru")
    with pytest.raises(TypeError):
        align("One.", ["Одно."], "en", "ru")


def test_align_multi_takes_a_mapping_of_language_to_sentences():
    src, tgt = ["Trade grew by 12 percent.", "It was 2023."], ["Торговля выросла на 12%.", "2023."]
    by_dict = align_multi({"en": src, "ru": tgt})
    by_pairs = align_multi([("en", src), ("ru", tgt)])
    assert by_dict.langs == ("en", "ru")
    assert by_dict.rows == by_pairs.rows
    with pytest.raises(InputTypeError, match="target is one string"):
        align_multi({"en": src, "ru": "Торговля выросла."})
    with pytest.raises(InputTypeError, match=r"version 1 is str .*not a \(language, segments\)"):
        align_multi([("en", src), "ru"])
    with pytest.raises(InputTypeError, match="versions is one string"):
        align_multi("en ru")


def test_compare_versions_refuses_one_path(versions):
    en, _ = versions
    # Before: "file 'e' does not exist" / "'/' is a folder".
    for one in (str(en), en, "en.txt"):
        with pytest.raises(InputTypeError, match=r"one (string|path) .*pass a list of paths"):
            aligntext.compare_versions(one)


def test_compare_versions_takes_langs_as_a_comma_separated_string(versions):
    # Before: 5 languages (e, n, ',', r, u) for 2 versions.
    report = aligntext.compare_versions(list(versions), langs="en,ru")
    assert [v.lang for v in report.versions] == ["en", "ru"]
    # An empty item is detected, as None in a list is.
    report = aligntext.compare_versions(list(versions), langs="en,")
    assert [v.lang for v in report.versions] == ["en", "ru"]
    with pytest.raises(InputError, match="3 language"):
        aligntext.compare_versions(list(versions), langs="en,ru,az")


def test_translate_folder_takes_one_target_language_as_a_string(versions, tmp_path):
    en, _ = versions
    out = tmp_path / "out"
    # Before: "unknown language 'r'".
    run = aligntext.translate_folder(en, "en", "ru", out, translator_factory=Upper, cache=False)
    assert [(r.tgt_lang, r.status) for r in run.files] == [("ru", "done")]
    run = aligntext.translate_folder(
        [en], "en", "ru, az", tmp_path / "out2", translator_factory=Upper, cache=False
    )
    assert sorted((r.tgt_lang, r.status) for r in run.files) == [("az", "done"), ("ru", "done")]

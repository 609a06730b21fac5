"""The sample corpus: four faithful versions per document, and the planted differences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aligntext.io.documents import read_document

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
DOCUMENTS = {"un-membership": 7, "demining-kalbajar": 6, "trade-agreement": 6}
LANGS = ("en", "az", "ru", "tr")
PLANTED = json.loads((CORPORA / "planted.json").read_text(encoding="utf-8"))["differences"]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_each_document_has_four_parallel_versions(name):
    for lang in LANGS:
        doc = read_document(CORPORA / name / f"{lang}.txt")
        assert doc.encoding == "utf-8"
        assert len(doc) == DOCUMENTS[name], (name, lang)
        assert doc.paragraphs[0].kind == "heading"


@pytest.mark.parametrize(("name", "lang"), [(n, lang) for n in DOCUMENTS for lang in LANGS])
def test_versions_use_their_own_alphabet(name, lang):
    text = (CORPORA / name / f"{lang}.txt").read_text(encoding="utf-8")
    cyrillic = re.findall(r"[\u0400-\u04ff]", text)
    if lang == "ru":
        assert len(cyrillic) > 0.9 * len(re.findall(r"[^\W\d_]", text))
        assert "ё" in text or "Объединённых" in text or "сёл" in text
    else:
        assert not cyrillic
    if lang == "az":
        assert "ə" in text
        assert not re.search(r"[Ââ]", text), "Turkish letters in the Azerbaijani text"
    if lang == "tr":
        assert re.search("[ıİşğ]", text)
        assert not re.search("[əƏqQxX]", text), "Azerbaijani letters in the Turkish text"


@pytest.mark.parametrize("diff", PLANTED, ids=[d["id"] for d in PLANTED])
def test_planted_difference_is_where_the_readme_says(diff):
    folder = CORPORA / diff["document"]
    texts = {lang: (folder / f"{lang}.txt").read_text(encoding="utf-8") for lang in LANGS}
    for lang, snippet in diff["same_text"].items():
        assert lang != diff["odd"]
        assert snippet in texts[lang], (diff["id"], lang, snippet)
    if diff["odd_text"]:
        assert diff["odd_text"] in texts[diff["odd"]]
    odd_doc = read_document(folder / f"{diff['odd']}.txt")
    en_doc = read_document(folder / "en.txt")
    paragraph = diff["paragraph"] - 1
    if diff["odd"] != "en":
        same = diff["same_text"]["en"]
        assert same in en_doc.paragraphs[paragraph].text
        assert same not in odd_doc.paragraphs[paragraph].text
    readme = (CORPORA / "README.md").read_text(encoding="utf-8")
    assert f"| {diff['id']} | `{diff['document']}` | `{diff['odd']}` |" in readme


def test_dropped_sentence_leaves_one_sentence_fewer():
    az = read_document(CORPORA / "demining-kalbajar" / "az.txt").paragraphs[3].text
    en = read_document(CORPORA / "demining-kalbajar" / "en.txt").paragraphs[3].text
    assert en.count(". ") == 1 and az.count(". ") == 0

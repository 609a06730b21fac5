"""Glossaries: TSV and TBX loading, terms found with inflections, concept matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligntext.check import compare_sentences, extract_entities, facts_match, load_glossary
from aligntext.errors import InputError

TSV = (
    "en\taz\tru\ttr\n"
    "UN Security Council\tBMT Təhlükəsizlik Şurası\tСовет Безопасности ООН\tBM Güvenlik Konseyi\n"
    "Ministry of Foreign Affairs|MFA\tXarici İşlər Nazirliyi\tМИД|Министерство иностранных дел\t"
    "Dışişleri Bakanlığı\n"
)

TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="c1">
  <langSet xml:lang="en"><tig><term>State Oil Fund</term></tig></langSet>
  <langSet xml:lang="az"><tig><term>Dövlət Neft Fondu</term></tig></langSet>
  <langSet xml:lang="ru"><tig><term>Государственный нефтяной фонд</term></tig></langSet>
  <langSet xml:lang="fr"><tig><term>Fonds pétrolier</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


@pytest.fixture()
def tsv(tmp_path: Path) -> Path:
    p = tmp_path / "terms.tsv"
    p.write_text(TSV, encoding="utf-8")
    return p


def test_tsv_terms_match_across_languages(tsv: Path) -> None:
    g = load_glossary(tsv)
    assert len(g) == 2
    en = next(f for f in extract_entities("The UN Security Council met today.", "en", g))
    ru = next(
        f for f in extract_entities("Заседание Совета Безопасности ООН прошло вчера.", "ru", g)
    )
    tr = next(f for f in extract_entities("BM Güvenlik Konseyi'nin toplantısı yapıldı.", "tr", g))
    assert en.key == ru.key == tr.key == "glossary:1"
    assert facts_match(en, ru)


def test_glossary_variants_and_quiet_comparison(tsv: Path) -> None:
    g = load_glossary(tsv)
    findings = compare_sentences(
        "The MFA issued a statement.",
        "Xarici İşlər Nazirliyi bəyanat yaydı.",
        "en",
        "az",
        glossary=g,
    )
    assert [f for f in findings if f.severity != "info"] == []


def test_tbx(tmp_path: Path) -> None:
    p = tmp_path / "terms.tbx"
    p.write_text(TBX, encoding="utf-8")
    g = load_glossary(p)
    assert sorted(t for t, _ in g.terms("az")) == ["Dövlət Neft Fondu"]
    assert g.terms("tr") == []
    az = extract_entities("Dövlət Neft Fondunun hesabatı dərc olundu.", "az", g)
    assert [f.key for f in az] == ["glossary:c1"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty"),
        ("term\tazeri\nA\tB\n", "header cell 'term' is not a language code"),
    ],
)
def test_bad_tsv(tmp_path: Path, content: str, message: str) -> None:
    p = tmp_path / "bad.tsv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_glossary(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_glossary(tmp_path / "nope.tsv")


def test_tsv_cells_are_literal_quotes_included(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(
        'en\tru\n"Azerenerji" OJSC\tОАО «Азерэнержи»\n"Baku Steel Company\tБакинская '
        "сталелитейная компания\nMilli Majlis\tПарламент|Национальное собрание\n",
        encoding="utf-8",
    )
    entries = load_glossary(path).entries
    assert ("glossary:1", "en", '"Azerenerji" OJSC') in entries
    # The row after an unclosed quote is a row of its own, not part of that cell.
    assert ("glossary:3", "en", "Milli Majlis") in entries
    assert ("glossary:3", "ru", "Национальное собрание") in entries


def test_a_glossary_term_translated_another_way_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(
        "en\ttr\nMine Action Agency\tMayın Temizleme Ajansı\n"
        "zone of responsibility\tsorumluluk bölgesi\n",
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    src = "The Mine Action Agency reported on the zone of responsibility."
    # As the glossary says (inflected): quiet.
    agreed = "Mayın Temizleme Ajansı sorumluluk bölgesi hakkında rapor verdi."
    assert compare_sentences(src, agreed, "en", "tr", glossary=glossary) == []
    # Another rendering of each term: one warning each, naming the glossary's form.
    other = "Mayından Arındırma Kurumu tüm sektör hakkında rapor verdi."
    found = compare_sentences(src, other, "en", "tr", glossary=glossary)
    assert [(f.type, f.severity) for f in found] == [("entity", "warning")] * 2
    assert "'Mayın Temizleme Ajansı' in Turkish" in found[0].message
    assert [s.text for f in found for s in f.src_spans] == [
        "Mine Action Agency",
        "zone of responsibility",
    ]
    # Without the glossary the checker has no such instruction.
    assert not [f for f in compare_sentences(src, other, "en", "tr") if f.severity == "warning"]

"""How the MT QA decision is learnt: signs by tables given in place of the shipped ones, and
the learning script's cross-fitting (each pair's signs by tables learnt without it).

Every sentence here was written for these tests.
"""

from __future__ import annotations

from aligntext.qa.decide import FEATURES, Tables, signs
from aligntext.qa.length import PairLength
from aligntext.qa.truncation import read_endings
from script_modules import load_script

AT = {f: i for i, f in enumerate(FEATURES)}


def _script(name: str):  # type: ignore[no-untyped-def]
    return load_script(name)


SRC = "The council met on Monday and approved the new budget for the city and its schools."
# Cut after a conjunction: no final mark, and "və" seldom ends an Azerbaijani sentence.
CUT = "Şura bazar ertəsi toplanıb və"


def test_signs_are_read_by_the_tables_given() -> None:
    shipped = signs(SRC, CUT, "en", "az")
    assert shipped.values[AT["end_rare"]] > 1.0 and shipped.z < 0
    # Tables in which "və" ends most lines it is in, and targets run a third of the source.
    ends = read_endings("# made for a test\naz\t*\t100\t2000\naz\tvə\t40\t50\n")
    lengths = {("en", "az"): PairLength(-1.2, 0.01, 0.0, 100)}
    mine = signs(SRC, CUT, "en", "az", Tables(lengths, ends))
    assert mine.values[AT["end_rare"]] == 0.0 and mine.values[AT["end_typical"]] > 1.0
    assert mine.z > 0 and mine.values[AT["z_short"]] == 0.0
    # A direction or language the tables lack: the wide default length, no ending score.
    bare = signs(SRC, CUT, "en", "az", Tables({}, {}))
    assert bare.values[AT["end_rare"]] == 0.0 and bare.values[AT["end_typical"]] == 0.0


def test_cross_fitted_tables_leave_their_fold_out() -> None:
    learn = _script("learn_mt_qa")
    # Sixty reports, each in English and Turkish: every line ends on "today" / "sunuldu".
    en = [f"Report number {i} on the harbour was filed today." for i in range(60)]
    tr = [f"Liman hakkındaki {i} numaralı rapor bugün sunuldu." for i in range(60)]
    pairs = {
        ("en", "tr"): list(zip(en, tr, strict=True)),
        ("tr", "en"): list(zip(tr, en, strict=True)),
    }
    rows = [{"en": e, "tr": t} for e, t in zip(en, tr, strict=True)]
    fold_of = learn.folds(pairs)
    # The two versions of a sentence share a fold; the folds are not all one.
    assert all(fold_of[e] == fold_of[t] for e, t in zip(en, tr, strict=True))
    assert len({fold_of[e] for e in en}) > 1
    for k in range(learn.FOLDS):
        kept = sum(fold_of[e] != k for e in en)
        tables = learn.tables_without(pairs, rows, fold_of, k)
        assert tables.length[("en", "tr")].n == kept
        assert tables.endings["en"].total["today"] == kept
        assert tables.endings["tr"].final["sunuldu"] == kept
    # All folds together make the shipped file's rows.
    lines = learn.endings_lines(rows)
    assert "en\ttoday\t60\t60" in lines and "tr\t*\t60\t" + str(60 * 7) in lines

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


def test_lines_of_one_story_share_a_fold(tmp_path) -> None:  # type: ignore[no-untyped-def]
    learn = _script("learn_mt_qa")
    # Forty stories of three reports each; docids.txt says which story a line is from.
    en = [f"Report {i} of story {i // 3} on the harbour was filed today." for i in range(120)]
    tr = [
        f"Liman hakkındaki {i // 3}. haberin {i} numaralı raporu bugün sunuldu." for i in range(120)
    ]
    for lang, lines in (("en", en), ("tr", tr), ("az", tr), ("ru", en)):
        (tmp_path / f"fourway.{lang}").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "docids.txt").write_text(
        "\n".join(f"story-{i // 3}" for i in range(120)) + "\n", encoding="utf-8"
    )
    pairs, _rows, stories = learn.load([f"{tmp_path}:3-119"])
    assert stories[en[3]] == stories[tr[5]] != stories[en[6]]
    fold_of = learn.folds(pairs, stories)
    for i in range(3, 120, 3):
        assert len({fold_of[en[j]] for j in range(i, i + 3)} | {fold_of[tr[i]]}) == 1
    assert len({fold_of[e] for e in en[3:]}) == learn.FOLDS
    # Without story ids the sentences of a story may land in different folds.
    by_line = learn.folds(pairs)
    assert any(len({by_line[en[j]] for j in range(i, i + 3)}) > 1 for i in range(3, 120, 3))
    # A folder without docids.txt: blocks of STORY_BLOCK consecutive lines are a story.
    keys = learn.story_keys(tmp_path / "none", "fourway", range(5, 30), 25)
    assert keys[0] == keys[4] != keys[5] == keys[14] != keys[15]


def test_document_shift_follows_the_documents_own_length() -> None:
    from aligntext.qa.length import MAX_SHIFT, document_shift, story_variance

    # Ten pairs all a z of 1 long, stories varying by 0.1: shrunk by 10 / (10 + 10).
    assert abs(document_shift([1.0] * 10, 0.1) - 0.5) < 1e-9
    # One broken pair moves the median little; a long document is capped.
    assert abs(document_shift([1.0] * 9 + [-8.0], 0.1) - 0.5) < 1e-9
    assert document_shift([3.0] * 200, 0.1) == MAX_SHIFT
    # No story variance (the shipped table without an @story row), or one pair: no shift.
    assert document_shift([2.0] * 10, 0.0) == 0.0 and document_shift([2.0], 0.1) == 0.0
    # Stories whose means spread no more than their pairs explain differ by nothing.
    assert story_variance([[1.0, -1.0], [-1.0, 1.0]]) == 0.0
    assert story_variance([[2.0, 2.0], [-2.0, -2.0]]) > 1.0


# A translator who writes the whole statement out at length (written for the project): every
# Azerbaijani sentence opens with a connective the English has none of.
PADDED = [
    (
        "The council met on Monday.",
        "Qeyd etmək lazımdır ki, şəhər şurası bazar ertəsi günü öz iclasını keçirib.",
    ),
    (
        "It approved the new budget.",
        "Bildirildiyi kimi, şura şəhərin yeni illik büdcəsini səs çoxluğu ilə təsdiqləyib.",
    ),
    (
        "The mayor thanked the members.",
        "Bundan sonra şəhər meri iclasda iştirak edən bütün üzvlərə öz təşəkkürünü bildirib.",
    ),
    (
        "Schools will get more money.",
        "Qeyd olunur ki, şəhərin məktəbləri gələn il əvvəlkindən daha çox vəsait alacaq.",
    ),
    (
        "The river bridge will be repaired.",
        "Bundan əlavə, şəhərin mərkəzindəki çay üzərindəki köhnə körpü təmir ediləcək.",
    ),
    (
        "Work starts in the spring.",
        "Məlumata görə, bu işlər gələn ilin yaz aylarında başlanacaq və davam edəcək.",
    ),
    (
        "Residents asked about parking.",
        "İclas zamanı şəhər sakinləri avtomobil dayanacaqları ilə bağlı suallar veriblər.",
    ),
    (
        "The council promised an answer.",
        "Şura isə bu suallara yaxın vaxtlarda ətraflı cavab veriləcəyini vəd edib.",
    ),
    (
        "A new park is planned.",
        "Bununla yanaşı, şəhərin şimal hissəsində yeni böyük bir park salınması planlaşdırılır.",
    ),
    (
        "The library will stay open later.",
        "Həmçinin şəhər kitabxanası bundan sonra axşam saatlarında daha gec bağlanacaq.",
    ),
    (
        "Bus fares will not change.",
        "Bununla belə, şəhər avtobuslarında gediş haqqı əvvəlki kimi dəyişməz qalacaq.",
    ),
    (
        "The next meeting is in May.",
        "Şuranın növbəti iclasının isə may ayında keçirilməsi nəzərdə tutulur.",
    ),
]


def test_a_file_is_judged_against_its_own_length() -> None:
    from importlib import resources

    from aligntext.qa import check_translation, check_translations
    from aligntext.qa.checks import document_length_shift
    from aligntext.qa.length import DATA_FILE, read_story_variance
    from aligntext.qa.run import check_document

    text = resources.files("aligntext").joinpath(f"data/{DATA_FILE}").read_text("utf-8")
    assert read_story_variance(text) > 0.0
    assert document_length_shift(PADDED, "en", "az") > 1.0
    # Alone, the longest of these sentences look padded; in their file they are its manner.
    alone = [
        f for i, (s, t) in enumerate(PADDED) for f in check_translation(s, t, "en", "az", pair=i)
    ]
    assert any(f.type == "length" for f in alone)
    assert not [f for f in check_translations(PADDED, "en", "az") if f.severity != "info"]
    findings, flagged = check_document([(s, True) for s, _ in PADDED], dict(PADDED), "en", "az")
    assert not findings and not flagged
    # A cut-off among them still stands out.
    cut = (
        "The council promised to answer every question the residents raised at the meeting.",
        "Şura sakinlərin iclasda qaldırdığı bütün",
    )
    found = check_translations([*PADDED[:7], cut, *PADDED[8:]], "en", "az")
    assert [(f.pair, f.type) for f in found if f.severity != "info"] == [(7, "truncated")]

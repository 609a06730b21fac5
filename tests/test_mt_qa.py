"""MT QA checks (aligntext.qa) on sentences written for this project, in all four languages."""

from __future__ import annotations

import pytest

from aligntext.qa import QA_TYPES, check_translation
from aligntext.qa.aztr import model as aztr_model
from aligntext.qa.length import length_z
from aligntext.qa.repetition import tandem_repeats
from aligntext.qa.truncation import ending_score

# One sentence in four languages, translated by hand for these tests.
SENT = {
    "en": "The ministry said on Monday that the new bridge over the river will open in spring.",
    "az": "Nazirlik bazar ertəsi bildirib ki, çay üzərindəki yeni körpü yazda açılacaq.",
    "ru": "В понедельник министерство сообщило, что новый мост через реку откроется весной.",
    "tr": "Bakanlık pazartesi günü nehir üzerindeki yeni köprünün baharda açılacağını söyledi.",
}
# A longer one, for cut-offs and additions.
LONG = {
    "en": "The delegation visited the port, met the workers of the shipyard and discussed "
    "the plans for the new terminal with the local authorities.",
    "az": "Nümayəndə heyəti limanı ziyarət edib, gəmiqayırma zavodunun işçiləri ilə görüşüb "
    "və yerli hakimiyyət orqanları ilə yeni terminalın planlarını müzakirə edib.",
    "ru": "Делегация посетила порт, встретилась с рабочими верфи и обсудила с местными "
    "властями планы строительства нового терминала.",
    "tr": "Heyet limanı ziyaret etti, tersane işçileriyle görüştü ve yerel yetkililerle yeni "
    "terminalin planlarını görüştü.",
}
# Sentences from elsewhere, appended to a translation.
OTHER = {
    "en": "Meanwhile, the football club Qarabag signed two players from Brazil for 3 million.",
    "az": "Bu arada Qarabağ futbol klubu Braziliyadan iki oyunçunu 3 milyona transfer edib.",
    "ru": "Тем временем футбольный клуб «Карабах» подписал двух бразильцев за 3 миллиона.",
    "tr": "Bu arada Karabağ futbol kulübü Brezilya'dan iki oyuncuyu 3 milyona transfer etti.",
}
PAIRS = [(a, b) for a in SENT for b in SENT if a != b]


def types(src: str, tgt: str, sl: str, tl: str) -> list[str]:
    return [f.type for f in check_translation(src, tgt, sl, tl) if f.severity != "info"]


@pytest.mark.parametrize(("sl", "tl"), PAIRS)
def test_genuine_translations_are_quiet(sl: str, tl: str) -> None:
    assert types(SENT[sl], SENT[tl], sl, tl) == []
    assert types(LONG[sl], LONG[tl], sl, tl) == []


@pytest.mark.parametrize("tl", list(SENT))
def test_looping_tail(tl: str) -> None:
    sl = "ru" if tl != "ru" else "en"
    body = SENT[tl].rstrip(".")
    last = body.split()[-1]
    found = check_translation(SENT[sl], f"{body} {last} {last} {last} {last} {last}", sl, tl)
    assert [(f.type, f.severity) for f in found] == [("repetition", "error")]
    assert found[0].tgt_spans and last in found[0].tgt_spans[0].text


@pytest.mark.parametrize("tl", list(SENT))
def test_repeated_clause(tl: str) -> None:
    sl = "en" if tl != "en" else "tr"
    words = LONG[tl].split()
    clause = " ".join(words[2:6])
    tgt = " ".join(words[:6]) + " " + clause + " " + " ".join(words[6:])
    assert types(LONG[sl], tgt, sl, tl) == ["repetition"]


def test_a_repeat_the_source_has_is_no_loop() -> None:
    src = "Go, go, go, go, they shouted."
    tgt = "Вперёд, вперёд, вперёд, вперёд, кричали они."
    assert "repetition" not in types(src, tgt, "en", "ru")


def test_a_looping_figure_is_called_a_word() -> None:
    # "12,5" is two tokens to the loop finder but one word to the reader.
    tgt = "Рост составил 12,5 12,5 12,5 12,5 12,5 процента."
    found = check_translation("Growth was 12.5 percent.", tgt, "en", "ru")
    assert [f.type for f in found][:1] == ["repetition"]
    assert 'repeats the word "12,5" 5 times' in found[0].message
    tgt = "Рост составил на севере на севере на севере на севере процента."
    found = check_translation("Growth was 12.5 percent in the north.", tgt, "en", "ru")
    assert 'repeats the 2-word phrase "на севере" 4 times' in found[0].message


def test_letters_looping_inside_a_word() -> None:
    assert types(SENT["en"], "Nazirlik lalalalalalalalala açılacaq.", "en", "az") == ["repetition"]


def test_tandem_repeats() -> None:
    tokens = ["a", "b", "c", "b", "c", "b", "c", "d"]
    assert [(r.start, r.unit, r.times) for r in tandem_repeats(tokens)] == [(1, 2, 3)]


@pytest.mark.parametrize(("sl", "tl"), PAIRS)
def test_source_copied(sl: str, tl: str) -> None:
    found = check_translation(LONG[sl], LONG[sl], sl, tl)
    assert [(f.type, f.severity) for f in found] == [("copy", "error")]


def test_names_alone_are_no_copy() -> None:
    assert types("Qarabag 2-1 Neftchi", "Qarabag 2-1 Neftchi", "en", "az") == []


@pytest.mark.parametrize("tl", ["az", "tr", "ru"])
def test_target_left_in_the_source_language(tl: str) -> None:
    # Not a copy of the source, but English all the same.
    tgt = "The ministry announced on Monday that a new bridge across the river opens in spring."
    found = check_translation(SENT["en"], tgt, "en", tl)
    assert [f.type for f in found] == ["copy"]
    assert "source's language" in found[0].message


@pytest.mark.parametrize(
    ("sl", "tl", "other"),
    [("en", "az", "tr"), ("ru", "az", "tr"), ("en", "tr", "az"), ("ru", "tr", "az")],
)
def test_turkish_for_azerbaijani_and_back(sl: str, tl: str, other: str) -> None:
    for text in (SENT[other], LONG[other], OTHER[other]):
        found = check_translation(SENT[sl], text, sl, tl)
        assert [f.type for f in found][:1] == ["wrong_language"], text


def test_wrong_language_other_scripts() -> None:
    found = check_translation(SENT["en"], LONG["ru"], "en", "az")
    assert [f.type for f in found] == ["wrong_language"]
    assert "Russian" in found[0].message
    found = check_translation(SENT["ru"], LONG["en"], "ru", "tr")
    assert [f.type for f in found] == ["wrong_language"]
    found = check_translation(
        SENT["en"], "Το υπουργείο ανακοίνωσε ότι η νέα γέφυρα ανοίγει.", "en", "tr"
    )
    assert [f.type for f in found] == ["wrong_language"]
    assert "Greek" in found[0].message


def test_azerbaijani_and_turkish_model_separates_the_test_sentences() -> None:
    m = aztr_model()
    for d in (SENT, LONG, OTHER):
        assert m.score(d["az"])[0] > 0
        assert m.score(d["tr"])[0] < 0


@pytest.mark.parametrize(("sl", "tl"), PAIRS)
def test_last_third_cut_off(sl: str, tl: str) -> None:
    text = LONG[tl]
    cut = text[: len(text) * 2 // 3].rsplit(" ", 1)[0]
    found = [f for f in check_translation(LONG[sl], cut, sl, tl) if f.severity != "info"]
    assert [f.type for f in found] in (["truncated"], ["length"]), cut


@pytest.mark.parametrize("tl", list(SENT))
def test_cut_on_a_word_that_never_ends_a_sentence(tl: str) -> None:
    ends = {"en": "the", "az": "və", "ru": "и", "tr": "ve"}
    assert ending_score(f"x {ends[tl]}", tl) < -1.5
    sl = "en" if tl != "en" else "ru"
    tgt = " ".join(LONG[tl].split()[:8]) + " " + ends[tl]
    assert types(LONG[sl], tgt, sl, tl) == ["truncated"]


@pytest.mark.parametrize(("sl", "tl"), PAIRS)
def test_sentence_appended(sl: str, tl: str) -> None:
    found = check_translation(SENT[sl], SENT[tl] + " " + OTHER[tl], sl, tl)
    assert [f.type for f in found if f.severity != "info"] == ["addition"]
    assert found[0].tgt_spans[0].text.startswith(OTHER[tl][:10])


@pytest.mark.parametrize(("sl", "tl"), [("en", "ru"), ("ru", "az"), ("az", "tr"), ("tr", "en")])
def test_length_far_off(sl: str, tl: str) -> None:
    # Not cut (it ends as a sentence) and nothing appended: just far too short.
    short = LONG[tl].split()[0] + " " + LONG[tl].split()[1] + "."
    assert length_z(LONG[sl], short, sl, tl) < -4
    found = check_translation(LONG[sl], short, sl, tl)
    assert [f.type for f in found] == ["length"]
    assert found[0].severity in ("warning", "error")


def test_findings_keep_the_contract() -> None:
    found = check_translation(SENT["en"], SENT["en"], "english", "az", pair=7)
    assert found[0].pair == 7 and found[0].src_lang == "en" and found[0].tgt_lang == "az"
    assert found[0].tgt_spans[0].segment == 7
    assert all(f.type in QA_TYPES for f in found)
    assert check_translation("", "x", "en", "az") == []
    assert check_translation("x", " ", "en", "az") == []


def test_decision_file_round_trips() -> None:
    from aligntext.qa.decide import FEATURES, Decision, read_decision, write_decision

    d = Decision(tuple(float(i) / 4 for i in range(len(FEATURES))), 1.5, 4.25)
    assert read_decision(write_decision(d, "made for a test")) == d


@pytest.mark.parametrize("tl", list(SENT))
def test_decision_signs_of_a_cut_and_an_appended_target(tl: str) -> None:
    from aligntext.qa.decide import FEATURES, decision, signs

    sl = "en" if tl != "en" else "ru"
    whole = signs(LONG[sl], LONG[tl], sl, tl)
    cut = signs(LONG[sl], " ".join(LONG[tl].split()[:7]), sl, tl)
    longer = signs(SENT[sl], SENT[tl] + " " + OTHER[tl], sl, tl)
    at = {f: i for i, f in enumerate(FEATURES)}
    assert cut.values[at["no_mark"]] == 1.0 and whole.values[at["no_mark"]] == 0.0
    assert cut.values[at["z_short"]] > whole.values[at["z_short"]]
    assert longer.tail is not None and longer.tail.k == 1
    assert longer.values[at["tail_new"]] >= 1  # "3", "Qarabag" are not in the source
    d = decision()
    assert d.logit(whole.values) < d.warning
    assert d.logit(cut.values) >= d.warning and d.logit(longer.values) >= d.warning
    # More of the same sign never makes a pair look less broken.
    assert d.weights[at["z_short"]] > 0 and d.weights[at["has_tail"]] > 0


@pytest.mark.parametrize("tl", list(SENT))
def test_cut_on_a_comma_is_truncated_and_whole_sentences_are_not(tl: str) -> None:
    sl = "en" if tl != "en" else "az"
    head = LONG[tl].split(",")[0] + ","
    found = [f for f in check_translation(LONG[sl], head, sl, tl) if f.severity != "info"]
    assert [f.type for f in found] == ["truncated"], head
    assert "stops mid-sentence" in found[0].message
    for d in (SENT, LONG, OTHER):
        assert types(d[sl], d[tl], sl, tl) == []


def test_word_endings_are_read_and_scored() -> None:
    from aligntext.qa.truncation import MIN_SUFFIX_SEEN, read_endings

    # 100 lines of 1,000 words: one word in ten ends a line. "-nin" (a genitive) occurred
    # 200 times and ended no line; "-ldi" (a past tense) ended 80 of its 100.
    n = MIN_SUFFIX_SEEN
    text = (
        "# made for a test\n"
        "tr\t*\t100\t1000\n"
        "tr\tgeldi\t40\t50\n"
        "tr\t-nin\t0\t200\n"
        "tr\t-ldi\t80\t100\n"
        f"tr\t-rar\t0\t{n - 1}\n"
    )
    model = read_endings(text)["tr"]
    assert "-nin" not in model.total and model.suffix_total["nin"] == 200
    assert model.suffix_score("şehrin") == 0.0  # "-rin" never seen: no say
    assert model.suffix_score("evinin") < -1.5
    assert model.suffix_score("bildi") > 1.0
    assert model.suffix_score("tekrar") == 0.0  # seen too seldom to judge
    assert model.score("geldi") > 1.0


@pytest.mark.parametrize(
    ("src", "tgt", "opened"),
    [
        ('He said: "We will build it."', 'Dedi: "Onu tikəcəyik', True),
        ("Он сказал: «Мы его построим».", "He said: “We will", True),
        ('He said: "We will build it."', 'Dedi: "Onu tikəcəyik."', False),
        ("A plain sentence.", "Обычное предложение", False),
        # Russian closes „ with “: a whole quotation, not an open one.
        ('He said: "We will build it."', "Он сказал: „Мы его построим“.", False),
        ('He said: "We will build it."', "Он сказал: „Мы его", True),
    ],
)
def test_a_target_cut_inside_a_quotation_leaves_it_open(src: str, tgt: str, opened: bool) -> None:
    from aligntext.qa.decide import FEATURES, quote_open, signs

    assert quote_open(tgt) is opened and not quote_open(src)
    sl = "ru" if "Он" in src else "en"
    cyrillic = any("а" <= c <= "я" for c in tgt.lower())
    tl = "ru" if cyrillic else ("en" if tgt.startswith("He") else "az")
    assert signs(src, tgt, sl, tl).values[FEATURES.index("quote_open")] == float(opened)


def test_decision_signs_count_sentences_and_the_source_length() -> None:
    from aligntext.qa.decide import FEATURES, signs

    at = {f: i for i, f in enumerate(FEATURES)}
    whole = signs(SENT["en"], SENT["tr"], "en", "tr")
    added = signs(SENT["en"], SENT["tr"] + " " + OTHER["tr"], "en", "tr")
    assert whole.values[at["more_sentences"]] == 0.0 and added.values[at["more_sentences"]] == 1.0
    # Longer sources have a larger src_len; a heading-length one a negative one.
    assert signs(LONG["en"], LONG["az"], "en", "az").values[at["src_len"]] > 0.0
    assert signs("Bridge opens", "Körpü açılır", "en", "az").values[at["src_len"]] < 0.0


# Headings: the source given a full stop, the translation without one, as translators of
# news headlines often do. A short heading without its mark is no cut-off sentence.
HEADINGS = [
    ("en", "tr", "Council opens new park to the public.", "Belediye yeni parkı halka açtı"),
    ("en", "ru", "Storm closes schools across the region.", "Шторм закрыл школы по всему региону"),
    ("tr", "en", "Belediye yeni parkı halka açtı.", "Council opens new park to the public"),
    ("ru", "az", "В городе открылась новая библиотека.", "Şəhərdə yeni kitabxana açıldı"),
]


@pytest.mark.parametrize(("sl", "tl", "src", "tgt"), HEADINGS)
def test_a_heading_that_lost_its_full_stop_is_not_truncated(
    sl: str, tl: str, src: str, tgt: str
) -> None:
    assert types(src, tgt, sl, tl) == []


# A quotation closed without a full stop inside it: the translation ends where the quoted
# sentence does (mt-qa-5 took the first two for cut-offs). Cut inside the quotation, it is one.
QUOTED = 'The minister told reporters: "We have built a great relationship with our neighbours."'
QUOTE_CLOSED = [
    ("en", "az", QUOTED, 'Nazir jurnalistlərə dedi: "Biz qonşularımızla əla münasibət qurmuşuq"'),
    (
        "en",
        "tr",
        QUOTED,
        'Bakan gazetecilere şunları söyledi: "Komşularımızla harika bir ilişki kurduk"',
    ),
    (
        "en",
        "ru",
        QUOTED,
        "Министр сказал журналистам: «Мы построили прекрасные отношения с нашими соседями»",
    ),
]


@pytest.mark.parametrize(("sl", "tl", "src", "tgt"), QUOTE_CLOSED)
def test_a_quotation_closed_without_its_full_stop_is_not_truncated(
    sl: str, tl: str, src: str, tgt: str
) -> None:
    assert types(src, tgt, sl, tl) == []
    cut = tgt[: tgt.rindex(" ", 0, len(tgt) // 2 + 25)]
    assert "truncated" in types(src, cut, sl, tl)


def test_short_word_endings_back_off_where_longer_ones_are_unseen() -> None:
    from aligntext.qa.decide import FEATURES, Tables, signs
    from aligntext.qa.truncation import MIN_SUFFIX_SEEN, read_endings

    # 100 lines of 1,000 words. "-in" (two letters, a genitive) occurred 60 times and ended
    # no line; "-tı" (a past tense) ended 50 of its 60; "-ldi" and the word "geldi" are known.
    n = MIN_SUFFIX_SEEN
    text = (
        "# made for a test\n"
        "tr\t*\t100\t1000\n"
        "tr\tgeldi\t40\t50\n"
        "tr\t-ldi\t80\t100\n"
        f"tr\t=in\t0\t{2 * n}\n"
        f"tr\t=tı\t50\t{2 * n}\n"
        f"tr\t=ar\t0\t{n - 1}\n"
    )
    table = read_endings(text)
    model = table["tr"]
    assert model.short_total["in"] == 2 * n and "=in" not in model.total
    assert "in" not in model.suffix_total
    assert model.suffix_score("şehrin") == 0.0 and model.short_suffix_score("şehrin") < -1.5
    assert model.backoff_score("şehrin") == model.short_suffix_score("şehrin")
    assert model.backoff_score("açtı") > 1.0  # "açtı" and "-çtı" unseen: "-tı" ends lines
    assert model.backoff_score("geldi") == model.score("geldi")  # the word itself first
    assert model.backoff_score("buldi") == model.suffix_score("buldi")  # then three letters
    assert model.backoff_score("kalar") == 0.0  # "-ar" seen too seldom to judge
    at = {f: i for i, f in enumerate(FEATURES)}
    cut = signs(
        "The council opened the new park.",
        "Belediye yeni parkı şehrin",
        "en",
        "tr",
        Tables({}, table),
    ).values
    assert cut[at["end_rare"]] == 0.0 and cut[at["suffix_rare"]] == 0.0
    assert cut[at["end_any_rare"]] > 1.5 and cut[at["end_any_typical"]] == 0.0


@pytest.mark.parametrize(
    ("lang", "text", "parts"),
    [
        # A quotation that closes within the line is part of the sentence around it.
        ("tr", 'Dalgıç, çocuğun "Beni ısırdı! Beni ısırdı!" diye bağırdığını söyledi.', 1),
        ("ru", "Охранник услышал крик „Пожар! Выходите!“ и побежал в зал.", 1),
        ("az", "Meri dedi: «Körpü mayda açılacaq. İşlər plan üzrə gedir». Sakinlər razıdır.", 2),
        ("en", 'He said "We will go. We will win. We will stay." Then he left.', 2),
        # A quotation left open (it goes on in the next paragraph) holds nothing together.
        ("en", 'He said "we will go. Police said the road was closed.', 2),
    ],
)
def test_sentences_are_not_split_inside_a_closed_quotation(
    lang: str, text: str, parts: int
) -> None:
    from aligntext.qa.text import split_sentences

    assert len(split_sentences(text, lang)) == parts


def test_an_exclamation_inside_a_quotation_is_no_extra_sentence() -> None:
    from aligntext.qa.decide import FEATURES, signs

    src = 'The diver said the boy kept shouting "It bit me!" until the boat came.'
    tgt = (
        'Dalgıç, tekne gelene kadar çocuğun "Beni ısırdı! Beni ısırdı!" diye bağırıp '
        "durduğunu söyledi."
    )
    s = signs(src, tgt, "en", "tr")
    assert s.values[FEATURES.index("more_sentences")] == 0.0 and s.tail is None
    assert not types(src, tgt, "en", "tr")


# A translator who splits a sentence keeps its names in both halves; a sentence from another
# story shares none (mt-qa-10).
KIN_SRC = (
    "The new bridge over the Kura river in Mingachevir will open in May, "
    "Mayor Ramil Aliyev told reporters on Tuesday."
)
KIN_SPLIT = (
    "Mingeçevir'deki Kura nehri üzerindeki yeni köprü mayısta açılacak. "
    "Belediye Başkanı Ramil Aliyev salı günü gazetecilere bunu söyledi."
)
KIN_APPENDED = (
    "Mingeçevir'deki Kura nehri üzerindeki yeni köprü mayısta açılacak ve Belediye Başkanı "
    "Ramil Aliyev salı günü gazetecilere bunu söyledi. Fiyatlar geçen hafta yüzde beş yükseldi."
)


def test_trailing_sentences_that_keep_the_source_names_are_kin() -> None:
    from aligntext.qa.addition import kin_share

    tail_split = KIN_SPLIT.split(". ", 1)[1]
    tail_appended = KIN_APPENDED.rsplit(". ", 1)[1]
    assert kin_share(tail_split, "tr", KIN_SRC, "en") > 0.3
    assert kin_share(tail_appended, "tr", KIN_SRC, "en") == 0.0
    # A tail with no long word says nothing either way.
    assert kin_share("Evet.", "tr", KIN_SRC, "en") == 1.0


def test_the_decision_weighs_whether_trailing_sentences_share_a_name() -> None:
    from aligntext.qa.decide import FEATURES, decision, signs

    at = {f: i for i, f in enumerate(FEATURES)}
    appended = signs(KIN_SRC, KIN_APPENDED, "en", "tr")
    assert appended.tail is not None
    assert appended.values[at["tail_unshared"]] == 1.0
    assert appended.values[at["tail_shared"]] == 0.0
    weights = decision().weights
    # Learnt, not written: sharing nothing with the source counts against a trailing sentence.
    assert weights[at["tail_unshared"]] > weights[at["tail_shared"]]
    assert "addition" in types(KIN_SRC, KIN_APPENDED, "en", "tr")
    assert "addition" not in types(KIN_SRC, KIN_SPLIT, "en", "tr")


def test_a_close_azerbaijani_turkish_translation_is_no_copy():
    # Names and shared words make a real translation 89% alike letter for letter.
    az = "Denver, Kolorado və Tulsa, Oklahoma arasında 30 dərəcə fərq var."
    tr = "Denver, Colorado ve Tulsa, Oklahoma arasında 30 derece fark var."
    assert check_translation(az, tr, "az", "tr") == []
    assert check_translation(tr, az, "tr", "az") == []
    # The source with a word changed is still a copy: it reads as the source's language.
    src = "Nazirlər Kabineti yeni qərar qəbul edib və bu qərar sabahdan qüvvəyə minəcək."
    near = "Nazirlər Kabineti yeni qərar qəbul edib və bu qərar bu gündən qüvvəyə minəcək."
    assert [f.type for f in check_translation(src, near, "az", "tr")] == ["copy"]
    assert [f.type for f in check_translation(src, src, "az", "tr")] == ["copy"]

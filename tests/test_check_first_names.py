"""A first name changed before a surname kept is another person: "Ilham Aliyev" / "Heydər Əliyev".

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from aligntext.check.lexicon import is_title
from finding_helpers import flags as _flags


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl", "message"),
    [
        (
            "President Ilham Aliyev received the delegation.",
            "en",
            "Prezident Heydər Əliyev nümayəndə heyətini qəbul edib.",
            "az",
            "name Ilham Aliyev in source; target has Heydər Əliyev (another first name)",
        ),
        (
            "President Ilham Aliyev received the delegation.",
            "en",
            "Президент Гейдар Алиев принял делегацию.",
            "ru",
            "name Ilham Aliyev in source; target has Гейдар Алиев (another first name)",
        ),
        (
            "Делегацию принял Ильхам Алиев.",
            "ru",
            "Heyeti Haydar Aliyev kabul etti.",
            "tr",
            "name Ильхам Алиев in source; target has Haydar Aliyev (another first name)",
        ),
        # A Russian surname that is also a word ("Заев").
        (
            "Mayor Rustam Zaev met the envoy on Friday.",
            "en",
            "В пятницу мэр Тимур Заев встретился с посланником.",
            "ru",
            "name Rustam Zaev in source; target has Тимур Заев (another first name)",
        ),
        # A name run into the next one in Azerbaijani ("Vüqar Əhmədov Gəncəyə").
        (
            "Deputy Prime Minister Ali Ahmadov visited Ganja.",
            "en",
            "Baş nazirin müavini Vüqar Əhmədov Gəncəyə səfər edib.",
            "az",
            "name Ali Ahmadov in source; target has Vüqar Əhmədov (another first name)",
        ),
        # An English first name that is also a word ("brett"): Webster lists it as a name.
        (
            "Ambassador Brett Hamilton met the minister on Friday.",
            "en",
            "В пятницу посол Тимур Гамильтон встретился с министром.",
            "ru",
            "name Brett Hamilton in source; target has Тимур Гамильтон (another first name)",
        ),
        (
            "Ambassador Brett Hamilton met the minister on Friday.",
            "en",
            "Səfir Rəşad Həmilton cümə günü nazirlə görüşüb.",
            "az",
            "name Brett Hamilton in source; target has Rəşad Həmilton (another first name)",
        ),
        # A surname that is also a word ("carter", "mason"), listed as a name by Webster's.
        (
            "Coach Daniel Carter praised the team on Sunday.",
            "en",
            "В воскресенье тренер Борис Картер похвалил команду.",
            "ru",
            "name Daniel Carter in source; target has Борис Картер (another first name)",
        ),
        (
            "Coach Samir Mason praised the team on Sunday.",
            "en",
            "Məşqçi Rəşad Meyson bazar günü komandanı tərifləyib.",
            "az",
            "name Samir Mason in source; target has Rəşad Meyson (another first name)",
        ),
        # A surname that is a word in the source, a surname by OpenCorpora in the target.
        (
            "Coach Daniel Parker praised the team on Sunday.",
            "en",
            "В воскресенье тренер Борис Паркер похвалил команду.",
            "ru",
            "name Daniel Parker in source; target has Борис Паркер (another first name)",
        ),
        # An English first name that is also a word, on the target side.
        (
            "В пятницу посол Тимур Гамильтон встретился с министром.",
            "ru",
            "Ambassador Brett Hamilton met the minister on Friday.",
            "en",
            "name Тимур Гамильтон in source; target has Brett Hamilton (another first name)",
        ),
    ],
)
def test_another_first_name_is_another_person(
    src: str, sl: str, tgt: str, tl: str, message: str
) -> None:
    assert _flags(src, tgt, sl, tl) == [("warning", message)]


@pytest.mark.parametrize(
    ("src", "sl", "tgt", "tl"),
    [
        # The first name dropped, or written in the other script.
        ("The delegation was received by Ilham Aliyev.", "en", "Heyəti Əliyev qəbul edib.", "az"),
        (
            "The delegation was received by Ilham Aliyev.",
            "en",
            "Heyəti İlham Əliyev qəbul edib.",
            "az",
        ),
        (
            "The delegation was received by Ilham Aliyev.",
            "en",
            "Делегацию принял Ильхам Алиев.",
            "ru",
        ),
        ("Hugh Hefner founded the magazine.", "en", "Журнал основал Хью Хефнер.", "ru"),
        (
            "Ambassador Brett Hamilton met the minister on Friday.",
            "en",
            "В пятницу посол Бретт Гамильтон встретился с министром.",
            "ru",
        ),
        (
            "Coach Daniel Carter praised the team on Sunday.",
            "en",
            "В воскресенье тренер Даниэль Картер похвалил команду.",
            "ru",
        ),
        (
            "Coach Daniel Parker praised the team on Sunday.",
            "en",
            "В воскресенье тренер Даниэль Паркер похвалил команду.",
            "ru",
        ),
        # A title where the first name was.
        (
            "The delegation was received by Ilham Aliyev.",
            "en",
            "Heyəti Prezident Əliyev qəbul edib.",
            "az",
        ),
        (
            "The delegation was received by Ilham Aliyev.",
            "en",
            "Heyeti Cumhurbaşkanı Aliyev kabul etti.",
            "tr",
        ),
        ("Делегацию принял Ильхам Алиев.", "ru", "The delegation was received by Mr Aliyev.", "en"),
        # The translated words of a body's name.
        (
            "Baku State University opened a faculty.",
            "en",
            "Bakı Dövlət Universiteti fakültə açıb.",
            "az",
        ),
    ],
)
def test_the_same_person_stays_quiet(src: str, sl: str, tgt: str, tl: str) -> None:
    assert _flags(src, tgt, sl, tl) == []


@pytest.mark.parametrize(
    ("word", "lang", "title"),
    [
        ("President", "en", True),
        ("Президента", "ru", True),
        ("вице-премьер", "ru", True),
        ("Cumhurbaşkanı", "tr", True),
        ("Prezidenti", "az", True),
        ("Heydər", "az", False),
        ("Bayramov", "tr", False),
    ],
)
def test_titles(word: str, lang: str, title: bool) -> None:
    assert is_title(word, lang) is title


# Fact accuracy (`evaluate`): a reference and a hypothesis in one language.
@pytest.mark.parametrize(
    ("lang", "ref", "hyp", "correct"),
    [
        (
            "en",
            "President Ilham Aliyev received the delegation.",
            "President Heydar Aliyev received the delegation.",
            0,
        ),
        (
            "az",
            "Prezident İlham Əliyev nümayəndə heyətini qəbul edib.",
            "Prezident Heydər Əliyev nümayəndə heyətini qəbul edib.",
            0,
        ),
        (
            "ru",
            "Президент Ильхам Алиев принял делегацию.",
            "Президент Гейдар Алиев принял делегацию.",
            0,
        ),
        (
            "tr",
            "Cumhurbaşkanı İlham Aliyev heyeti kabul etti.",
            "Cumhurbaşkanı Haydar Aliyev heyeti kabul etti.",
            0,
        ),
        # The same person with a title or without the first name.
        (
            "az",
            "Prezident İlham Əliyev nümayəndə heyətini qəbul edib.",
            "Azərbaycan Prezidenti İlham Əliyev nümayəndə heyətini qəbul edib.",
            1,
        ),
        (
            "ru",
            "Президент Ильхам Алиев принял делегацию.",
            "Президент Алиев принял делегацию.",
            1,
        ),
        ("en", "Foreign Minister Jeyhun Bayramov spoke.", "Minister Bayramov spoke.", 1),
        ("en", "Hugh Grant spoke at the opening.", "Hew Grant spoke at the opening.", 1),
    ],
)
def test_fact_accuracy_counts_another_first_name_as_another_person(
    lang: str, ref: str, hyp: str, correct: int
) -> None:
    from aligntext.evaluate import fact_accuracy

    count = fact_accuracy([hyp], [ref], lang).count("entity")
    assert (count.total, count.correct) == (1, correct)


@pytest.mark.parametrize(
    ("a", "la", "b", "lb", "same"),
    [
        (
            "President Ilham Aliyev met them.",
            "en",
            "Президент Гейдар Алиев встретился с ними.",
            "ru",
            False,
        ),
        (
            "President Ilham Aliyev met them.",
            "en",
            "Президент Ильхам Алиев встретился с ними.",
            "ru",
            True,
        ),
        (
            "They met in North Korea today.",
            "en",
            "Они встретились сегодня в Северной Корее.",
            "ru",
            True,
        ),
        ("Hugh Grant spoke.", "en", "Выступил Хью Грант.", "ru", True),
        ("Ambassador Brett Hamilton arrived.", "en", "Прибыл посол Тимур Гамильтон.", "ru", False),
        ("Ambassador Brett Hamilton arrived.", "en", "Прибыл посол Бретт Гамильтон.", "ru", True),
    ],
)
def test_facts_match_tells_two_first_names_apart_across_languages(
    a: str, la: str, b: str, lb: str, same: bool
) -> None:
    from aligntext.check import extract_facts, facts_match

    (x,) = [f for f in extract_facts(a, la) if f.kind == "entity"]
    (y,) = [f for f in extract_facts(b, lb) if f.kind == "entity"]
    assert facts_match(x, y) is same

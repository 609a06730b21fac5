"""Words news translates the same way everywhere, learned from parallel text and shipped
(aligntext.check.word_links, scripts/learn_links.py).

Sentences written for this project.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aligntext.check import compare, compare_sentences
from aligntext.check.word_links import Tables, WordLinks, read_table, word_links, write_table
from script_modules import load_script

# A parallel text in which "Asian" is always a form of "азиатский" (a translated word no
# spelling rule joins), in a different story each time.
TEXT = [
    ("Asian markets rose on Monday.", "В понедельник азиатские рынки выросли."),
    ("The Asian Games opened in Jakarta.", "В Джакарте открылись Азиатские игры."),
    ("Asian airlines ordered new planes.", "Азиатские авиакомпании заказали новые самолёты."),
    ("Two Asian teams reached the final.", "Две азиатские команды вышли в финал."),
    ("The ministers discussed Asian trade.", "Министры обсудили азиатскую торговлю."),
    ("Asian leaders met in Seoul.", "Азиатские лидеры встретились в Сеуле."),
]
# A short statement that names the bank once: its own text teaches nothing, and alone the
# translated word reads as a name swapped.
ONE = (
    "Delegates from the Asian Development Bank arrived in Baku.",
    "Делегаты Азиатского банка развития прибыли в Баку.",
)


def links_table(folder: Path, stories: list[str] | None = None) -> Tables:
    """The table learned from :data:`TEXT` (each line a story of its own unless ``stories``
    says), written and read back as the shipped one is."""
    (folder / "fourway.en").write_text("\n".join(s for s, _ in TEXT) + "\n", encoding="utf-8")
    (folder / "fourway.ru").write_text("\n".join(t for _, t in TEXT) + "\n", encoding="utf-8")
    ids = stories or [f"story{i}" for i in range(len(TEXT))]
    (folder / "docids.txt").write_text("\n".join(ids) + "\n", encoding="utf-8")
    return read_table(write_table(load_script("learn_links").learn([str(folder)]), "test"))


def _learned(tmp_path: Path) -> WordLinks:
    return WordLinks("en", "ru", links_table(tmp_path))


def _entity_warnings(src: str, tgt: str, lexicon: WordLinks | None) -> list[str]:
    found = compare_sentences(src, tgt, "en", "ru", lexicon=lexicon)
    return [f.message for f in found if f.type == "entity" and f.severity == "warning"]


def test_the_learned_links_join_a_word_a_short_text_translates_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = _learned(tmp_path)
    assert links.links(*ONE) == {"asian": "aziat"}
    # Either direction of the pair reads the same table.
    back = WordLinks("ru", "en", links_table(tmp_path))
    assert back.links(ONE[1], ONE[0]) == {"aziat": "asian"}
    # The checker asks the shipped table of every pair: without links the pair alone is
    # flagged; with the learned ones in the shipped table's place it is not.
    monkeypatch.setattr(compare, "word_links", lambda a, b: WordLinks(a, b, {}))
    assert _entity_warnings(*ONE, None)
    monkeypatch.setattr(compare, "word_links", lambda a, b: links)
    assert _entity_warnings(*ONE, None) == []


def test_a_name_swapped_in_is_not_explained_by_the_links(tmp_path: Path) -> None:
    links = _learned(tmp_path)
    src = "Delegates from the Asian Development Bank met Senator Hollis in Baku."
    tgt = "Делегаты Азиатского банка развития встретились с сенатором Брандтом в Баку."
    assert links.links(src, tgt) == {"asian": "aziat"}
    assert _entity_warnings(src, tgt, links)


def test_the_table_is_written_the_same_way_each_time(tmp_path: Path) -> None:
    first = links_table(tmp_path)
    assert first == links_table(tmp_path)
    assert first[("en", "ru")][("asian", "aziat")] >= 0.5
    # Words that merely share a sentence now and then are not linked.
    assert ("marke", "aziat") not in first[("en", "ru")]


def test_words_that_go_together_in_one_story_only_are_not_linked(tmp_path: Path) -> None:
    # The same lines as one story: "Asian" there could be a name the story pairs with a word.
    assert links_table(tmp_path, ["one"] * len(TEXT)).get(("en", "ru"), {}) == {}
    # Stories told by headlines where the data has no ids: two stories, each opening with a
    # line that has no final mark.
    learn = load_script("learn_links")
    assert learn._documents(["Asian markets up", "A.", "B.", "Asian Games open", "C."]) == [
        0,
        0,
        0,
        1,
        1,
    ]


def test_the_shipped_table_is_read_for_every_pair_of_languages() -> None:
    for a, b in (("en", "ru"), ("ru", "en"), ("az", "tr"), ("tr", "en")):
        assert word_links(a, b)._rows, f"no shipped links for {a}-{b}"
    assert word_links("en", "ru").links("The Committee met.", "Комитет собрался.")
    # A language compared with itself has no table: nothing links, nothing breaks.
    assert word_links("en", "en").links("The Committee met.", "The Committee met.") == {}

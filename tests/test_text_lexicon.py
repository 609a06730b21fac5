"""The lexicon a text teaches about its own translation (aligntext.check.text_lexicon).

Sentences written for this project.
"""

from __future__ import annotations

from pathlib import Path

from aligntext.check import check_pairs, compare_sentences
from aligntext.check.text_lexicon import BLOCK, BlockLexicons, TextLexicon, stem
from aligntext.pipeline.compare import compare_versions

# "Asian" is translated, not transcribed: no spelling rule joins it with "Азиатские".
GAMES = [
    (
        "The Asian Games opened in Jakarta on Saturday.",
        "В субботу в Джакарте открылись Азиатские игры.",
    ),
    (
        "Kazakhstan sent 800 athletes to Jakarta for the Asian Games.",
        "Казахстан отправил в Джакарту на Азиатские игры 800 спортсменов.",
    ),
    (
        "Two paragliders trained in Jakarta for the Asian Games are missing.",
        "Пропали двое парапланеристов, готовившихся в Джакарте к Азиатским играм.",
    ),
    (
        "The Asian Games end in Jakarta on 2 September.",
        "Азиатские игры завершатся в Джакарте 2 сентября.",
    ),
    (
        "Tickets for the Asian Games sold out in a week.",
        "Билеты на Азиатские игры раскупили за неделю.",
    ),
    (
        "Volunteers at the Asian Games speak four languages.",
        "Волонтёры Азиатских игр говорят на четырёх языках.",
    ),
]


def _warnings(findings: list) -> list[tuple[int, str]]:  # type: ignore[type-arg]
    return [(f.pair, f.message) for f in findings if f.type == "entity" and f.severity == "warning"]


def test_one_pair_alone_takes_the_translated_word_for_a_swap() -> None:
    # What the lexicon is for: judged alone, the pair looks like a name swapped.
    src, tgt = GAMES[0]
    assert _warnings(compare_sentences(src, tgt, "en", "ru")) == [
        (0, "entity Asian in source; target has Азиатские")
    ]


def test_a_word_the_rest_of_the_bitext_translates_is_no_swap() -> None:
    assert _warnings(check_pairs(GAMES, "en", "ru")) == []


def test_a_swapped_name_is_still_caught() -> None:
    pairs = list(GAMES)
    pairs[1] = (pairs[1][0], pairs[1][1].replace("в Джакарту", "в Бангкок"))
    found = _warnings(check_pairs(pairs, "en", "ru"))
    assert (1, "entity Jakarta in source; target has Бангкок") in found
    assert {pair for pair, _ in found} == {1}


def test_compare_learns_from_the_whole_document(tmp_path: Path) -> None:
    en, ru = tmp_path / "en.txt", tmp_path / "ru.txt"
    en.write_text("\n\n".join(s for s, _ in GAMES) + "\n", encoding="utf-8")
    ru.write_text("\n\n".join(t for _, t in GAMES) + "\n", encoding="utf-8")
    report = compare_versions([en, ru], ["en", "ru"])
    assert _warnings(list(report.findings[0])) == []


def test_links_come_from_the_other_pairs_only() -> None:
    lex = TextLexicon.learn(GAMES[:3], "en", "ru")
    # Three pairs are too few: the other two showing "Asian" with "Азиатские" may be chance.
    assert lex.links(*GAMES[0]) == {}
    lex = TextLexicon.learn(GAMES, "en", "ru")
    links = lex.links(*GAMES[0])
    assert links[stem("Asian", "en")] == stem("Азиатские", "ru")
    # Taking a pair out for the count leaves the lexicon as it was.
    assert lex.links(*GAMES[0]) == links


def test_a_word_keeping_company_with_a_name_does_not_stand_for_it() -> None:
    # "brand" and "Zelva" always go together; in the last pair the translation of the name is
    # gone, and "марку" (brand) must not be taken for it.
    pairs = [
        ("She founded the brand Zelva in 2016.", "Она основала марку Зельва в 2016 году."),
        ("The brand Zelva sells soap.", "Марка Зельва продаёт мыло."),
        ("Sales of the brand Zelva doubled.", "Продажи марки Зельва удвоились."),
        ("The brand Zelva opened a shop.", "Марка Зельва открыла магазин."),
        ("Her brand Zelva hired ten people.", "Её марка Зельва наняла десять человек."),
    ]
    lex = TextLexicon.learn(pairs, "en", "ru")
    swapped = ("She left the brand Zelva.", "Она ушла из марки Бриз.")
    lex.add(*swapped)
    assert stem("Zelva", "en") not in lex.links(*swapped)


def test_long_bitexts_are_learned_one_block_at_a_time() -> None:
    pairs = GAMES * 200
    assert len(pairs) > 2 * BLOCK
    blocks = BlockLexicons(pairs, "en", "ru")
    first = blocks.for_pair(0)
    assert blocks.for_pair(BLOCK - 1) is first
    second = blocks.for_pair(BLOCK)
    assert second is not first
    # A block counts its own pairs only ("Asian" is in every pair of the bitext).
    assert second._n[0][stem("Asian", "en")] == BLOCK


def test_a_changed_pair_is_checked_against_the_rest_of_the_text() -> None:
    # leaving_out(original) on the unchanged counts links as a text with the pair changed.
    changed = (GAMES[2][0], GAMES[2][1].replace("Азиатским", "Балтийским"))
    lex = TextLexicon.learn(GAMES, "en", "ru")
    viewed = lex.leaving_out(*GAMES[2]).links(*changed)
    lex.add(*GAMES[2], sign=-1)
    lex.add(*changed)
    assert viewed == lex.links(*changed)
    assert stem("Asian", "en") not in viewed


# Word pairs for a made-up text in which words share pairs more and less often than chance.
_VOCAB = [
    ("Jakarta", "Джакарта"),
    ("Asian", "Азиатские"),
    ("games", "игры"),
    ("athletes", "спортсмены"),
    ("Kazakhstan", "Казахстан"),
    ("tickets", "билеты"),
    ("volunteers", "волонтёры"),
    ("Bangkok", "Бангкок"),
    ("river", "река"),
    ("bridge", "мост"),
]


def _made_up_pairs(n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` pairs of four vocabulary words, the target dropping one and sometimes adding
    another (so Dice values vary and some partners of a pair are not its best)."""
    import random

    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        picked = rng.sample(_VOCAB, 4)
        kept = picked[: rng.choice((3, 4))] + ([rng.choice(_VOCAB)] if rng.random() < 0.4 else [])
        pairs.append((" ".join(s for s, _ in picked), " ".join(t for _, t in kept)))
    return pairs


def _full_row_links(lex: TextLexicon, src: str, tgt: str, left_out: tuple[str, str]) -> dict:  # type: ignore[type-arg]
    """links() as worked out from every partner's Dice (the way before the ranked rows)."""
    from aligntext.check.text_lexicon import link_one_to_one, stems

    s_set, t_set = frozenset(stems(src, "en")), frozenset(stems(tgt, "ru"))
    s_out, t_out = frozenset(stems(left_out[0], "en")), frozenset(stems(left_out[1], "ru"))
    return link_one_to_one(
        s_set,
        t_set,
        lambda s: lex._dice(0, s, s_out, t_out),
        lambda t: max(lex._dice(1, t, t_out, s_out).values(), default=0.0),
    )


def test_links_from_ranked_rows_are_those_of_the_full_rows() -> None:
    pairs = _made_up_pairs(60, seed=7)
    lex = TextLexicon.learn(pairs, "en", "ru")
    linked = 0
    for k, pair in enumerate(pairs):
        got = lex.links(*pair)
        assert got == _full_row_links(lex, *pair, left_out=pair)
        linked += len(got)
        # A changed pair checked against the rest of the text (the other pair left out).
        other = pairs[(k + 1) % len(pairs)]
        assert lex.leaving_out(*other).links(*pair) == _full_row_links(lex, *pair, left_out=other)
    assert linked > len(pairs)  # the text links words: the comparison above is no empty one


def test_ranked_rows_stay_bounded_by_the_words_of_the_block() -> None:
    pairs = _made_up_pairs(60, seed=11)
    lex = TextLexicon.learn(pairs, "en", "ru")
    for pair in pairs * 3:
        lex.links(*pair)
    for side in (0, 1):
        # At most one ranked row per word and per "is it in the pair left out" (two).
        assert 0 < len(lex._ranked[side]) <= 2 * len(lex._n[side])
    # Counting another pair changes every Dice: the rows go.
    lex.add(*pairs[0])
    assert lex._ranked == ({}, {})

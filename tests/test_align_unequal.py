"""Aligning versions of very different lengths: one sentence, a few scattered sentences or an
excerpt against a long document. The document is generated from bilingual templates written
for these tests (line k of each side is the same sentence)."""

from __future__ import annotations

import random

import pytest

from aligntext.align import align
from aligntext.align import search as align_search
from aligntext.align.features import side_features, unify_fact_keys
from aligntext.types import LOW_CONFIDENCE

_PEOPLE = [
    ("Ali Hasanov", "Али Гасанов"),
    ("Mehmet Yilmaz", "Мехмет Йылмаз"),
    ("Giorgi Beridze", "Гиорги Беридзе"),
    ("Daniyar Akhmetov", "Данияр Ахметов"),
    ("Marco Rossi", "Марко Росси"),
    ("Kenji Sato", "Кэндзи Сато"),
]
# English, genitive, accusative.
_COUNTRIES = [
    ("Turkey", "Турции", "Турцию"),
    ("Georgia", "Грузии", "Грузию"),
    ("Kazakhstan", "Казахстана", "Казахстан"),
    ("Italy", "Италии", "Италию"),
    ("Japan", "Японии", "Японию"),
    ("Brazil", "Бразилии", "Бразилию"),
    ("Canada", "Канады", "Канаду"),
    ("Egypt", "Египта", "Египет"),
]
# English, prepositional, accusative.
_CITIES = [
    ("Baku", "Баку", "Баку"),
    ("Ankara", "Анкаре", "Анкару"),
    ("Tbilisi", "Тбилиси", "Тбилиси"),
    ("Astana", "Астане", "Астану"),
    ("Rome", "Риме", "Рим"),
    ("Osaka", "Осаке", "Осаку"),
]
# English, genitive, accusative.
_GOODS = [
    ("cotton", "хлопка", "хлопок"),
    ("wheat", "пшеницы", "пшеницу"),
    ("steel", "стали", "сталь"),
    ("tea", "чая", "чай"),
    ("grapes", "винограда", "виноград"),
    ("wool", "шерсти", "шерсть"),
]
# English, genitive, prepositional.
_MONTHS = [
    ("March", "марта", "марте"),
    ("April", "апреля", "апреле"),
    ("June", "июня", "июне"),
    ("October", "октября", "октябре"),
    ("November", "ноября", "ноябре"),
]


def _pair(rng: random.Random, plain: bool = False) -> tuple[str, str]:
    p, c, city, g, mo = (
        rng.choice(_PEOPLE),
        rng.choice(_COUNTRIES),
        rng.choice(_CITIES),
        rng.choice(_GOODS),
        rng.choice(_MONTHS),
    )
    x = rng.randint(3, 95)
    templates = [
        (
            f"{p[0]} met the trade minister of {c[0]} on {x % 28 + 1} {mo[0]}.",
            f"{p[1]} встретился с министром торговли {c[1]} {x % 28 + 1} {mo[1]}.",
        ),
        (
            f"Exports of {g[0]} to {c[0]} rose by {x} percent last year.",
            f"Экспорт {g[1]} в {c[2]} вырос на {x} процентов в прошлом году.",
        ),
        (
            f"The ministry said the talks would continue in {city[0]}.",
            f"Министерство сообщило, что переговоры продолжатся в {city[1]}.",
        ),
        (
            f"Officials expect the new agreement to lower customs duties on {g[0]}.",
            f"Чиновники ожидают, что новое соглашение снизит таможенные пошлины на {g[2]}.",
        ),
        (
            f"{p[0]} said that {x} companies had already signed contracts.",
            f"{p[1]} заявил, что контракты уже подписали {x} компаний.",
        ),
        (
            f"The delegation from {c[0]} will visit {city[0]} in {mo[0]}.",
            f"Делегация из {c[1]} посетит {city[2]} в {mo[2]}.",
        ),
        (
            f"Why did the price of {g[0]} fall so sharply?",
            f"Почему цена на {g[2]} упала так резко?",
        ),
        (
            f"Farmers in {c[0]} complained about the lack of water.",
            f"Фермеры {c[1]} пожаловались на нехватку воды.",
        ),
        (
            f"The bank raised its forecast for economic growth to {x % 9}.{x % 7} percent.",
            f"Банк повысил прогноз экономического роста до {x % 9},{x % 7} процента.",
        ),
        (
            f"Negotiations on the railway project have lasted {x} months.",
            f"Переговоры по проекту железной дороги длятся уже {x} месяцев.",
        ),
        (
            f"{p[0]} thanked the partners for their support.",
            f"{p[1]} поблагодарил партнёров за поддержку.",
        ),
        (
            f"The new port in {city[0]} can handle {x} thousand containers a year.",
            f"Новый порт в {city[1]} может принимать {x} тысяч контейнеров в год.",
        ),
    ]
    if plain:  # no numbers: the weak anchors of most news sentences
        templates = [t for t in templates if not any(ch.isdigit() for ch in t[0])]
    return rng.choice(templates)


def _document(n: int, seed: int = 7, plain: bool = False) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    en: list[str] = []
    ru: list[str] = []
    seen: set[str] = set()
    while len(en) < n:
        e, r = _pair(rng, plain)
        if e not in seen:  # a repeated sentence could not be placed by anyone
            seen.add(e)
            en.append(e)
            ru.append(r)
    return en, ru


def _placed(en: list[str], ru_part: list[str], rows: list[int]) -> dict[int, tuple[int, float]]:
    """Target position -> (source row it was aligned with, confidence), 1-1 beads only."""
    result = align(en, ru_part, "en", "ru")
    return {
        b.tgt[0]: (b.src[0], b.confidence)
        for b in result.beads
        if len(b.src) == 1 and len(b.tgt) == 1
    }


def test_excerpt_of_a_long_document_is_aligned_in_full() -> None:
    # 20 consecutive sentences of 200: the 180 source sentences left over once made leaving
    # target sentences unaligned cheap too (the two null bead types shared one rate).
    en, ru = _document(200)
    rows = list(range(90, 110))
    placed = _placed(en, [ru[k] for k in rows], rows)
    assert {t: s for t, (s, _) in placed.items()} == dict(enumerate(rows))


def test_excerpt_far_from_the_length_diagonal_is_found_by_the_band(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Force the banded search (as on long documents): the first 30 sentences of 240 lie far
    # from the diagonal of cumulative lengths, which a band of the usual width missed.
    monkeypatch.setattr(align_search, "FULL_SEARCH_CELLS", 1000)
    en, ru = _document(240, seed=11)
    rows = list(range(30))
    placed = _placed(en, [ru[k] for k in rows], rows)
    correct = sum(1 for t, (s, _) in placed.items() if s == rows[t])
    assert correct >= 28


def test_scattered_sentences_are_found() -> None:
    en, ru = _document(200, seed=3)
    rows = [12, 57, 101, 150, 188]
    placed = _placed(en, [ru[k] for k in rows], rows)
    for t, row in enumerate(rows):
        if t in placed and placed[t][0] != row:
            assert placed[t][1] < LOW_CONFIDENCE, (t, row, placed[t])
    assert sum(1 for t, row in enumerate(rows) if placed.get(t, (-1,))[0] == row) >= 4


def test_lone_sentence_with_several_equal_places_has_low_confidence() -> None:
    # The same sentence three times in a long document: its lone translation fits each copy
    # as well, which the margin over leaving it unaligned (confidence 1.0) did not show.
    en, _ = _document(180, seed=5)
    line_en = "Ambassador Olaf Lindqvist discussed the new customs rules."
    line_ru = "Посол Улаф Линдквист обсудил новые таможенные правила."
    for row in (30, 90, 150):
        en[row] = line_en
    placed = _placed(en, [line_ru], [90])
    assert placed[0][0] in (30, 90, 150)
    assert placed[0][1] < LOW_CONFIDENCE


def test_lone_sentence_is_found_with_high_confidence() -> None:
    en, ru = _document(250, seed=9)
    for row in (0, 77, 203, 249):
        placed = _placed(en, [ru[row]], [row])
        assert placed[0][0] == row
        assert placed[0][1] >= 0.9


def test_dense_alignment_keeps_its_confidence() -> None:
    # Beads with aligned neighbours have no rival places: the confidence is the margin's.
    en, ru = _document(40, seed=2)
    result = align(en, ru, "en", "ru")
    assert all(b.confidence > 0.9 for b in result.beads if b.src and b.tgt)


def test_fact_goes_to_the_closest_matching_name() -> None:
    # 'Бориса Джонсона' loosely matches the earlier 'Brislane' too; it must pair with the
    # source's 'Boris Johnson', or the right sentence loses its anchor.
    src = [
        "The council thanked Ned Brislane for twenty years of service.",
        "Critics challenged Boris Johnson on his tax plans.",
    ]
    tgt = ["Критики оспорили налоговые планы Бориса Джонсона."]
    sf, tf = side_features(src, "en"), side_features(tgt, "ru")
    unify_fact_keys(sf, tf)
    assert tf.fact_keys[0] & sf.fact_keys[1]
    assert not tf.fact_keys[0] & sf.fact_keys[0]


def test_unaligned_source_sentences_do_not_make_target_gaps_cheap() -> None:
    # A first pass with 200 source sentences left over and none of the target: the second
    # pass must not learn that target sentences go unaligned as often.
    from aligntext.align.features import CostParams
    from aligntext.align.priors import _prior_shift
    from aligntext.types import Bead

    beads = [Bead((k,), (k,), 5.0, 1.0) for k in range(20)]
    beads += [Bead((k,), (), 0.0, 1.0) for k in range(20, 220)]
    shift = dict(_prior_shift(CostParams(), beads))
    assert shift[(1, 0)] < -2.0
    assert shift[(0, 1)] >= 0.0


def test_band_covers_an_excerpt_of_a_long_document() -> None:
    from aligntext.align.band import band_half, content_half, diagonal_band

    en, ru = _document(240, seed=11)
    sf, tf = (
        side_features(en, "en", with_facts=False),
        side_features(ru[:30], "ru", with_facts=False),
    )
    half = content_half(sf, tf, 1.12)
    assert half >= 25
    band = diagonal_band(sf, tf, band_half(240, 30) + half)
    # The excerpt's path: source row k holds target k (k <= 30), then stays at 30.
    for i in range(241):
        assert band.lo[i] <= min(i, 30) < band.hi[i]
    same = side_features(ru, "ru", with_facts=False)
    assert content_half(sf, same, 1.12) == 0

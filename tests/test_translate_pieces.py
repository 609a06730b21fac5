"""Cutting sentences longer than a model's positions (translate/pieces.py)."""

from __future__ import annotations

from aligntext.translate.pieces import split_to_fit


def test_a_word_too_long_is_cut_alone_and_the_other_words_stay_whole() -> None:
    # One token per character: the link alone is over the budget. The words around it were
    # cut between characters too ("repo rt") and the link's parts joined with spaces.
    link = "https://example.org/" + "a" * 70
    text = f"The report lists every source at {link} for readers who want more"
    pieces = split_to_fit(text, len, 40)
    assert all(len(p) <= 40 - 8 for p in pieces)
    assert pieces[0] == "The report lists every source at"
    assert pieces[-1] == "readers who want more"
    middle = " ".join(pieces[1:-1])
    assert middle.endswith(" for") and middle[: -len(" for")].replace(" ", "") == link
    assert middle.count(" ") == len(pieces) - 2  # spaces only between pieces, not inside one

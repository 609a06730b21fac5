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


def test_token_counter_learns_the_special_tokens_once():
    from aligntext.translate.pieces import token_counter

    calls: list[list[str]] = []

    def encode(texts: list[str]) -> list[list[int]]:
        calls.append(texts)
        return [[0] * (len(t.split()) + 1) for t in texts]  # one end-of-sentence token

    count = token_counter(encode)
    assert [count("a b c"), count("a b"), count("")] == [3, 2, 0]
    # The special tokens are learnt once; each text is tokenised once (it was twice).
    assert calls == [[""], ["a b c"], ["a b"], [""]]

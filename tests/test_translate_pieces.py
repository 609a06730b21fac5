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


def test_backends_tokenise_the_empty_text_once_per_model(tmp_path, monkeypatch):
    from aligntext.translate import load_translator
    from tiny_models import tiny_model

    monkeypatch.setenv("ALIGNTEXT_MODELS", str(tmp_path / "models"))
    for backend in ("ct2", "hf"):
        translator = load_translator(
            "en", "ru", model=str(tiny_model("marian")), backend=backend, beam_size=1
        )
        real = translator._encode
        empty: list[int] = []

        def encode(texts, real=real, empty=empty):
            empty.extend(1 for t in texts if t == "")
            return real(texts)

        monkeypatch.setattr(translator, "_encode", encode)
        # Long enough to be measured against the model's positions (short ones are not).
        long = ", ".join(f"the mayor met delegation number {j}" for j in range(40))
        out = translator.translate([f"{long} on day {i}." for i in range(5)])
        assert len(out) == 5
        assert len(empty) <= 1, backend  # was one per sentence

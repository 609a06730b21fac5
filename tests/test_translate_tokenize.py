"""The CTranslate2 backend's torch-free tokenisers against the transformers tokenizers.

Each family's tokeniser (:mod:`aligntext.translate.tokenize`) must give exactly the pieces
the model's transformers tokenizer gives (same special tokens, same unknowns, same
truncation) and decode output pieces to the same text; and the ct2 backend must translate
without importing torch. transformers is imported here, as the reference only.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from aligntext.errors import InputError
from aligntext.translate.tokenize import (
    M2M100Pieces,
    MarianPieces,
    NllbPieces,
    TransformersPieces,
    load_piece_tokenizer,
)
from tiny_models import tiny_model

pytestmark = pytest.mark.model

#: Written for these tests: the four languages, unknown characters, odd spacing.
SENTENCES = [
    "The committee will review the agreement on 14 March 2025.",
    "Imports of grain fell by 3.7 percent in the first quarter.",
    "Komitə sazişi 14 mart 2025-ci ildə nəzərdən keçirəcək.",
    "Birinci rübdə taxıl idxalı 3,7 faiz azalıb; Şəki, Gəncə, Ağdam.",
    "Комитет рассмотрит соглашение 14 марта 2025 года.",
    "Импорт зерна в первом квартале сократился на 3,7 процента — «данные Ёлкина».",
    "Komite anlaşmayı 14 Mart 2025'te inceleyecek.",
    "Tahıl ithalatı ilk çeyrekte yüzde 3,7 düştü; Iğdır, Şırnak, İzmir.",
    "  Çift   boşluklar  ve sekme\tkarakteri  ",
    "ﬁ ½ Ⅳ ★ 😀 € ¶",
    "ÇĞİÖŞÜ çğıöşü Əə Ёё",
    "a </s> b <unk>c",
    "x",
]

#: Plain sentences: the sentencepiece NLLB fallback follows sentencepiece itself, which
#: differs from transformers' converted tokenizer on runs of spaces and special tokens.
PLAIN = [s for s in SENTENCES if s == " ".join(s.split()) and "<" not in s]


def _hf(path: Path, src_code: str | None = None):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(path))
    if src_code is not None:
        tokenizer.src_lang = src_code
    return tokenizer


def _hf_pieces(tokenizer, texts, max_length):
    ids = tokenizer(texts, truncation=True, max_length=max_length)["input_ids"]
    return [tokenizer.convert_ids_to_tokens(row) for row in ids]


CASES = [
    # (arch, target_tokens, family, src_code, prefix, library)
    ("marian", False, "marian", None, None, "sentencepiece"),
    ("marian", True, "marian", None, ">>aze_Latn<<", "sentencepiece"),
    ("marian", True, "marian", None, ">>tur<<", "sentencepiece"),
    ("m2m100", False, "m2m100", "az", None, "sentencepiece"),
    ("m2m100", False, "m2m100", "ru", None, "sentencepiece"),
    ("nllb", False, "nllb", "azj_Latn", None, "tokenizers"),
    ("nllb", False, "nllb", "tur_Latn", None, "tokenizers"),
]


@pytest.mark.parametrize(("arch", "multi", "family", "src_code", "prefix", "library"), CASES)
def test_encode_matches_transformers(arch, multi, family, src_code, prefix, library):
    path = tiny_model(arch, target_tokens=multi)
    ours = load_piece_tokenizer(path, family, src_code)
    assert ours.library == library
    texts = [f"{prefix} {s}" for s in SENTENCES] if prefix else SENTENCES
    want = _hf_pieces(_hf(path, src_code), texts, ours.max_length)
    assert ours.encode(texts) == want
    if prefix:
        assert all(row[0] == prefix for row in want)


@pytest.mark.parametrize(("arch", "multi", "family", "src_code", "prefix", "library"), CASES)
def test_decode_matches_transformers(arch, multi, family, src_code, prefix, library):
    path = tiny_model(arch, target_tokens=multi)
    hf = _hf(path, src_code)
    ours = load_piece_tokenizer(path, family, src_code)
    # transformers 5's M2M100 get_vocab leaves out the language tokens: add them
    ids = sorted({*hf.get_vocab().values(), *getattr(hf, "lang_token_to_id", {}).values()})
    rng = random.Random(7)
    # random output rows, special and language tokens included, plus real encodings
    rows = [[rng.choice(ids) for _ in range(rng.randrange(1, 20))] for _ in range(200)]
    rows += hf(SENTENCES)["input_ids"]
    got = ours.decode([hf.convert_ids_to_tokens(row) for row in rows])
    # transformers 5 no longer counts M2M100's language tokens as special (4.x did, and
    # decoded them away); they are no text, so ours drops them as 4.x did
    lang_ids = set(getattr(hf, "lang_token_to_id", {}).values())
    rows = [[i for i in row if i not in lang_ids] for row in rows]
    want = hf.batch_decode(rows, skip_special_tokens=True, clean_up_tokenization_spaces=False)
    assert got == [t.strip() for t in want]


def test_nllb_sentencepiece_fallback(tmp_path):
    """Without tokenizer.json, NLLB runs on sentencepiece.bpe.model with fairseq's mapping."""
    folder = tmp_path / "nllb"
    shutil.copytree(tiny_model("nllb"), folder)
    (folder / "tokenizer.json").unlink()
    ours = load_piece_tokenizer(folder, "nllb", "rus_Cyrl")
    assert isinstance(ours, NllbPieces) and ours.library == "sentencepiece"
    hf = _hf(tiny_model("nllb"), "rus_Cyrl")
    assert ours.encode(PLAIN) == _hf_pieces(hf, PLAIN, ours.max_length)
    rows = hf(PLAIN)["input_ids"]
    want = hf.batch_decode(rows, skip_special_tokens=True, clean_up_tokenization_spaces=False)
    got = ours.decode([hf.convert_ids_to_tokens(r) for r in rows])
    assert got == [t.strip() for t in want]


@pytest.mark.parametrize(
    ("arch", "family", "src_code"),
    [("marian", "marian", None), ("m2m100", "m2m100", "az"), ("nllb", "nllb", "azj_Latn")],
)
def test_truncation_matches_transformers(tmp_path, arch, family, src_code):
    folder = tmp_path / arch
    shutil.copytree(tiny_model(arch), folder)
    config_file = folder / "tokenizer_config.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))
    config["model_max_length"] = 12
    config_file.write_text(json.dumps(config), encoding="utf-8")
    ours = load_piece_tokenizer(folder, family, src_code)
    assert ours.max_length == 12
    long = [" ".join(SENTENCES[:4]), "Bakı"]
    got = ours.encode(long)
    assert len(got[0]) == 12 and got[0][-1] == "</s>"
    assert got == _hf_pieces(_hf(folder, src_code), long, 12)


@pytest.mark.parametrize(
    ("arch", "family", "src_code", "cls"),
    [
        ("marian", "marian", None, MarianPieces),
        ("m2m100", "m2m100", "tr", M2M100Pieces),
        ("nllb", "nllb", "eng_Latn", NllbPieces),
    ],
)
def test_falls_back_to_transformers_without_files(monkeypatch, arch, family, src_code, cls):
    from aligntext.translate import tokenize

    path = tiny_model(arch)
    ours = load_piece_tokenizer(path, family, src_code)
    assert isinstance(ours, cls)
    monkeypatch.setitem(tokenize.FAMILY_FILES, family, (("no-such-file.model",),))
    fallback = load_piece_tokenizer(path, family, src_code)
    assert isinstance(fallback, TransformersPieces) and fallback.library == "transformers"
    assert fallback.encode(SENTENCES) == ours.encode(SENTENCES)
    # without M2M100's __xx__ tokens, which transformers 5 decodes as text
    rows = [[p for p in row if not p.startswith("__")] for row in ours.encode(SENTENCES)]
    assert fallback.decode(rows) == ours.decode(rows)


@pytest.mark.parametrize(
    ("arch", "family", "src_code", "message"),
    [
        ("m2m100", "m2m100", "azj_Latn", "M2M100 has no language code 'azj_Latn'"),
        ("nllb", "nllb", "az", "has no language code 'az'"),
        ("nllb", "nllb", None, "a nllb model needs a source language code"),
    ],
)
def test_bad_language_codes(arch, family, src_code, message):
    with pytest.raises(InputError, match=message):
        load_piece_tokenizer(tiny_model(arch), family, src_code)


_TORCH_FREE = textwrap.dedent(
    """
    import json, sys
    from aligntext.pipeline import translate_folder
    from aligntext.translate import load_translator

    model, src, tgt, folder, out = sys.argv[1:6]
    translator = load_translator(
        src, tgt, model=model, backend="ct2", device="cpu", beam_size=2, max_new_tokens=4
    )
    texts = translator.translate(["Komitə sazişi nəzərdən keçirəcək.", "", "Bakı"])
    run = translate_folder(
        [folder], src, [tgt], out, translator_factory=lambda s, t: translator, cache=False
    )
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "transformers"))
    print(json.dumps({"texts": texts, "translated": run.translated, "heavy": heavy[:5]}))
    """
)


@pytest.mark.parametrize(
    ("arch", "multi", "tgt"),
    [
        ("marian", False, "ru"),
        ("marian", True, "tr"),
        ("m2m100", False, "ru"),
        ("nllb", False, "en"),
    ],
)
def test_ct2_backend_does_not_import_torch(tmp_path, monkeypatch, arch, multi, tgt):
    from aligntext.translate.ct2 import convert_to_ct2

    monkeypatch.setenv("ALIGNTEXT_MODELS", str(tmp_path / "store"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    # converting needs transformers and torch: done here, before the clean process
    converted = convert_to_ct2(
        str(tiny_model(arch, target_tokens=multi)), family=arch, output=tmp_path / "ct2"
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Hökumət hesabatı dərc edəcək. Tərəflər razılaşdılar.\n\nBakı\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            _TORCH_FREE,
            str(converted),
            "az",
            tgt,
            str(folder),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["heavy"] == []
    assert result["texts"][1] == "" and result["texts"][0] and result["texts"][2]
    assert result["translated"] >= 2
    assert (tmp_path / "out" / tgt / "a.txt").is_file()

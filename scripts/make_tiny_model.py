#!/usr/bin/env python
"""Build a randomly initialised translation model with a real SentencePiece tokenizer.

No model hub is reachable from the machines aligntext is tested on, so tests and benchmarks
build their models: the architecture of a real family (Marian / OPUS-MT, M2M100, NLLB-200),
a few layers of small width (or the exact shape of ``Helsinki-NLP/opus-mt-en-ru`` with
``--shape opus-mt-en-ru``), a SentencePiece model trained on a handful of sentences written
for this project in English, Azerbaijani, Russian and Turkish, the tokenizer files each
family ships, and ``save_pretrained`` (safetensors). The folder then loads exactly like a
downloaded model: ``aligntext translate --model OUT`` or
``load_translator(src, tgt, model=OUT)``. Its translations are nonsense: random weights.

The vocabulary of ``--shape opus-mt-en-ru`` (62518 entries, as the real model) cannot be
learnt from a few lines: the trained pieces come first and the rest of ``vocab.json`` is
filled with placeholder pieces that the SentencePiece model never produces (they decode to
the unknown piece). The embedding matrices, the output projection and hence the decoder's
cost per step have the real size, which is what a speed benchmark needs.

Usage::

    python scripts/make_tiny_model.py OUT --arch marian|m2m100|nllb [--shape tiny|opus-mt-en-ru]
        [--target-tokens]

Importable: ``from make_tiny_model import make_tiny_model`` (with ``scripts/`` on
``sys.path``; ``tests/tiny_models.py`` does this for the tests).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

#: Sentences the SentencePiece models are trained on, written for this project.
CORPUS: dict[str, tuple[str, ...]] = {
    "en": (
        "The Ministry of Foreign Affairs issued a statement on 6 April 1993.",
        "The delegation met the President in Baku on Monday.",
        "Exports grew by 12.5 percent to 60,000 tonnes last year.",
        "The parties agreed to continue the negotiations in good faith.",
        "The government will publish the full report next month.",
        "Parliament approved the budget for 2024 by 95 votes to 12.",
        "The Prime Minister thanked the international partners for their support.",
        "A new railway line between Ankara and Kars will open in May.",
    ),
    "az": (
        "Xarici İşlər Nazirliyi 6 aprel 1993-cü ildə bəyanat yaydı.",
        "Nümayəndə heyəti bazar ertəsi Bakıda Prezidentlə görüşdü.",
        "İxrac keçən il 12,5 faiz artaraq 60 000 tona çatıb.",
        "Tərəflər danışıqları vicdanla davam etdirməyə razılaşdılar.",
        "Hökumət tam hesabatı gələn ay dərc edəcək.",
        "Parlament 2024-cü il büdcəsini 12 əleyhinə 95 səslə təsdiqlədi.",
        "Baş nazir beynəlxalq tərəfdaşlara dəstəyə görə təşəkkür etdi.",
        "Ankara ilə Qars arasında yeni dəmir yolu xətti may ayında açılacaq.",
    ),
    "ru": (
        "Министерство иностранных дел распространило заявление 6 апреля 1993 года.",
        "В понедельник делегация встретилась с Президентом в Баку.",
        "В прошлом году экспорт вырос на 12,5 процента до 60 000 тонн.",
        "Стороны договорились добросовестно продолжить переговоры.",
        "Правительство опубликует полный доклад в следующем месяце.",
        "Парламент утвердил бюджет на 2024 год 95 голосами против 12.",
        "Премьер-министр поблагодарил международных партнёров за поддержку.",
        "Новая железная дорога между Анкарой и Карсом откроется в мае.",
    ),
    "tr": (
        "Dışişleri Bakanlığı 6 Nisan 1993 tarihinde bir açıklama yaptı.",
        "Heyet pazartesi günü Bakü'de Cumhurbaşkanı ile görüştü.",
        "İhracat geçen yıl yüzde 12,5 artarak 60.000 tona ulaştı.",
        "Taraflar müzakerelere iyi niyetle devam etme konusunda anlaştı.",
        "Hükümet raporun tamamını gelecek ay yayımlayacak.",
        "Meclis 2024 bütçesini 12'ye karşı 95 oyla kabul etti.",
        "Başbakan uluslararası ortaklara destekleri için teşekkür etti.",
        "Ankara ile Kars arasındaki yeni demiryolu hattı mayısta açılacak.",
    ),
}

#: Model sizes. ``tiny`` builds in a second or two; ``opus-mt-en-ru`` is the real model's shape.
SHAPES: dict[str, dict[str, int]] = {
    "tiny": {
        "d_model": 32,
        "layers": 2,
        "heads": 2,
        "ffn": 64,
        "vocab": 0,  # 0: just the trained pieces
        "max_positions": 256,
    },
    "opus-mt-en-ru": {
        "d_model": 512,
        "layers": 6,
        "heads": 8,
        "ffn": 2048,
        "vocab": 62518,
        "max_positions": 512,
    },
}

ARCHS: tuple[str, ...] = ("marian", "m2m100", "nllb")

#: OPUS-MT target tokens of the four languages (as ``Helsinki-NLP/opus-mt-en-trk`` spells them).
TARGET_TOKENS: tuple[str, ...] = (">>eng<<", ">>aze_Latn<<", ">>rus<<", ">>tur<<")

#: NLLB-200 codes of the four languages (the tokenizer adds all 200, as the real one).
NLLB_CODES: tuple[str, ...] = ("eng_Latn", "azj_Latn", "rus_Cyrl", "tur_Latn")


def _train_spm(model_type: str, vocab_size: int) -> bytes:
    """Train a SentencePiece model on :data:`CORPUS`; returns the serialized model."""
    import sentencepiece as spm

    lines = [line for lang in CORPUS.values() for line in lang]
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type=model_type,
        character_coverage=1.0,
        hard_vocab_limit=False,  # a few lines cannot fill a fixed size: take what they give
        # fairseq-style ids for the BPE families, Marian's own for unigram
        unk_id=1 if model_type == "unigram" else 0,
        bos_id=-1 if model_type == "unigram" else 1,
        eos_id=0 if model_type == "unigram" else 2,
        pad_id=-1,
        minloglevel=2,
        num_threads=1,
    )
    return buffer.getvalue()


def _pieces(spm_bytes: bytes) -> list[str]:
    import sentencepiece as spm

    proc = spm.SentencePieceProcessor(model_proto=spm_bytes)
    return [proc.id_to_piece(i) for i in range(proc.get_piece_size())]


def _fill(vocab: dict[str, int], size: int, reserved: int = 0) -> None:
    """Pad ``vocab`` with placeholder pieces until it has ``size - reserved`` entries."""
    i = 0
    while len(vocab) < size - reserved:
        vocab.setdefault(f"▁⟨filler{i}⟩", len(vocab))
        i += 1


def _build_marian(out: Path, shape: dict[str, int], target_tokens: bool) -> object:
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    spm_bytes = _train_spm("unigram", 300)
    # Marian's vocab.json: </s> 0, <unk> 1, the pieces, the >>xxx<< tokens, <pad> last.
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for piece in _pieces(spm_bytes):
        vocab.setdefault(piece, len(vocab))
    if target_tokens:
        for token in TARGET_TOKENS:
            vocab.setdefault(token, len(vocab))
    if shape["vocab"]:
        _fill(vocab, shape["vocab"], reserved=1)
    vocab["<pad>"] = len(vocab)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("source.spm", "target.spm"):
        (out / name).write_bytes(spm_bytes)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(out / "source.spm"),
        target_spm=str(out / "target.spm"),
        vocab=str(out / "vocab.json"),
        model_max_length=shape["max_positions"],
    )
    size = len(vocab)
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=size,
        decoder_vocab_size=size,
        **_dimensions(shape),
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        static_position_embeddings=True,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
    )
    model = MarianMTModel(config)
    model.generation_config.bad_words_ids = [[pad]]
    model.generation_config.max_length = shape["max_positions"]
    model.generation_config.num_beams = 4
    return model, tokenizer


def _build_m2m100(out: Path, shape: dict[str, int]) -> object:
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    spm_bytes = _train_spm("bpe", 300)
    vocab: dict[str, int] = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in _pieces(spm_bytes):
        vocab.setdefault(piece, len(vocab))
    extra = 100 + 8  # the tokenizer appends 100 language tokens and 8 "madeup" words
    if shape["vocab"]:
        _fill(vocab, shape["vocab"], reserved=extra)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sentencepiece.bpe.model").write_bytes(spm_bytes)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = M2M100Tokenizer(
        vocab_file=str(out / "vocab.json"),
        spm_file=str(out / "sentencepiece.bpe.model"),
        model_max_length=shape["max_positions"],
    )
    # the 100 language tokens and the 8 "madeup" words follow the pieces, as in fairseq
    size = len(vocab) + len(tokenizer.lang_token_to_id) + tokenizer.num_madeup_words
    return _m2m_model(M2M100Config, M2M100ForConditionalGeneration, shape, size), tokenizer


def _build_nllb(out: Path, shape: dict[str, int]) -> object:
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    spm_bytes = _train_spm("bpe", 300)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sentencepiece.bpe.model").write_bytes(spm_bytes)
    # transformers converts the SentencePiece model into a fast (tokenizers) NLLB tokenizer
    # with the fairseq id offset; the 202 language codes become special tokens, as in the
    # real checkpoint's tokenizer.json.
    tokenizer = NllbTokenizer.from_pretrained(
        str(out),
        model_max_length=shape["max_positions"],
        extra_special_tokens=list(FAIRSEQ_LANGUAGE_CODES),
    )
    size = max(tokenizer.get_vocab().values()) + 1
    return _m2m_model(M2M100Config, M2M100ForConditionalGeneration, shape, size), tokenizer


def _dimensions(shape: dict[str, int]) -> dict[str, int]:
    """The size settings a Marian and an M2M100/NLLB config share, from a shape."""
    return {
        "d_model": shape["d_model"],
        "encoder_layers": shape["layers"],
        "decoder_layers": shape["layers"],
        "encoder_attention_heads": shape["heads"],
        "decoder_attention_heads": shape["heads"],
        "encoder_ffn_dim": shape["ffn"],
        "decoder_ffn_dim": shape["ffn"],
        "max_position_embeddings": shape["max_positions"],
    }


def _m2m_model(config_cls: type, model_cls: type, shape: dict[str, int], size: int) -> object:
    config = config_cls(
        vocab_size=size,
        **_dimensions(shape),
        scale_embedding=True,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
    )
    model = model_cls(config)
    model.generation_config.max_length = shape["max_positions"]
    return model


def make_tiny_model(
    out: str | Path,
    arch: str = "marian",
    *,
    shape: str = "tiny",
    target_tokens: bool = False,
    seed: int = 0,
) -> Path:
    """Build and save a random-weight translation model with a real tokenizer.

    Args:
        out: the folder to write (created; existing files are overwritten).
        arch: ``marian``, ``m2m100`` or ``nllb``.
        shape: ``tiny`` (2+2 layers, width 32) or ``opus-mt-en-ru`` (the real model's shape:
            d_model 512, 6+6 layers, 8 heads, FFN 2048, vocabulary 62518).
        target_tokens: Marian only: add ``>>eng<< >>aze_Latn<< >>rus<< >>tur<<`` to the
            vocabulary, like the multi-target ``Helsinki-NLP/opus-mt-en-trk``.
        seed: the torch seed for the random weights.

    Returns:
        ``out`` as a :class:`~pathlib.Path`.

    Raises:
        ValueError: unknown ``arch`` or ``shape``.
    """
    import torch

    if arch not in ARCHS:
        raise ValueError(f"unknown arch {arch!r}; use one of {', '.join(ARCHS)}")
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; use one of {', '.join(SHAPES)}")
    out = Path(out)
    torch.manual_seed(seed)
    dims = SHAPES[shape]
    if arch == "marian":
        model, tokenizer = _build_marian(out, dims, target_tokens)
    elif arch == "m2m100":
        model, tokenizer = _build_m2m100(out, dims)
    else:
        model, tokenizer = _build_nllb(out, dims)
    model.save_pretrained(str(out), safe_serialization=True)  # type: ignore[attr-defined]
    tokenizer.save_pretrained(str(out))  # type: ignore[attr-defined]
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="output folder")
    parser.add_argument("--arch", choices=ARCHS, default="marian")
    parser.add_argument("--shape", choices=tuple(SHAPES), default="tiny")
    parser.add_argument(
        "--target-tokens", action="store_true", help="Marian: add >>xxx<< target tokens"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    path = make_tiny_model(
        args.out, args.arch, shape=args.shape, target_tokens=args.target_tokens, seed=args.seed
    )
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

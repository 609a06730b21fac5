"""Per-language grammar data the extractors and matchers read, one module per language.

As spaCy keeps ``spacy/lang/az/lex_attrs.py``: what a language's words look like (case
endings, derived forms), written once and imported by every extractor that needs it. The
language codes and model names stay in :mod:`aligntext.langs`.
"""

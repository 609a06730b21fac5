"""Machine translation: model registry, backends (transformers, CTranslate2), pivoting, cache."""

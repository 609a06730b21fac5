"""aligntext: translate, align, cross-check and evaluate multilingual statements."""

__version__ = "0.1.0"

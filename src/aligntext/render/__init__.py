"""Results to text, JSON, JSON Lines and HTML; results never format themselves.

Comparison reports (:mod:`.report`, :mod:`.report_html`), evaluations (:mod:`.evaluation`,
:mod:`.evaluation_html`), small results (:mod:`.plain`: sentences, a language, the model
table). HTML pages are Jinja2 templates in ``templates/`` (package data), rendered through
:mod:`.jinja` with autoescape on.
"""

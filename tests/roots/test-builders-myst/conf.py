project = "Builders"
author = "sphinx-modelterms tests"
copyright = "2025, sphinx-modelterms tests"
version = release = "1.0"
language = "en"
extensions = ["myst_parser", "sphinx_modelterms"]
modelterms_fields = {"needs_reward_model": "Needs a reward model"}

# EPUB 3 metadata, so the epub build has nothing to warn about
epub_description = "Test glossary"
epub_publisher = "sphinx-modelterms tests"
epub_contributor = "sphinx-modelterms tests"
epub_identifier = "sphinx-modelterms-builders-myst"
epub_uid = "builders"

"""A small glossary of another project, which the showcase links to.

The showcase builds it at every build of its own (see ``../_ext/partner_site.py``)
into ``partner/`` in its output, and imports its ``modelterms.json`` with
``modelterms_external``: see the user guide's page on sharing terms.
"""

project = "Statistics Corner"
author = "The sphinx-modelterms authors"
copyright = "2026, The sphinx-modelterms authors"

extensions = ["sphinx_modelterms"]
root_doc = "index"
exclude_patterns = ["_build"]

modelterms_categories = ["Statistics", "Evaluation"]

html_theme = "alabaster"
html_title = "Statistics Corner"

"""Sphinx configuration for the ModelTerms showcase and user guide.

This site is both the documentation of the ``sphinx-modelterms`` extension
and a working example of it: every page under ``glossary/`` is a term page
built from a single ``term-card`` directive.
"""

from __future__ import annotations

import os
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

project = "ModelTerms"
author = "The sphinx-modelterms authors"
copyright = "2026, The sphinx-modelterms authors"

# _ext/showcase_reference.py writes the guide's lists of settings and
# warnings from the extension's own registries; _ext/mathml.py writes the
# formulas of a few cards as MathML, which browsers draw without a script.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

extensions = [
    "myst_parser",
    "sphinx_modelterms",
    "showcase_reference",
    "mathml",
]

source_suffix = {
    ".rst": "restructuredtext",
    ".md": "markdown",
}

root_doc = "index"
exclude_patterns = ["_build", "snippets"]

# MyST: colon fences (:::{term-card}) are used on a few pages.
myst_enable_extensions = ["colon_fence"]

# -- sphinx-modelterms ------------------------------------------------------

# Cards must use one of these categories; anything else is a
# ``modelterms.invalid`` warning.
modelterms_categories = [
    "Safety & Alignment",
    "Training",
    "Inference",
    "Prompting",
    "Architecture",
    "Evaluation",
    "Data",
    "Retrieval",
]

# The default levels, spelled out so the page on configuration can point here.
modelterms_levels = ["beginner", "intermediate", "advanced"]

# Project-specific fields: each becomes an option of ``term-card`` and a row
# that ``term-compare`` and ``term-table`` can show (see reference/comparisons).
modelterms_fields = {
    "needs_reward_model": "Needs a reward model",
    "extra_model_at_training": "Extra model at training time",
    "changes_weights": "Changes the model's weights",
    "when_applied": "When it applies",
    "feedback_source": "Where the preferences come from",
    "attack_target": "What the attack targets",
    "attacker": "Who attacks",
    "input_view": "How the input is seen",
    "known_models": "Well-known models built on it",
}

# Some terms are kept as data (see guide/term-files); their pages are
# generated into terms/ at every build and are not kept in git. A reader
# should not see how a term was written: the term pages are listed with the
# others in glossary/index, and the index and category pages generated beside
# them are left out, since the glossary has its own.
modelterms_term_files = ["data/*.yaml", "data/*.toml", "data/*.json"]
modelterms_generated_dir = "terms"
exclude_patterns += ["terms/index.rst", "terms/category-*.rst"]

# The maps (reference/maps) are drawn by Graphviz's dot. Without it they show
# as lists of relations and the build gives a modelterms.graph warning, so a
# -W build of this site needs Graphviz installed (guide/install).

modelterms_related_symmetric = True
modelterms_generated_faq = True

# Sphinx's own glossary on guide/migrating is adopted (the default); what
# data/additions.yaml adds to its entries shows under each of them.
modelterms_glossary_details = True

# Every check runs in every build of this site (see guide/checks): with -W, a
# card without a category, level, example or source, a term no other page
# links, a shared alias or a related entry that points nowhere fails it.
modelterms_checks = "all"

# A partner glossary, another Sphinx project kept in _partner/: every build
# builds it into partner/ of the output and imports its term set, so :mt:
# links its terms, with tooltips (see _ext/partner_site.py, guide/sharing).
# In a real project this is just
#     modelterms_external = {"partner": "https://partner.example.org/"}
extensions.append("partner_site")
exclude_patterns.append("_partner")

# -- HTML -------------------------------------------------------------------

# Furo comes with the docs extra (pip install ".[docs]"), which gives the site
# its light and dark modes. A plain "pip install ." has no furo: the site then
# builds with alabaster, which ships with Sphinx, and still builds with -W.
html_theme = "furo" if find_spec("furo") else "alabaster"
html_title = "ModelTerms"
# Read the Docs gives the address of the version it builds; the SKOS and
# JSON-LD exports then name terms by absolute addresses (guide/publishing).
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
# A few site styles, e.g. for the cards of guide/theming (":class: demo-warm").
html_static_path = ["_static"]
html_css_files = ["showcase.css"]
# Formulas as MathML, written at build time (_ext/mathml.py): Sphinx's
# default, MathJax, would load a script from a CDN on every page with math,
# and a page read offline would show raw LaTeX.
html_math_renderer = "mathml"

# Each theme knows only its own options and warns about any other, so the
# options are chosen once the theme is final, after -D html_theme=... too.
THEME_OPTIONS: dict[str, dict[str, object]] = {
    "furo": {
        # the indigo of the extension's badges and accents, in both modes
        "light_css_variables": {
            "color-brand-primary": "#3b5bdb",
            "color-brand-content": "#3b5bdb",
            "color-brand-visited": "#6741d9",
        },
        "dark_css_variables": {
            "color-brand-primary": "#91a7ff",
            "color-brand-content": "#91a7ff",
            "color-brand-visited": "#b197fc",
        },
    },
    "alabaster": {
        "description": "An AI and LLM glossary built with sphinx-modelterms",
    },
}


def _theme_options(app: Sphinx, config: Config) -> None:
    # options given on the command line (-D html_theme_options.x=...) win
    defaults = THEME_OPTIONS.get(config.html_theme, {})
    config.html_theme_options = {**defaults, **config.html_theme_options}


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _theme_options)

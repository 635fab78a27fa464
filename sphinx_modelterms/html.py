"""Builder specifics: the HTML link hook, card anchors in LaTeX and Texinfo,
the stylesheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.texinfo import TexinfoTranslator

    from .nodes import mt_card, mt_reference

__all__ = [
    "STATIC_DIR",
    "depart_card_latex",
    "depart_card_texinfo",
    "depart_reference_html",
    "register_assets",
    "visit_card_latex",
    "visit_card_texinfo",
    "visit_reference_html",
]

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "modelterms.css"


def visit_reference_html(self: HTML5Translator, node: mt_reference) -> None:
    """Sphinx's own ``<a>``, plus ``data-mt-term`` (the SPEC's HTML hook)."""
    start = len(self.body)
    self.visit_reference(node)
    hook = f' data-mt-term="{self.attval(node["mt_term"])}"'
    self.body[start] = self.body[start].replace("<a ", "<a" + hook + " ", 1)


def depart_reference_html(self: HTML5Translator, node: mt_reference) -> None:
    self.depart_reference(node)


def visit_card_latex(self: LaTeXTranslator, node: mt_card) -> None:
    """A label for the card's anchor, so links to it resolve in the PDF."""
    self.body.append(self.hypertarget_to(node, anchor=True))
    self.visit_container(node)


def depart_card_latex(self: LaTeXTranslator, node: mt_card) -> None:
    self.depart_container(node)


def visit_card_texinfo(self: TexinfoTranslator, node: mt_card) -> None:
    """An anchor where the card starts, so ``@ref`` lands on it."""
    for node_id in node["ids"]:
        self.add_anchor(node_id, node)
    self.visit_container(node)


def depart_card_texinfo(self: TexinfoTranslator, node: mt_card) -> None:
    self.depart_container(node)


def register_assets(app: Sphinx) -> None:
    """``builder-inited``: ship the stylesheet with HTML builds only."""
    if app.builder.format != "html":
        return
    static = str(STATIC_DIR)
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)
    app.add_css_file(CSS_FILE)

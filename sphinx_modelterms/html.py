"""Builder specifics: the HTML link hook, card anchors in LaTeX and Texinfo,
the stylesheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import get_config
from .transforms.tooltips import builder_has_tooltips

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.texinfo import TexinfoTranslator

    from .nodes import mt_card, mt_reference, mt_tooltip

__all__ = [
    "STATIC_DIR",
    "depart_card_latex",
    "depart_card_texinfo",
    "depart_reference_html",
    "depart_tooltip_html",
    "register_assets",
    "tooltips_shown",
    "visit_card_latex",
    "visit_card_texinfo",
    "visit_reference_html",
    "visit_tooltip_html",
]

STATIC_DIR = Path(__file__).parent / "static"
CSS_FILE = "modelterms.css"
JS_FILE = "modelterms.js"


def visit_reference_html(self: HTML5Translator, node: mt_reference) -> None:
    """Sphinx's own ``<a>``, plus ``data-mt-term`` and, where the page has the
    term's tooltip, ``aria-describedby`` (the SPEC's HTML hooks)."""
    start = len(self.body)
    self.visit_reference(node)
    hooks = f' data-mt-term="{self.attval(node["mt_term"])}"'
    if node.get("mt_tip"):
        hooks += f' aria-describedby="{self.attval(node["mt_tip"])}"'
    self.body[start] = self.body[start].replace("<a ", "<a" + hooks + " ", 1)


def depart_reference_html(self: HTML5Translator, node: mt_reference) -> None:
    self.depart_reference(node)


def visit_tooltip_html(self: HTML5Translator, node: mt_tooltip) -> None:
    """``<div role="tooltip" hidden>``: hidden until the script shows it."""
    self.body.append(self.starttag(node, "div", "", role="tooltip", hidden="hidden"))


def depart_tooltip_html(self: HTML5Translator, node: mt_tooltip) -> None:
    self.body.append("</div>\n")


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


def tooltips_shown(app: Sphinx) -> bool:
    """Whether this build's pages get tooltips."""
    return get_config(app.env).tooltips and builder_has_tooltips(app.builder)


def register_assets(app: Sphinx) -> None:
    """``builder-inited``: the stylesheet for HTML builders, and the tooltip
    script (with its settings as ``data-`` attributes) where tooltips show."""
    if app.builder.format != "html":
        return
    static = str(STATIC_DIR)
    if static not in app.config.html_static_path:
        app.config.html_static_path.append(static)
    app.add_css_file(CSS_FILE)
    if tooltips_shown(app):
        config = get_config(app.env)
        settings: dict[str, Any] = {
            "data-mt-show-delay": str(config.tooltip_delay),
            "data-mt-hide-delay": str(config.tooltip_hide_delay),
        }
        app.add_js_file(JS_FILE, **settings)

"""The writers' side of the nodes the fill makes: term links, tooltips,
page lists and rendered fragments in HTML (a tooltip or a related-term
card rendered once per build where many pages show it), card anchors in
LaTeX and Texinfo, and the stylesheet and script.  Term graphs are written
by :mod:`.drawings`."""

from __future__ import annotations

import posixpath
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes

from .config import get_config
from .nodes import mt_reference, mt_tooltips
from .render.cards import related_card
from .render.links import direct_links, page_title, page_uri
from .render.spans import shown_spans
from .render.tooltips import tip_id, tooltip
from .tipcache import FILENAME as TOOLTIPS_FILE
from .tipcache import TooltipCache, shown_digest
from .transforms.tooltips import builder_has_tooltips

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.texinfo import TexinfoTranslator

    from .domain import ModelTermsDomain
    from .model import ExternalTerm, Term
    from .nodes import (
        mt_card,
        mt_cell_label,
        mt_fragment,
        mt_pagelist,
        mt_tooltip,
    )

__all__ = [
    "STATIC_DIR",
    "depart_card_latex",
    "depart_card_texinfo",
    "depart_reference_html",
    "depart_tooltip_html",
    "register_assets",
    "skip_node",
    "tooltips_shown",
    "visit_card_latex",
    "visit_card_texinfo",
    "visit_cell_label_html",
    "visit_fragment_html",
    "visit_pagelist_html",
    "visit_reference_html",
    "visit_tooltip_html",
    "visit_tooltips_html",
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


def visit_pagelist_html(self: HTML5Translator, node: mt_pagelist) -> None:
    """The pages that link a term, as Sphinx writes a list of ``:doc:``
    links, straight from the page names."""
    domain = cast("ModelTermsDomain", self.builder.env.domains["mt"])
    here = self.builder.current_docname
    # a page's item depends on it and on the folder it is linked from:
    # written once per build and folder, though dozens of cards list it (a
    # page listed on itself, as by a duplicate card, links to itself)
    folder = posixpath.dirname(self.builder.get_target_uri(here))
    cache = domain.build.rendered
    items = []
    for page in node["mt_pages"]:
        slot = ("page-item", folder, page)
        item = cache.get(slot)
        if item is None or page == here:
            title = page_title(domain, page)
            if title is None:
                continue
            uri = self.attval(page_uri(self.builder, here, page))
            item = (
                f'<li><p><a class="reference internal" href="{uri}">'
                f'<span class="doc">{self.encode(title)}</span></a></p></li>\n'
            )
            if page != here:
                cache[slot] = item
        items.append(item)
    self.body.append('<ul class="simple">\n' + "".join(items) + "</ul>\n")
    raise nodes.SkipNode


def visit_cell_label_html(self: HTML5Translator, node: mt_cell_label) -> None:
    """An empty span: a stylesheet shows the label from its attribute."""
    label = self.attval(node["mt_label"])
    self.body.append(f'<span class="mt-cell-label" data-label="{label}"></span>')
    raise nodes.SkipNode


def _rendered_once(
    self: HTML5Translator,
    domain: ModelTermsDomain,
    slot: tuple[str, ...],
    build: Callable[[], nodes.Element],
    parent: nodes.Element | None,
) -> str:
    """The HTML of the nodes ``build()`` makes, written the first time a
    build asks for ``slot`` (under ``parent``, as if placed there) and
    reused after that."""
    cache = domain.build.rendered
    html = cache.get(slot)
    if html is None:
        built = build()
        built.parent = parent
        start = len(self.body)
        built.walkabout(self)
        html = cache[slot] = "".join(self.body[start:])
        del self.body[start:]
    return html


def visit_fragment_html(self: HTML5Translator, node: mt_fragment) -> None:
    """What a card repeats of a related term, rendered from the record once
    per build, folder (links are relative) and kind, then reused."""
    domain = cast("ModelTermsDomain", self.builder.env.domains["mt"])
    other = domain.get(node["mt_term"])
    if other is None:  # the fill made it for a known term; nothing to show
        raise nodes.SkipNode
    here = self.builder.current_docname
    folder = posixpath.dirname(self.builder.get_target_uri(here))
    tip = node.get("mt_tip", "")
    slot = (
        "fragment",
        node["mt_kind"],
        other.id,
        folder,
        str(other.docname == here),
        tip,
    )

    def build() -> nodes.Element:
        with direct_links(domain, self.builder, here):
            built: nodes.Element = related_card(other)
        if tip:
            for ref in built.findall(mt_reference):
                if ref["mt_term"] == other.id:
                    ref["mt_tip"] = tip
        return built

    # visitors look at the siblings
    self.body.append(_rendered_once(self, domain, slot, build, node.parent))
    raise nodes.SkipNode


def visit_tooltip_html(self: HTML5Translator, node: mt_tooltip) -> None:
    """``<div role="tooltip" hidden>``: hidden until the script shows it."""
    self.body.append(self.starttag(node, "div", "", role="tooltip", hidden="hidden"))


def visit_tooltips_html(self: HTML5Translator, node: mt_tooltips) -> None:
    """The page's tooltips, in one ``<div>`` at the end of the page.

    Each term's tooltip is rendered from the term once per build (once per
    folder where math in the summary may become an image with a relative
    URL) and reused on every page that links the term: a term linked from
    a thousand pages costs one rendering and a dictionary hit a page, not
    a thousand node trees.  Without math, the next build reuses it too, as
    long as the term shows the same (see :mod:`.tipcache`).
    """
    domain = cast("ModelTermsDomain", self.builder.env.domains["mt"])
    self.body.append(self.starttag(node, "div", "", CLASS="docutils container"))
    for key in node["mt_keys"]:
        html = _tooltip_html(self, domain, key, node)
        if html is not None:
            self.body.append(html)
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _tooltip_html(
    self: HTML5Translator, domain: ModelTermsDomain, key: str, parent: mt_tooltips
) -> str | None:
    """The HTML of ``key``'s tooltip: from this build's cache, else from the
    last build's (:mod:`.tipcache`), else rendered (and kept for both)."""
    cache = domain.build.rendered
    html = cache.get(("tooltip", key))  # the same on every page
    if html is not None:
        return html
    term = domain.get(key) or domain.external_terms().get(key)
    if term is None:
        return None
    kept = domain.build.tooltips
    if kept is None:  # what the last build rendered (see tipcache)
        doctrees = Path(self.builder.env.doctreedir)
        kept = domain.build.tooltips = TooltipCache(
            doctrees / TOOLTIPS_FILE, self.builder, type(self), fresh=domain.build.fresh
        )
    slot: tuple[str, ...] = ("tooltip", key)
    digest = ""
    # references show the titles Sphinx gives them, which the digest holds
    summary = shown_spans(term.summary, self.builder.env)
    if _has_math(term):
        page = self.builder.get_target_uri(self.builder.current_docname)
        slot += (posixpath.dirname(page),)  # a/b/ for dirhtml's a/b
    else:
        digest = shown_digest(key, term, summary)
        html = kept.get(key, digest)
        if html is not None:
            cache[slot] = html
            return html
    # some visitors look at the parent
    make = partial(tooltip, term, tip_id(key), summary)
    html = _rendered_once(self, domain, slot, make, parent)
    if digest:
        kept.put(key, digest, html)
    return html


def _has_math(term: Term | ExternalTerm) -> bool:
    """Whether the short definition holds math, whose images have URLs
    relative to the page: its tooltip is rendered per folder."""
    return any(span.kind == "math" for span in term.summary)


def depart_tooltip_html(self: HTML5Translator, node: mt_tooltip) -> None:
    self.body.append("</div>\n")


def skip_node(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


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


def add_static_path(app: Sphinx, config: Config) -> None:
    """``config-inited``: the folder of the stylesheet and the script.

    Sphinx 9.1 and later copy an extension's static folder given to
    ``app.add_static_dir`` into every HTML build.  Older releases only copy
    ``html_static_path``: added there this early, the configuration Sphinx
    compares with the saved environment already has it (added later, every
    rebuild would report ``html_static_path`` as changed).
    """
    add_static_dir = getattr(app, "add_static_dir", None)
    if add_static_dir is not None:  # Sphinx >= 9.1
        add_static_dir(STATIC_DIR)
        return
    static = str(STATIC_DIR)
    if static not in config.html_static_path:
        # a new list: the value may be Sphinx's default, shared by every app
        config.html_static_path = [*config.html_static_path, static]


def register_assets(app: Sphinx) -> None:
    """``builder-inited``: the stylesheet for HTML builders, and the tooltip
    script (with its settings as ``data-`` attributes) where tooltips show."""
    if app.builder.format != "html":
        return
    app.add_css_file(CSS_FILE)
    if tooltips_shown(app):
        config = get_config(app.env)
        settings: dict[str, Any] = {
            "data-mt-show-delay": str(config.tooltip_delay),
            "data-mt-hide-delay": str(config.tooltip_hide_delay),
        }
        app.add_js_file(JS_FILE, **settings)

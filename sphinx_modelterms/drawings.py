"""Term graphs in the writers: Graphviz draws each ``mt_graph`` node (see
:mod:`.transforms.graphs`) as an SVG written into the HTML page, or a PDF in
LaTeX; where Graphviz fails, a warning and a list of the relations stand in
for the picture, so no term is lost with it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.ext.graphviz import GraphvizError, render_dot

from .diagnostics import WarningSubtype, warn
from .i18n import _, __
from .render.graph import PAGE_SIZE, dot_code, linked_list
from .render.links import page_uri
from .render.svg import inline_svg

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from .nodes import mt_graph
    from .render.graph import Drawing

__all__ = ["visit_graph_html", "visit_graph_latex"]


def _page_urls(self: Any, drawing: Drawing) -> dict[str, str]:
    """Each box's link, followed from the page (which holds the picture,
    or the list of the relations that stands in for a picture Graphviz
    refused); a box with no page stands for another drawing on this page."""
    current = self.builder.current_docname
    return {
        box.key: page_uri(self.builder, current, box.docname or current, box.anchor)
        for box in drawing.nodes
    }


def _draw(
    self: Any, node: mt_graph, fmt: str, urls: dict[str, str] | None
) -> tuple[str, str] | None:
    """The picture's file names (its boxes linked to ``urls``, or not at all
    with ``None``), or ``None`` after a warning when Graphviz fails on it:
    the writer then lists the relations instead, so the terms are never
    lost with the picture."""
    drawing: Drawing = node["mt_drawing"]
    colours: dict[str, int] = node["mt_colours"]
    links = urls or {}
    code = dot_code(
        drawing,
        lambda box: links.get(box.key, ""),
        lambda category: colours.get(category, -1),
        "" if urls is not None else PAGE_SIZE,  # a page scrolls; paper does not
    )
    # (the docname places a relative include: only the HTML writer has one)
    options = {"docname": self.builder.current_docname} if urls is not None else {}
    try:
        fname, outfn = render_dot(self, code, options, fmt, prefix="mt-graph")
    except GraphvizError as error:
        _not_drawn(self, node, _first_error(str(error)), urls)
        return None
    if fname is None or outfn is None:
        return None
    return str(fname), str(outfn)


def _not_drawn(
    self: Any, node: mt_graph, why: str, urls: dict[str, str] | None
) -> None:
    """Warn that the picture failed, and write the relations as a list."""
    drawing: Drawing = node["mt_drawing"]
    warn(
        WarningSubtype.GRAPH,
        __("term graph %r not drawn (%s); its relations are listed instead"),
        drawing.title or _("Map of terms"),
        why,
        location=node,
    )
    on_page = urls or {}
    listing = linked_list(drawing, lambda box: on_page.get(box.key, ""))
    # (in a container: the writers look at a list's parent)
    nodes.container("", listing, classes=["mt-graph-failed"]).walkabout(self)


def _first_error(text: str) -> str:
    """The first line of Graphviz's complaint, on one line."""
    for line in text.replace("\\n", "\n").splitlines():
        line = line.strip().removeprefix("b'").removeprefix('b"')
        if line.lower().startswith(("error", "warning")):
            return " ".join(line.split())[:300]
    return " ".join(text.split())[:300]


def visit_graph_html(self: HTML5Translator, node: mt_graph) -> None:
    """The drawing as an SVG (Sphinx's graphviz renderer) written into the
    page, where the theme's colours reach it and its boxes link and show
    the short definitions on hover."""
    drawing: Drawing = node["mt_drawing"]
    urls = _page_urls(self, drawing)
    drawn = _draw(self, node, "svg", urls)
    if drawn is None:
        raise nodes.SkipNode
    picture = Path(drawn[1])
    svg = inline_svg(picture.read_text("utf-8"), drawing, urls, node["mt_key"])
    picture.unlink()  # the page holds the picture: no copy among the images
    if not svg:
        _not_drawn(self, node, __("unreadable SVG"), urls)
        raise nodes.SkipNode
    label = self.attval(drawing.title or _("Map of terms"))
    self.body.append(
        f'<div class="mt-graph" role="figure" aria-label="{label}">{svg}</div>\n'
    )
    raise nodes.SkipNode


def visit_graph_latex(self: LaTeXTranslator, node: mt_graph) -> None:
    """The drawing as a PDF, as Sphinx's graphviz writes a block graph."""
    drawn = _draw(self, node, "pdf", None)
    if drawn is not None:
        self.body.append(f"\n\\sphinxincludegraphics[]{{{drawn[0]}}}\n")
    raise nodes.SkipNode

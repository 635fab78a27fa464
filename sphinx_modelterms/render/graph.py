"""Relation graphs of terms: the model of a drawing, and its Graphviz code.

The doctree holds only a :class:`Drawing` (terms, edges, categories): the
HTML and LaTeX visitors turn it into ``dot`` code with links relative to
the page being written, and Sphinx's ``sphinx.ext.graphviz`` renders it.
Builders without pictures, or a machine without ``dot``, get the same
relations as a list.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes

from ..i18n import _
from ..naming import slugify, xml_safe
from .links import term_link

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from ..model import Term

__all__ = [
    "Drawing",
    "GraphNode",
    "dot_code",
    "fallback_list",
    "linked_list",
    "neighbourhood",
    "split_by_category",
    "titled_svg",
]

PALETTE = (
    "#dbeafe", "#dcfce7", "#fef3c7", "#fce7f3", "#ede9fe",
    "#cffafe", "#fee2e2", "#e0e7ff", "#ecfccb", "#f3f4f6",
)  # fmt: skip
RELATED, COMPARED, CROSS = "related", "compared", "cross"
SVG = "http://www.w3.org/2000/svg"
TIP_LIMIT = 400
"""Characters of a short definition a box's hover text shows at most: a
picture is no place for a long text, and Graphviz refuses quoted strings
over 16 KB."""
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


@dataclass(frozen=True, slots=True)
class GraphNode:
    """A box: a term, or (``term_id`` empty) another category's graph."""

    key: str
    label: str
    category: str
    summary: str = ""
    docname: str = ""
    anchor: str = ""


@dataclass(slots=True)
class Drawing:
    """One picture: its boxes and its undirected edges ``(a, b, kind)``."""

    title: str
    nodes: list[GraphNode] = field(default_factory=list)
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    anchor: str = ""


def neighbourhood(
    start: str, depth: int, neighbours: Callable[[str], Iterable[str]]
) -> list[str]:
    """Term ids within ``depth`` steps of ``start``, nearest first."""
    seen = {start: 0}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if seen[current] >= depth:
            continue
        for other in sorted(neighbours(current)):
            if other not in seen:
                seen[other] = seen[current] + 1
                queue.append(other)
    return list(seen)


def term_node(term: Term, summary: str | None = None) -> GraphNode:
    """The box of ``term``, which shows ``summary`` on hover (by default its
    short definition as written)."""
    if summary is None:
        summary = term.summary_text
    return GraphNode(
        term.id, term.display_title, term.category, summary, term.docname, term.anchor
    )


def build_drawing(
    title: str,
    terms: Sequence[Term],
    related: Iterable[tuple[str, str]],
    compared: Iterable[tuple[str, str]],
    describe: Callable[[Term], str] | None = None,
) -> Drawing:
    """Boxes for ``terms`` and the edges among them, in a stable order;
    ``describe(term)`` is the text a box shows on hover."""
    ids = {t.id for t in terms}
    boxes = [
        term_node(t, describe(t) if describe is not None else None)
        for t in sorted(terms, key=lambda t: t.id)
    ]
    drawing = Drawing(title, boxes)
    for kind, pairs in ((RELATED, related), (COMPARED, compared)):
        for a, b in sorted({tuple(sorted(p)) for p in pairs}):
            if a in ids and b in ids and a != b:
                drawing.edges.append((a, b, kind))
    return drawing


def split_by_category(
    drawing: Drawing, serial: int, order: Sequence[str] = ()
) -> list[Drawing]:
    """One drawing per category (in ``order``, then by name, none last); an
    edge to another category becomes an edge to a box for that category,
    linking to its drawing."""
    by_key = {n.key: n for n in drawing.nodes}

    def rank(category: str) -> tuple[bool, int, str]:
        known = order.index(category) if category in order else len(order)
        return (category == "", known, category)

    categories = sorted({n.category for n in drawing.nodes}, key=rank)
    anchors = {c: f"mt-graph-{serial}-{slugify(c) or 'other'}" for c in categories}
    parts = []
    for category in categories:
        part = Drawing(category or _("No category"), anchor=anchors[category])
        part.nodes = [n for n in drawing.nodes if n.category == category]
        crossings: set[str] = set()
        for a, b, kind in drawing.edges:
            inside = [k for k in (a, b) if by_key[k].category == category]
            if len(inside) == 2:
                part.edges.append((a, b, kind))
            elif len(inside) == 1:
                other = by_key[b if inside[0] == a else a].category
                key = f"category:{other}"
                if key not in crossings:
                    crossings.add(key)
                    label = other or _("No category")
                    part.nodes.append(
                        GraphNode(key, label, other, anchor=anchors[other])
                    )
                part.edges.append((inside[0], key, CROSS))
        part.edges = sorted(set(part.edges))
        parts.append(part)
    return parts


def _quote(text: str) -> str:
    text = xml_safe(text)  # the SVG that dot writes must stay XML
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _tip(node: GraphNode) -> str:
    """A box's hover text: the title, and the short definition cut short."""
    if not node.summary:
        return node.label
    summary = node.summary
    if len(summary) > TIP_LIMIT:
        summary = summary[:TIP_LIMIT].rsplit(" ", 1)[0] + "\u2026"
    return f"{node.label}: {summary}"


def dot_code(
    drawing: Drawing,
    url: Callable[[GraphNode], str],
    colours: Callable[[str], str],
) -> str:
    """Graphviz code for ``drawing``; ``url`` gives each box's link."""
    lines = [
        "graph mtgraph {",
        '  graph [layout=neato, overlap=false, sep="+12", splines=true,'
        ' size="7.5,9", bgcolor="transparent", fontname="sans-serif", pad=0.2];',
        '  node [shape=box, style="rounded,filled", fontname="sans-serif",'
        ' fontsize=11, color="#6b7280", target="_top"];',
        '  edge [color="#6b7280", penwidth=1.2, len=1.4];',
    ]
    for node in drawing.nodes:
        attrs = {
            "label": node.label,
            "URL": url(node),
            "tooltip": _tip(node),
            "fillcolor": colours(node.category),
            "id": f"mt-graph-{slugify(node.key)}",
            "class": f"mt-graph-node mt-cat-{slugify(node.category) or 'none'}",
        }
        if not node.docname:  # a box that stands for another category
            attrs.update(style="dashed,rounded", fillcolor="transparent")
            attrs["class"] = "mt-graph-category"
        joined = ", ".join(f"{k}={_quote(v)}" for k, v in attrs.items())
        lines.append(f"  {_quote(node.key)} [{joined}];")
    styles = {
        RELATED: 'class="mt-edge-related"',
        COMPARED: 'class="mt-edge-compared", style=dashed, color="#b45309"',
        CROSS: 'class="mt-edge-cross", style=dotted',
    }
    for a, b, kind in drawing.edges:
        lines.append(f"  {_quote(a)} -- {_quote(b)} [{styles[kind]}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def titled_svg(svg: str, drawing: Drawing, urls: dict[str, str]) -> str:
    """Each box's SVG ``<title>`` (what a browser shows on hover) becomes the
    term's title and short definition instead of its key, and its link the
    one of ``urls``."""
    tips = {node.key: xml_safe(_tip(node)) for node in drawing.nodes}
    try:
        root = ET.fromstring(svg)
    except ET.ParseError:  # not ours to mend: the boxes keep dot's titles
        return svg
    for group in root.iter(f"{{{SVG}}}g"):
        if "node" not in (group.get("class") or "").split():
            continue
        title = group.find(f"{{{SVG}}}title")
        if title is None or title.text not in tips:
            continue
        for link in group.iter(f"{{{SVG}}}a"):
            for name in (XLINK_HREF, "href"):
                if name in link.attrib and title.text in urls:
                    link.set(name, urls[title.text])
        title.text = tips[title.text]
    # (namespace prefixes come out as ns0/ns1: valid SVG, and no change to
    # ElementTree's process-wide prefix registry)
    return ET.tostring(root, encoding="unicode")


def linked_list(drawing: Drawing, url: Callable[[GraphNode], str]) -> nodes.bullet_list:
    """The relations as text, for a writer whose picture failed: each term
    box with the boxes it is joined to, linked by ``url`` where it gives
    one (references are resolved by now, so the links are plain URLs)."""
    by_key = {n.key: n for n in drawing.nodes}
    joined: dict[str, set[str]] = {n.key: set() for n in drawing.nodes}
    for a, b, _kind in drawing.edges:
        joined[a].add(b)
        joined[b].add(a)

    def name(box: GraphNode) -> nodes.Node:
        target = url(box)
        if not target:
            return nodes.Text(box.label)
        return nodes.reference(box.label, box.label, refuri=target, internal=True)

    items = nodes.bullet_list(classes=["mt-graph-list"])
    for box in drawing.nodes:
        if not box.docname:  # a box that stands for another category
            continue
        para = nodes.paragraph("", "", name(box))
        others = [by_key[k] for k in sorted(joined[box.key]) if by_key[k].docname]
        for i, other in enumerate(others):
            para += nodes.Text(", " if i else _(": related to "))
            para += name(other)
        items += nodes.list_item("", para)
    return items


def fallback_list(drawing: Drawing, terms: dict[str, Term]) -> nodes.bullet_list:
    """The relations as text: each term with the terms it is joined to."""
    joined: dict[str, list[str]] = {n.key: [] for n in drawing.nodes}
    for a, b, _kind in drawing.edges:
        joined[a].append(b)
        joined[b].append(a)
    items = nodes.bullet_list(classes=["mt-graph-list"])
    for node in drawing.nodes:
        term = terms.get(node.key)
        if term is None:
            continue
        para = nodes.paragraph("", "", term_link(term))
        others = [terms[k] for k in sorted(set(joined[node.key])) if k in terms]
        if others:
            para += nodes.Text(_(": related to "))
            for i, other in enumerate(others):
                if i:
                    para += nodes.Text(", ")
                para += term_link(other)
        items += nodes.list_item("", para)
    return items

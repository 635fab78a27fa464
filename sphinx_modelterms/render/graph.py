"""Relation graphs of terms: the model of a drawing, and its Graphviz code.

The doctree holds only a :class:`Drawing` (terms, edges, categories): the
HTML and LaTeX visitors turn it into ``dot`` code with links relative to
the page being written, and Sphinx's ``sphinx.ext.graphviz`` renders it.
Builders without pictures, or a machine without ``dot``, get the same
relations as a list.
"""

from __future__ import annotations

import textwrap
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
    "tip",
]

PALETTE = (
    "#dbeafe", "#dcfce7", "#fef3c7", "#fce7f3", "#ede9fe",
    "#cffafe", "#fee2e2", "#e0e7ff", "#ecfccb", "#f3f4f6",
)  # fmt: skip
RELATED, COMPARED, CROSS = "related", "compared", "cross"
FONT_SIZE = 12
"""Points high a box's label is drawn (in an HTML page, the picture is
never shown smaller than :data:`.svg.MIN_LABEL_PX` pixels to this)."""
LINE = 22
"""Characters on one line of a box's label, at most (a longer word keeps
its line)."""
PAGE_SIZE = "7.5,9"
"""Inches a LaTeX figure is scaled down to, at most."""
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
    """One picture: its boxes and its undirected edges ``(a, b, kind)``;
    ``centre`` is the key of the term a neighbourhood is drawn around."""

    title: str
    nodes: list[GraphNode] = field(default_factory=list)
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    anchor: str = ""
    centre: str = ""


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


def _label(text: str) -> str:
    """A box's label, quoted, on lines of at most :data:`LINE` characters
    (a long title on one line makes a wide box, and a wide picture)."""
    lines = textwrap.wrap(text, LINE, break_long_words=False) or [""]
    return "\\n".join(_quote(line)[1:-1] for line in lines).join('""')


def tip(node: GraphNode) -> str:
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
    colour: Callable[[str], int],
    size: str = "",
) -> str:
    """Graphviz code for ``drawing``; ``url`` gives each box's link and
    ``colour`` the index in :data:`PALETTE` of each category's fill (also
    the class ``mt-colour-<index>``, by which a stylesheet recolours it).
    ``size`` (inches, ``"w,h"``) scales a larger picture down to fit."""
    fit = f' size="{size}",' if size else ""
    lines = [
        "graph mtgraph {",
        f'  graph [layout=neato, overlap=false, sep="+12", splines=true,{fit}'
        ' bgcolor="transparent", fontname="sans-serif", pad=0.2];',
        '  node [shape=box, style="rounded,filled", fontname="sans-serif",'
        f' fontsize={FONT_SIZE}, color="#6b7280"];',
        '  edge [color="#6b7280", penwidth=1.2, len=1.4];',
    ]
    for node in drawing.nodes:
        index = colour(node.category) % len(PALETTE)
        attrs = {
            "label": node.label,
            "URL": url(node),
            "tooltip": tip(node),
            "fillcolor": PALETTE[index],
            "class": f"mt-graph-node mt-colour-{index}"
            f" mt-cat-{slugify(node.category) or 'none'}",
        }
        if node.key == drawing.centre:  # drawn bolder, for the eye to start
            attrs.update(penwidth="2.5")
            attrs["class"] += " mt-graph-centre"
        if not node.docname:  # a box that stands for another category
            attrs.update(style="dashed,rounded", fillcolor="transparent")
            attrs["class"] = "mt-graph-category"
        joined = ", ".join(
            f"{k}={_label(v) if k == 'label' else _quote(v)}" for k, v in attrs.items()
        )
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

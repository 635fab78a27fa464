"""Inline markup to :class:`~sphinx_modelterms.model.Span` tuples and back.

A short definition is stored as spans so other pages can show it with its
markup; cross-references inside it become ``pending_xref`` nodes again and
are resolved on the page that shows them.  They are copies of references
the card itself holds: one that fails is warned about there, once, not at
every copy (they ask for no warning, and are marked :data:`COPY`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from ..model import Span, SpanKind

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["COPY", "nodes_to_spans", "spans_to_nodes"]

COPY = "mt_copy"
"""The attribute that marks a ``pending_xref`` copied from a card."""

_KIND_OF: tuple[tuple[type[nodes.Node], SpanKind], ...] = (
    (nodes.emphasis, "emphasis"),
    (nodes.strong, "strong"),
    (nodes.literal, "literal"),
    (nodes.math, "math"),
    (nodes.subscript, "sub"),
    (nodes.superscript, "sup"),
)
_NODE_OF: dict[str, type[nodes.TextElement]] = {
    "emphasis": nodes.emphasis,
    "strong": nodes.strong,
    "literal": nodes.literal,
    "math": nodes.math,
    "sub": nodes.subscript,
    "sup": nodes.superscript,
}


def _span(node: nodes.Node) -> Span:
    text = node.astext()
    if isinstance(node, addnodes.pending_xref):
        role = f"{node.get('refdomain', '')}:{node.get('reftype', '')}"
        return Span("xref", text, node.get("reftarget", ""), role)
    if isinstance(node, nodes.reference) and node.get("refuri"):
        return Span("link", text, node["refuri"])
    if isinstance(node, nodes.raw):
        return Span("raw", text, node.get("format", ""))
    for cls, kind in _KIND_OF:
        if isinstance(node, cls):
            return Span(kind, text)
    return Span("text", text)


def nodes_to_spans(children: Iterable[nodes.Node]) -> tuple[Span, ...]:
    """The spans of a paragraph's children; unknown markup keeps its text."""
    spans: list[Span] = []
    for child in children:
        if isinstance(child, nodes.Invisible | nodes.system_message):
            continue
        span = _span(child)
        if not span.text:
            continue
        if spans and span.kind == "text" and spans[-1].kind == "text":
            spans[-1] = Span("text", spans[-1].text + span.text)
        else:
            spans.append(span)
    return tuple(spans)


def spans_to_nodes(spans: Iterable[Span], *, links: bool = True) -> list[nodes.Node]:
    """Inline nodes for ``spans``; with ``links=False`` links become text and
    raw markup is left out (it may hold anything, links too)."""
    out: list[nodes.Node] = []
    for span in spans:
        if span.kind == "raw":
            if links:
                out.append(nodes.raw(span.text, span.text, format=span.target))
        elif span.kind == "text" or (not links and span.kind in {"link", "xref"}):
            out.append(nodes.Text(span.text))
        elif span.kind == "link":
            out.append(nodes.reference(span.text, span.text, refuri=span.target))
        elif span.kind == "xref":
            domain, _, reftype = span.role.partition(":")
            xref = addnodes.pending_xref(
                span.text,
                refdomain=domain,
                reftype=reftype,
                reftarget=span.target,
                refexplicit=True,
                refwarn=False,  # the card's own reference warns, once
                **{COPY: True},
            )
            xref += nodes.inline(span.text, span.text, classes=["xref", domain])
            out.append(xref)
        else:
            out.append(_NODE_OF[span.kind](span.text, span.text))
    return out

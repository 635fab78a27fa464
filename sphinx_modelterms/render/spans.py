"""Inline markup to :class:`~sphinx_modelterms.model.Span` tuples and back.

A short definition is stored as spans so other pages can show it with its
markup; cross-references inside it become ``pending_xref`` nodes again and
are resolved on the page that shows them.  They are copies of references
the card itself holds: one that fails is warned about there, once, not at
every copy (they ask for no warning, and are marked :data:`COPY`).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util import docname_join

from ..model import Span, SpanKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.environment import BuildEnvironment

__all__ = ["COPY", "LINKS", "RELATIVE_ROLES", "nodes_to_spans", "spans_to_nodes"]

COPY = "mt_copy"
"""The attribute that marks a ``pending_xref`` copied from a card."""
#: the kinds of span that point somewhere (a URL, a page, a file); where
#: links cannot show (a tooltip, another project), they show as text
LINKS = frozenset({"link", "xref", "download", "image"})
#: the roles whose target names a page relative to the page it is written on
RELATIVE_ROLES = frozenset({"std:doc"})

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


# what a pending_xref holds besides its target and its role: not kept, or
# not the same on the page that shows the span
_NOT_CONTEXT = frozenset(
    {"ids", "classes", "names", "dupnames", "backrefs", "refdoc"}
    | {"reftarget", "refdomain", "reftype", "source", "line"}
)


def _xref(node: addnodes.pending_xref, env: BuildEnvironment | None) -> Span:
    domain = node.get("refdomain") or ""
    role = f"{domain}:{node.get('reftype', '')}"
    target = node.get("reftarget", "")
    if env is not None and role in RELATIVE_ROLES and not target.startswith("/"):
        # a page named relative to the page it is written on
        target = "/" + docname_join(env.docname, target)
    context = tuple(
        (name, value)
        for name, value in sorted(node.attributes.items())
        if name not in _NOT_CONTEXT
        and (value is None or isinstance(value, str | bool | int))
    )
    return Span("xref", node.astext(), target, role, context)


def _download(node: addnodes.download_reference, env: BuildEnvironment) -> Span:
    """The file a ``:download:`` names, as Sphinx copies it (the same that
    its collector registers for the page the span is written on)."""
    text = node.astext()
    if "refuri" in node:  # a URL: a plain link
        return Span("link", text, node["refuri"])
    relative, _absolute = env.relfn2path(node.get("reftarget", ""), env.docname)
    copied = env.dlfiles.add_file(env.docname, relative)  # a Path in Sphinx 9
    return Span("download", text, PurePath(copied).as_posix())


def _image(node: nodes.image, env: BuildEnvironment) -> Span:
    """An inline picture, by its file as Sphinx collects it (from the folder
    of the page it is written on) or its URL."""
    uri = node.get("uri", "")
    if "://" not in uri and not uri.startswith("data:") and "*" not in uri:
        uri, _absolute = env.relfn2path(uri, env.docname)
    return Span("image", node.get("alt", ""), uri)


def _span(node: nodes.Node, env: BuildEnvironment | None) -> Span:
    text = node.astext()
    if isinstance(node, addnodes.pending_xref):
        return _xref(node, env)
    if isinstance(node, addnodes.download_reference) and env is not None:
        return _download(node, env)
    if isinstance(node, nodes.image) and env is not None:
        return _image(node, env)
    if isinstance(node, nodes.reference) and node.get("refuri"):
        return Span("link", text, node["refuri"])
    if isinstance(node, nodes.raw):
        return Span("raw", text, node.get("format", ""))
    for cls, kind in _KIND_OF:
        if isinstance(node, cls):
            return Span(kind, text)
    return Span("text", text)


def nodes_to_spans(
    children: Iterable[nodes.Node], env: BuildEnvironment | None = None
) -> tuple[Span, ...]:
    """The spans of a paragraph's children; unknown markup keeps its text.

    With ``env`` (while the page that holds them is read), the targets
    that depend on that page (a relative ``:doc:``, a ``:download:``) are
    made to work on any page that shows the spans.
    """
    spans: list[Span] = []
    for child in children:
        if isinstance(child, nodes.Invisible | nodes.system_message):
            continue
        span = _span(child, env)
        if not span.text and span.kind != "image":
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
        elif span.kind == "text" or (not links and span.kind in LINKS):
            out.append(nodes.Text(span.text))
        elif span.kind == "link":
            out.append(nodes.reference(span.text, span.text, refuri=span.target))
        elif span.kind == "xref":
            domain, _, reftype = span.role.partition(":")
            # the card's own reference warns, once: its copies do not
            settings = {"refexplicit": True, **dict(span.context)}
            settings |= {"refwarn": False, COPY: True}
            xref = addnodes.pending_xref(
                span.text,
                refdomain=domain,
                reftype=reftype,
                reftarget=span.target,
                **settings,
            )
            xref += nodes.inline(span.text, span.text, classes=["xref", domain])
            out.append(xref)
        elif span.kind == "image":
            remote = "://" in span.target or span.target.startswith("data:")
            out.append(
                nodes.image(
                    span.text,
                    uri=span.target,
                    alt=span.text,
                    candidates={"?" if remote else "*": span.target},
                )
            )
        elif span.kind == "download":
            text = nodes.literal(span.text, span.text, classes=["xref", "download"])
            out.append(
                addnodes.download_reference(
                    span.text, "", text, reftarget=span.target, filename=span.target
                )
            )
        else:
            out.append(_NODE_OF[span.kind](span.text, span.text))
    return out

"""Inline markup to :class:`~sphinx_modelterms.model.Span` tuples and back.

A short definition is stored as spans so other pages can show it with its
markup; cross-references inside it become ``pending_xref`` nodes again and
are resolved on the page that shows them.  They are copies of references
the card itself holds: one that fails is warned about there, once, not at
every copy (they ask for no warning, and are marked :data:`COPY`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.util import docname_join
from sphinx.util.nodes import clean_astext

from ..model import Span, SpanKind, plain_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment

__all__ = [
    "COPY",
    "LINKS",
    "RELATIVE_ROLES",
    "filled_texts",
    "nodes_to_spans",
    "shown_spans",
    "shown_text",
    "spans_to_nodes",
]

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


def _anchor_link(node: nodes.reference, env: BuildEnvironment | None) -> Span:
    """A MyST link to ``#name``, which MyST resolves after the card is read,
    as the reference other pages resolve too: a heading's anchor on this
    page (not a label) as a link to that section of the page, anything else
    (a label of the project) as MyST's own reference, which finds labels as
    ``:ref:`` does."""
    explicit = bool(node.children)
    target = node.get("refuri", "").removeprefix("#")
    document = node.document
    slugs = getattr(document, "myst_slugs", {}) if document is not None else {}
    if (
        env is not None
        and target in slugs
        and not (document is not None and document.nametypes.get(target))
    ):
        context = (("refexplicit", explicit), ("reftargetid", target))
        return Span("xref", node.astext(), env.docname, "doc:myst", context)
    return Span("xref", node.astext(), target, ":myst", (("refexplicit", explicit),))


def _span(node: nodes.Node, env: BuildEnvironment | None) -> Span:
    text = node.astext()
    if isinstance(node, addnodes.pending_xref):
        return _xref(node, env)
    if isinstance(node, addnodes.download_reference) and env is not None:
        return _download(node, env)
    if isinstance(node, nodes.image) and env is not None:
        return _image(node, env)
    if isinstance(node, nodes.reference) and node.get("id_link"):
        return _anchor_link(node, env)
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
        # (a reference may have no text yet: Sphinx fills it in)
        if not span.text and span.kind not in {"image", "xref"}:
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


# -- text that Sphinx fills in -----------------------------------------------------
#
# A reference written without a text (``:doc:`page```, ``:ref:`label```, a
# MyST link ``[](page.md)``) shows what Sphinx finds when it resolves it: the
# page's or the section's title.  Until then its node holds the target (or
# nothing), which is what the span keeps; every copy that shows the span as
# text asks for the title here, as the card shows it.

#: roles that show a page's title: Sphinx's ``:doc:`` and MyST's links to a
#: page (a MyST link to a section of a page shows the section's title)
_PAGE_ROLES = frozenset({"std:doc", "doc:myst"})
#: roles that show the title of the section a label names: ``:ref:``,
#: ``:any:`` and MyST's links to ``#label`` (which try ``:ref:`` first)
_LABEL_ROLES = frozenset({"std:ref", ":any", ":myst"})
_FILLED_ROLES = _PAGE_ROLES | _LABEL_ROLES


def shown_spans(spans: tuple[Span, ...], env: BuildEnvironment) -> tuple[Span, ...]:
    """``spans`` as the card shows them once Sphinx has resolved them: each
    reference written without a text has the title it shows."""
    if not any(map(_fills, spans)):
        return spans
    return tuple(
        replace(span, text=_filled_text(span, env)) if _fills(span) else span
        for span in spans
    )


def shown_text(spans: tuple[Span, ...], env: BuildEnvironment) -> str:
    """The text of ``spans`` as the card shows it (raw markup left out)."""
    return plain_text(shown_spans(spans, env))


def filled_texts(spans: tuple[Span, ...], env: BuildEnvironment) -> tuple[str, ...]:
    """The texts Sphinx fills in for the references of ``spans`` written
    without one, in order: what they show of other pages."""
    return tuple(_filled_text(span, env) for span in spans if _fills(span))


def _fills(span: Span) -> bool:
    """Whether Sphinx fills in the text of ``span``: a reference to a page
    or a section written without one (or with none at all)."""
    if span.kind != "xref" or span.role not in _FILLED_ROLES:
        return False
    return not span.text or not dict(span.context).get("refexplicit", True)


def _filled_text(span: Span, env: BuildEnvironment) -> str:
    """The text Sphinx shows for the reference ``span`` (one it
    :func:`_fills`): the title it finds, else the text as written, else the
    target (as MyST shows a link to nothing that has no text)."""
    context = dict(span.context)
    target = span.target
    found = ""
    if span.role in _PAGE_ROLES:
        docname = docname_join("", span.target)
        section = context.get("reftargetid")
        if isinstance(section, str) and section:
            slugs = env.metadata.get(docname, {}).get("myst_slugs", {})
            found = slugs[section][2] if section in slugs else ""
            target = section
        elif docname in env.all_docs and docname in env.titles:
            found = clean_astext(env.titles[docname])
    elif span.role in _LABEL_ROLES:
        std = cast("StandardDomain", env.get_domain("std"))
        found = std.labels.get(span.target.lower(), ("", "", ""))[2]
    return found or span.text or target

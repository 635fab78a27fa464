"""The nodes a resolved ``:mt:`` reference becomes: a link to a card of
this project, a link to a term of another project's set, or the marked
text of a reference that could not be linked."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from .model import card_anchor
from .nodes import mt_reference

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.builders import Builder

    from .model import ExternalTerm

__all__ = ["external_link", "missing_node", "term_link"]


def term_link(
    builder: Builder,
    fromdocname: str,
    term_id: str,
    docname: str,
    contnode: Element,
    anchor: str = "",
) -> mt_reference:
    """A link to the card of ``term_id`` on ``docname`` (or to ``anchor``
    there, an adopted glossary entry's), with the SPEC's HTML hooks."""
    anchor = anchor or card_anchor(term_id)
    if isinstance(builder, SingleFileHTMLBuilder):
        # one page: a plain fragment (Sphinx 9.0 doubles the "#" otherwise)
        fromdocname = docname
    # what make_refnode does, straight into our node (a hot path)
    link = mt_reference("", "", contnode, internal=True, classes=["mt-ref"])
    if fromdocname == docname:
        link["refid"] = anchor
    else:
        uri = builder.get_relative_uri(fromdocname, docname)
        link["refuri"] = f"{uri}#{anchor}"
    link["mt_term"] = term_id
    return link


def external_link(
    builder: Builder, fromdocname: str, term: ExternalTerm, contnode: Element
) -> mt_reference:
    """A link to a term of another project's term set."""
    url = term.url
    if "://" not in url:  # relative to this site's root: make it relative here
        root = builder.get_relative_uri(fromdocname, builder.config.root_doc)
        url = posixpath.join(posixpath.dirname(root), url)
    link = mt_reference("", "", contnode, refuri=url, internal=False)
    link["classes"] += ["mt-ref", "mt-external"]
    link["mt_term"] = term.key
    return link


def missing_node(contnode: Element, target: str) -> nodes.inline:
    """The text of a reference that could not be linked, marked ``mt-missing``."""
    text = contnode.astext() or target
    return nodes.inline(text, text, classes=["xref", "mt", "mt-term", "mt-missing"])

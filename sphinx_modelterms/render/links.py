"""The links that generated content holds: to a term, to a page.

Out of context they are ``pending_xref`` nodes that Sphinx's resolver turns
into links like any ``:mt:`` or ``:doc:``.  The write-time transforms know
the page being written and every term, so inside :func:`direct_links` the
same calls return the final reference nodes at once: the nodes the resolver
would make, without its per-node cost (a card alone can hold dozens of
links, and an A-Z index thousands).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.errors import NoUri
from sphinx.util.nodes import clean_astext

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.builders import Builder

    from ..domain import ModelTermsDomain
    from ..model import Term

__all__ = [
    "compare_link",
    "direct_links",
    "doc_link",
    "image_uri",
    "page_title",
    "page_uri",
    "site_uri",
    "term_link",
]

TERM_CLASSES = ("xref", "mt", "mt-term")


@dataclass(frozen=True, slots=True)
class _Page:
    domain: ModelTermsDomain
    builder: Builder
    docname: str


_writing: ContextVar[_Page | None] = ContextVar("modelterms_writing", default=None)


@contextmanager
def direct_links(
    domain: ModelTermsDomain, builder: Builder | None, docname: str
) -> Iterator[None]:
    """Within this block, links are made final for ``docname`` (with no
    builder they stay ``pending_xref`` nodes, for Sphinx to resolve)."""
    if builder is None:
        yield
        return
    token = _writing.set(_Page(domain, builder, docname))
    try:
        yield
    finally:
        _writing.reset(token)


def term_link(term: Term, text: str | None = None) -> nodes.Element:
    """A link to ``term`` showing ``text`` (its title by default)."""
    label = term.display_title if text is None else text
    inner = nodes.inline(label, label, classes=list(TERM_CLASSES))
    page = _writing.get()
    if page is not None and page.domain.get(term.id) is not None:
        try:
            return page.domain.make_reference(
                page.builder, page.docname, term.id, inner
            )
        except NoUri:  # a page this output leaves out (LaTeX: an orphan)
            return inner
    xref = addnodes.pending_xref(
        label, refdomain="mt", reftype="term", reftarget=term.id, refexplicit=True
    )
    xref += inner
    return xref


def doc_link(docname: str) -> nodes.Element:
    """A link to a page, titled by the page's own title (like ``:doc:``)."""
    page = _writing.get()
    caption = page_title(page.domain, docname) if page is not None else None
    if page is not None and caption is not None:
        inner = nodes.inline(caption, caption, classes=["doc"])
        try:
            uri = page_uri(page.builder, page.docname, docname)
        except NoUri:  # as for a term: the page's title, not linked
            return inner
        return nodes.reference("", "", inner, internal=True, refuri=uri)
    xref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget="/" + docname, refexplicit=False
    )
    xref += nodes.inline(docname, docname)
    return xref


def page_title(domain: ModelTermsDomain, docname: str) -> str | None:
    """The title of ``docname`` as a link shows it (worked out once per
    build), or ``None`` for a page Sphinx does not know."""
    captions = domain.build.rendered
    caption = captions.get(("title", docname))
    if caption is None and docname in domain.env.titles:
        caption = captions["title", docname] = clean_astext(domain.env.titles[docname])
    return caption


def compare_link(comparison_id: str, title: str) -> addnodes.pending_xref:
    """A link to a named comparison (resolved by the domain)."""
    xref = addnodes.pending_xref(
        title,
        refdomain="mt",
        reftype="compare",
        reftarget=comparison_id,
        refexplicit=True,
    )
    xref += nodes.inline(title, title)
    return xref


# -- URLs ------------------------------------------------------------------------
#
# Sphinx's builders give a page's URL relative to another page; these add
# what a link needs besides: singlehtml writes every page into one file,
# where "#document-<page>" plus an anchor would be two fragments (and the
# root page has no such anchor), and dirhtml names its root page "".


def page_uri(builder: Builder, fromdocname: str, docname: str, anchor: str = "") -> str:
    """The link on ``fromdocname``'s page to ``docname`` (at ``anchor``)."""
    if isinstance(builder, SingleFileHTMLBuilder):
        if anchor:
            return f"#{anchor}"
        if docname == builder.config.root_doc:
            return "#"
        return builder.get_relative_uri(fromdocname, docname)
    uri = builder.get_relative_uri(fromdocname, docname)
    return f"{uri}#{anchor}" if anchor else uri


def site_uri(builder: Builder, docname: str, anchor: str = "") -> str:
    """The URL of ``docname`` (at ``anchor``) relative to the output folder:
    what a file at the folder's top (an export) links to."""
    if isinstance(builder, SingleFileHTMLBuilder):
        root: str = builder.config.root_doc
        page = root + builder.link_suffix
        if anchor:
            return f"{page}#{anchor}"
        if docname == root:
            return page
        return page + builder.get_target_uri(docname)
    uri = builder.get_target_uri(docname) or "./"
    return f"{uri}#{anchor}" if anchor else uri


def image_uri(builder: Builder, docname: str, anchor: str = "") -> str:
    """The URL of ``docname`` (at ``anchor``) from the folder of images
    (where a picture's links are followed from)."""
    up = "../" * len([part for part in builder.imagedir.split("/") if part])
    return up + site_uri(builder, docname, anchor)

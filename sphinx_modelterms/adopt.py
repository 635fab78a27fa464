"""Sphinx's own glossary, adopted: its entries are terms, its links get
tooltips.

With :confval:`modelterms_adopt_glossary` on (the default), nothing that
Sphinx writes for a ``glossary`` or a ``:term:`` link changes but the link's
HTML hooks:

- Reading (:class:`AdoptGlossaryTransform`, once smart quotes are set, as
  for cards): each entry of each ``glossary`` on the page becomes a
  :class:`~.model.Term`: its first term line the title, the other lines
  aliases, the first paragraph of its definition the short definition, the
  slug of its title the id, and the anchor Sphinx gave the entry the place
  links go to.  Each ``:term:`` link on the page is a use of its target, as
  an ``:mt:`` link is (back-references, checks, the incremental rules).
- Writing HTML, once Sphinx has resolved the references
  (:class:`AdoptTermLinksPostTransform`): a link Sphinx made for a
  ``:term:`` role that leads to an adopted entry becomes an
  :class:`~.nodes.mt_reference` with the same attributes and children, so
  it is written as before plus ``data-mt-term``, ``aria-describedby`` and
  the tooltip.  Sphinx's own lookup (exact text, then any case; intersphinx)
  decides where each link goes; this only recognises the address.
- With :confval:`modelterms_glossary_details` (off by default), the
  glossary itself shows each entry's badges and the pages that reference
  it (:class:`GlossaryDetailsPostTransform`); what a term file adds to an
  entry (:mod:`.enrich`) then shows there too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import split_term_classifiers
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .config import get_config
from .directives.card import card_text, first_paragraph
from .i18n import _
from .lookup import NAME_ONLY
from .model import Term
from .naming import adopted_id, one_line
from .nodes import mt_reference
from .render.cards import badges
from .render.links import doc_link

if TYPE_CHECKING:
    from .domain import ModelTermsDomain

__all__ = [
    "ADOPTED",
    "AdoptGlossaryTransform",
    "AdoptTermLinksPostTransform",
    "GlossaryDetailsPostTransform",
]

ADOPTED = "mt_adopted"
"""Marks a glossary entry (its ``definition_list_item``) with its term id."""


class AdoptGlossaryTransform(SphinxTransform):
    # after SphinxSmartQuotes (750), with the cards' text (790)
    default_priority = 791

    def apply(self, **kwargs: Any) -> None:
        if not get_config(self.env).adopt_glossary:
            return
        domain = cast("ModelTermsDomain", self.env.get_domain("mt"))
        docname = self.env.docname
        taken: dict[str, str] = {}  # id → the title of the page's entry
        for glossary in self.document.findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                term = self._entry(item)
                if term is None:
                    continue
                if taken.setdefault(term.id, term.title) != term.title:
                    # another title of the same slug ("C#", "C++"): the next
                    # free id, as Sphinx numbers the anchors of such terms
                    term = replace(term, id=_free(term.id, taken))
                    taken[term.id] = term.title
                item[ADOPTED] = term.id
                domain.note_term(term)
        for xref in self.document.findall(addnodes.pending_xref):
            if xref.get("refdomain") == "std" and xref.get("reftype") == "term":
                # found by its text, as Sphinx finds it: not by its slug
                domain.note_use(docname, NAME_ONLY + xref.get("reftarget", ""))

    def _entry(self, item: nodes.definition_list_item) -> Term | None:
        lines = [child for child in item.children if isinstance(child, nodes.term)]
        if not lines or not lines[0]["ids"]:
            return None
        titles = [_registered(line) for line in lines]
        title = titles[0]
        if not title:
            return None
        titles += [name for name in map(_untranslated, lines) if name not in titles]
        definition = next(
            (child for child in item.children if isinstance(child, nodes.definition)),
            None,
        )
        summary = first_paragraph(definition.children) if definition else None
        label = one_line(lines[0].astext())
        return Term(
            id=adopted_id(title),
            title=title,
            docname=self.env.docname,
            lineno=lines[0].line or item.line or 0,
            aliases=tuple(t for t in titles[1:] if t),
            label="" if label == title else label,
            glossary_anchors=tuple(line["ids"][0] for line in lines if line["ids"]),
            **card_text(summary, (), (), self.env),
        )


def _free(wanted: str, taken: dict[str, str]) -> str:
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def _untranslated(line: nodes.term) -> str:
    """The name a term line that a catalog translated has in the source
    language, which Sphinx still finds it by; none for a line not
    translated, or written with inline markup."""
    if not line.get("translated"):
        return ""
    name = one_line(split_term_classifiers(line.rawsource)[0])
    return "" if _MARKUP.search(name) else name


_MARKUP = re.compile(r"[`*|\\]|_\b")


def _registered(line: nodes.term) -> str:
    """The text Sphinx registered for a term line (its index entry's: the
    line as written, before smart quotes)."""
    for index in line.findall(addnodes.index):
        for entry in index["entries"]:
            return one_line(entry[1])
    return one_line(line.astext())


class AdoptTermLinksPostTransform(SphinxPostTransform):
    """``:term:`` links to adopted entries become term links (HTML)."""

    default_priority = 11  # just after ReferencesResolver (10)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        if not get_config(self.env).adopt_glossary:
            return
        domain = cast("ModelTermsDomain", self.env.get_domain("mt"))
        by_anchor = _by_anchor(domain)
        if not by_anchor:
            return
        builder = domain.build.builder
        assert builder is not None  # noted at builder-inited
        here = self.env.docname
        pages = domain.store.pages
        addresses: dict[str, str] = {}  # page → its address from here

        def leads_to(uri: str | None, page: str) -> bool:
            """Whether a link whose page part is ``uri`` (``None``: this
            page) leads to ``page``, as Sphinx's ``make_refnode`` writes it."""
            if uri is None or page == here:
                return uri is None and page == here
            if page not in addresses:
                addresses[page] = builder.get_relative_uri(here, page)
            return addresses[page] == uri

        for ref in list(self.document.findall(nodes.reference)):
            if isinstance(ref, mt_reference) or not _from_term_role(ref):
                continue
            uri, anchor = _address(ref)
            for term_id in by_anchor.get(anchor, ()):
                if leads_to(uri, pages[term_id]):
                    _make_term_link(ref, term_id)
                    break


def _by_anchor(domain: ModelTermsDomain) -> dict[str, list[str]]:
    """The anchor of each term line of an adopted entry → the entries'
    ids (several pages may have the same anchors), once per build."""
    if domain.build.entry_anchors is None:
        found: dict[str, list[str]] = defaultdict(list)
        for term_id in domain.store.adopted():
            for anchor in domain.store.entry_anchors(term_id):
                found[anchor].append(term_id)
        domain.build.entry_anchors = dict(found)
    return domain.build.entry_anchors


def _from_term_role(ref: nodes.reference) -> bool:
    """Whether Sphinx made ``ref`` for a ``:term:`` role: its one child is
    the role's text node, of class ``std-term``."""
    if len(ref.children) != 1:
        return False
    inner = ref[0]
    return isinstance(inner, nodes.Element) and "std-term" in inner["classes"]


def _address(ref: nodes.reference) -> tuple[str | None, str]:
    """The page part (``None`` for this page) and the anchor of an internal
    link; no anchor for any other link."""
    if "refid" in ref:
        return None, ref["refid"]
    uri = ref.get("refuri", "")
    if not ref.get("internal") or "#" not in uri:
        return "", ""  # another project's (intersphinx), or a whole page
    page, anchor = uri.rsplit("#", 1)
    return page, anchor


def _make_term_link(ref: nodes.reference, term_id: str) -> None:
    """Sphinx's link becomes a term link where it is: the same node with its
    children and attributes, of the subclass that carries the HTML hooks.
    (A new node put in its place cost three quarters of this transform's
    time, some 3 % of a full build of a glossary: see the performance
    ledger.)"""
    ref.__class__ = mt_reference
    ref["classes"].append("mt-ref")
    ref["mt_term"] = term_id


class GlossaryDetailsPostTransform(SphinxPostTransform):
    """With :confval:`modelterms_glossary_details`: under each adopted entry
    of a glossary, its badges and the pages that reference it."""

    default_priority = 5  # with the fill, before references are resolved

    def run(self, **kwargs: Any) -> None:
        config = get_config(self.env)
        if not (config.adopt_glossary and config.glossary_details):
            return
        domain = cast("ModelTermsDomain", self.env.get_domain("mt"))
        entries = _entries_of(domain, self.env.docname)
        for item in self.document.findall(nodes.definition_list_item):
            first = item.next_node(nodes.term) if item.get(ADOPTED) else None
            term = entries.get(first["ids"][0]) if first and first["ids"] else None
            definition = item.next_node(nodes.definition)
            if term is None or definition is None:
                continue
            line = badges(term)
            if line is not None:
                definition.insert(0, line)
            pages = domain.relations.pages(term.id) if config.backrefs else []
            if pages:
                label = _("Referenced from: ")
                para = nodes.paragraph(classes=["mt-backrefs-line", "no-search"])
                para += nodes.inline(label, label, classes=["mt-backrefs-label"])
                for n, page in enumerate(pages):
                    if n:
                        para += nodes.Text(", ")
                    para += doc_link(page)
                definition += para


def _entries_of(domain: ModelTermsDomain, docname: str) -> dict[str, Term]:
    """The anchor of each adopted entry of ``docname`` that wins its id →
    its term (not one that lost its id to a card or to another entry; one
    that took another id once every page was read, under that id)."""
    found = {}
    for term_id in domain.ids_declared_on([docname]):
        term = domain.get(term_id)
        if term is not None and term.adopted and term.docname == docname:
            found[term.anchor] = term
    return found

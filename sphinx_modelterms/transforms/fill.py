"""Write-time filling of everything that shows other terms or pages.

Cards get their related-term cards, generated questions, comparisons and
back-references; ``term-compare``, ``term-index`` and ``term-table``
placeholders become tables and lists (:mod:`.listings`).  Runs before Sphinx's
ReferencesResolver (priority 10).  Links to known terms and pages are
made final at once (see :mod:`..render.links`); the rest are left to the
resolver like any ``:mt:``.

In HTML, what a card repeats of a related term (its card) is an
:class:`~..nodes.mt_fragment` that the writer renders once per term and
folder: a term is related to several others, and each would otherwise be
a few dozen nodes built, resolved and written again.  Terms whose short
definition holds a cross-reference or math, which Sphinx's own transforms
must see, are built as nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import get_config
from ..diagnostics import WarningSubtype, warn
from ..i18n import _, __
from ..lookup import Ambiguous, Found
from ..naming import sort_key
from ..nodes import (
    FILLED,
    mt_backrefs,
    mt_card,
    mt_comparisons,
    mt_faq,
    mt_fragment,
    mt_graph_request,
    mt_pagelist,
    mt_related,
)
from ..render.cards import (
    HEADING,
    SECTION_LEVEL,
    faq_block,
    generated_faq,
    related_card,
    related_list,
    section_title,
)
from ..render.links import compare_link, direct_links, doc_link
from .listings import ListingFill, at_option, page_groups

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ..domain import ModelTermsDomain
    from ..model import Span, Term

__all__ = ["FillPostTransform", "related_terms"]


class FillPostTransform(SphinxPostTransform):
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        self.domain = cast("ModelTermsDomain", self.env.get_domain("mt"))
        self.config_ = get_config(self.env)
        builder = self.domain.build.builder
        self.html = builder is not None and builder.format == "html"
        # epub and help formats rewrite the links of the doctree itself
        # (``epub_show_urls``): theirs stay nodes
        self.reuse = self.html and not getattr(builder, "embedded", False)
        self.fewest = self.config_.filter_box if self.html else None
        with direct_links(self.domain, self.domain.build.builder, self.env.docname):
            # one walk over the page finds every placeholder
            found = list(self.document.findall(lambda n: isinstance(n, FILLED)))
            for node in found:
                if isinstance(node, mt_card):
                    self.fill_card(node)
            listings = ListingFill(
                self.domain,
                self.document,
                self.env.found_docs,
                html=self.html,
                fewest=self.fewest,
                related=lambda term, at: related_terms(
                    self.domain,
                    term,
                    at,
                    symmetric=self.config_.related_symmetric,
                    quiet=True,
                ),
            )
            listings.fill(found)

    # -- cards ------------------------------------------------------------------

    def fill_card(self, card: mt_card) -> None:
        domain, config = self.domain, self.config_
        term = domain.declared(card["mt_term"], self.env.docname, card["mt_lineno"])
        if term is None:
            return
        level = card.get(HEADING, SECTION_LEVEL)
        where = at_option(card, "mt_related_line")
        related = related_terms(domain, term, where, symmetric=config.related_symmetric)
        # what is added here repeats other terms' records: it stays out of
        # the search index, where it would make every card that lists a
        # term a hit for that term ("no-search", Sphinx 8.1 and later).
        # Questions and related terms go before the card's map and sources,
        # comparisons before its sources, "Referenced from" last.
        faq = next((p for p in card.children if isinstance(p, mt_faq)), None)
        # one question about each of the closest related terms, the first
        # listed: the rest are the related-term cards' business
        closest = related[: config.related_questions]
        asked = self.questions(term, closest) if config.generated_faq else []
        if asked:
            if faq is None:
                faq = faq_block([], level)
                card.insert(_before(card, _map_or_sources), faq)
            cast("nodes.definition_list", faq[-1])[0:0] = asked
        block: nodes.Element
        if related:
            block = mt_related(classes=["mt-related", "no-search"])
            block.extend(related_list(related, level, self.related_card))
            card.insert(_before(card, _map_or_sources), block)
        found = domain.relations.comparisons(term.id)
        if found:
            block = mt_comparisons(classes=["mt-comparisons", "no-search"])
            block += section_title(_("Side-by-side comparisons"), "comparisons", level)
            block += _bullets(compare_link(c.id, c.title) for c in found)
            card.insert(_before(card, _is_sources), block)
        groups = page_groups(domain.relations, term.id) if config.backrefs else []
        if groups:
            block = mt_backrefs(classes=["mt-backrefs", "no-search"])
            block += section_title(_("Referenced from"), "backrefs", level)
            for label, pages in groups:
                if label:
                    block += nodes.rubric(
                        label,
                        label,
                        classes=["mt-backrefs-group"],
                        translatable=False,
                        **{HEADING: level + 1},
                    )
                if self.html:  # dozens of links a card
                    block += mt_pagelist(mt_pages=list(pages))
                else:
                    block += _bullets(doc_link(page) for page in pages)
            card += block

    def questions(self, term: Term, related: Sequence[Term]) -> list[nodes.Element]:
        """The generated questions."""
        entries = generated_faq(term, related, self.config_.levels)
        for entry in entries:
            entry["classes"].append("no-search")
        return list(entries)

    def related_card(self, other: Term) -> nodes.Element:
        # a card with no definition is one line: docutils may write the list
        # as "simple", which it decides from the nodes
        if self.reuse and other.summary and _renders_alone(other):
            return mt_fragment(mt_kind="related-card", mt_term=other.id)
        return related_card(other)


def related_terms(
    domain: ModelTermsDomain,
    term: Term,
    location: Any,
    *,
    symmetric: bool,
    quiet: bool = False,
) -> list[Term]:
    """``term``'s own related terms in their order, each once, then (when
    symmetric) the terms that list it, by title.  Unless ``quiet``, entries
    that resolve to nothing, to several terms, to the term itself or to a
    term an earlier entry names are warned about."""
    seen = {term.id: ""}  # id → the entry that named it first
    out: list[Term] = []
    for target in term.related:
        found = domain.index.resolve(target)
        if isinstance(found, Found) and found.term_id not in seen:
            seen[found.term_id] = target
            out.append(cast("Term", domain.get(found.term_id)))
        elif quiet:
            continue
        elif isinstance(found, Found) and found.term_id == term.id:
            warn(
                WarningSubtype.RELATED,
                __("term %r lists itself as related"),
                term.id,
                location=location,
            )
        elif isinstance(found, Found):
            warn(
                WarningSubtype.RELATED,
                __("related terms %r and %r of %r both name %r; it is listed once"),
                seen[found.term_id],
                target,
                term.id,
                found.term_id,
                location=location,
            )
        elif isinstance(found, Ambiguous):
            warn(
                WarningSubtype.RELATED,
                __("related term %r of %r is ambiguous; it matches %s"),
                target,
                term.id,
                domain.describe(found.candidates),
                location=location,
            )
        elif not isinstance(found, Found):
            warn(
                WarningSubtype.RELATED,
                __("related term %r of %r does not exist"),
                target,
                term.id,
                location=location,
            )
    if symmetric:
        others = [
            domain.get(i) for i in domain.relations.referrers(term.id) if i not in seen
        ]
        out.extend(
            sorted(
                (t for t in others if t),
                key=lambda t: (sort_key(t.display_title), t.id),
            )
        )
    return out


def _is_sources(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and "mt-sources" in node["classes"]


def _map_or_sources(node: nodes.Node) -> bool:
    return isinstance(node, mt_graph_request) or _is_sources(node)


def _before(card: mt_card, test: Callable[[nodes.Node], bool]) -> int:
    """The index in ``card`` of its first child that passes ``test``, or its
    length."""
    for index, part in enumerate(card.children):
        if test(part):
            return index
    return len(card)


def _bullets(items: Any) -> nodes.bullet_list:
    return nodes.bullet_list(
        "", *(nodes.list_item("", nodes.paragraph("", "", item)) for item in items)
    )


def _renders_alone(term: Term) -> bool:
    """Whether what a card shows of ``term`` needs no transform of Sphinx's
    (a cross-reference to resolve, math to set up) and can be written from
    the record by the HTML writer alone."""
    return _spans_alone(term.summary)


def _spans_alone(spans: Sequence[Span]) -> bool:
    # a download's link and a picture's file are relative to the page, and
    # Sphinx collects a page's pictures before it is written
    return all(span.kind not in {"xref", "math", "download", "image"} for span in spans)

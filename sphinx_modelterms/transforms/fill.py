"""Write-time filling of everything that shows other terms or pages.

Cards get their related-term cards, generated questions, comparisons and
back-references; ``term-compare``, ``term-index`` and ``term-table``
placeholders become tables and lists.  Runs before Sphinx's
ReferencesResolver (priority 10).  Links to known terms and pages are
made final at once (see :mod:`..render.links`); the rest are left to the
resolver like any ``:mt:``.

In HTML, what a card repeats of a related term (its card, and the answer
to "How is X related to Y?") is an :class:`~..nodes.mt_fragment` that the
writer renders once per term and folder: a term is related to several
others, and each would otherwise be a few dozen nodes built, resolved and
written again.  Terms whose short definition holds a cross-reference or
math, which Sphinx's own transforms must see, are built as nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import get_config
from ..diagnostics import WarningSubtype, warn
from ..i18n import _, __
from ..lookup import Ambiguous, Found
from ..model import Listing
from ..naming import sort_key
from ..nodes import (
    FillTarget,
    mt_asked,
    mt_backrefs,
    mt_card,
    mt_compare,
    mt_comparisons,
    mt_faq,
    mt_fragment,
    mt_graph_request,
    mt_index,
    mt_pagelist,
    mt_related,
    mt_table,
)
from ..render.cards import (
    HEADING,
    SECTION_LEVEL,
    asks_questions,
    faq_block,
    generated_faq,
    related_answer,
    related_card,
    related_list,
    section_title,
)
from ..render.indexes import index_block, index_groups
from ..render.links import compare_link, direct_links, doc_link
from ..render.tables import (
    COMPARE_ROWS,
    compare_caption,
    compare_rows,
    compare_table,
    labels,
    sort_terms,
    term_table,
)
from ..selection import selects
from .missing import option_term, warn_unmatched_filters

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
        self.table_ids: set[str] = set()
        with direct_links(self.domain, self.domain.build.builder, self.env.docname):
            # one walk over the page finds every placeholder
            found = list(self.document.findall(FillTarget))
            for node in found:
                if isinstance(node, mt_card):
                    self.fill_card(node)
            serials: set[int] = set()
            tables = 0
            for node in found:
                if isinstance(node, mt_compare):
                    self.fill_compare(node)
                elif isinstance(node, mt_index):
                    # numbered per page as it was read: singlehtml puts
                    # several pages' indexes on one, whose anchors would clash
                    if node["mt_serial"] in serials:
                        node["mt_serial"] = max(serials) + 1
                    serials.add(node["mt_serial"])
                    node.extend(self.index(node))
                    _drop_if_empty(node)
                elif isinstance(node, mt_table):
                    tables += 1
                    self.fill_table(node, f"mt-table-{tables}")

    # -- cards ------------------------------------------------------------------

    def fill_card(self, card: mt_card) -> None:
        domain, config = self.domain, self.config_
        term = domain.declared(card["mt_term"], self.env.docname, card["mt_lineno"])
        if term is None:
            return
        level = card.get(HEADING, SECTION_LEVEL)
        where = _at_option(card, "mt_related_line")
        related = related_terms(domain, term, where, symmetric=config.related_symmetric)
        # what is added here repeats other terms' records: it stays out of
        # the search index, where it would make every card that lists a
        # term a hit for that term ("no-search", Sphinx 8.1 and later).
        # Questions and related terms go before the card's map and sources,
        # comparisons before its sources, "Referenced from" last.
        faq = next((p for p in card.children if isinstance(p, mt_faq)), None)
        asked = self.questions(term, related) if config.generated_faq else []
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
        groups = self.page_groups(term) if config.backrefs else []
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

    def page_groups(self, term: Term) -> list[tuple[str, list[str]]]:
        """The pages that link ``term``: term pages (pages that hold a card)
        apart from the others, each group labelled when there are both."""
        relations = self.domain.relations
        pages = relations.pages(term.id)
        cards = [page for page in pages if relations.on_page(page)]
        others = [page for page in pages if not relations.on_page(page)]
        if cards and others:
            return [(_("Term pages"), cards), (_("Other pages"), others)]
        return [("", pages)] if pages else []

    def questions(self, term: Term, related: Sequence[Term]) -> list[nodes.Element]:
        """The generated questions, or in HTML, where the card's own records
        need no transform of Sphinx's, the node the writer makes them from
        (nodes that live for one card there, not for the whole page)."""
        if not (self.reuse and _renders_alone(term) and _spans_alone(term.example)):
            entries = generated_faq(
                term, related, self.config_.levels, self.related_answer
            )
            for entry in entries:
                entry["classes"].append("no-search")
            return list(entries)
        if not asks_questions(term, related):
            return []
        node = mt_asked(
            classes=["no-search"],
            mt_term=term.id,
            mt_docname=term.docname,
            mt_lineno=term.lineno,
            mt_related=[other.id for other in related],
        )
        node.extend(self.related_answer(other) for other in related)
        return [node]

    def related_card(self, other: Term) -> nodes.Element:
        # a card with no definition is one line: docutils may write the list
        # as "simple", which it decides from the nodes
        if self.reuse and other.summary and _renders_alone(other):
            return mt_fragment(mt_kind="related-card", mt_term=other.id)
        return related_card(other)

    def related_answer(self, other: Term) -> nodes.Element:
        if self.reuse and _renders_alone(other):
            return mt_fragment(mt_kind="related-answer", mt_term=other.id)
        return related_answer(other)

    # -- listings ---------------------------------------------------------------

    def _resolved(self, node: nodes.Element, targets: Sequence[str]) -> list[Term]:
        named: dict[str, str] = {}  # id → the entry that named it first
        for target in targets:
            term_id = option_term(
                self.domain,
                target,
                "term-compare",
                ":terms:",
                _at_option(node, "mt_terms_line"),
            )
            if term_id is None:
                continue
            if term_id in named:
                warn(
                    WarningSubtype.INVALID,
                    __("term-compare: %r and %r both name %r; it is shown once"),
                    named[term_id],
                    target,
                    term_id,
                    location=_at_option(node, "mt_terms_line"),
                )
            else:
                named[term_id] = target
        return [cast("Term", self.domain.get(term_id)) for term_id in named]

    def fill_compare(self, node: mt_compare) -> None:
        terms = self._resolved(node, node["mt_terms"])
        if terms:
            fields = self.config_.fields
            order = [*COMPARE_ROWS, *(name for name, _label in fields)]
            rows = compare_rows(node["mt_rows"], order)
            table = compare_table(terms, rows, labels(fields))
            # a captioned table needs an id of its own (Sphinx numbers
            # them); an untitled one's names its terms, and stays unique on
            # a page that singlehtml makes of all
            wanted = (
                f"{node['ids'][0]}-table"
                if node["ids"]
                else "mt-compare-" + "-".join(t.id for t in terms)
            )
            found, number = wanted, 1
            while found in self.document.ids or found in self.table_ids:
                number += 1
                found = f"{wanted}-{number}"
            self.table_ids.add(found)
            table["ids"] = [found]
            caption = node["mt_title"] or compare_caption(terms)
            table.insert(0, nodes.title(caption, caption))
            node += table
        _drop_if_empty(node)

    def _selected(self, node: nodes.Element) -> list[Term]:
        filters = Listing(
            tuple(node["mt_categories"]),
            tuple(node["mt_levels"]),
            tuple(node.get("mt_pages", ())),
            backrefs=False,
        )
        terms = list(self.domain.terms())
        warn_unmatched_filters(
            node,
            filters,
            terms,
            self.env.found_docs,
            categories_checked=bool(self.config_.categories),
        )
        return [
            term
            for term in terms
            if selects(filters, term.category, term.level, term.docname)
        ]

    def index(self, node: mt_index) -> list[nodes.Node]:
        group_by = node["mt_group_by"]
        config = self.config_
        order = {"category": config.categories, "level": config.levels}.get(
            group_by, ()
        )
        groups = index_groups(self._selected(node), group_by, order)
        # a badge that would say the same on every entry: the listing's
        # only category (a category page) or level
        hidden = [
            name
            for name, values in [
                ("category", node["mt_categories"]),
                ("level", node["mt_levels"]),
            ]
            if len(values) == 1
        ]
        return index_block(groups, group_by, node["mt_serial"], hidden)

    def fill_table(self, node: mt_table, anchor: str) -> None:
        config = self.config_
        terms = sort_terms(
            self._selected(node), node["mt_sort"], config.levels, config.categories
        )
        if terms:
            node += term_table(
                terms,
                node["mt_columns"],
                labels(config.fields),
                lambda t: related_terms(
                    self.domain, t, node, symmetric=config.related_symmetric, quiet=True
                ),
                self.page_groups,
                sort=node["mt_sort"],
                anchor=anchor,
                cell_labels=self.html,
            )
        _drop_if_empty(node)


def _at_option(node: nodes.Element, attribute: str) -> Any:
    """Where a warning about an option of ``node``'s directive points: the
    option's own line, which the directive kept in ``attribute``, else the
    directive."""
    line = node.get(attribute)
    return f"{node.source}:{line}" if line and node.source else node


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


def _drop_if_empty(node: nodes.Element) -> None:
    if not len(node) and node.parent is not None:
        node.parent.remove(node)


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

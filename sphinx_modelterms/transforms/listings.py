"""Write-time filling of ``term-compare``, ``term-index`` and ``term-table``.

Part of the fill (:mod:`.fill`), which hands each page's placeholders to
:class:`ListingFill`: comparisons, indexes and tables are built from the
domain's current terms, so they are never out of date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes

from ..config import get_config
from ..diagnostics import WarningSubtype, warn
from ..filterbox import boxed
from ..i18n import _, __
from ..model import Listing
from ..nodes import mt_compare, mt_index, mt_table
from ..render.indexes import index_block, index_groups
from ..render.tables import (
    COMPARE_ROWS,
    compare_caption,
    compare_rows,
    compare_table,
    labels,
    sort_terms,
    term_table,
)
from ..selection import referenced, selects
from .missing import option_term, warn_unmatched_filters

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from ..domain import ModelTermsDomain
    from ..model import Term
    from ..relations import TermRelations

__all__ = ["ListingFill", "at_option", "drop_if_empty", "page_groups"]


def at_option(node: nodes.Element, attribute: str) -> Any:
    """Where a warning about an option of ``node``'s directive points: the
    option's own line, which the directive kept in ``attribute``, else the
    directive."""
    line = node.get(attribute)
    return f"{node.source}:{line}" if line and node.source else node


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def drop_if_empty(node: nodes.Element) -> None:
    if not len(node) and node.parent is not None:
        node.parent.remove(node)


def page_groups(relations: TermRelations, term_id: str) -> list[tuple[str, list[str]]]:
    """The pages that link a term: the pages that hold cards apart from the
    others, each group labelled when there are both ("Term pages", "Other
    pages"); the incremental rule is ``incremental._groups``."""
    pages = relations.pages(term_id)
    cards = [page for page in pages if relations.on_page(page)]
    others = [page for page in pages if not relations.on_page(page)]
    if cards and others:
        return [(_("Term pages"), cards), (_("Other pages"), others)]
    return [("", pages)] if pages else []


class ListingFill:
    """Fills the listings of one page; ``related(term, location)`` gives a
    term's related terms as its card lists them, ``fewest`` is the number
    of entries from which a listing gets a filter box (``None``: never)."""

    def __init__(
        self,
        domain: ModelTermsDomain,
        document: nodes.document,
        found_docs: Iterable[str],
        *,
        html: bool,
        fewest: int | None,
        related: Callable[[Term, Any], list[Term]],
    ) -> None:
        self.domain = domain
        self.config = get_config(domain.env)
        self.document = document
        self.found_docs = set(found_docs)
        self.html = html
        self.fewest = fewest  # the filter box's threshold; None outside HTML
        self.related = related
        self.table_ids: set[str] = set()

    def fill(self, found: Iterable[nodes.Node]) -> None:
        serials: set[int] = set()
        tables = 0
        for node in found:
            if isinstance(node, mt_compare):
                self.compare(node)
            elif isinstance(node, mt_index):
                # numbered per page as it was read: singlehtml puts several
                # pages' indexes on one, whose anchors would clash
                if node["mt_serial"] in serials:
                    node["mt_serial"] = max(serials) + 1
                serials.add(node["mt_serial"])
                node.extend(self.index(node))
                drop_if_empty(node)
            elif isinstance(node, mt_table):
                tables += 1
                self.table(node, f"mt-table-{tables}")

    def _resolved(self, node: nodes.Element, targets: Sequence[str]) -> list[Term]:
        named: dict[str, str] = {}  # id → the entry that named it first
        for target in targets:
            term_id = option_term(
                self.domain,
                target,
                "term-compare",
                ":terms:",
                at_option(node, "mt_terms_line"),
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
                    location=at_option(node, "mt_terms_line"),
                )
            else:
                named[term_id] = target
        return [cast("Term", self.domain.get(term_id)) for term_id in named]

    def compare(self, node: mt_compare) -> None:
        terms = self._resolved(node, node["mt_terms"])
        if terms:
            fields = self.config.fields
            order = [*COMPARE_ROWS, *(name for name, _label in fields)]
            rows = compare_rows(node["mt_rows"], order)
            table = compare_table(terms, rows, labels(fields), badged=self.html)
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
        drop_if_empty(node)

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
            self.found_docs,
            categories_checked=bool(self.config.categories),
        )
        patterns = node.get("mt_referenced_from", ())
        pages = self.domain.relations.pages
        return [
            term
            for term in terms
            if selects(filters, term.category, term.level, term.docname)
            and referenced(patterns, pages(term.id))
        ]

    def index(self, node: mt_index) -> list[nodes.Node]:
        group_by = node["mt_group_by"]
        config = self.config
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
        # group headings one level below the section the index is in
        depth = sum(isinstance(a, nodes.section) for a in _ancestors(node))
        level = min(6, max(2, depth + 1))
        block = index_block(groups, group_by, node["mt_serial"], hidden, level)
        shown = [t for _name, terms in groups for t in terms]
        return boxed(block, shown, node, self.document, self.fewest)

    def table(self, node: mt_table, anchor: str) -> None:
        config = self.config
        terms = sort_terms(
            self._selected(node), node["mt_sort"], config.levels, config.categories
        )
        if terms:
            block = term_table(
                terms,
                node["mt_columns"],
                labels(config.fields),
                lambda t: self.related(t, node),
                lambda t: page_groups(self.domain.relations, t.id),
                sort=node["mt_sort"],
                anchor=anchor,
                cell_labels=self.html,
            )
            node.extend(boxed(block, terms, node, self.document, self.fewest))
        drop_if_empty(node)

"""The relations between terms, derived from the domain's records.

The domain stores what each document declared; this module answers the
questions that need all documents at once: what a name resolves to, which
terms list a term as related, which pages reference it, which named
comparisons hold it.  The domain builds a :class:`TermRelations` when first
asked (see :attr:`.ModelTermsDomain.relations`) and drops it whenever its
records change, so every question is a dictionary look-up after the first.
(The Graphviz pictures of these relations are :mod:`.render.graph`'s.)
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import TYPE_CHECKING, cast

from .lookup import Found, Owners, ProbeKey, TermIndex
from .naming import ENGLISH, build_pattern
from .naming import key as naming_key

if TYPE_CHECKING:
    import re
    from collections.abc import Iterable, Mapping, Sequence

    from .model import Comparison, Term
    from .naming import NumberRules

__all__ = ["TermRelations"]


def _pair(a: str, b: str) -> tuple[str, str]:
    """Two ids in a fixed order, as a set of pairs keeps them."""
    return (a, b) if a <= b else (b, a)


class TermRelations:
    """Reverse relations, back-references and comparisons by term id.

    The index is built at once; each other view is worked out the first
    time it is asked for, so a rebuild that writes a few prose pages does
    not pay for the relations of every card.
    """

    def __init__(
        self,
        terms: Mapping[str, Term],
        uses: Mapping[str, Iterable[str]],
        comparisons: Iterable[Comparison],
        owners: Mapping[ProbeKey, Owners] | None = None,
        *,
        pages: Mapping[str, str],
        rules: NumberRules = ENGLISH,
    ) -> None:
        """``terms``: the record that wins each id, in id order (a mapping
        that may decode each record when it is first looked at); ``pages``:
        id → the page of that record, read without it; ``rules``: the
        singular/plural fold of the project's language."""
        self.terms = terms
        self._term_pages = pages
        self.rules = rules
        self.index = (
            TermIndex(self.terms.values(), rules)
            if owners is None
            else TermIndex.from_owners(owners, rules)
        )
        self._uses = uses
        self._comparison_records = list(comparisons)
        self._page_terms: dict[str, tuple[str, ...]] = {}
        self._patterns: dict[tuple[str, ...], re.Pattern[str] | None] = {}

    def seed(self, page_terms: Mapping[str, tuple[str, ...]]) -> None:
        """Take what pages' references resolved to in an earlier build with
        the same term keys (see :func:`.savedstate.state_now`), instead of resolving
        them again."""
        for docname, ids in page_terms.items():
            self._page_terms.setdefault(docname, ids)

    def page_terms(self, docname: str) -> tuple[str, ...]:
        """The ids the ``:mt:`` references of ``docname`` resolve to, sorted."""
        ids = self._page_terms.get(docname)
        if ids is None:
            resolve = self.resolve
            found = {resolve(target) for target in self._uses.get(docname, ())}
            found.discard(None)
            ids = self._page_terms[docname] = tuple(sorted(cast("set[str]", found)))
        return ids

    @cached_property
    def _on_page(self) -> dict[str, list[str]]:
        on_page: dict[str, list[str]] = defaultdict(list)
        pages = self._term_pages
        for term_id in sorted(pages):
            on_page[pages[term_id]].append(term_id)
        return on_page

    @cached_property
    def _referrers(self) -> dict[str, list[str]]:
        resolve = self.resolve
        referrers: dict[str, list[str]] = defaultdict(list)
        for term in self.terms.values():
            # two entries that name one term (``alpha, Alpha``) refer once
            for found in dict.fromkeys(map(resolve, term.related)):
                if found is not None and found != term.id:
                    referrers[found].append(term.id)
        return referrers

    @cached_property
    def _pages(self) -> dict[str, list[str]]:
        pages: dict[str, list[str]] = defaultdict(list)
        term_pages = self._term_pages
        for docname in sorted(self._uses):
            for found in self.page_terms(docname):
                if docname != term_pages[found]:
                    pages[found].append(docname)
        return pages

    @cached_property
    def _held(self) -> list[tuple[Comparison, list[str]]]:
        """Each named comparison with the ids it holds, once each, in order."""
        return [
            (comparison, list(dict.fromkeys(self.resolve_all(comparison.terms))))
            for comparison in self._comparison_records
        ]

    @cached_property
    def _comparisons(self) -> dict[str, list[Comparison]]:
        held_by: dict[str, list[Comparison]] = defaultdict(list)
        for comparison, held in self._held:
            for term_id in held:
                held_by[term_id].append(comparison)
        return held_by

    @cached_property
    def compared_pairs(self) -> set[tuple[str, str]]:
        """Every two terms that a named comparison holds together."""
        pairs: set[tuple[str, str]] = set()
        for _comparison, held in self._held:
            for i, a in enumerate(held):
                pairs.update(_pair(a, b) for b in held[i + 1 :])
        return pairs

    @cached_property
    def related_pairs(self) -> set[tuple[str, str]]:
        """Every two terms joined by a ``:related:`` entry (either way)."""
        return {_pair(a, b) for b, sources in self._referrers.items() for a in sources}

    @cached_property
    def _neighbours(self) -> dict[str, set[str]]:
        neighbours: dict[str, set[str]] = defaultdict(set)
        for a, b in self.related_pairs | self.compared_pairs:
            neighbours[a].add(b)
            neighbours[b].add(a)
        return neighbours

    def resolve(self, target: str) -> str | None:
        """The id ``target`` resolves to, or ``None`` (missing or ambiguous)."""
        found = self.index.resolve(target)
        return found.term_id if isinstance(found, Found) else None

    def resolve_all(self, targets: Iterable[str]) -> list[str]:
        return [i for i in map(self.resolve, targets) if i is not None]

    def referrers(self, term_id: str) -> list[str]:
        """Ids of the terms whose ``:related:`` names ``term_id``."""
        return self._referrers.get(term_id, [])

    def on_page(self, docname: str) -> list[Term]:
        """The terms whose cards ``docname`` holds, in the domain's order."""
        return [self.terms[term_id] for term_id in self._on_page.get(docname, ())]

    def pages(self, term_id: str) -> list[str]:
        """Docnames whose ``:mt:`` references resolve to ``term_id`` (other
        than the term's own page), in name order."""
        return self._pages.get(term_id, [])

    def autolink_pattern(self, exclude: Sequence[str]) -> re.Pattern[str] | None:
        """The auto-linking pattern of every title and alias, compiled once."""
        key = tuple(exclude)
        if key not in self._patterns:
            skipped = {naming_key(e) for e in exclude}
            names = [
                name
                for term in self.terms.values()
                if term.id not in exclude
                for name in (term.title, *term.aliases)
                if naming_key(name) not in skipped
            ]
            self._patterns[key] = build_pattern(names, self.rules)
        return self._patterns[key]

    def neighbours(self, term_id: str) -> set[str]:
        """Terms joined to ``term_id`` by a relation (either way) or a
        named comparison."""
        return self._neighbours.get(term_id, set())

    def comparisons(self, term_id: str) -> list[Comparison]:
        """The named comparisons that hold ``term_id``, by title."""
        found = self._comparisons.get(term_id, [])
        return sorted(found, key=lambda c: (c.title.casefold(), c.id))

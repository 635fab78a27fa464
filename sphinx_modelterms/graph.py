"""Views derived from the domain's records, computed once per build state.

The domain stores what each document declared; this module answers the
questions that need all documents at once: which terms list a term as
related, which pages reference it, which named comparisons hold it.  A
:class:`TermGraph` is built lazily by the domain and dropped whenever its
records change, so every question is a dictionary look-up after the first.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from .lookup import Found, TermIndex
from .naming import build_pattern
from .naming import key as naming_key

if TYPE_CHECKING:
    import re
    from collections.abc import Iterable, Mapping, Sequence

    from .model import Comparison, Term

__all__ = ["TermGraph"]


def _pair(a: str, b: str) -> tuple[str, str]:
    """Two ids in a fixed order, as a set of pairs keeps them."""
    return (a, b) if a <= b else (b, a)


class TermGraph:
    """Reverse relations, back-references and comparisons by term id."""

    def __init__(
        self,
        terms: Iterable[Term],
        uses: Mapping[str, Iterable[str]],
        comparisons: Iterable[Comparison],
    ) -> None:
        self.terms = {term.id: term for term in terms}
        self._on_page: dict[str, list[Term]] = defaultdict(list)
        for term in self.terms.values():
            self._on_page[term.docname].append(term)
        self.index = TermIndex(self.terms.values())
        resolve = self.resolve
        self._referrers: dict[str, list[str]] = defaultdict(list)
        for term in self.terms.values():
            for target in term.related:
                found = resolve(target)
                if found is not None and found != term.id:
                    self._referrers[found].append(term.id)
        pages: dict[str, set[str]] = defaultdict(set)
        for docname, targets in uses.items():
            # a page names a term many times: each name is resolved once
            for found in {resolve(target) for target in targets}:
                if found is not None and docname != self.terms[found].docname:
                    pages[found].add(docname)
        self._pages = {term_id: sorted(docs) for term_id, docs in pages.items()}
        self._comparisons: dict[str, list[Comparison]] = defaultdict(list)
        self.compared_pairs: set[tuple[str, str]] = set()
        for comparison in comparisons:
            held = list(dict.fromkeys(self.resolve_all(comparison.terms)))
            for term_id in held:
                self._comparisons[term_id].append(comparison)
            for i, a in enumerate(held):
                self.compared_pairs.update(_pair(a, b) for b in held[i + 1 :])
        self.related_pairs: set[tuple[str, str]] = {
            _pair(a, b) for b, sources in self._referrers.items() for a in sources
        }
        self._patterns: dict[tuple[str, ...], re.Pattern[str] | None] = {}
        #: what writers render once per build state and reuse on every page
        self.rendered: dict[tuple[str, ...], str] = {}
        self._neighbours: dict[str, set[str]] = defaultdict(set)
        for a, b in self.related_pairs | self.compared_pairs:
            self._neighbours[a].add(b)
            self._neighbours[b].add(a)

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
        return self._on_page.get(docname, [])

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
            self._patterns[key] = build_pattern(names)
        return self._patterns[key]

    def neighbours(self, term_id: str) -> set[str]:
        """Terms joined to ``term_id`` by a relation (either way) or a
        named comparison."""
        return self._neighbours.get(term_id, set())

    def comparisons(self, term_id: str) -> list[Comparison]:
        """The named comparisons that hold ``term_id``, by title."""
        found = self._comparisons.get(term_id, [])
        return sorted(found, key=lambda c: (c.title.casefold(), c.id))

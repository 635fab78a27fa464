"""Which terms a ``term-index`` or ``term-table`` lists: one rule, shared by
the tables and by the incremental build."""

from __future__ import annotations

from fnmatch import fnmatchcase
from posixpath import join, normpath
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Filters", "matches_page", "page_pattern", "referenced", "selects"]


class Filters(Protocol):
    @property
    def categories(self) -> Sequence[str]: ...
    @property
    def levels(self) -> Sequence[str]: ...
    @property
    def pages(self) -> Sequence[str]: ...


def selects(filters: Filters, category: str, level: str, docname: str) -> bool:
    """An empty filter lets everything through; otherwise the term's
    category, level and page (a glob over docnames) must each match."""
    return (
        (not filters.categories or category in filters.categories)
        and (not filters.levels or level in filters.levels)
        and (not filters.pages or any(matches_page(docname, p) for p in filters.pages))
    )


def matches_page(docname: str, pattern: str) -> bool:
    """Whether a ``:pages:`` pattern (a glob over docnames) takes ``docname``."""
    return fnmatchcase(docname, pattern)


def referenced(patterns: Sequence[str], pages: Sequence[str]) -> bool:
    """Whether one of ``pages`` (those that link a term) matches one of the
    ``:referenced-from:`` ``patterns``; no pattern lets everything through.

    >>> referenced(["ch1/*"], ["ch2/a", "ch1/b"]), referenced(["ch1/*"], [])
    (True, False)
    """
    return not patterns or any(
        matches_page(page, pattern) for page in pages for pattern in patterns
    )


def page_pattern(docname: str, entry: str) -> str:
    """A ``:referenced-from:`` entry of page ``docname`` as a docname
    pattern: ``.`` is the page itself; other entries are relative to its
    folder unless they start with ``/``, as in a toctree.

    >>> [page_pattern("ch1/end", e) for e in (".", "*", "../ch2/*", "/*")]
    ['ch1/end', 'ch1/*', 'ch2/*', '*']
    """
    if entry == ".":
        return docname
    # from a root that ".." cannot climb above
    return normpath(join("/", docname, "..", entry))[1:]

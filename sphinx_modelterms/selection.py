"""Which terms a ``term-index`` or ``term-table`` lists: one rule, shared by
the tables and by the incremental build."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Filters", "matches_page", "selects"]


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

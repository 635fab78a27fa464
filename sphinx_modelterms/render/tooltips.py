"""The content of a term's tooltip: title, badges, short definition."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..nodes import mt_tooltip
from .cards import badges
from .spans import spans_to_nodes

if TYPE_CHECKING:
    from ..model import Term

__all__ = ["tip_id", "tooltip"]


def tip_id(term_id: str) -> str:
    """The HTML id of a term's tooltip, named by ``aria-describedby``."""
    return f"mt-tip-{term_id}"


def tooltip(term: Term) -> mt_tooltip:
    """The tooltip of ``term``; links in its summary become plain text, so it
    holds nothing focusable."""
    tip = mt_tooltip(ids=[tip_id(term.id)], classes=["mt-tooltip"])
    tip["mt_term"] = term.id
    tip += nodes.paragraph(
        "", "", nodes.strong(term.title, term.title), classes=["mt-tip-title"]
    )
    badge_line = badges(term)
    if badge_line is not None:
        tip += badge_line
    if term.summary:
        tip += nodes.paragraph(
            "",
            "",
            *spans_to_nodes(term.summary, links=False),
            classes=["mt-tip-summary"],
        )
    return tip

"""The content of a term's tooltip: title, badges, short definition."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..nodes import mt_tooltip
from .cards import badges
from .spans import spans_to_nodes

if TYPE_CHECKING:
    from ..model import ExternalTerm, Span, Term

__all__ = ["tip_id", "tooltip"]


def tip_id(key: str) -> str:
    """The HTML id of a term's tooltip, named by ``aria-describedby``
    (``set:id`` of an imported term becomes ``set--id``)."""
    return "mt-tip-" + key.replace(":", "--")


def tooltip(
    term: Term | ExternalTerm, tip: str, summary: tuple[Span, ...]
) -> mt_tooltip:
    """The tooltip of ``term`` with its ``summary`` (its short definition as
    the card shows it: :func:`.spans.shown_spans`); links in it become plain
    text, so it holds nothing focusable."""
    node = mt_tooltip(ids=[tip], classes=["mt-tooltip"])
    node["mt_term"] = term.id
    node += nodes.paragraph(
        "",
        "",
        nodes.strong(term.display_title, term.display_title),
        classes=["mt-tip-title"],
    )
    badge_line = badges(term)
    if badge_line is not None:
        node += badge_line
    if summary:
        node += nodes.paragraph(
            "",
            "",
            *spans_to_nodes(summary, links=False),
            classes=["mt-tip-summary"],
        )
    return node

"""A card's text as the reader sees it becomes its term's record.

The ``term-card`` directive records the term as written.  Sphinx then
translates the page (``Locale``, priority 20) and sets smart quotes
(priority 750), on the card's own nodes only.  Every other place that shows
a term's title or short definition (tooltips, generated questions, related
cards, indexes, tables, JSON-LD) makes it from the record, so once those
transforms have run, the card's title, short definition, examples,
questions and field values are read back from its nodes into the record:
each copy then reads as the card does.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..directives.card import card_text
from ..naming import one_line
from ..nodes import mt_card, mt_example, mt_faq_entry

if TYPE_CHECKING:
    from ..domain import ModelTermsDomain
    from ..model import Term

__all__ = ["DROPPED", "CardTextTransform", "card_heading"]

DROPPED = "mt_dropped"
"""Marks a card heading that the page's title repeats: it is read here for
the shown title, then removed."""


class CardTextTransform(SphinxTransform):
    # after SphinxSmartQuotes (750) and Locale (20); before doctree-read (880)
    default_priority = 790

    def apply(self, **kwargs: Any) -> None:
        domain = cast("ModelTermsDomain", self.env.get_domain("mt"))
        for card in list(self.document.findall(mt_card)):
            heading = card_heading(card)
            if heading is not None and heading.get(DROPPED):
                heading.parent.remove(heading)
            term = _record(domain, self.env.docname, card)
            if term is None:
                continue
            label = one_line(heading.astext()) if heading is not None else ""
            summary = next(
                (
                    p
                    for p in card.children
                    if isinstance(p, nodes.paragraph) and "mt-summary" in p["classes"]
                ),
                None,
            )
            text = card_text(
                summary,
                list(card.findall(mt_example)),
                list(card.findall(mt_faq_entry)),
                self.env,
            )
            shown = replace(
                term,
                label="" if label == term.title else label,
                fields=_shown_fields(card, term),
                **text,
            )
            if shown != term:
                domain.restate_term(term, shown)


def card_heading(card: mt_card) -> nodes.rubric | None:
    """The card's own title (a rubric); one the page's title repeats is
    marked :data:`DROPPED` and removed by :class:`CardTextTransform`."""
    for child in card.children:
        if isinstance(child, nodes.rubric) and "mt-card-title" in child["classes"]:
            return child
    return None


def _shown_fields(card: mt_card, term: Term) -> tuple[tuple[str, str], ...]:
    """The values of ``term``'s project fields as its card's table shows
    them."""
    rows = {
        cls: row
        for table in card.findall(nodes.table)
        if "mt-fields" in table["classes"]
        for row in table.findall(nodes.row)
        for cls in row["classes"]
    }
    shown = []
    for name, value in term.fields:
        row = rows.get(f"mt-field-{name}")
        shown.append((name, one_line(row[-1].astext()) if row is not None else value))
    return tuple(shown)


def _record(domain: ModelTermsDomain, docname: str, card: mt_card) -> Term | None:
    """The record of ``card`` itself (not another card with its id)."""
    for term in domain.store.records(card["mt_term"]):
        if term.docname == docname and term.lineno == card["mt_lineno"]:
            return term
    return None

"""Generated questions: which are asked, and when a card has none."""

from __future__ import annotations

from sphinx_modelterms.model import Span, Term
from sphinx_modelterms.render.cards import generated_faq


def test_what_is_needs_more_than_the_definition() -> None:
    """With nothing to add to the short definition (no category, no other
    name), "What is X?" is not asked: its answer would repeat the card."""
    summary = (Span("text", "An x."),)
    plain = Term(id="p", title="P", docname="d", lineno=1, summary=summary)
    assert generated_faq(plain, [], ["beginner"]) == []
    placed = Term(
        id="p", title="P", docname="d", lineno=1, summary=summary, category="Safety"
    )
    (entry,) = generated_faq(placed, [], ["beginner"])
    assert entry[0].astext() == "What is P?"
    assert (
        entry[1].astext() == "An x. In this glossary, P belongs to the Safety category."
    )

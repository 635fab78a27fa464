"""Whether a card gets generated questions is decided without making them
(the HTML writer makes them later): both answers agree."""

from __future__ import annotations

import pytest

from sphinx_modelterms.model import Span, Term
from sphinx_modelterms.render.cards import asks_questions, generated_faq

BARE = Term(id="bare", title="Bare", docname="doc", lineno=1)
OTHER = Term(id="other", title="Other", docname="doc", lineno=9)


@pytest.mark.parametrize(
    ("term", "related"),
    [
        (BARE, []),
        (BARE, [OTHER]),
        (
            Term(
                id="s", title="S", docname="d", lineno=1, summary=(Span("text", "x"),)
            ),
            [],
        ),
        (
            Term(
                id="e", title="E", docname="d", lineno=1, example=(Span("text", "x"),)
            ),
            [],
        ),
        (Term(id="l", title="L", docname="d", lineno=1, level="beginner"), []),
        (Term(id="c", title="C", docname="d", lineno=1, category="Safety"), []),
        (
            Term(
                id="a",
                title="A",
                docname="d",
                lineno=1,
                summary=(Span("text", "x"),),
                aliases=("b",),
            ),
            [],
        ),
    ],
)
def test_asks_questions_agrees_with_the_questions(
    term: Term, related: list[Term]
) -> None:
    made = generated_faq(term, related, ["beginner", "advanced"])
    assert asks_questions(term, related) is bool(made)


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

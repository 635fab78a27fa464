"""Imported term sets: another project's modelterms.json, checked."""

from __future__ import annotations

from sphinx_modelterms.sources.external import parse_term_set


def test_titles_of_control_characters_are_no_titles() -> None:
    """Text from another project is folded as our own is: control
    characters become spaces, and a title of nothing else is no title."""
    data = {
        "terms": [
            {"id": "a", "title": "\x1b\x07", "url": "a.html#mt-a"},
            {"id": "b\x00", "title": "Be\x1bta\n", "url": "b.html#mt-b"},
            {"id": "\x07", "title": "Gamma", "url": "g.html"},
        ]
    }
    terms = parse_term_set("other", "https://example.org/docs", data)
    assert [(t.id, t.title) for t in terms] == [("b", "Be ta")]
    assert terms[0].url == "https://example.org/docs/b.html#mt-b"

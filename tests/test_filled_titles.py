"""References written without a text (``:doc:`page```, ``:ref:`label```,
MyST's ``[](page.md)`` and ``[](#label)``) show the title Sphinx gives them
on the card, and so in every copy of the short definition: tooltips,
tables and their filter box, graph boxes, the generated question, the term
set files and JSON-LD."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from sphinx_modelterms.model import Span
from sphinx_modelterms.render.spans import filled_texts, shown_spans

from .conftest import build_once, soup, warnings_of
from .test_exports import jsonld
from .test_graphs import boxes, drawings, needs_dot

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

#: the short definition of "Service interval" as the card shows it
SHOWN = {
    "doctitles": (
        "How often a car goes back: see Booking a service, Steps of a service"
        " and the booking page."
    ),
    "doctitles-myst": (
        "How often a car goes back: see Booking a service, Booking a service,"
        " Steps of a service, Steps of a service and the booking page;"
        " the garage notes it (Keeping records)."
    ),
}


@pytest.fixture(scope="module", params=sorted(SHOWN))
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, SphinxTestApp]:
    return request.param, build_once(tmp_path_factory, request.param)


def _text(element: object) -> str:
    assert element is not None
    return " ".join(element.get_text().split())  # type: ignore[attr-defined]


def test_card_shows_the_titles(built: tuple[str, SphinxTestApp]) -> None:
    root, app = built
    assert warnings_of(app) == []
    card = soup(app, "glossary.html").select_one("#mt-service-interval")
    assert card is not None
    assert _text(card.select_one(".mt-summary")) == SHOWN[root]
    # the generated question answers with the same text
    assert _text(card.select_one(".mt-faq-list dd .mt-definition")) == SHOWN[root]


def test_tooltip_shows_the_titles(built: tuple[str, SphinxTestApp]) -> None:
    root, app = built
    tip = soup(app, "uses.html").select_one("#mt-tip-service-interval")
    assert tip is not None
    assert _text(tip.select_one(".mt-tip-summary")) == SHOWN[root]


def test_table_links_show_the_titles(built: tuple[str, SphinxTestApp]) -> None:
    root, app = built
    link = soup(app, "uses.html").select_one(
        'table.mt-term-table a[data-mt-term="service-interval"]'
    )
    assert link is not None
    cell = link.find_parent("tr").select("td")[1]  # type: ignore[union-attr]
    assert _text(cell) == SHOWN[root]
    expected = {"servicing.html", "servicing.html#service-steps"}
    if root.endswith("myst"):  # a heading of the card's page, by its anchor
        expected.add("glossary.html#keeping-records")
    assert {a["href"] for a in cell.select("a")} == expected


def test_filter_box_searches_the_titles(built: tuple[str, SphinxTestApp]) -> None:
    root, app = built
    box = soup(app, "uses.html").select_one(".mt-filter")
    assert box is not None
    keys = json.loads(str(box["data-mt-filter-keys"]))
    (searched,) = [k for k in keys if k.startswith("Service interval\n")]
    assert " ".join(searched.split("\n", 1)[1].split()) == SHOWN[root]


@needs_dot
def test_graph_boxes_show_the_titles(built: tuple[str, SphinxTestApp]) -> None:
    root, app = built
    (svg,) = drawings(app, "uses.html")
    _classes, _href, hover = boxes(svg)["service-interval"]
    assert " ".join(hover.split()).endswith(SHOWN[root])


def test_term_set_files_show_the_titles(built: tuple[str, SphinxTestApp]) -> None:
    root, app = built
    data = json.loads((app.outdir / "modelterms.json").read_text("utf8"))
    term = next(t for t in data["terms"] if t["id"] == "service-interval")
    assert " ".join(term["summary"].split()) == SHOWN[root]
    assert "Booking a service" in term["summary_html"]
    texts = [text for kind, text, _target in term["summary_spans"] if kind == "xref"]
    assert texts[0] == "Booking a service"
    assert "servicing" not in term["summary"] + term["summary_html"]
    skos = (app.outdir / "modelterms.ttl").read_text("utf8")
    assert " ".join(SHOWN[root].split()[-4:]) in skos.replace("\\n", " ")
    assert "see servicing" not in skos
    (graph,) = jsonld(app, "glossary.html")
    # the card's description and its question's answer
    term, faq = graph["@graph"]
    assert " ".join(term["description"].split()) == SHOWN[root]
    answer = faq["mainEntity"][0]["acceptedAnswer"]["text"]
    # "What is X?": the short definition, then what else the card says
    assert " ".join(answer.split()).startswith(SHOWN[root] + " In this glossary")


def test_term_file_summary_shows_the_title(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    app = build_once(tmp_path_factory, "doctitles")
    tip = soup(app, "uses.html").select_one("#mt-tip-oil-change")
    assert tip is not None
    expected = "Fresh oil at every visit, as Booking a service says."
    assert _text(tip.select_one(".mt-tip-summary")) == expected
    data = json.loads((app.outdir / "modelterms.json").read_text("utf8"))
    term = next(t for t in data["terms"] if t["id"] == "oil-change")
    assert term["summary"].strip() == expected


def test_only_references_to_pages_and_sections_are_filled(
    built: tuple[str, SphinxTestApp],
) -> None:
    """A term link or any other reference shows its text as written: only
    the short definitions with a reference to a page or a section are
    checked again on a rebuild (the others are not even decoded)."""
    _root, app = built
    implicit = (("refexplicit", False),)
    spans = (
        Span("xref", "oil change", "oil change", "mt:term", implicit),
        Span("xref", "len", "len", "py:func", implicit),
        Span("xref", "the steps", "service-steps", "std:ref", (("refexplicit", True),)),
    )
    assert filled_texts(spans, app.env) == ()
    assert shown_spans(spans, app.env) == spans
    labelled = (
        *spans,
        Span("xref", "service-steps", "service-steps", "std:ref", implicit),
    )
    assert filled_texts(labelled, app.env) == ("Steps of a service",)

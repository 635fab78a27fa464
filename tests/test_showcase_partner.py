"""The showcase builds its partner glossary and links the partner's terms."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .conftest import soup, warnings_of

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


def test_partner_site_is_part_of_the_output(showcase: SphinxTestApp) -> None:
    data = json.loads((showcase.outdir / "partner" / "modelterms.json").read_text())
    assert {t["id"] for t in data["terms"]} >= {"cross-validation", "regularization"}
    assert (showcase.outdir / "partner" / "index.html").is_file()
    # its sources are not pages of the showcase
    assert not any(d.startswith("_partner") for d in showcase.env.found_docs)


def test_sharing_page_links_a_partner_term(showcase: SphinxTestApp) -> None:
    page = soup(showcase, "guide/sharing.html")
    link = page.select_one(
        "a.mt-ref.mt-external[data-mt-term='partner:regularization']"
    )
    assert link is not None
    assert link.get_text() == "regularization"
    assert link["href"] == "../partner/glossary.html#mt-regularization"
    # the relative link reaches the partner's card from guide/
    path, anchor = link["href"].split("#")
    target = (showcase.outdir / "guide" / path).resolve()
    assert target == (showcase.outdir / "partner" / "glossary.html").resolve()
    card = soup(showcase, "partner/glossary.html").select_one(f"#{anchor}")
    assert card is not None
    assert "mt-card" in card["class"]
    # the tooltip shows the partner's own definition, title and badges
    tip = page.select_one(f"#{link['aria-describedby']}")
    assert tip["role"] == "tooltip"
    definition = card.select_one(".mt-summary").get_text(" ", strip=True)
    assert tip.select_one(".mt-tip-summary").get_text(" ", strip=True) == definition
    assert definition.startswith("Any addition to the training objective")
    assert "Regularization" in tip.get_text()
    assert "Statistics" in tip.select_one(".mt-category").get_text()


def test_every_imported_link_reaches_its_card(showcase: SphinxTestApp) -> None:
    page = soup(showcase, "guide/sharing.html")
    links = page.select("a.mt-external")
    assert len(links) >= 4
    for link in links:
        path, anchor = link["href"].split("#")
        target = showcase.outdir / "guide" / path
        assert soup(showcase, str(target.relative_to(showcase.outdir))).select_one(
            f".mt-card#{anchor}"
        ), link["href"]
        assert page.select_one(f"#{link['aria-describedby']}[role=tooltip]")


def test_a_second_build_reads_nothing(showcase: SphinxTestApp) -> None:
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(
        "html",
        srcdir=showcase.srcdir,
        confoverrides={"html_theme": showcase.config.html_theme, "nitpicky": True},
    )
    read: list[str] = []
    app.connect("source-read", lambda _app, docname, _source: read.append(docname))
    app.build()
    app.cleanup()
    assert read == []
    assert warnings_of(app) == []

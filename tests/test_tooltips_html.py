"""Tooltip markup as the build writes it (the browser tests cover behaviour)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import body, build_serial_and_parallel, builders, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

FOCUSABLE = "a, button, input, select, textarea, [tabindex], [href]"


@pytest.mark.sphinx("html", testroot="tooltips")
@pytest.mark.test_params(shared_result="test_tooltips_html-tooltips")
def test_one_tooltip_per_linked_term(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    page = soup(app, "index.html")
    links = page.select("div.body a.mt-ref")
    linked = {a["data-mt-term"] for a in links}
    assert linked == {
        "alignment",
        "rlhf",
        "jailbreak",
        "reward-model",
        "prompt-injection",
    }
    for link in links:
        assert link["aria-describedby"] == f"mt-tip-{link['data-mt-term']}"
        assert not link.has_attr("title")  # no second, native tooltip
    tips = page.select("[role=tooltip]")
    assert sorted(t["id"] for t in tips) == sorted(f"mt-tip-{t}" for t in linked)
    for tip in tips:
        assert tip.has_attr("hidden")
        assert "mt-tooltip" in tip["class"]
        assert tip.select(FOCUSABLE) == []
    # the other page carries only the tooltip of the one term it links
    other = soup(app, "other.html")
    assert [t["id"] for t in other.select("[role=tooltip]")] == ["mt-tip-alignment"]


@pytest.mark.sphinx("html", testroot="tooltips")
@pytest.mark.test_params(shared_result="test_tooltips_html-tooltips")
def test_tooltip_content(app: SphinxTestApp) -> None:
    app.build()
    tip = soup(app, "index.html").select_one("#mt-tip-alignment")
    assert tip.select_one(".mt-tip-title").get_text() == "Alignment"
    assert (
        tip.select_one(".mt-category").get_text(" ", strip=True) == "Category: Safety"
    )
    assert tip.select_one(".mt-level").get_text(" ", strip=True) == "Level: beginner"
    summary = tip.select_one(".mt-tip-summary")
    assert summary.select_one("em").get_text() == "intend"  # markup kept
    # links in the short definition are plain text in the tooltip
    assert " ".join(summary.get_text().split()).endswith(
        "described in a survey and RLHF."
    )
    assert summary.select("a") == []


@pytest.mark.sphinx("html", testroot="tooltips")
@pytest.mark.test_params(shared_result="test_tooltips_html-tooltips")
def test_cards_and_related_links_have_tooltips(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "terms.html")
    related = page.select_one("#mt-alignment .mt-related-card a.mt-ref")
    assert related["aria-describedby"] == "mt-tip-rlhf"
    assert page.select_one("#mt-tip-rlhf") is not None


@pytest.mark.sphinx("html", testroot="tooltips-hostile")
def test_hostile_text_is_escaped(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text("utf8")
    assert "<script>alert(1)</script>" not in html
    tip = soup(app, "index.html").select_one("[role=tooltip]")
    assert tip.select("script, img") == []
    assert "<script>alert(1)</script>" in tip.get_text()


@pytest.mark.sphinx(
    "html",
    testroot="tooltips",
    confoverrides={
        "modelterms_tooltip_delay": 120,
        "modelterms_tooltip_hide_delay": 50,
    },
)
def test_script_carries_its_settings(app: SphinxTestApp) -> None:
    app.build()
    script = soup(app, "index.html").select_one("script[src*='modelterms.js']")
    assert script["data-mt-show-delay"] == "120"
    assert script["data-mt-hide-delay"] == "50"
    assert (app.outdir / "_static" / "modelterms.js").is_file()


@pytest.mark.sphinx(
    "html", testroot="tooltips", confoverrides={"modelterms_tooltips": False}
)
def test_tooltips_off(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "index.html")
    assert page.select("[role=tooltip]") == []
    assert page.select("[aria-describedby]") == []
    assert page.select("script[src*='modelterms.js']") == []
    assert page.select("div.body a.mt-ref")  # the links stay


@pytest.mark.parametrize(
    "buildername", builders("tooltips", "epub", "json", "singlehtml", "dirhtml")
)
def test_which_html_builders_get_tooltips(app: SphinxTestApp, buildername: str) -> None:
    app.build()
    outputs = [
        p.read_text("utf8")
        for pattern in ("*.html", "*.xhtml", "*.fjson")
        for p in app.outdir.rglob(pattern)
    ]
    assert outputs
    has_tips = any('role="tooltip"' in text for text in outputs)
    has_script = (app.outdir / "_static" / "modelterms.js").exists() and any(
        "modelterms.js" in text for text in outputs
    )
    expected = buildername in {"singlehtml", "dirhtml"}
    assert has_tips is expected
    assert has_script is expected
    if buildername == "singlehtml":
        page = soup(app, "index.html")
        ids = [t["id"] for t in page.select("[role=tooltip]")]
        assert len(ids) == len(set(ids))  # one per term on the single page


@pytest.mark.parametrize("buildername", builders("listings", "html", "singlehtml"))
def test_index_and_table_links_get_no_tooltip(
    app: SphinxTestApp, buildername: str
) -> None:
    """Indexes and tables show each definition beside its link, on their own
    page and when singlehtml puts every page into one."""
    app.build()
    page = soup(app, "glossary.html" if buildername == "html" else "index.html")
    listed = page.select(".mt-index a.mt-ref, .mt-table a.mt-ref")
    assert listed
    assert [a for a in listed if a.has_attr("aria-describedby")] == []


def test_parallel_build_writes_the_tooltips_of_a_serial_build(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    """At ``-j 2`` Sphinx's workers write the pages, each rendering the
    tooltips of its own: the pages are those of a serial build."""
    serial, parallel = build_serial_and_parallel(
        make_app, copy_root("parallel"), tmp_path
    )
    pages = sorted(p.name for p in parallel.outdir.glob("*.html"))
    shown: dict[str, str] = {}
    for page in pages:
        assert body(serial, page) == body(parallel, page), page
        for tip in soup(parallel, page).select("[role=tooltip]"):
            shown[tip["id"].removeprefix("mt-tip-")] = str(tip)
    assert len(shown) >= 5

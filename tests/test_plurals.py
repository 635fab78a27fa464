"""The plural fold in a real build: ``:mt:``, auto-linking and the checks
resolve every case of the table the same way, in reST and in MyST."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import build_once, soup, warnings_of

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

EXPECTED = [
    ("APIs", "api"),
    ("KPIs", "kpi"),
    ("GPUs", "gpu"),
    ("biases", "bias"),
    ("buses", "bus"),
    ("analyses", "analysis"),
    ("indices", "index"),
    ("matrices", "matrix"),
    ("policies", "policy"),
    ("reward models", "reward-model"),
]


@pytest.fixture(scope="module", params=["plurals", "plurals-myst"])
def app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> SphinxTestApp:
    """The root built once (auto-linking "all", two checks on)."""
    return build_once(tmp_path_factory, request.param)


def linked(app: SphinxTestApp, selector: str) -> list[tuple[str, str | None]]:
    page = soup(app, "refs.html")
    return [(a.get_text(), a.get("data-mt-term")) for a in page.select(selector)]


def test_role_resolves_every_plural(app: SphinxTestApp) -> None:
    assert linked(app, "#refs a") == EXPECTED


def test_autolink_links_every_plural(app: SphinxTestApp) -> None:
    mentions = linked(app, "#mentions a")
    assert sorted(mentions) == sorted(EXPECTED)
    assert all(
        "mt-autolink" in a["class"]
        for a in soup(app, "refs.html").select("#mentions a")
    )


def test_checks_and_related_use_the_fold(app: SphinxTestApp) -> None:
    # no unknown reference, no term unreferenced, no related entry nowhere
    assert warnings_of(app) == []
    card = soup(app, "index.html").select_one("#mt-policy")
    assert card is not None
    related = [a["data-mt-term"] for a in card.select(".mt-related-list a.mt-ref")]
    assert related == ["bias", "analysis"]

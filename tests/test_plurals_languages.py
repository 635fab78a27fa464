"""The plural fold follows the project's ``language``: ``:mt:`` and
auto-linking resolve French plurals in a reST project and German ones in a
MyST project."""

from __future__ import annotations

import shutil

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import ROOTS, soup, warnings_of

EXPECTED = {
    "plurals-fr": [
        ("réseaux", "reseau"),
        ("signaux", "signal"),
        ("modèle de langues", "modele"),
        ("API", "api"),  # acronyms do not change in French
    ],
    "plurals-de-myst": [
        ("Einbettungen", "einbettung"),
        ("Methoden", "methode"),
        ("Prompts", "prompt"),
        ("APIs", "api"),
    ],
}


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> SphinxTestApp:
    srcdir = tmp_path_factory.mktemp(request.param) / "src"
    shutil.copytree(ROOTS / f"test-{request.param}", srcdir)
    built = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        built.build()
    finally:
        built.cleanup()
    return built


def linked(app: SphinxTestApp, selector: str) -> list[tuple[str, str | None]]:
    page = soup(app, "refs.html")
    return [(a.get_text(), a.get("data-mt-term")) for a in page.select(selector)]


def test_no_warnings(app: SphinxTestApp) -> None:
    assert warnings_of(app) == []


def test_role_resolves_plurals_of_the_language(app: SphinxTestApp) -> None:
    # the same terms; the text stays as written ("Modèles de langue <...>")
    found = [term for _, term in linked(app, "p.refs a")]
    assert found == [term for _, term in EXPECTED[_root(app)]]


def test_autolink_matches_plurals_of_the_language(app: SphinxTestApp) -> None:
    assert linked(app, "p.auto a") == EXPECTED[_root(app)]


def _root(app: SphinxTestApp) -> str:
    return "plurals-fr" if app.config.language.startswith("fr") else "plurals-de-myst"

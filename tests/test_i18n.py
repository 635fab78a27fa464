"""Generated labels go through our message catalog; French ships complete."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from .conftest import soup

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

PACKAGE = Path(__file__).parent.parent / "sphinx_modelterms"
LOCALE = PACKAGE / "locale"


def catalog_ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def test_template_holds_every_label_of_the_code() -> None:
    in_code = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), keywords={"_": None}
        )
    }
    assert in_code == catalog_ids(LOCALE / "sphinx_modelterms.pot")


def test_french_is_complete_and_compiled() -> None:
    po = LOCALE / "fr" / "LC_MESSAGES" / "sphinx_modelterms.po"
    with po.open("rb") as handle:
        messages = [m for m in read_po(handle) if m.id]
    assert {m.id for m in messages} == catalog_ids(LOCALE / "sphinx_modelterms.pot")
    assert all(m.string and not m.fuzzy for m in messages)
    compiled = gettext.GNUTranslations((po.parent / "sphinx_modelterms.mo").open("rb"))
    for message in messages:
        assert compiled.gettext(message.id) == message.string, message.id


def test_french_build(build: Callable[..., SphinxTestApp]) -> None:
    app = build("basic", confoverrides={"language": "fr"})
    card = soup(app, "index.html").select_one("#mt-alignment")
    assert [r.get_text() for r in card.select(".mt-section-title")] == [
        "Explication",
        "Exemples",
        "Questions fréquentes",
        "Termes associés",
        "Sources",
        "Cité dans",
    ]
    questions = [dt.get_text() for dt in card.select(".mt-faq-list > dt")]
    assert questions[0] == "Qu'est-ce que Alignment ?"
    assert card.select_one(".mt-category .mt-badge-label").get_text() == "Catégorie : "

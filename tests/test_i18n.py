"""Generated labels go through our message catalog; French ships complete."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from .conftest import soup

if TYPE_CHECKING:
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


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"language": "fr"})
def test_french_build(app: SphinxTestApp) -> None:
    app.build()
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
    answers = [dd.get_text().strip() for dd in card.select(".mt-faq-list > dd")]
    assert answers[:3] == [
        "Making an AI system pursue the goals its designers intend. Dans ce "
        "glossaire, Alignment appartient à la catégorie Safety.",
        "Par exemple : Training a chat model to refuse harmful requests.",
        "Reinforcement Learning from Human Feedback, de la catégorie Training, "
        "est étroitement lié à Alignment. Fine-tuning a model against a reward "
        "learned from human preferences.",
    ]


@pytest.mark.parametrize(
    "root",
    [
        pytest.param(
            root,
            marks=pytest.mark.sphinx(
                "html", testroot=root, confoverrides={"language": "fr"}
            ),
        )
        for root in ["reader", "reader-myst"]
    ],
)
def test_french_answers_of_every_kind(app: SphinxTestApp, root: str) -> None:
    app.build()
    page = soup(app, "index.html")

    def answers(term: str) -> list[str]:
        return [dd.get_text().strip() for dd in page.select(f"#mt-{term} dd")]

    assert answers("rlhf")[1].startswith(
        "RLHF et Alignment sont deux notions de la catégorie Safety & Alignment."
    )
    assert answers("named") == [
        "A term with another name and no category. On dit aussi Other name pour Named."
    ]
    assert answers("quoted-names")[0].endswith(
        'Dans ce glossaire, Quoted names appartient à la catégorie Tests "q" ; '
        "on dit aussi the 'q' term."
    )
    assert answers("quoted-names")[1].startswith(
        "Bare est étroitement lié à Quoted names."
    )

"""The quickstart's files build, exactly as the page shows them, in a new
project: in reStructuredText and in MyST, after every step, with no warning.

The page is read by Sphinx itself (so the files are the code blocks a reader
sees), each block whose caption names a file is that whole file, and the
project is built after each section that writes one.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from docutils import nodes

from .conftest import EXAMPLE_DOCS, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

# a step's files: (file name, language of the block, text)
Files = list[tuple[str, str, str]]


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Files]]:
    """The quickstart's sections, in order, with the files each one shows."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("quickstart-page")
    shutil.copy(EXAMPLE_DOCS / "guide" / "quickstart.md", srcdir / "index.md")
    (srcdir / "conf.py").write_text('extensions = ["myst_parser"]\n', "utf8")
    app = SphinxTestApp("dummy", srcdir=srcdir, freshenv=True)
    app.build()  # its links to other guide pages warn: only the blocks matter
    app.cleanup()
    doctree = app.env.get_doctree("index")
    found: dict[nodes.Element, Files] = {}
    for section in doctree.findall(nodes.section):
        found[section] = []
    for block in doctree.findall(nodes.literal_block):
        caption = block.parent.next_node(nodes.caption)
        if block.parent.get("literal_block") and caption is not None:
            section = block.parent
            while not isinstance(section, nodes.section):
                section = section.parent
            text = block.astext() + "\n"
            found[section].append((caption.astext(), block["language"], text))
    return [(s.next_node(nodes.title).astext(), f) for s, f in found.items()]


def test_the_page_shows_every_file(steps: list[tuple[str, Files]]) -> None:
    names = {(name, language) for _, files in steps for name, language, _ in files}
    assert names == {
        ("conf.py", "python"),
        ("index.rst", "rst"),
        ("index.md", "md"),
        ("glossary/alignment.rst", "rst"),
        ("glossary/alignment.md", "md"),
        ("glossary/jailbreak.rst", "rst"),
        ("glossary/jailbreak.md", "md"),
    }


@pytest.mark.parametrize("language", ["rst", "md"])
def test_every_step_builds_without_a_warning(
    steps: list[tuple[str, Files]],
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    language: str,
) -> None:
    srcdir = tmp_path / "docs"
    built = []
    app = None
    for title, files in steps:
        ours = [(n, t) for n, lang, t in files if lang in {language, "python"}]
        for name, text in ours:
            (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
            (srcdir / name).write_text(text, "utf8")
        if not ours or not (srcdir / f"index.{language}").exists():
            continue
        app = make_app(
            "html", srcdir=srcdir, builddir=tmp_path / "_build", freshenv=True
        )
        app.build()
        app.cleanup()
        assert warnings_of(app) == [], title
        assert app.statuscode == 0, title
        built.append(title)
    assert len(built) == 4, built  # the card, the example, the relation, links
    assert app is not None
    home = soup(app, "index.html")
    links = [(a.get_text(), a["data-mt-term"]) for a in home.select("a.mt-ref")]
    assert links == [
        ("alignment", "alignment"),
        ("jailbreaks", "jailbreak"),
        ("the alignment problem", "alignment"),
    ]
    card = soup(app, "glossary/alignment.html").select_one(".mt-card#mt-alignment")
    assert card is not None
    assert card.select_one(".mt-example")
    assert "Is alignment solved?" in card.select_one(".mt-faq-list").get_text()
    related = card.select(".mt-related-card a.mt-ref")
    assert [a["data-mt-term"] for a in related] == ["jailbreak"]

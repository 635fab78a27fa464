"""``:referenced-from:`` on term-index and term-table: only the terms that
some pages link, in reST and MyST, kept current by incremental builds and
the same at ``-j 2`` as at ``-j 1``."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from .conftest import body, build_once, build_serial_and_parallel, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

ROOTS = {"referenced": ".rst", "referenced-myst": ".md"}
EVERY_TERM = [
    "Attention",
    "Beam search",
    "Dropout",
    "Naïve Bayes",
    "Zero-shot prompting",
]


@pytest.fixture(scope="module", params=list(ROOTS))
def app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> SphinxTestApp:
    return build_once(tmp_path_factory, request.param)


def listed(app: SphinxTestApp, page: str) -> list[list[str]]:
    """The titles each index or table of ``page`` lists, in order."""
    return [
        [a.get_text() for a in block.select("a.mt-ref")]
        for block in soup(app, page).select(".mt-index, .mt-table")
    ]


def test_a_chapter_lists_the_terms_its_pages_link(app: SphinxTestApp) -> None:
    # "*" is relative to chapter1/more: every page of chapter1
    assert listed(app, "chapter1/more.html") == [["Attention", "Beam search"]]


def test_dot_is_the_page_itself(app: SphinxTestApp) -> None:
    assert listed(app, "chapter2/intro.html") == [
        ["Naïve Bayes", "Zero-shot prompting"]
    ]


def test_slash_star_keeps_every_term_linked_anywhere(app: SphinxTestApp) -> None:
    anywhere, every, table = listed(app, "all.html")
    assert anywhere == [
        "Attention",
        "Beam search",
        "Naïve Bayes",
        "Zero-shot prompting",
    ]
    assert every == table == EVERY_TERM


def test_a_pattern_that_matches_no_page_warns(app: SphinxTestApp) -> None:
    suffix = ROOTS[app.srcdir.parent.name.rstrip("0123456789")]
    where = 5 if suffix == ".rst" else 4
    assert warnings_of(app) == [
        f"bad{suffix}:{where + 1}: WARNING: term-index: option 'filter' has an "
        "invalid value 'maybe' (expected on or off); it is ignored "
        "[modelterms.invalid]",
        f"bad{suffix}:{where}: WARNING: term-index: no page matches 'missing/*' "
        "in :referenced-from:; it matches nothing [modelterms.unknown]",
    ]
    # the other pattern still lets its page's term through
    assert listed(app, "bad.html") == [["Attention"]]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf8")
    assert old in text
    path.write_text(text.replace(old, new), "utf8")
    stat = path.stat()  # newer than the saved environment, for Sphinx
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.mark.parametrize("root", list(ROOTS))
def test_a_page_that_drops_its_link_drops_the_term_from_the_listing(
    root: str,
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
) -> None:
    srcdir = copy_root(root)
    first = make_app("html", srcdir=srcdir, freshenv=True)
    first.build()
    first.cleanup()
    assert listed(first, "chapter1/more.html") == [["Attention", "Beam search"]]
    role = ":mt:`attention`" if root == "referenced" else "{mt}`attention`"
    _edit(srcdir / f"chapter1/intro{ROOTS[root]}", role, "attention")
    again = make_app("html", srcdir=srcdir)
    written: list[str] = []
    again.connect("doctree-resolved", lambda _app, _tree, name: written.append(name))
    again.build()
    again.cleanup()
    # only the edited page was read again; the listings that depend on it
    # are written from the new back-references
    assert {"chapter1/more", "all"} <= set(written)
    assert "chapter2/intro" not in written
    assert listed(again, "chapter1/more.html") == [["Beam search"]]
    assert listed(again, "all.html")[0] == [
        "Beam search",
        "Naïve Bayes",
        "Zero-shot prompting",
    ]


@pytest.mark.skipif(
    not hasattr(os, "register_at_fork"), reason="Sphinx forks workers on POSIX only"
)
def test_parallel_build_lists_the_same_terms(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    merges: list[int] = []
    serial, parallel = build_serial_and_parallel(
        make_app, copy_root("referenced"), tmp_path, merges.append
    )
    assert set(merges) == {2}  # the pages were read by workers
    assert sorted(warnings_of(serial)) == sorted(warnings_of(parallel))
    for page in ("chapter1/more.html", "chapter2/intro.html", "all.html", "bad.html"):
        assert body(serial, page) == body(parallel, page)
    # the pages written by workers ask for the filter script as well
    for app in (serial, parallel):
        script = soup(app, "all.html").select("script[src*='modelterms-filter.js']")
        assert len(script) == 1
        assert soup(app, "chapter2/intro.html").select("script[src*='filter']") == []

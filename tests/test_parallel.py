"""Parallel builds: pages written by forked workers equal those of a serial
build, and every warning is given once, as at ``-j 1``."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import body, build_serial_and_parallel, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.skipif(
    not hasattr(os, "register_at_fork"), reason="Sphinx forks workers on POSIX only"
)

MAIN_PID = os.getpid()
WRITER = '<meta name="test-writer" content="main">'


def _note_writer(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Marks the pages written in the main process (this test's)."""
    if os.getpid() == MAIN_PID:
        context["metatags"] = context.get("metatags", "") + WRITER + "\n"


def _pages(app: SphinxTestApp) -> list[str]:
    skipped = {"genindex.html", "search.html"}
    return sorted(p.name for p in app.outdir.glob("*.html") if p.name not in skipped)


def _written_by_workers(app: SphinxTestApp) -> list[str]:
    return [
        page
        for page in _pages(app)
        if WRITER not in (app.outdir / page).read_text("utf8")
    ]


@pytest.fixture
def srcdir(copy_root: Callable[[str], Path]) -> Path:
    return copy_root("parallel")


def test_pages_written_by_workers_equal_a_serial_build(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, tmp_path: Path
) -> None:
    apps = []
    for jobs in (2, 1):
        app = make_app(
            "html",
            srcdir=srcdir,
            builddir=tmp_path / f"j{jobs}",
            parallel=jobs,
            freshenv=True,
        )
        app.connect("html-page-context", _note_writer)
        app.build()
        app.cleanup()
        apps.append(app)
    parallel, serial = apps
    # Sphinx writes one page in the main process, the rest in workers
    by_workers = _written_by_workers(parallel)
    assert len(by_workers) >= 8
    assert _written_by_workers(serial) == []
    assert _pages(parallel) == _pages(serial)
    for page in _pages(parallel):
        assert body(serial, page) == body(parallel, page), page
    assert warnings_of(parallel) == warnings_of(serial)


def _duplicate(page: str, line: int, kind: str, name: str, first: str) -> str:
    return (
        f"{page}:{line}: WARNING: duplicate {kind} {name!r}: also declared at "
        f"{first} [modelterms.duplicate]"
    )


#: every warning of the root, sorted: duplicates within one worker's pages
#: (twin, the comparison), across workers (shared) and three copies whose
#: first is in another worker's pages than the others (triple); others
#: given while reading (the level) and while writing (the unknown term)
WARNINGS = sorted(
    [
        _duplicate("eta.rst", 17, "term id", "twin", "beta.rst:17"),
        _duplicate(
            "eta.rst", 22, "comparison", "mt-compare-letters-compared", "epsilon.rst:17"
        ),
        _duplicate("theta.rst", 15, "term id", "shared", "delta.rst:15"),
        _duplicate("gamma.rst", 17, "term id", "triple", "alpha.rst:17"),
        _duplicate("iota.rst", 17, "term id", "triple", "alpha.rst:17"),
        "zeta.rst:18: WARNING: level 'expert' is not one of beginner, intermediate, "
        "advanced; it is left out [modelterms.invalid]",
        "kappa.rst:17: WARNING: unknown term 'nowhere' [modelterms.unknown]",
    ]
)


def test_warnings_at_j2_equal_those_at_j1(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, tmp_path: Path
) -> None:
    """Each warning is given once at ``-j 2`` as at ``-j 1``, with the same
    text and location; a duplicate names the first copy by page name."""
    merges: list[int] = []
    serial, parallel = build_serial_and_parallel(
        make_app, srcdir, tmp_path, merges.append
    )
    assert set(merges) == {2}  # the pages were read by workers
    assert sorted(warnings_of(serial)) == WARNINGS
    assert sorted(warnings_of(parallel)) == WARNINGS


def test_a_duplicate_is_warned_about_the_same_whatever_the_reading_order(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, tmp_path: Path
) -> None:
    """At ``-j 2`` workers' pages are merged in the order the workers
    finish; the later declaration is always the one warned about."""
    warnings = []
    for order in ("sorted", "reversed"):
        app = make_app("html", srcdir=srcdir, builddir=tmp_path / order, freshenv=True)
        if order == "reversed":
            app.connect(
                "env-before-read-docs",
                lambda _app, _env, docnames: docnames.reverse(),
            )
        app.build()
        app.cleanup()
        warnings.append(warnings_of(app))
    assert warnings[0] == warnings[1]
    assert sorted(warnings[0]) == WARNINGS

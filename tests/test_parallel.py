"""Parallel builds: the forked workers' garbage collector leaves what they
inherit alone, the main process collects as before, and the pages are the
same with the option on and off."""

from __future__ import annotations

import gc
import os
import re
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
FROZEN = re.compile(r'<meta name="test-gc-frozen" content="(\d+) (\d+)"')


def _note_frozen(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Writes into each page how many objects were frozen in the process that
    wrote it, and whether that was the main process (this test's)."""
    main = int(os.getpid() == MAIN_PID)
    tag = f'<meta name="test-gc-frozen" content="{gc.get_freeze_count()} {main}">\n'
    context["metatags"] = context.get("metatags", "") + tag


def _app(
    make_app: Callable[..., SphinxTestApp],
    srcdir: Path,
    outdir: Path,
    jobs: int,
    **confoverrides: Any,
) -> SphinxTestApp:
    app = make_app(
        "html",
        srcdir=srcdir,
        builddir=outdir,
        parallel=jobs,
        freshenv=True,
        confoverrides=confoverrides,
    )
    app.connect("html-page-context", _note_frozen)
    return app


def _build(
    make_app: Callable[..., SphinxTestApp],
    srcdir: Path,
    outdir: Path,
    jobs: int,
    **confoverrides: Any,
) -> SphinxTestApp:
    app = _app(make_app, srcdir, outdir, jobs, **confoverrides)
    app.build()
    app.cleanup()
    return app


def _frozen_by_page(app: SphinxTestApp) -> dict[str, tuple[int, int]]:
    found = {}
    for path in app.outdir.glob("*.html"):
        match = FROZEN.search(path.read_text("utf8"))
        if match and path.name not in {"genindex.html", "search.html"}:
            found[path.name] = (int(match[1]), int(match[2]))
    return found


@pytest.fixture
def srcdir(copy_root: Callable[[str], Path]) -> Path:
    return copy_root("parallel")


def test_workers_do_not_collect_what_they_inherit(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, tmp_path: Path
) -> None:
    """At ``-j 2`` every page a worker writes is written with the main
    process's objects frozen; the main process writes with none frozen and
    has none frozen after the build; the pages equal a ``-j 1`` build's."""
    frozen_before = gc.get_freeze_count()
    parallel = _build(make_app, srcdir, tmp_path / "j2", 2)
    assert gc.get_freeze_count() == frozen_before
    pages = _frozen_by_page(parallel)
    by_workers = {page: n for page, (n, main) in pages.items() if not main}
    by_main = {page: n for page, (n, main) in pages.items() if main}
    # Sphinx writes one page in the main process, the rest in workers
    assert len(by_workers) >= 8
    assert all(n > 1000 for n in by_workers.values()), by_workers
    assert list(by_main.values()) == [frozen_before]
    serial = _build(make_app, srcdir, tmp_path / "j1", 1)
    serial_pages = _frozen_by_page(serial)
    assert serial_pages
    assert all(main for _n, main in serial_pages.values())
    for page in pages:
        assert body(serial, page) == body(parallel, page), page
    assert warnings_of(parallel) == warnings_of(serial)


def test_the_option_off_forks_as_sphinx_does(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, tmp_path: Path
) -> None:
    frozen_before = gc.get_freeze_count()
    app = _build(
        make_app, srcdir, tmp_path / "off", 2, modelterms_freeze_before_fork=False
    )
    pages = _frozen_by_page(app)
    assert len([p for p, (_n, main) in pages.items() if not main]) >= 8
    assert {n for n, _main in pages.values()} == {frozen_before}


def _frozen_in_a_child() -> int:
    """How many objects a child forked now inherits frozen."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reports, and exits whatever happens
        try:
            os.write(write, str(gc.get_freeze_count()).encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as report:
        return int(report.read())


def test_a_build_that_ended_freezes_nothing_more(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, tmp_path: Path
) -> None:
    """The fork hooks cannot be removed; after the build they do nothing,
    and an application made for ``-j 2`` but not built switches nothing on."""
    _build(make_app, srcdir, tmp_path / "j2", 2)
    frozen_before = gc.get_freeze_count()
    assert _frozen_in_a_child() == frozen_before
    unbuilt = make_app("html", srcdir=srcdir, builddir=tmp_path / "x", parallel=2)
    assert _frozen_in_a_child() == frozen_before
    unbuilt.cleanup()


def test_a_second_build_of_the_same_application_freezes_again(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, tmp_path: Path
) -> None:
    app = _app(make_app, srcdir, tmp_path / "j2", 2)
    app.build()
    for page in app.outdir.glob("*.html"):
        page.unlink()  # so that every page is written again, by workers
    app.build(force_all=True)
    app.cleanup()
    by_workers = [n for n, main in _frozen_by_page(app).values() if not main]
    assert len(by_workers) >= 8
    assert all(n > 1000 for n in by_workers), by_workers


def test_objects_frozen_by_someone_else_stay_frozen(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, tmp_path: Path
) -> None:
    """Where the process froze objects itself, the build neither freezes
    more nor unfreezes them: the workers see the same frozen objects."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        app = _build(make_app, srcdir, tmp_path / "j2", 2)
        # (frozen objects still die when nothing refers to them any more)
        assert 0 < gc.get_freeze_count() <= frozen
        pages = _frozen_by_page(app)
        by_workers = [n for n, main in pages.values() if not main]
        assert len(by_workers) >= 8
        assert all(0 < n <= frozen for n in by_workers), (frozen, by_workers)
    finally:
        gc.unfreeze()


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

"""Shared fixtures: Sphinx's own testing fixtures plus small helpers."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings
from sphinx.errors import SphinxError

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"

# Hypothesis: few examples by default, for a quick run while working; "ci"
# (which .ci/run selects) runs ten times as many, "long" a hundred times.
# HYPOTHESIS_PROFILE=ci picks one, as does pytest's --hypothesis-profile=ci.
# Tests that build projects take a share of the count (test_properties.py).
for _name, _examples in {"default": 50, "ci": 500, "long": 5000}.items():
    settings.register_profile(
        _name, max_examples=_examples, deadline=None, database=None
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def app_params(app_params: Any, request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """Sphinx's ``app`` for ``@pytest.mark.sphinx(testroot=...)``, built from
    a copy of the root in the test's own folder: a fresh environment each
    time, and pages generated from term files land in the copy, not in
    tests/roots. (A ``shared_result`` or a ``srcdir`` stays as Sphinx makes
    it.) Sphinx itself copies a root to one folder for the whole session,
    where each test of the root would build on the environment of the one
    before."""
    marked: dict[str, Any] = {}
    for mark in request.node.iter_markers("sphinx"):  # the closest first
        marked = {**mark.kwargs, **marked}
    root = ROOTS / f"test-{marked.get('testroot', 'root')}"
    shared = request.node.get_closest_marker("test_params")
    if "srcdir" in marked or shared or not root.is_dir():
        return app_params
    copy = tmp_path / root.name.removeprefix("test-")
    shutil.copytree(root, copy)
    args, kwargs = app_params
    return type(app_params)(
        args, {**kwargs, "srcdir": copy, "builddir": copy / "_build"}
    )


def warnings_of(app: SphinxTestApp) -> list[str]:
    """The warning lines, colour codes stripped, paths relative to srcdir."""
    text = _ANSI.sub("", app.warning.getvalue())
    # Sphinx names a file that is no document (an included one) by its path
    # relative to the working folder where that is shorter
    for prefix in (str(app.srcdir), os.path.relpath(app.srcdir)):
        text = text.replace(prefix + "/", "")
    return [line for line in text.splitlines() if line.strip()]


def soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    """The parsed HTML of ``page`` (a path relative to the output dir)."""
    return BeautifulSoup((app.outdir / page).read_text("utf8"), "html.parser")


def body(app: SphinxTestApp, page: str) -> str:
    """The main content of an HTML page, as normalized markup."""
    main = soup(app, page).select_one("div.body")
    assert main is not None, page
    return str(main)


@pytest.fixture
def copy_root(tmp_path: Path) -> Callable[[str], Path]:
    """Copy ``tests/roots/test-<name>`` to a fresh folder that a test may edit."""

    def copy(name: str, dest: str | None = None) -> Path:
        target = tmp_path / (dest or name)
        shutil.copytree(ROOTS / f"test-{name}", target)
        return target

    return copy


def builders(testroot: str, *names: str) -> list[Any]:
    """Parameters ``names``, each marked for Sphinx's ``app`` fixture to
    build ``testroot`` with that builder."""
    return [
        pytest.param(name, marks=pytest.mark.sphinx(name, testroot=testroot))
        for name in names
    ]


def build_once(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    buildername: str = "html",
    **kwargs: Any,
) -> SphinxTestApp:
    """A copy of ``tests/roots/test-<name>`` built in a folder of its own, for
    a module-scoped fixture whose tests only read the output."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp(name) / "src"
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    app = SphinxTestApp(buildername, srcdir=srcdir, freshenv=True, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def assert_fails_on_warnings(app: SphinxTestApp) -> None:
    """Build an app made with ``warningiserror=True``; it must fail on ours."""
    try:
        app.build()
    except SphinxError as error:  # Sphinx 8.0 raises at the first warning
        assert "modelterms." in str(error)
    else:  # later releases finish the build and fail it
        assert app.statuscode == 1


def assert_twins_match(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    root: str,
    pages: list[str],
) -> None:
    """Build the reST root ``root`` and its MyST twin ``root-myst``: the
    main content of each of ``pages`` is the same in both."""
    rst = make_app("html", srcdir=copy_root(root))
    rst.build()
    rst.cleanup()  # so that the second app starts clean
    myst = make_app("html", srcdir=copy_root(f"{root}-myst"))
    myst.build()
    for page in pages:
        assert body(rst, page) == body(myst, page), page


def build_serial_and_parallel(
    make_app: Callable[..., SphinxTestApp],
    srcdir: Path,
    tmp_path: Path,
    on_merge: Callable[[int], None] | None = None,
    **kwargs: Any,
) -> tuple[SphinxTestApp, SphinxTestApp]:
    """Fresh ``-j 1`` and ``-j 2`` HTML builds of ``srcdir``, in that order
    (``kwargs`` go to the app, e.g. ``confoverrides``).

    ``on_merge(jobs)`` is called on every ``env-merge-info``, which fires only
    when a build really reads in parallel."""
    apps = []
    for jobs in (1, 2):
        app = make_app(
            "html",
            srcdir=srcdir,
            builddir=tmp_path / f"j{jobs}",
            parallel=jobs,
            freshenv=True,
            **kwargs,
        )
        if on_merge is not None:
            app.connect("env-merge-info", lambda *_a, jobs=jobs: on_merge(jobs))
        app.build()
        app.cleanup()
        apps.append(app)
    return apps[0], apps[1]


EXAMPLE_DOCS = Path(__file__).parent.parent / "example_docs"


def copy_showcase(srcdir: Path) -> None:
    """The showcase's sources at ``srcdir``, with the one file from outside
    ``example_docs/`` that a page includes: the Read the Docs configuration."""
    shutil.copytree(
        EXAMPLE_DOCS, srcdir, ignore=shutil.ignore_patterns("_build", "terms")
    )
    shutil.copy(EXAMPLE_DOCS.parent / ".readthedocs.yaml", srcdir.parent)


def source_files(srcdir: Path) -> set[Path]:
    """The files git could see: no build output, no generated term pages."""
    skipped = {"_build", "terms", "__pycache__"}
    return {
        p.relative_to(srcdir)
        for p in srcdir.rglob("*")
        if p.is_file() and not skipped & set(p.relative_to(srcdir).parts)
    }


@pytest.fixture(scope="session")
def showcase(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """The showcase, built once for the session in its own theme and with
    ``-n``; the build leaves no file in the source tree that git would see."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("showcase") / "src"
    copy_showcase(srcdir)
    before = source_files(srcdir)
    # sphinx.testing defaults to the "basic" theme; build with the showcase's own
    conf: dict[str, object] = {"__file__": str(srcdir / "conf.py")}
    exec((srcdir / "conf.py").read_text("utf8"), conf)
    overrides = {"html_theme": conf["html_theme"], "nitpicky": True}
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, confoverrides=overrides)
    app.build()
    app.cleanup()
    assert source_files(srcdir) == before
    return app

"""Shared fixtures: Sphinx's own testing fixtures plus small helpers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def warnings_of(app: SphinxTestApp) -> list[str]:
    """The warning lines, colour codes stripped, paths relative to srcdir."""
    text = _ANSI.sub("", app.warning.getvalue())
    text = text.replace(str(app.srcdir) + "/", "")
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


@pytest.fixture
def build(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> Callable[..., SphinxTestApp]:
    """Build a copy of a test root: ``build("basic", "latex", **app_kwargs)``."""

    def run(name: str, buildername: str = "html", **kwargs: Any) -> SphinxTestApp:
        app = make_app(buildername, srcdir=copy_root(name), freshenv=True, **kwargs)
        app.build()
        app.cleanup()  # so that a second app in the same test starts clean
        return app

    return run

"""Browser fixtures: Debian's chromium driven by Playwright, offline.

The browser is found at /usr/bin/chromium (or $CHROMIUM_PATH). Without it
the browser tests skip on a developer's machine and fail in CI, where
``.ci/run`` installs it, so a missing install step cannot pass unnoticed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sphinx.testing.util import SphinxTestApp

from ..conftest import ROOTS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from playwright.sync_api import Browser, Page

FLAGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

ARTIFACTS = Path(
    os.environ.get("MT_SCREENSHOTS", Path(__file__).parent / "_screenshots")
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    exe = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not (exe and os.access(exe, os.X_OK)):
        message = "Debian chromium is missing: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return exe


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=FLAGS, headless=True, timeout=30_000
        )
        yield launched
        launched.close()


class Console:
    """Errors the page reported: console.error calls and uncaught exceptions."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.sources: list[str] = []
        page.on("console", self._message)
        page.on("pageerror", self._exception)

    def _message(self, message: Any) -> None:
        source = message.location.get("url", "")
        # the browser asks the HTTP server for /favicon.ico on its own
        if message.type == "error" and not source.endswith("/favicon.ico"):
            self.errors.append(message.text)
            self.sources.append(source)

    def _exception(self, error: Any) -> None:
        self.errors.append(str(error))
        self.sources.append(str(getattr(error, "stack", "")))

    @property
    def ours(self) -> list[str]:
        """Errors raised by our script (a theme's own complaints aside)."""
        return [
            e
            for e, s in zip(self.errors, self.sources, strict=True)
            if "modelterms" in s
        ]


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., tuple[Page, Console]]]:
    """Open an isolated page: ``new_page(width=800, height=600, **context)``."""
    contexts = []

    def open_page(
        width: int = 1024, height: int = 700, **context: Any
    ) -> tuple[Page, Console]:
        ctx = browser.new_context(
            viewport={"width": width, "height": height}, **context
        )
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(5_000)
        return page, Console(page)

    yield open_page
    for ctx in contexts:
        ctx.close()


def build_site(tmp: Path, root: str, **overrides: Any) -> Path:
    """Build ``tests/roots/test-<root>`` to HTML; return the output folder."""
    srcdir = tmp / "src"
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    return build_without_warnings(srcdir, **overrides)


def build_without_warnings(srcdir: Path, **overrides: Any) -> Path:
    """Build ``srcdir`` to HTML, requiring no warning; return the output."""
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, confoverrides=overrides)
    try:
        app.build()
        assert app.statuscode == 0
        assert app.warning.getvalue() == "", app.warning.getvalue()
    finally:
        app.cleanup()
    return Path(app.outdir)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("tooltips"), "tooltips")


@pytest.fixture(scope="session")
def http_root(site: Path) -> Iterator[str]:
    """The site served over HTTP on the loopback interface."""
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()  # "Serving HTTP on 127.0.0.1 port N ..."
        base = f"http://127.0.0.1:{int(line.split(' port ')[1].split()[0])}/"
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=5)


@pytest.fixture(params=["file", "http"])
def url(request: pytest.FixtureRequest, site: Path) -> Callable[[str], str]:
    """``url("index.html")`` from file:// or from the local HTTP server."""
    if request.param == "file":
        return lambda page: (site / page).as_uri()
    base = request.getfixturevalue("http_root")
    return lambda page: base + page


def screenshot(page: Page, name: str, **kwargs: Any) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), **kwargs)
    return path

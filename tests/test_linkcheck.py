"""``-b linkcheck`` sees the extension's external links: card sources from
directives and from term files are checked like any other link."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


class _Handler(BaseHTTPRequestHandler):
    """200 for /ok and /canary, 404 for anything else."""

    def do_HEAD(self) -> None:
        self.send_response(200 if self.path in {"/ok", "/canary"} else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self.do_HEAD()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_linkcheck_checks_card_and_term_file_sources(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    server: str,
) -> None:
    srcdir = copy_root("linkcheck")
    for name in ("index.rst", "data/terms.yaml"):
        path = srcdir / name
        path.write_text(path.read_text("utf8").replace("BASE", server), "utf8")
    app = make_app("linkcheck", srcdir=srcdir, freshenv=True)
    app.build()
    lines = (app.outdir / "output.json").read_text("utf8").splitlines()
    found = {
        r["uri"].removeprefix(server): (r["filename"], r["status"])
        for r in map(json.loads, lines)
        if r["uri"].startswith(server)
    }
    assert found == {
        "/ok": ("index.rst", "working"),
        "/gone": ("index.rst", "broken"),
        "/canary": ("terms/canary.rst", "working"),
    }
    # reported at its card: the directive's line or the option's
    lines_of = {
        r["uri"].removeprefix(server): r["lineno"] for r in map(json.loads, lines)
    }
    assert lines_of["/ok"] in {8, 11}
    assert lines_of["/gone"] == lines_of["/ok"]
    assert app.statuscode == 1  # what makes a CI job fail on it

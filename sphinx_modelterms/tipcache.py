"""Tooltips rendered by an earlier build, kept beside the saved environment.

A tooltip shows its term's title, category, level and short definition,
and nothing of the page it is on (links in the definition show as text).
Every page that links a term repeats the same HTML, which a build renders
once and reuses (see :func:`.html.visit_tooltips_html`).  This keeps that
HTML for the next build too: a rebuild that writes a few pages renders
only the tooltips of terms whose shown text changed, not the hundred or
so every written page holds.

Each tooltip is kept with a digest of what it shows; the whole file with a
stamp of what renders it (the extension's code and data version, Sphinx's
and docutils' versions, the translator, the language), so a change to
either renders it again, and a build with a fresh environment (``-E``)
starts without it.  Tooltips with math are not kept: their images have
URLs relative to the page.

The main process writes the file when the build has finished and it
rendered tooltips it did not have, keeping those of the terms the build
knows.  When Sphinx writes in parallel (``-j N``), the main process
renders each page's tooltips as it resolves the page, before it forks the
worker that writes it (see :func:`.html.prerender_tooltips`), so those
are kept too; tooltips with math, which the workers render, are not kept
anyway.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, cast

import docutils
import sphinx

from ._version import __version__
from .digests import digest
from .domain import ModelTermsDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .model import ExternalTerm, Span, Term

__all__ = ["FILENAME", "TooltipCache", "save_tooltips", "shown_digest"]

FILENAME = "modelterms-tooltips.pickle"


def shown_digest(key: str, term: Term | ExternalTerm, summary: tuple[Span, ...]) -> str:
    """A digest of everything a tooltip shows of ``term``, with its short
    definition as ``summary`` (with the titles of the pages and sections
    its references show)."""
    return digest((key, term.display_title, term.category, term.level, summary))


def _stamp(translator: type, language: str | None) -> str:
    return repr(
        (
            _code_digest(),
            ModelTermsDomain.data_version,
            sphinx.__version__,
            docutils.__version__,
            f"{translator.__module__}.{translator.__qualname__}",
            language,
        )
    )


@functools.cache
def _code_digest() -> str:
    """A digest of the extension's code and message catalogs: any change
    to how a tooltip is made renders the kept ones again."""
    package = Path(__file__).parent
    hashed = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".mo"}:
            hashed.update(path.relative_to(package).as_posix().encode())
            hashed.update(path.read_bytes())
    return hashed.hexdigest()[:16]


class TooltipCache:
    """The tooltips of the last build that rendered them, by term key."""

    def __init__(
        self, path: Path, builder: Builder, translator: type, *, fresh: bool
    ) -> None:
        """Load what ``path`` keeps, unless the build started from a
        ``fresh`` environment (``-E``, or none saved)."""
        self.path = path
        self.stamp = _stamp(translator, builder.config.language)
        # two mappings of strings, which the collector does not track
        self.digests: dict[str, str] = {}
        self.html: dict[str, str] = {}
        self.changed = False
        if fresh:
            return
        try:
            kept = pickle.loads(path.read_bytes())
        except Exception:  # none yet, or damaged in any way: render them all
            return
        if (
            isinstance(kept, dict)
            and kept.get("stamp") == self.stamp
            and isinstance(kept.get("digests"), dict)
            and isinstance(kept.get("html"), dict)
        ):
            self.digests, self.html = kept["digests"], kept["html"]

    def get(self, key: str, digest: str) -> str | None:
        """The kept HTML of ``key``'s tooltip, if it showed what ``digest``
        digests."""
        if self.digests.get(key) != digest:
            return None
        return self.html.get(key)

    def put(self, key: str, digest: str, html: str) -> None:
        self.digests[key] = digest
        self.html[key] = html
        self.changed = True

    def save(self, known: set[str]) -> None:
        """Write the tooltips of the terms in ``known`` (atomically)."""
        kept = {
            "stamp": self.stamp,
            "digests": {k: v for k, v in self.digests.items() if k in known},
            "html": {k: v for k, v in self.html.items() if k in known},
        }
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        try:
            partial.write_bytes(pickle.dumps(kept, pickle.HIGHEST_PROTOCOL))
            partial.replace(self.path)
        finally:
            partial.unlink(missing_ok=True)
        self.changed = False


def save_tooltips(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: keep the tooltips this process rendered, if it
    rendered any it did not have."""
    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    cache = domain.build.tooltips
    if exception is not None or cache is None or not cache.changed:
        return
    known = set(domain.store.ids()) | set(domain.external_terms())
    with contextlib.suppress(OSError):  # the next build renders them again
        cache.save(known)

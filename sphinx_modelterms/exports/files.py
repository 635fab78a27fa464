"""``build-finished``: the term set files of an HTML build, written only
when what they hold can have changed.

Both files describe every term, so making them costs time in proportion to
the glossary, on every build.  A digest of what goes into them (what
``env-updated`` records: a digest of each term's content and its
back-references, worked out again only when they change; and the settings
that shape URLs and labels) is kept beside them; a build whose digest
matches the one that wrote them (an unchanged rebuild, an edit of a page
that links no differently) leaves them alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from .._version import __version__
from ..digests import digest
from ..savedstate import exports_digest, kept_digests, kept_state
from .json_export import FILENAME as JSON_FILENAME
from .json_export import write_json
from .skos import FILENAME as SKOS_FILENAME
from .skos import write_skos

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..domain import ModelTermsDomain

__all__ = ["DIGEST_FILENAME", "write_exports"]

DIGEST_FILENAME = ".modelterms-exports"


def _digest(app: Sphinx) -> str:
    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    config = app.config
    inputs = (
        __version__,
        app.builder.name,
        # what each term holds and its back-references, digested by
        # env-updated when they change
        kept_digests(domain).get("exports") or exports_digest(kept_state(domain)),
        [
            repr(config[name])
            for name in (
                "project",
                "version",
                "language",
                "root_doc",
                "html_baseurl",
                "html_file_suffix",
                "html_link_suffix",
            )
        ],
    )
    return digest(inputs)


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """Write ``modelterms.json`` and ``modelterms.ttl`` unless they are
    current."""
    if exception is not None or app.builder.format != "html":
        return
    digest = _digest(app)
    record = app.outdir / DIGEST_FILENAME
    current = (
        record.is_file()
        and record.read_text("utf-8") == digest
        and (app.outdir / JSON_FILENAME).is_file()
        and (app.outdir / SKOS_FILENAME).is_file()
    )
    if current:
        return
    write_json(app, exception)
    write_skos(app, exception)
    record.write_text(digest, "utf-8")

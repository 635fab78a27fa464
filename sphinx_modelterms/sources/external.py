"""Term sets of other projects: ``modelterms_external`` imports their
``modelterms.json`` so ``:mt:`` can link their terms, with tooltips.

``modelterms_external = {"name": location}`` where the location is the other
site's base URL or local output folder (its ``modelterms.json`` is read
from there), or ``(base, json_location)`` as for intersphinx.  Remote files
are cached in the domain for ``modelterms_external_cache_days``; local files
are read again when they change.
"""

from __future__ import annotations

import json
import posixpath
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast, get_args
from urllib.parse import urlsplit

from ..config import conf_location, get_config
from ..diagnostics import WarningSubtype, warn
from ..i18n import __
from ..model import ExternalTerm, Span, SpanKind
from ..naming import one_line, safe_url, xml_safe
from ..render.spans import LINKS

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

    from ..domain import ModelTermsDomain

__all__ = ["ExternalTerm", "load_external", "parse_term_set"]

JSON_NAME = "modelterms.json"
#: the kinds of span taken from another project (raw markup never is)
_KINDS = set(get_args(SpanKind)) - {"raw"}


def _text(value: Any) -> str:
    """One line of text (control characters folded out, as in our own
    titles, and nothing XML forbids), or ``""`` for anything but a string."""
    return one_line(xml_safe(value)) if isinstance(value, str) else ""


def parse_term_set(
    name: str,
    base: str,
    data: Any,
    refuse: Callable[[str, str], None] | None = None,
) -> list[ExternalTerm]:
    """Checked records from a loaded ``modelterms.json``; anything malformed
    is skipped (it is another project's file: never trust its shape).

    A term whose URL has an unsafe scheme (``javascript:``, ``data:``, ...)
    is left out, and ``refuse(term_id, url)`` is told."""
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise ValueError("not a modelterms.json term set")
    terms = []
    for raw in data["terms"]:
        if (
            not isinstance(raw, dict)
            or not _text(raw.get("id"))
            or not _text(raw.get("title"))
        ):
            continue
        spans = []
        for item in raw.get("summary_spans") or []:
            if isinstance(item, list) and len(item) == 3 and item[0] in _KINDS:
                kind = "text" if item[0] in LINKS else item[0]
                spans.append(Span(cast("SpanKind", kind), xml_safe(str(item[1]))))
        if not spans and _text(raw.get("summary")):
            spans.append(Span("text", _text(raw["summary"])))
        url = str(raw["url"]) if isinstance(raw.get("url"), str) else ""
        if not safe_url(url):
            if refuse is not None:
                refuse(_text(raw["id"]), url)
            continue
        if not urlsplit(url.strip()).scheme:  # a page of the other site
            url = posixpath.join(base, url) if base else url
        terms.append(
            ExternalTerm(
                set_name=name,
                id=_text(raw["id"]),
                title=_text(raw["title"]),
                url=url,
                aliases=tuple(a for a in map(_text, raw.get("aliases") or []) if a),
                category=_text(raw.get("category")),
                level=_text(raw.get("level")),
                summary=tuple(spans),
            )
        )
    return terms


def _locations(value: Any) -> tuple[str, str]:
    if isinstance(value, (tuple, list)):
        base, where = str(value[0]), value[1]
        return base, str(where) if where else posixpath.join(base, JSON_NAME)
    text = str(value)
    if text.endswith(".json"):
        return posixpath.dirname(text), text
    return text, posixpath.join(text, JSON_NAME)


def _read(app: Sphinx, location: str) -> tuple[Any, float]:
    """The parsed JSON and a version stamp (a local file's mtime)."""
    if "://" in location and not location.startswith("file://"):
        from sphinx.util.requests import get  # network only when asked for

        response = get(location, timeout=30)
        response.raise_for_status()
        return response.json(), 0.0
    path = Path(location.removeprefix("file://"))
    if not path.is_absolute():
        path = Path(app.confdir) / path
    return json.loads(path.read_text("utf-8")), path.stat().st_mtime


def load_external(app: Sphinx) -> None:
    """``builder-inited``: refresh the imported term sets in the domain."""
    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    config = get_config(app.env)
    cache: dict[str, Any] = domain.external_cache
    for name in list(cache):
        if name not in config.external:
            del cache[name]
    max_age = config.external_cache_days * 86400
    for name, value in config.external.items():
        base, location = _locations(value)
        cached: dict[str, Any] = cache.get(name) or {}

        def refuse(term_id: str, url: str, name: str = name) -> None:
            warn(
                WarningSubtype.EXTERNAL,
                __(
                    "term set %r: the URL %r of its term %r is refused (unsafe "
                    "scheme); the term is left out"
                ),
                name,
                url,
                term_id,
                location=conf_location(app, "modelterms_external"),
            )

        try:
            remote = "://" in location
            fresh = cached and time.time() - cached["fetched"] < max_age
            if remote and fresh and cached["location"] == location:
                continue
            data, stamp = _read(app, location)
            if (
                cached
                and cached["location"] == location
                and cached["stamp"] == stamp
                and stamp
            ):
                continue
            terms = parse_term_set(
                name, base if "://" in base else _relative(app, base), data, refuse
            )
        except Exception as error:  # any failure here is the other site's
            warn(
                WarningSubtype.EXTERNAL,
                __("term set %r could not be loaded from %s: %s"),
                name,
                location,
                error,
                location=conf_location(app, "modelterms_external"),
            )
            continue
        cache[name] = {
            "location": location,
            "stamp": stamp,
            "fetched": time.time(),
            "terms": tuple(terms),
        }
    domain.external_changed()


def _relative(app: Sphinx, base: str) -> str:
    """A local base folder as a URL relative to this project's output."""
    if not base:
        return ""
    path = Path(base)
    if not path.is_absolute():
        path = Path(app.confdir) / path
    return Path(
        posixpath.relpath(path.resolve(), Path(app.outdir).resolve())
    ).as_posix()

"""``modelterms.json``: the whole term set, for other projects and tools.

Written into the HTML output at ``build-finished``: every term with its
fields, its URL (relative to the site's root), its related terms and the
pages that reference it.  Keys and terms are sorted and nothing depends on
reading order, so ``-j 1`` and ``-j 2`` write the same bytes.  Another
project imports it with ``modelterms_external``.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any, cast

from .._version import __version__
from ..model import plain_text
from ..render.links import site_uri
from ..render.spans import shown_spans

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..domain import ModelTermsDomain
    from ..model import Span, Term

__all__ = ["FILENAME", "FORMAT", "spans_html", "term_record", "write_json"]

FILENAME = "modelterms.json"
FORMAT = "sphinx-modelterms/1"

_TAGS = {
    "emphasis": "em",
    "strong": "strong",
    "literal": "code",
    "math": "span",
    "sub": "sub",
    "sup": "sup",
}


def spans_html(spans: Iterable[Span]) -> str:
    """The short definition as escaped HTML (links kept, cross-references as
    text, raw markup left out: other sites show it)."""
    out = []
    for span in spans:
        if span.kind == "raw":
            continue
        text = html.escape(span.text)
        if span.kind == "link":
            out.append(f'<a href="{html.escape(span.target, quote=True)}">{text}</a>')
        elif span.kind in _TAGS:
            out.append(f"<{_TAGS[span.kind]}>{text}</{_TAGS[span.kind]}>")
        else:
            out.append(text)
    return "".join(out)


def term_url(builder: Builder, term: Term) -> str:
    """The URL of ``term``'s card, relative to the output folder."""
    return site_uri(builder, term.docname, term.anchor)


def term_record(
    domain: ModelTermsDomain, builder: Builder, term: Term
) -> dict[str, Any]:
    relations = domain.relations
    related = [*relations.resolve_all(term.related), *relations.referrers(term.id)]
    # its references with the titles they show, as on the card
    summary = shown_spans(term.summary, builder.env)
    return {
        "id": term.id,
        "title": term.title,
        "aliases": list(term.aliases),
        "category": term.category,
        "level": term.level,
        "summary": plain_text(summary),
        "summary_html": spans_html(summary),
        "summary_spans": [
            [s.kind, s.text, s.target] for s in summary if s.kind != "raw"
        ],
        "url": term_url(builder, term),
        "related": sorted(set(related) - {term.id}),
        "examples": list(term.examples),
        "faq": [{"question": q, "answer": a} for q, a in term.faq],
        "sources": [{"title": s.title, "url": s.url} for s in term.sources],
        "fields": dict(term.fields),
        "referenced_from": [site_uri(builder, d) for d in relations.pages(term.id)],
    }


def write_json(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write ``modelterms.json`` into HTML output."""
    if exception is not None or app.builder.format != "html":
        return
    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    data = {
        "format": FORMAT,
        "generator": f"sphinx-modelterms {__version__}",
        "project": app.config.project,
        "version": app.config.version,
        "terms": [term_record(domain, app.builder, t) for t in domain.terms()],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = app.outdir / FILENAME
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")

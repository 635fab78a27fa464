"""A W3C SKOS export of the whole term set, in Turtle: ``modelterms.ttl``.

One ``skos:ConceptScheme`` for the project, a ``skos:Concept`` per term
(``prefLabel``, ``altLabel``, ``definition``, ``example``, ``related``,
``inScheme``) and a ``skos:Collection`` per category.  Concept IRIs are the
terms' URLs, relative to the file (which sits at the site's root) unless
``html_baseurl`` makes them absolute.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast
from urllib.parse import quote

from ..naming import slugify
from ..render.links import site_uri
from ..render.spans import shown_text
from .json_export import term_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..domain import ModelTermsDomain

__all__ = ["FILENAME", "iri", "literal", "write_skos"]

FILENAME = "modelterms.ttl"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def literal(text: str, language: str = "") -> str:
    """A Turtle string literal, every character that needs it escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        elif "\ud800" <= char <= "\udfff" or char in "\ufffe\uffff":
            out.append("\ufffd")  # no character, and none an XML form allows
        else:
            out.append(char)
    tag = f"@{language}" if language else ""
    return f'"{"".join(out)}"{tag}'


def iri(url: str) -> str:
    """An IRI reference; characters Turtle forbids in IRIs are %-escaped."""
    return "<" + quote(url, safe="/:#?&=@!$'()*+,;%~-._") + ">"


def _address(base: str, uri: str) -> str:
    """The IRI of ``uri`` (relative to the output's top), made absolute by
    ``base`` when there is one (dirhtml's root page is ``./``)."""
    return iri(base + uri.removeprefix("./") if base else uri)


def write_skos(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write ``modelterms.ttl`` into HTML output."""
    if exception is not None or app.builder.format != "html":
        return
    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    builder = app.builder
    base = app.config.html_baseurl.rstrip("/") + "/" if app.config.html_baseurl else ""
    language = (app.config.language or "en").replace("_", "-")
    root = app.config.root_doc
    scheme = _address(base, site_uri(builder, root, "mt-terms"))
    terms = list(domain.terms())
    url = {t.id: _address(base, term_url(builder, t)) for t in terms}
    lines = [
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix dct: <http://purl.org/dc/terms/> .",
        "",
        f"{scheme} a skos:ConceptScheme ;",
        f"    dct:title {literal(app.config.project, language)} ;",
    ]
    lines += [f"    skos:hasTopConcept {url[t.id]} ;" for t in terms]
    lines[-1] = lines[-1].rstrip(" ;") + " ."
    for term in terms:
        lines += [
            "",
            f"{url[term.id]} a skos:Concept ;",
            f"    skos:inScheme {scheme} ;",
        ]
        lines.append(f"    skos:prefLabel {literal(term.display_title, language)} ;")
        lines += [f"    skos:altLabel {literal(a, language)} ;" for a in term.aliases]
        summary = shown_text(term.summary, app.env)  # as the card shows it
        if summary:
            lines.append(f"    skos:definition {literal(summary, language)} ;")
        lines += [f"    skos:example {literal(e, language)} ;" for e in term.examples]
        related = sorted(
            {
                *domain.relations.resolve_all(term.related),
                *domain.relations.referrers(term.id),
            }
            - {term.id}
        )
        lines += [f"    skos:related {url[r]} ;" for r in related if r in url]
        lines[-1] = lines[-1].rstrip(" ;") + " ."
    categories = sorted({t.category for t in terms if t.category})
    for category in categories:
        members = [url[t.id] for t in terms if t.category == category]
        anchor = f"mt-category-{slugify(category) or 'other'}"
        collection = _address(base, site_uri(builder, root, anchor))
        lines += ["", f"{collection} a skos:Collection ;"]
        lines.append(f"    skos:prefLabel {literal(category, language)} ;")
        lines += [f"    skos:member {m} ;" for m in members]
        lines[-1] = lines[-1].rstrip(" ;") + " ."
    text = "\n".join(lines) + "\n"
    path = app.outdir / FILENAME
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")

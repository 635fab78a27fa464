"""schema.org JSON-LD in HTML pages: ``DefinedTerm`` for each card (in a
``DefinedTermSet`` named after the project), ``FAQPage`` where cards have
questions, and the ``DefinedTermSet`` of the terms a page's indexes and
tables list."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from ..i18n import _
from ..naming import XML_FORBIDDEN
from ..selection import selects

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..domain import ModelTermsDomain
    from ..model import Term

__all__ = ["add_jsonld", "script_json"]


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` left
    to end the element or open a comment, whatever the text holds, and no
    character XML forbids (an XHTML page would not parse)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = XML_FORBIDDEN.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/ld+json">{text}</script>'


def _term(term: Term, url: str, term_set: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "DefinedTerm",
        "@id": url,
        "name": term.display_title,
        "termCode": term.id,
        "url": url,
        "inDefinedTermSet": term_set,
    }
    if term.summary_text:
        data["description"] = term.summary_text
    if term.aliases:
        data["alternateName"] = list(term.aliases)
    return data


def _questions(term: Term) -> list[dict[str, Any]]:
    pairs = []
    if term.summary_text:
        pairs.append((_("What is %s?") % term.display_title, term.summary_text))
    pairs.extend(term.faq)
    return [
        {
            "@type": "Question",
            "name": question,
            "acceptedAnswer": {"@type": "Answer", "text": answer},
        }
        for question, answer in pairs
        if answer
    ]


def add_jsonld(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: append the page's JSON-LD to its metatags."""
    if doctree is None:
        return
    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    builder = app.builder
    term_set = {
        "@type": "DefinedTermSet",
        "name": app.config.project,
        "url": builder.get_target_uri(app.config.root_doc),
    }
    cards = domain.relations.on_page(pagename)
    blocks = []
    for term in cards:
        url = builder.get_relative_uri(pagename, term.docname) + f"#{term.anchor}"
        blocks.append(_term(term, url, term_set))
    questions = [q for term in cards for q in _questions(term)]
    if questions:
        blocks.append({"@type": "FAQPage", "mainEntity": questions})
    listings = domain.listings.get(pagename, ())
    if listings:
        # the terms the page's indexes and tables list, no others: a page is
        # written again when a term they select changes, not for any term
        listed = {
            "@type": "DefinedTermSet",
            "name": app.config.project,
            "hasDefinedTerm": [
                {
                    "@type": "DefinedTerm",
                    "name": t.display_title,
                    "url": builder.get_relative_uri(pagename, t.docname)
                    + f"#{t.anchor}",
                }
                for t in domain.terms()
                if any(
                    selects(spec, t.category, t.level, t.docname) for spec in listings
                )
            ],
        }
        blocks.append(listed)
    if not blocks:
        return
    data = {"@context": "https://schema.org", "@graph": blocks}
    context["metatags"] = context.get("metatags", "") + script_json(data) + "\n"

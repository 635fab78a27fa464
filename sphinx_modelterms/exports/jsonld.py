"""schema.org JSON-LD in HTML pages: ``DefinedTerm`` for each card (in a
``DefinedTermSet`` named after the project), ``FAQPage`` with the questions
the cards show where ``modelterms_jsonld_faq`` asks for it, and the
``DefinedTermSet`` of the terms a page's indexes and tables list."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from ..config import get_config
from ..naming import XML_FORBIDDEN
from ..render.cards import generated_faq
from ..render.links import page_uri, site_uri
from ..render.spans import shown_spans, shown_text
from ..selection import selects
from ..transforms.fill import related_terms

if TYPE_CHECKING:
    from collections.abc import Callable

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


def _term(
    term: Term, summary: str, url: str, term_set: dict[str, Any]
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "DefinedTerm",
        "@id": url,
        "name": term.display_title,
        "termCode": term.id,
        "url": url,
        "inDefinedTermSet": term_set,
    }
    if summary:
        data["description"] = summary
    if term.aliases:
        data["alternateName"] = list(term.aliases)
    return data


def _plain(node: nodes.Node) -> str:
    """The text of generated nodes, raw markup left out (as in
    :attr:`~..model.Term.summary_text`)."""
    return "".join(
        str(text)
        for text in node.findall(nodes.Text)
        if not isinstance(text.parent, nodes.raw)
    )


def _questions(domain: ModelTermsDomain, term: Term) -> list[dict[str, Any]]:
    """The questions the card of ``term`` shows, generated and own."""
    config = get_config(domain.env)
    pairs: list[tuple[str, str]] = []
    if config.generated_faq:
        related = related_terms(
            domain, term, None, symmetric=config.related_symmetric, quiet=True
        )
        # short definitions as their cards show them
        shown = [
            replace(t, summary=shown_spans(t.summary, domain.env))
            for t in (term, *related[: config.related_questions])
        ]
        asked = generated_faq(shown[0], shown[1:], config.levels)
        pairs.extend((_plain(entry[0]), _plain(entry[1])) for entry in asked)
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


def _addresses(app: Sphinx, pagename: str) -> Callable[[str, str], str]:
    """How the page names a card (``docname``, ``anchor``): absolute under
    ``html_baseurl`` when it is set (search engines and linked-data tools
    want absolute IRIs, as the SKOS export has), else relative to the page,
    so that the site works from any address and from disk."""
    builder = app.builder
    base = str(app.config.html_baseurl or "")

    def address(docname: str, anchor: str) -> str:
        if base:
            return (
                base.rstrip("/")
                + "/"
                + site_uri(builder, docname, anchor).removeprefix("./")
            )
        return page_uri(builder, pagename, docname, anchor)

    return address


def add_jsonld(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: append the page's JSON-LD to its metatags."""
    if doctree is None:
        return
    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    address = _addresses(app, pagename)
    term_set = {
        "@type": "DefinedTermSet",
        "name": app.config.project,
        "url": address(app.config.root_doc, ""),
    }
    # singlehtml writes every page into the root's
    shown = (
        sorted(app.env.all_docs)
        if isinstance(app.builder, SingleFileHTMLBuilder)
        else [pagename]
    )
    cards = [term for page in shown for term in domain.relations.on_page(page)]
    # each short definition as its card shows it
    summaries = [shown_text(t.summary, app.env) for t in cards]
    blocks = [
        _term(t, summary, address(t.docname, t.anchor), term_set)
        for t, summary in zip(cards, summaries, strict=True)
    ]
    questions = (
        [q for term in cards for q in _questions(domain, term)]
        if get_config(app.env).jsonld_faq
        else []
    )
    if questions:
        blocks.append({"@type": "FAQPage", "mainEntity": questions})
    listings = [spec for page in shown for spec in domain.listings.get(page, ())]
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
                    "url": address(t.docname, t.anchor),
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

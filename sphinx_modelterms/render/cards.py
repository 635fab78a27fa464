"""The parts of a term card, built from model records.

Read time builds what the card's own directive knows (badges, fields,
sources); write time builds what depends on other terms (related cards and
the generated questions).  Every part is an ordinary docutils node with an
``mt-`` class, so every builder can render it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..i18n import _
from ..nodes import mt_faq, mt_faq_entry
from .links import term_link
from .spans import spans_to_nodes

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ..model import ExternalTerm, Span, Term

    #: makes the part of a card that shows one related term
    Part = Callable[[Term], nodes.Element]

__all__ = [
    "HEADING",
    "SECTION_LEVEL",
    "aliases_line",
    "asks_questions",
    "badges",
    "card_title",
    "faq_block",
    "faq_entry",
    "fields_list",
    "generated_faq",
    "related_answer",
    "related_card",
    "related_list",
    "section_title",
    "sources_list",
]

HEADING = "heading-level"
"""The rubric attribute Sphinx renders as ``<hN>`` in HTML."""

SECTION_LEVEL = 3
"""HTML heading level of a card's section titles ("Examples", ...)."""


def card_title(title: str) -> nodes.rubric:
    """The card's own heading, dropped on a term page whose title it is."""
    return nodes.rubric(title, title, classes=["mt-card-title"], **{HEADING: 2})


def section_title(text: str, name: str, level: int = SECTION_LEVEL) -> nodes.rubric:
    """A label of ours: translated by our catalog, not the project's."""
    return nodes.rubric(
        text,
        text,
        classes=["mt-section-title", f"mt-{name}-title"],
        translatable=False,
        **{HEADING: level},
    )


def _badge(kind: str, label: str, value: str) -> nodes.inline:
    badge = nodes.inline(classes=["mt-badge", f"mt-{kind}"])
    badge += nodes.inline(label, label, classes=["mt-badge-label"])
    badge += nodes.Text(value)
    return badge


def badges(term: Term | ExternalTerm) -> nodes.paragraph | None:
    """Category and level badges; labels are visually hidden in HTML."""
    para = nodes.paragraph(classes=["mt-badges"])
    if term.category:
        para += _badge("category", _("Category: "), term.category)
    if term.level:
        if term.category:
            para += nodes.Text(" ")
        # one class naming the level as written, its words joined by dashes
        # (spaces would split it into several classes)
        name = "-".join(term.level.split())
        kind = f"level mt-level-{name}" if name else "level"
        para += _badge(kind, _("Level: "), term.level)
    return para if len(para) else None


def aliases_line(term: Term) -> nodes.paragraph | None:
    """ "Also called: ..." under the badges, when the term has aliases."""
    if not term.aliases:
        return None
    label = _("Also called: ")
    para = nodes.paragraph(classes=["mt-aliases"])
    para += nodes.inline(label, label, classes=["mt-aliases-label"])
    para += nodes.Text(", ".join(term.aliases))
    return para


def fields_list(
    term: Term, labels: Sequence[tuple[str, str]]
) -> nodes.field_list | None:
    """The project-defined fields the card sets, in configuration order."""
    field_list = nodes.field_list(classes=["mt-fields"])
    for name, label in labels:
        value = term.field_value(name)
        if value:
            field_list += nodes.field(
                "",
                nodes.field_name(label, label, translatable=False),
                nodes.field_body("", nodes.paragraph(value, value)),
                classes=[f"mt-field-{name}"],
            )
    return field_list if len(field_list) else None


def sources_list(term: Term) -> nodes.container | None:
    if not term.sources:
        return None
    block = nodes.container(classes=["mt-sources"])
    block += section_title(_("Sources"), "sources")
    items = nodes.bullet_list(classes=["mt-sources-list"])
    for source in term.sources:
        para = nodes.paragraph()
        if source.url:
            para += nodes.reference(source.title, source.title, refuri=source.url)
        else:
            para += nodes.Text(source.title)
        items += nodes.list_item("", para)
    block += items
    return block


def related_card(other: Term) -> nodes.list_item:
    """One related-term card: title link, category badge, short definition."""
    head = nodes.paragraph(classes=["mt-related-head"])
    head += term_link(other)
    if other.category:
        head += nodes.Text(" ")
        head += _badge("category", _("Category: "), other.category)
    item = nodes.list_item("", head, classes=["mt-related-card"])
    if other.summary:
        item += nodes.paragraph(
            "", "", *spans_to_nodes(other.summary), classes=["mt-related-summary"]
        )
    return item


def related_answer(other: Term) -> nodes.paragraph:
    """The answer to "How is X related to Y?", which only Y shapes."""
    answer = _para(term_link(other), nodes.Text(_(" is listed as a related term. ")))
    answer += _spans(other.summary)
    return answer


def related_list(
    related: Sequence[Term], level: int, card: Part = related_card
) -> list[nodes.Node]:
    """The related-term cards under their heading."""
    if not related:
        return []
    items = nodes.bullet_list(classes=["mt-related-list"])
    items.extend(card(other) for other in related)
    return [section_title(_("Related terms"), "related", level), items]


def faq_block(entries: Sequence[mt_faq_entry], level: int = SECTION_LEVEL) -> mt_faq:
    """A card's "Frequently asked" block, holding ``entries``."""
    block = mt_faq(classes=["mt-faq"])
    block += section_title(_("Frequently asked"), "faq", level)
    block += nodes.definition_list("", *entries, classes=["mt-faq-list"])
    return block


def faq_entry(question: list[nodes.Node], answer: list[nodes.Node]) -> mt_faq_entry:
    entry = mt_faq_entry(classes=["mt-faq-entry"])
    entry += nodes.term("", "", *question)
    entry += nodes.definition("", *answer)
    return entry


def _para(*children: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", *children)


def _text(text: str) -> list[nodes.Node]:
    return [nodes.Text(text)]


def _spans(spans: Sequence[Span]) -> list[nodes.Node]:
    return spans_to_nodes(spans)


def asks_questions(term: Term, related: Sequence[Term]) -> bool:
    """Whether :func:`generated_faq` has any question for ``term``."""
    return bool(term.summary or term.example or related or term.level)


def generated_faq(
    term: Term,
    related: Sequence[Term],
    levels: Sequence[str],
    answer: Part = related_answer,
) -> list[mt_faq_entry]:
    """The questions every card answers from its own and related records."""
    title = term.display_title
    entries = []
    if term.summary:
        entries.append(
            faq_entry(_text(_("What is %s?") % title), [_para(*_spans(term.summary))])
        )
    if term.example:
        entries.append(
            faq_entry(
                _text(_("What is an example of %s?") % title),
                [_para(*_spans(term.example))],
            )
        )
    entries.extend(
        faq_entry(
            _text(
                _("How is %(term)s related to %(other)s?")
                % {"term": title, "other": other.display_title}
            ),
            [answer(other)],
        )
        for other in related
    )
    if term.level:
        scale = ", ".join(levels)
        answer_text = _(
            "Yes. This glossary rates %(term)s as %(level)s, on a scale of %(scale)s."
        ) % {"term": title, "level": term.level, "scale": scale}
        entries.append(
            faq_entry(
                _text(
                    _("Is %(term)s considered %(level)s?")
                    % {"term": title, "level": term.level}
                ),
                [_para(nodes.Text(answer_text))],
            )
        )
    return entries

"""The parts of a term card, built from model records.

Read time builds what the card's own directive knows (badges, fields,
sources); write time builds what depends on other terms (related cards and
the generated questions).  Every part is an ordinary docutils node with an
``mt-`` class, so every builder can render it.
"""

from __future__ import annotations

import re
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
    "badges",
    "card_title",
    "faq_block",
    "faq_entry",
    "fields_table",
    "generated_faq",
    "related_answer",
    "related_card",
    "related_list",
    "section_title",
    "sources_list",
    "what_is_context",
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
    """Category and level badges; labels are visually hidden in HTML.

    Category, level and aliases are names, which filters and references
    match as written: they are shown as written on the card too (no smart
    quotes), as in every copy made of them."""
    para = nodes.paragraph(classes=["mt-badges"], support_smartquotes=False)
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
    para = nodes.paragraph(classes=["mt-aliases"], support_smartquotes=False)
    para += nodes.inline(label, label, classes=["mt-aliases-label"])
    para += nodes.Text(", ".join(term.aliases))
    return para


def fields_table(term: Term, labels: Sequence[tuple[str, str]]) -> nodes.table | None:
    """The project-defined fields the card sets, in configuration order: a
    two-column table of label and value, the labels as row headers."""
    body = nodes.tbody()
    widths = [0, 0]  # in characters, as the text builder lays it out
    for name, label in labels:
        value = term.field_value(name)
        if value:
            widths = [max(widths[0], len(label)), max(widths[1], len(value))]
            body += nodes.row(
                "",
                # the label as configured, as table and comparison headers
                # show it (no smart quotes)
                nodes.entry(
                    "",
                    nodes.paragraph(
                        label, label, translatable=False, support_smartquotes=False
                    ),
                ),
                nodes.entry("", nodes.paragraph(value, value)),
                classes=[f"mt-field-{name}"],
            )
    if not len(body):
        return None
    group = nodes.tgroup(cols=2)
    group += nodes.colspec(colwidth=min(widths[0], 30), stub=1)
    group += nodes.colspec(colwidth=min(widths[1], 50))
    group += body
    return nodes.table("", group, classes=["mt-fields"])


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


def _sentence(template: str, **parts: Sequence[nodes.Node] | str) -> list[nodes.Node]:
    """The nodes of a translated ``template`` whose ``%(name)s`` placeholders
    are filled with ``parts`` (text, or nodes such as a link): translators
    see whole sentences, and the link stays a link."""
    out: list[nodes.Node] = []
    for index, piece in enumerate(re.split(r"%\((\w+)\)s", str(template))):
        if index % 2 == 0:
            if piece:
                out.append(nodes.Text(piece.replace("%%", "%")))
            continue
        part = parts.get(piece, f"%({piece})s")  # a name the catalog made up
        if isinstance(part, str):
            out.append(nodes.Text(part))
        else:
            out.extend(part)
    return out


def related_answer(term: Term, other: Term) -> nodes.paragraph:
    """The answer to "How is X related to Y?": a sentence that says how
    the two stand (a category they share, or Y's own), then Y's short
    definition."""
    title, link = term.display_title, [term_link(other)]
    if term.category and term.category == other.category:
        words = _sentence(
            _("%(term)s and %(other)s are both %(category)s concepts."),
            term=title,
            other=link,
            category=other.category,
        )
    elif other.category:
        words = _sentence(
            _(
                "%(other)s, from the %(category)s category, is closely tied "
                "to %(term)s."
            ),
            term=title,
            other=link,
            category=other.category,
        )
    else:
        words = _sentence(
            _("%(other)s is closely tied to %(term)s."), term=title, other=link
        )
    answer = _para(*words)
    if other.summary:
        answer += nodes.Text(" ")
        answer += _definition(other)
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


def _definition(term: Term) -> nodes.inline:
    """``term``'s short definition inside an answer, marked as the copy it is."""
    return nodes.inline("", "", *_spans(term.summary), classes=["mt-definition"])


def what_is_context(term: Term) -> str:
    """What the answer to "What is X?" says besides the short definition
    (the category, the other names), or ``""`` when there is nothing more
    to say: the question is then not asked, since its answer would only
    repeat the definition the card shows above it."""
    title = term.display_title
    aliases = ", ".join(term.aliases)
    if term.category and aliases:
        return _(
            "In this glossary, %(term)s belongs to the %(category)s category "
            "and is also called %(aliases)s."
        ) % {"term": title, "category": term.category, "aliases": aliases}
    if term.category:
        return _("In this glossary, %(term)s belongs to the %(category)s category.") % {
            "term": title,
            "category": term.category,
        }
    if aliases:
        return _("%(term)s is also called %(aliases)s.") % {
            "term": title,
            "aliases": aliases,
        }
    return ""


def generated_faq(
    term: Term,
    related: Sequence[Term],
    levels: Sequence[str],
) -> list[mt_faq_entry]:
    """The questions every card answers from its own and related records,
    one of each kind: what the term is (when there is more to say than
    the short definition), an example, how it relates to each term of
    ``related`` (the closest ones, as many as the project asks for), and
    its level."""
    title = term.display_title
    entries = []
    context = what_is_context(term)
    if term.summary and context:
        entries.append(
            faq_entry(
                _text(_("What is %s?") % title),
                [_para(_definition(term), nodes.Text(" " + context))],
            )
        )
    if term.example:
        entries.append(
            faq_entry(
                _text(_("What is an example of %s?") % title),
                [
                    _para(
                        *_sentence(
                            _("For instance: %(example)s"),
                            example=_spans(term.example),
                        )
                    )
                ],
            )
        )
    entries.extend(
        faq_entry(
            _text(
                _("How is %(term)s related to %(other)s?")
                % {"term": title, "other": other.display_title}
            ),
            [related_answer(term, other)],
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

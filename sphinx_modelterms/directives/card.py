"""The ``term-card`` directive: one term, its options and its content."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from ..config import get_config
from ..diagnostics import WarningSubtype, warn
from ..i18n import _, __
from ..model import Source, Span, Term
from ..naming import fallback_id, one_line, slugify, xml_safe
from ..nodes import mt_card, mt_example, mt_faq_entry
from ..render.cards import (
    aliases_line,
    badges,
    card_title,
    faq_block,
    fields_table,
    section_title,
    sources_list,
)
from ..render.spans import nodes_to_spans
from ._characters import clean_characters
from ._options import OptionsDirective, parse_sources, safe_url
from .graph import graph_request

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from sphinx.environment import BuildEnvironment

    from ..domain import ModelTermsDomain

__all__ = [
    "CARD_STACK",
    "TermCardDirective",
    "card_text",
    "first_paragraph",
]

_N = TypeVar("_N", bound=nodes.Element)

CARD_STACK = "modelterms_cards"
"""``env.temp_data`` key: ids of the cards whose content is being parsed."""


class TermCardDirective(OptionsDirective):
    """``.. term-card:: Title`` with the term's options and content."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    known_options: ClassVar[dict[str, Callable[[str], Any]]] = {
        "id": directives.unchanged,
        "aliases": directives.unchanged,
        "category": directives.unchanged,
        "level": directives.unchanged,
        "related": directives.unchanged,
        "sources": directives.unchanged,
        "class": directives.class_option,
    }
    list_options: ClassVar[dict[str, str]] = {
        "aliases": ", ",
        "related": ", ",
        "sources": "\n",
        "class": " ",
    }

    def subject(self) -> str:
        title = one_line(self.arguments[0]) if self.arguments else ""
        return f"term-card {title!r}"

    def _field_names(self) -> list[str]:
        """The project's fields (``modelterms_fields``), options too."""
        return [name for name, _label in get_config(self.env).fields]

    def converter(self, name: str) -> Callable[[str], Any] | None:
        if name in self._field_names():
            return directives.unchanged
        return super().converter(name)

    def known_names(self) -> list[str]:
        return sorted([*self.known_options, *self._field_names()])

    def run(self) -> list[nodes.Node]:
        config = get_config(self.env)
        self.read_options()
        location = self.get_location()
        title = one_line(xml_safe(self.arguments[0])) if self.arguments else ""
        if title.startswith(("\\:", "\\\\")):  # escaped: a leading ":" is no option
            title = title[1:]
        clean_characters(self, f"term-card {title!r}")
        if not title:  # nothing visible: white space, control or format characters
            warn(
                WarningSubtype.INVALID,
                __("term-card has no title text; its content is shown as is"),
                location=location,
            )
            return self._content_only()
        stack: list[str] = self.env.temp_data.setdefault(CARD_STACK, [])  # type: ignore[assignment]
        if stack:
            warn(
                WarningSubtype.INVALID,
                __("term-card %r is nested in the card of %r; cards cannot nest"),
                title,
                stack[-1],
                location=location,
            )
            return self._content_only()

        term_id = self._term_id(title, location)
        stack.append(term_id)
        try:
            content = self.parse_content_to_nodes()
        finally:
            stack.pop()

        self._refuse_unsafe_links(title, content)
        examples = _take(content, mt_example)
        faqs = _take(content, mt_faq_entry)
        summary = first_paragraph(content)
        if summary is None:
            warn(
                WarningSubtype.INVALID,
                __("term-card %r has no short definition (it has no paragraph)"),
                title,
                location=location,
            )

        term = Term(
            id=term_id,
            title=title,
            docname=self.env.docname,
            lineno=self.lineno,
            aliases=tuple(self.option_items("aliases")),
            category=self._choice("category", config.categories),
            level=self._choice("level", config.levels),
            related=tuple(self.option_items("related")),
            sources=self._sources(),
            fields=tuple(
                (name, one_line(self.options[name]))
                for name, _label in config.fields
                if self.options.get(name, "").strip()
            ),
            **card_text(summary, examples, faqs, self.env),
        )
        domain = cast("ModelTermsDomain", self.env.get_domain("mt"))
        domain.note_term(term)

        return [self._card(term, content, summary, examples, faqs, config.fields)]

    # -- options --------------------------------------------------------------

    def _term_id(self, title: str, location: str) -> str:
        given = self.options.get("id", "").strip()
        term_id = slugify(given or title)
        if given and term_id != given:
            warn(
                WarningSubtype.INVALID,
                __("term id %r is not a slug; using %r"),
                given,
                term_id,
                location=self.option_location("id"),
            )
        if not term_id:
            term_id = fallback_id(title)
            warn(
                WarningSubtype.INVALID,
                __("term %r has no usable id (its slug is empty); using %r"),
                title,
                term_id,
                location=location,
            )
        return term_id

    def _choice(self, name: str, allowed: tuple[str, ...]) -> str:
        value = one_line(self.options.get(name, ""))
        if value and allowed and value not in allowed:
            warn(
                WarningSubtype.INVALID,
                __("%s %r is not one of %s; it is left out"),
                name,
                value,
                ", ".join(allowed),
                location=self.option_location(name),
            )
            return ""
        return value

    def _sources(self) -> tuple[Source, ...]:
        sources = []
        for source in parse_sources(self.options.get("sources", "")):
            if source.url and not safe_url(source.url):
                warn(
                    WarningSubtype.INVALID,
                    __("source URL %r is refused (unsafe scheme); the title is kept"),
                    source.url,
                    location=self.option_location("sources"),
                )
                source = Source(source.title if source.title != source.url else "")
                if not source.title:
                    continue
            sources.append(source)
        return tuple(sources)

    def _refuse_unsafe_links(self, title: str, content: list[nodes.Node]) -> None:
        """Links in the card to URLs that would run code (``javascript:``,
        ``data:``, ...) become their text, as ``:sources:`` URLs do: a term
        file or a pasted definition is not trusted to be harmless."""
        for block in content:
            if not isinstance(block, nodes.Element):
                continue
            for link in list(block.findall(nodes.reference)):
                url = link.get("refuri", "")
                if not url or safe_url(url):
                    continue
                holder = next((n for n in _ancestors(link) if n.line), None)
                warn(
                    WarningSubtype.INVALID,
                    __(
                        "term-card %r: link URL %r is refused (unsafe scheme); its "
                        "text is kept"
                    ),
                    title,
                    url,
                    location=holder or self.get_location(),
                )
                link.replace_self(nodes.inline(link.astext(), link.astext()))

    # -- nodes ----------------------------------------------------------------

    def _content_only(self) -> list[nodes.Node]:
        """Fallback after a warning: keep the content, lose nothing."""
        block = nodes.container(classes=["mt-invalid"])
        self.set_source_info(block)
        block += self.parse_content_to_nodes()
        return [block]

    def _card(
        self,
        term: Term,
        content: list[nodes.Node],
        summary: nodes.paragraph | None,
        examples: list[mt_example],
        faqs: list[mt_faq_entry],
        field_labels: tuple[tuple[str, str], ...],
    ) -> mt_card:
        card = mt_card(classes=["mt-card", *self.options.get("class", [])])
        card["mt_term"] = term.id
        card["mt_title"] = term.title
        card["mt_lineno"] = term.lineno
        if "related" in self.options:  # where related-term warnings point
            card["mt_related_line"] = self.option_lines["related"]
        self.set_source_info(card)
        if term.anchor not in self.state.document.ids:
            card["ids"].append(term.anchor)
            self.state.document.ids[term.anchor] = card
        entries = [("single", term.title, term.anchor, "main", None)]
        entries += [("single", alias, term.anchor, "", None) for alias in term.aliases]
        card += addnodes.index(entries=entries)
        heading = card_title(term.title)
        self.set_source_info(heading)  # the author's: translatable
        card += heading
        _append(card, badges(term))
        _append(card, aliases_line(term))
        if summary is not None:
            summary["classes"].append("mt-summary")
            content.remove(summary)
            card += summary
        if content:
            block = nodes.container(classes=["mt-explanation"])
            # no heading over targets, comments or index entries alone
            if not all(isinstance(n, nodes.Invisible) for n in content):
                block += section_title(_("Explanation"), "explanation")
            block += content
            card += block
        if examples:
            block = nodes.container(classes=["mt-examples"])
            block += section_title(_("Examples"), "examples")
            block += examples
            card += block
        _append(card, fields_table(term, field_labels))
        # the generated sections (questions, related terms, comparisons,
        # "Referenced from") are added where they belong when the page is
        # written: no empty placeholders wait in the read doctrees, which
        # Sphinx keeps in memory until each page is written
        if faqs:
            card += faq_block(faqs)
        if get_config(self.env).card_graph:
            card_map = graph_request(around=term.id, depth=1)
            card_map["mt_card"] = True
            card += card_map
        _append(card, sources_list(term))
        return card


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    out = []
    current: nodes.Node | None = node
    while current is not None:
        out.append(current)
        current = current.parent
    return out


def _append(parent: nodes.Element, child: nodes.Node | None) -> None:
    if child is not None:
        parent += child


def _take(content: list[nodes.Node], cls: type[_N]) -> list[_N]:
    """Remove every ``cls`` node from ``content`` (at any depth) and return them."""
    found: list[_N] = []
    for node in list(content):
        if isinstance(node, cls):
            content.remove(node)
            found.append(node)
        elif isinstance(node, nodes.Element):
            for inner in list(node.findall(cls, include_self=False)):
                inner.parent.remove(inner)
                found.append(inner)
    return found


def first_paragraph(content: list[nodes.Node]) -> nodes.paragraph | None:
    """The short definition: the first paragraph of the content that holds
    text, after whatever comes first (a ``versionadded``, a note, an image,
    a list)."""
    for node in content:
        if isinstance(node, nodes.paragraph) and _has_text(node):
            return node
    return None


def card_text(
    summary: nodes.paragraph | None,
    examples: Sequence[mt_example],
    faqs: Sequence[mt_faq_entry],
    env: BuildEnvironment,
) -> dict[str, Any]:
    """The text fields of a term's record, from its card's nodes: the short
    definition, the examples and the questions the author wrote.  ``env``
    is reading the page that holds the card (targets relative to it are
    made to work on every page that shows them)."""
    return {
        "summary": (
            nodes_to_spans(summary.children, env) if summary is not None else ()
        ),
        "example": _example_spans(examples, env),
        "examples": tuple(one_line(e.astext()) for e in examples),
        "faq": tuple((one_line(f[0].astext()), one_line(f[1].astext())) for f in faqs),
    }


def _has_text(paragraph: nodes.paragraph) -> bool:
    """False for a paragraph of images only (a MyST image is one)."""
    return any(text.strip() for text in paragraph.findall(nodes.Text))


def _example_spans(
    examples: Sequence[mt_example], env: BuildEnvironment
) -> tuple[Span, ...]:
    for example in examples:
        for para in example.findall(nodes.paragraph):
            if _has_text(para):
                return nodes_to_spans(para.children, env)
    return ()

"""The ``term-card`` directive: one term, its options and its content."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from docutils import nodes
from docutils.parsers.rst import directives, states
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..config import get_config
from ..diagnostics import WarningSubtype, warn
from ..i18n import _, __
from ..model import Source, Span, Term
from ..naming import fallback_id, one_line, slugify
from ..nodes import mt_card, mt_example, mt_faq_entry
from ..render.cards import (
    aliases_line,
    badges,
    card_title,
    faq_block,
    fields_list,
    section_title,
    sources_list,
)
from ..render.spans import nodes_to_spans
from ._options import parse_sources, safe_url, split_list
from .graph import graph_request

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..domain import ModelTermsDomain

__all__ = [
    "CARD_STACK",
    "TermCardDirective",
    "card_directive_for",
    "release_parser_cache",
]

_N = TypeVar("_N", bound=nodes.Element)

CARD_STACK = "modelterms_cards"
"""``env.temp_data`` key: ids of the cards whose content is being parsed."""


class UnknownOption(str):
    """The value of an option ``term-card`` does not know."""

    __slots__ = ()


class OptionSpec(dict[str, Callable[[str], Any]]):
    """``term-card``'s options; an unknown name is kept (and warned about in
    ``run``) instead of failing the whole directive, so a misspelt option
    never loses a card."""

    def __missing__(self, name: str) -> Callable[[str], Any]:
        return lambda value: UnknownOption(value or "")


class TermCardDirective(SphinxDirective):
    """``.. term-card:: Title`` with the term's options and content."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = OptionSpec(
        {
            "id": directives.unchanged,
            "aliases": directives.unchanged,
            "category": directives.unchanged,
            "level": directives.unchanged,
            "related": directives.unchanged,
            "sources": directives.unchanged,
            "class": directives.class_option,
        }
    )

    def run(self) -> list[nodes.Node]:
        config = get_config(self.env)
        title = one_line(self.arguments[0])
        location = self.get_location()
        for name, value in list(self.options.items()):
            if isinstance(value, UnknownOption):
                warn(
                    WarningSubtype.INVALID,
                    __("term-card %r: unknown option %r (known: %s); it is ignored"),
                    title,
                    name,
                    ", ".join(sorted(self.option_spec)),
                    location=location,
                )
                del self.options[name]
        if not title:  # nothing but white space and control characters
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

        examples = _take(content, mt_example)
        faqs = _take(content, mt_faq_entry)
        summary = _summary(content)
        if summary is None:
            warn(
                WarningSubtype.INVALID,
                __(
                    "term-card %r has no short definition (its content must start "
                    "with a paragraph)"
                ),
                title,
                location=location,
            )

        term = Term(
            id=term_id,
            title=title,
            docname=self.env.docname,
            lineno=self.lineno,
            aliases=tuple(split_list(self.options.get("aliases", ""))),
            category=self._choice("category", config.categories, location),
            level=self._choice("level", config.levels, location),
            related=tuple(split_list(self.options.get("related", ""))),
            summary=nodes_to_spans(summary.children, self.env) if summary else (),
            example=_example_spans(examples, self.env),
            examples=tuple(" ".join(e.astext().split()) for e in examples),
            faq=tuple(
                (" ".join(f[0].astext().split()), " ".join(f[1].astext().split()))
                for f in faqs
            ),
            sources=self._sources(location),
            fields=tuple(
                (name, one_line(self.options[name]))
                for name, _label in config.fields
                if self.options.get(name, "").strip()
            ),
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
                location=location,
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

    def _choice(self, name: str, allowed: tuple[str, ...], location: str) -> str:
        value = one_line(self.options.get(name, ""))
        if value and allowed and value not in allowed:
            warn(
                WarningSubtype.INVALID,
                __("%s %r is not one of %s; it is left out"),
                name,
                value,
                ", ".join(allowed),
                location=location,
            )
            return ""
        return value

    def _sources(self, location: str) -> tuple[Source, ...]:
        sources = []
        for source in parse_sources(self.options.get("sources", "")):
            if source.url and not safe_url(source.url):
                warn(
                    WarningSubtype.INVALID,
                    __("source URL %r is refused (unsafe scheme); the title is kept"),
                    source.url,
                    location=location,
                )
                source = Source(source.title if source.title != source.url else "")
                if not source.title:
                    continue
            sources.append(source)
        return tuple(sources)

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
        self.set_source_info(card)
        if term.anchor not in self.state.document.ids:
            card["ids"].append(term.anchor)
            self.state.document.ids[term.anchor] = card
        entries = [("single", term.title, term.anchor, "main", None)]
        entries += [("single", alias, term.anchor, "", None) for alias in term.aliases]
        card += addnodes.index(entries=entries)
        card += card_title(term.title)
        _append(card, badges(term))
        _append(card, aliases_line(term))
        if summary is not None:
            summary["classes"].append("mt-summary")
            content.remove(summary)
            card += summary
        _append(card, fields_list(term, field_labels))
        if content:
            card += nodes.container("", *content, classes=["mt-explanation"])
        if examples:
            block = nodes.container(classes=["mt-examples"])
            block += section_title(_("Examples"), "examples")
            block += examples
            card += block
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


def card_directive_for(field_names: list[str]) -> type[TermCardDirective]:
    """``term-card`` with an option per project field (``modelterms_fields``)."""
    spec = OptionSpec(TermCardDirective.option_spec)
    spec.update(dict.fromkeys(field_names, directives.unchanged))
    return type("TermCardDirective", (TermCardDirective,), {"option_spec": spec})


def release_parser_cache(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: let go of the last page docutils parsed a card on.

    docutils keeps the state machines of nested parses (a card's content)
    for reuse, in a list shared by the whole process; each still holds the
    last document it parsed.  Sphinx writes that document later, filled
    with the card's generated sections, tooltips and links, and without
    this the filled page would stay in memory, and in every full garbage
    collection, for the rest of the build.  Reading is over: the next parse
    makes new state machines.
    """
    cache = getattr(states.RSTState, "nested_sm_cache", None)
    if isinstance(cache, list):
        for machine in cache:
            machine.unlink()
        cache.clear()


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


def _summary(content: list[nodes.Node]) -> nodes.paragraph | None:
    for node in content:
        if isinstance(node, nodes.Invisible | nodes.comment | nodes.system_message):
            continue
        return node if isinstance(node, nodes.paragraph) else None
    return None


def _example_spans(
    examples: list[mt_example], env: BuildEnvironment
) -> tuple[Span, ...]:
    for example in examples:
        for para in example.findall(nodes.paragraph):
            return nodes_to_spans(para.children, env)
    return ()

"""The records the extension keeps about terms: small, frozen and picklable.

No Sphinx or docutils imports: the domain stores these records (never
docutils nodes) in the environment, and renderers turn them back into nodes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .digests import digest
from .packing import Positional
from .selection import selects

if TYPE_CHECKING:
    from typing import Protocol

    class _Placed(Protocol):
        @property
        def category(self) -> str: ...
        @property
        def level(self) -> str: ...
        @property
        def docname(self) -> str: ...


__all__ = [
    "Comparison",
    "ExternalTerm",
    "Listing",
    "Source",
    "Span",
    "SpanKind",
    "Term",
    "card_anchor",
    "layout_version",
    "plain_text",
]

SpanKind = Literal[
    "text",
    "emphasis",
    "strong",
    "literal",
    "math",
    "sub",
    "sup",
    "link",
    "xref",
    "raw",
    "download",
    "image",
]


def card_anchor(term_id: str) -> str:
    """The HTML id of the card of ``term_id``: ``mt-<id>``."""
    return f"mt-{term_id}"


@dataclass(frozen=True, slots=True)
class Span(Positional):
    """One run of inline text with its markup.

    A short definition is kept as a tuple of spans so that other pages can
    show it with its emphasis, code and links without storing docutils nodes.
    ``target`` is the URL of a ``link``, the target of an ``xref`` (made
    independent of the page it was written on, as other pages show it), the
    format of ``raw`` markup (its ``text``, shown as markup, never as text)
    or the file of a ``download`` or an ``image`` (as Sphinx copies it, or a
    URL), whose ``text`` is the picture's alternative text; ``role`` is
    ``"domain:type"`` of an ``xref``, and ``context`` the other settings its
    domain reads (the anchor of a MyST link, a Python module, ...).
    """

    kind: SpanKind
    text: str
    target: str = ""
    role: str = ""
    context: tuple[tuple[str, str | bool | int | None], ...] = ()


def plain_text(spans: tuple[Span, ...]) -> str:
    """The text of ``spans`` (raw markup left out)."""
    return "".join(span.text for span in spans if span.kind != "raw")


@dataclass(frozen=True, slots=True)
class Source(Positional):
    """A cited source: a title and an optional URL."""

    title: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Term(Positional):
    """One term as declared by a ``term-card``.

    It carries its ``docname`` and ``lineno`` so that the domain's
    ``clear_doc`` and ``merge_domaindata`` are filters and every warning about
    it can point at it.

    ``title`` is the title as written, which references match; ``label`` is
    the title as the card shows it (translated, with smart quotes), when it
    differs.  The text fields (``summary``, ``example``, ``examples``,
    ``faq``) are what the card shows too, so every copy reads the same.

    A term adopted from an entry of Sphinx's ``glossary`` directive has no
    card: ``glossary_anchors`` are the ids Sphinx gave the entry's term
    lines, the first of which links go to (see :mod:`.adopt`).
    """

    id: str
    title: str
    docname: str
    lineno: int
    aliases: tuple[str, ...] = ()
    category: str = ""
    level: str = ""
    related: tuple[str, ...] = ()
    summary: tuple[Span, ...] = ()
    example: tuple[Span, ...] = ()
    sources: tuple[Source, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    examples: tuple[str, ...] = ()
    faq: tuple[tuple[str, str], ...] = ()
    label: str = ""
    glossary_anchors: tuple[str, ...] = ()

    @property
    def adopted(self) -> bool:
        """Whether the term is a glossary entry rather than a card."""
        return bool(self.glossary_anchors)

    @property
    def display_title(self) -> str:
        """The title as the card shows it."""
        return self.label or self.title

    @property
    def anchor(self) -> str:
        """The HTML id links go to: the card's ``mt-<id>``, or the glossary
        entry's own."""
        return self.glossary_anchors[0] if self.adopted else card_anchor(self.id)

    @property
    def summary_text(self) -> str:
        """The short definition as plain text (raw markup left out), with
        its references' texts as written (see :func:`.render.spans.shown_spans`
        for the texts the card shows)."""
        return plain_text(self.summary)

    def field_value(self, name: str) -> str:
        """The value of a project-defined field, or ``""``."""
        return dict(self.fields).get(name, "")

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping of every field (spans as mappings)."""
        return asdict(self)

    def fingerprint(self) -> str:
        """A digest of what links to this term and cards of other terms show.

        The location counts too (a term that moves changes the URL of every
        link to it); its own relations, example and sources, shown on its
        own card only, do not.  Fields do: comparisons and tables show them.
        """
        shown = (
            self.id,
            self.title,
            self.docname,
            self.aliases,
            self.category,
            self.level,
            self.summary,
            self.fields,
            self.label,
            self.glossary_anchors,
        )
        return digest(shown)

    def content_digest(self) -> str:
        """A digest of everything the term holds but its line number: what
        the exported term set files show of it."""
        return digest(tuple(getattr(self, f) for f in _CONTENT_FIELDS))


_CONTENT_FIELDS = tuple(f.name for f in fields(Term) if f.name != "lineno")


@dataclass(frozen=True, slots=True)
class Comparison(Positional):
    """A named ``term-compare``: listed on the card of every term it holds.

    ``terms`` are the targets as written; they are resolved like ``:mt:``.
    """

    id: str
    title: str
    docname: str
    lineno: int
    terms: tuple[str, ...]


class Listing(NamedTuple):
    """What a ``term-index`` or ``term-table`` shows: its filters, and whether
    it has a back-references column."""

    categories: tuple[str, ...]
    levels: tuple[str, ...]
    pages: tuple[str, ...]
    backrefs: bool
    referenced_from: tuple[str, ...] = ()
    """``:referenced-from:`` patterns, as docnames: the listing keeps only
    terms linked from a matching page (so it changes with back-references)."""

    def shows(self, term: _Placed) -> bool:
        """Whether the filters take a term of ``term``'s category, level and
        page."""
        return selects(self, term.category, term.level, term.docname)


@dataclass(frozen=True, slots=True)
class ExternalTerm:
    """A term of another project, as its ``modelterms.json`` describes it."""

    set_name: str
    id: str
    title: str
    url: str
    aliases: tuple[str, ...] = ()
    category: str = ""
    level: str = ""
    summary: tuple[Span, ...] = ()

    @property
    def display_title(self) -> str:
        """The title as shown (as the other project's card shows it)."""
        return self.title

    @property
    def key(self) -> str:
        return f"{self.set_name}:{self.id}"


def layout_version(revision: int) -> int:
    """A version number for stored data holding these records: ``revision``
    (raised by hand when anything else stored changes shape) joined with a
    digest of every record's field names.

    Records pickle as their field values in order, so a field added, removed
    or moved changes the number, and Sphinx then starts from a fresh
    environment instead of loading values into the wrong fields.
    """
    names = [(c.__name__, [f.name for f in fields(c)]) for c in _RECORDS]
    return revision * 10**8 + int(digest(names)[:6], 16)


_RECORDS = (Span, Source, Term, Comparison)

"""Comparison tables, glossary indexes and cross-reference tables.

Pure node construction from lists of :class:`~sphinx_modelterms.model.Term`
in a deterministic order: real docutils tables and lists, so every builder
renders them (LaTeX and text get real tables).  Links to terms and pages
come from :mod:`.links`.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, cast

from docutils import nodes

from ..i18n import _
from ..naming import slugify, sort_key
from .cards import HEADING, SECTION_LEVEL, badges
from .links import doc_link, term_link
from .spans import spans_to_nodes

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ..model import Term

__all__ = [
    "BASE_COLUMNS",
    "COMPARE_ROWS",
    "DEFAULT_COLUMNS",
    "compare_table",
    "group_key",
    "index_block",
    "index_entry",
    "index_groups",
    "labels",
    "sort_terms",
    "term_table",
]

COMPARE_ROWS = ("category", "level", "summary")
DEFAULT_COLUMNS = ("term", "aliases", "category", "level", "summary", "related")
BASE_COLUMNS = (*DEFAULT_COLUMNS, "referenced-from")


def labels(fields: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Column and row labels: ours (translated) and the project's fields."""
    out = {
        "term": _("Term"),
        "aliases": _("Aliases"),
        "category": _("Category"),
        "level": _("Level"),
        "summary": _("Short definition"),
        "related": _("Related terms"),
        "referenced-from": _("Referenced from"),
    }
    out.update(fields)
    return out


def _para(*children: nodes.Node, classes: Sequence[str] = ()) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=list(classes))


def _joined(items: Sequence[nodes.Node]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(", "))
        out.append(item)
    return out


def _table(
    header: Sequence[nodes.Node],
    rows: Sequence[Sequence[nodes.Node]],
    classes: Sequence[str],
    *,
    stub: bool = False,
) -> nodes.table:
    # HTML and LaTeX size the columns to their content ("colwidths-auto");
    # the text builder reads the widths, in characters
    table = nodes.table(classes=[*classes, "colwidths-auto"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for i in range(len(header)):
        longest = max(len(cell[i].astext()) for cell in [header, *rows])
        width = min(max(longest + 2, 6), 40)  # +2: emphasis marks in text
        group += nodes.colspec(colwidth=width, stub=1 if stub and i == 0 else 0)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", cell) for cell in header))
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row("", *(nodes.entry("", cell) for cell in cells))
    group += body
    return table


def _value(term: Term, name: str) -> nodes.paragraph:
    if name == "summary":
        return _para(*spans_to_nodes(term.summary))
    if name == "category":
        return _para(nodes.Text(term.category))
    if name == "level":
        return _para(nodes.Text(term.level))
    if name == "aliases":
        return _para(nodes.Text(", ".join(term.aliases)))
    return _para(nodes.Text(term.field_value(name)))


def compare_table(
    terms: Sequence[Term], rows: Sequence[str], label: dict[str, str]
) -> nodes.table:
    """Terms side by side: a column per term, a row per attribute. The
    corner cell names the header row, so that no header cell is empty."""
    corner = _para(nodes.Text(label.get("term", "term")))
    header = [corner, *(_para(term_link(t)) for t in terms)]
    body = [
        [_para(nodes.Text(label.get(row, row))), *(_value(t, row) for t in terms)]
        for row in rows
    ]
    return _table(header, body, ["mt-compare-table"], stub=True)


def term_table(
    terms: Sequence[Term],
    columns: Sequence[str],
    label: dict[str, str],
    related: Callable[[Term], Sequence[Term]],
    pages: Callable[[Term], Sequence[str]],
) -> nodes.table:
    """A cross-reference table: a row per term, the chosen columns."""

    def cell(term: Term, column: str) -> nodes.paragraph:
        if column == "term":
            return _para(term_link(term))
        if column == "related":
            return _para(*_joined([term_link(t) for t in related(term)]))
        if column == "referenced-from":
            return _para(*_joined([doc_link(d) for d in pages(term)]))
        return _value(term, column)

    header = [_para(nodes.Text(label.get(c, c))) for c in columns]
    body = [[cell(t, c) for c in columns] for t in terms]
    return _table(header, body, ["mt-term-table"])


def sort_terms(
    terms: Sequence[Term],
    key: str,
    levels: Sequence[str],
    categories: Sequence[str] = (),
) -> list[Term]:
    """Sort by ``term`` (title), ``level`` (in the configured order),
    ``category`` (in the configured order, else alphabetically) or a field.

    A leading ``-`` reverses the order of the key only: terms without a
    value stay last, and terms that sort equal stay in title order.
    """
    reverse = key.startswith("-")
    key = key.lstrip("-")

    def value(term: Term) -> tuple[int, str] | None:
        if key == "term":
            return (0, sort_key(term.display_title))
        if key == "level":
            return (levels.index(term.level), "") if term.level in levels else None
        if key == "category":
            if not term.category:
                return None
            rank = categories.index(term.category) if term.category in categories else 0
            return (rank, sort_key(term.category))
        text = term.field_value(key)
        return (0, sort_key(text)) if text else None

    by_title = sorted(terms, key=lambda t: (sort_key(t.display_title), t.id))
    present = [t for t in by_title if value(t) is not None]
    missing = [t for t in by_title if value(t) is None]
    # sorted() stays stable when reversed: ties keep their title order
    ordered = sorted(
        present, key=lambda t: cast("tuple[int, str]", value(t)), reverse=reverse
    )
    return ordered + missing


def group_key(term: Term, group_by: str) -> str:
    """The group a term falls in: initial letter (A to Z or ``#``), category
    or level."""
    if group_by == "category":
        return term.category
    if group_by == "level":
        return term.level
    folded = unicodedata.normalize("NFKD", term.display_title.strip())
    initial = next((c for c in folded if not unicodedata.combining(c)), "#").upper()
    return initial if "A" <= initial <= "Z" else "#"


def index_groups(
    terms: Sequence[Term], group_by: str, order: Sequence[str]
) -> list[tuple[str, list[Term]]]:
    """Terms by group, groups in ``order`` first (then by name), the empty
    group (no category or level) and ``#`` last, terms by title."""
    groups: dict[str, list[Term]] = {}
    for term in sorted(terms, key=lambda t: (sort_key(t.display_title), t.id)):
        groups.setdefault(group_key(term, group_by), []).append(term)

    def rank(name: str) -> tuple[int, int, str]:
        if name in ("", "#"):
            return (2, 0, name)
        if name in order:
            return (0, order.index(name), name)
        return (1, 0, sort_key(name))

    return [(name, groups[name]) for name in sorted(groups, key=rank)]


def index_entry(term: Term) -> nodes.list_item:
    head = _para(term_link(term), classes=["mt-index-head"])
    line = badges(term)
    if line is not None:
        head += nodes.Text(" ")
        head.extend(line.children)
    item = nodes.list_item("", head, classes=["mt-index-entry"])
    if term.summary:
        item += _para(*spans_to_nodes(term.summary), classes=["mt-index-summary"])
    return item


def index_block(
    groups: Sequence[tuple[str, list[Term]]], group_by: str, serial: int
) -> list[nodes.Node]:
    """A glossary: for A to Z a jump bar of initials, then each group's title
    and entries (title link, badges, short definition)."""

    def anchor(name: str) -> str:
        return f"mt-index-{serial}-{slugify(name) or 'other'}"

    def title(name: str) -> str:
        if name:
            return name
        return _("No category") if group_by == "category" else _("No level")

    out: list[nodes.Node] = []
    if group_by == "letter" and groups:
        jump = _para(classes=["mt-index-jump"])
        for i, (name, _terms) in enumerate(groups):
            if i:
                jump += nodes.Text(" ")
            jump += nodes.reference(name, name, refid=anchor(name), internal=True)
        out.append(jump)
    for name, terms in groups:
        out.append(nodes.target("", "", ids=[anchor(name)]))
        out.append(
            nodes.rubric(
                title(name),
                title(name),
                classes=["mt-index-group"],
                translatable=False,
                **{HEADING: SECTION_LEVEL - 1},
            )
        )
        out.append(
            nodes.bullet_list(
                "", *(index_entry(t) for t in terms), classes=["mt-index-list"]
            )
        )
    return out

"""Comparison tables and cross-reference tables.

Pure node construction from lists of :class:`~sphinx_modelterms.model.Term`
in a deterministic order: real docutils tables and lists, so every builder
renders them (LaTeX and text get real tables).  Links to terms and pages
come from :mod:`.links`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from docutils import nodes

from ..i18n import _
from ..naming import sort_key, title_order
from ..nodes import mt_cell_label
from .cards import badges
from .indexes import Anchors, group_key, runs, without
from .links import doc_link, term_link
from .spans import spans_to_nodes

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ..model import Term

__all__ = [
    "BASE_COLUMNS",
    "COMPARE_ROWS",
    "DEFAULT_COLUMNS",
    "GROUPED_ROWS",
    "WIDE_COLUMNS",
    "compare_caption",
    "compare_rows",
    "compare_table",
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
    columns: Sequence[str] = (),
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
    # a class per column ("mt-col-summary"): stylesheets give the long
    # texts the room, and keep short ones narrow
    kinds = [[f"mt-col-{name}"] for name in columns] or [[] for _cell in header]

    def row(cells: Sequence[nodes.Node]) -> nodes.row:
        return nodes.row(
            "",
            *(
                nodes.entry("", cell, classes=kind)
                for cell, kind in zip(cells, kinds, strict=True)
            ),
        )

    head = nodes.thead()
    head += row(header)
    group += head
    body = nodes.tbody()
    body.extend(row(cells) for cells in rows)
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


def _badge(term: Term, name: str) -> nodes.paragraph:
    """The card's badge for ``name`` (category or level) alone."""
    line = badges(without(term, ["level" if name == "category" else "category"]))
    return line if line is not None else _para()


def _page_groups(groups: Sequence[tuple[str, Sequence[str]]]) -> nodes.Node:
    """Linked page names, a paragraph per group, labelled ones by class."""
    if len(groups) < 2 and not any(label for label, _pages in groups):
        return _para(*_joined([doc_link(d) for _label, pages in groups for d in pages]))
    cell = nodes.container(classes=["mt-page-groups"])
    for label, docnames in groups:
        para = _para(*_joined([doc_link(d) for d in docnames]))
        if label:
            text = f"{label}: "
            para.insert(0, nodes.inline(text, text, classes=["mt-page-group-label"]))
        cell += para
    return cell


def compare_caption(terms: Sequence[Term]) -> str:
    """The caption of an untitled comparison: "X vs Y" ("X vs Y vs Z")."""
    return _(" vs ").join(t.display_title for t in terms)


def compare_rows(rows: Sequence[str], order: Sequence[str]) -> list[str]:
    """``rows`` each once, in ``order`` (the default rows'): every comparison
    on a page lists its rows in the same order, whatever ``:rows:`` says."""
    chosen = set(rows)
    return [row for row in order if row in chosen]


def compare_table(
    terms: Sequence[Term],
    rows: Sequence[str],
    label: dict[str, str],
    *,
    badged: bool = True,
) -> nodes.table:
    """Terms side by side: a column per term, a row per attribute. The
    corner cell names the header row, so that no header cell is empty;
    category and level show as the card's badges when ``badged`` (in HTML:
    elsewhere a badge's label, which the row's name already says, shows)."""
    corner = _para(nodes.Text(label.get("term", "term")))
    header = [corner, *(_para(term_link(t)) for t in terms)]
    body = [
        [
            _para(nodes.Text(label.get(row, row))),
            *(
                _badge(t, row)
                if badged and row in ("category", "level")
                else _value(t, row)
                for t in terms
            ),
        ]
        for row in rows
    ]
    columns = ["label", *(["term"] * len(terms))]
    # the number of terms, for a stylesheet that lays the rows out anew on
    # a narrow screen (up to 6 in a line)
    classes = ["mt-compare-table", f"mt-compare-terms-{min(len(terms), 6)}"]
    return _table(header, body, classes, stub=True, columns=columns)


WIDE_COLUMNS = 7
"""From this many columns on, a term table is *wide*: a stylesheet lays its
rows out as blocks in a narrower column of the page."""

GROUPED_ROWS = 200
"""A term table longer than this gets a heading row per letter (or level,
or category, whichever it is sorted by), and a bar of links to them."""


def term_table(
    terms: Sequence[Term],
    columns: Sequence[str],
    label: dict[str, str],
    related: Callable[[Term], Sequence[Term]],
    pages: Callable[[Term], Sequence[tuple[str, Sequence[str]]]],
    *,
    sort: str = "term",
    anchor: str = "mt-table",
    cell_labels: bool = False,
) -> list[nodes.Node]:
    """A cross-reference table: a row per term, the chosen columns (the
    referencing pages in the groups ``pages`` gives, each after its label
    when it has one); over
    :data:`GROUPED_ROWS` rows, with group headings in the table and a jump
    bar before it (anchors start with ``anchor``).  With ``cell_labels``
    (HTML), each cell but the term's starts with its column's label, which
    the stylesheet shows only where the table is laid out as a list of
    blocks, on a narrow screen."""

    def cell(term: Term, column: str) -> nodes.Node:
        if column == "term":
            return _para(term_link(term))
        if column == "related":
            return _para(*_joined([term_link(t) for t in related(term)]))
        if column == "referenced-from":
            return _page_groups(pages(term))
        return _value(term, column)

    def labelled(term: Term, column: str) -> nodes.Node:
        found = cell(term, column)
        if cell_labels and column != "term" and found.astext():
            tag = mt_cell_label(mt_label=label.get(column, column))
            first = next(found.findall(nodes.paragraph))
            first.insert(0, tag)
        return found

    header = [_para(nodes.Text(label.get(c, c))) for c in columns]
    body = [[labelled(t, c) for c in columns] for t in terms]
    classes = ["mt-term-table"]
    if len(columns) >= WIDE_COLUMNS:
        classes.append("mt-term-table-wide")
    table = _table(header, body, classes, columns=columns)
    by = sort.lstrip("-")
    if len(terms) <= GROUPED_ROWS or by not in ("term", "level", "category"):
        return [table]
    tbody = cast("nodes.tbody", cast("nodes.tgroup", table[0])[-1])
    names = Anchors(anchor)
    jump = _para(classes=["mt-index-jump"])
    start = 0
    keys = [group_key(t, "letter" if by == "term" else by) for t in terms]
    for count, (name, size) in enumerate(runs(keys)):
        text = name or (_("No category") if by == "category" else _("No level"))
        ref = names.take(name)
        head = nodes.entry("", _para(nodes.Text(text)), morecols=len(columns) - 1)
        heading = nodes.row("", head, ids=[ref], classes=["mt-table-group"])
        tbody.insert(start + count, heading)
        if count:
            jump += nodes.Text(" ")
        jump += nodes.reference(text, text, refid=ref, internal=True)
        start += size
    return [jump, table]


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

    by_title = sorted(terms, key=lambda t: (title_order(t.display_title), t.id))
    place = {id(t): i for i, t in enumerate(by_title)}

    def value(term: Term) -> tuple[int, str] | None:
        if key == "term":
            return (place[id(term)], "")
        if key == "level":
            return (levels.index(term.level), "") if term.level in levels else None
        if key == "category":
            if not term.category:
                return None
            rank = categories.index(term.category) if term.category in categories else 0
            return (rank, sort_key(term.category))
        text = term.field_value(key)
        return (0, sort_key(text)) if text else None

    present = [t for t in by_title if value(t) is not None]
    missing = [t for t in by_title if value(t) is None]
    # sorted() stays stable when reversed: ties keep their title order
    ordered = sorted(
        present, key=lambda t: cast("tuple[int, str]", value(t)), reverse=reverse
    )
    return ordered + missing

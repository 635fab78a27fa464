"""Glossary indexes: terms grouped by initial letter, category or level.

Pure node construction, like :mod:`.tables`: a jump bar of links, a heading
per group and a list of entries (title link, badges, short definition).
Letters follow :func:`~..naming.title_order`, which needs no locale.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby
from typing import TYPE_CHECKING

from docutils import nodes

from ..i18n import _
from ..naming import initial, slugify, sort_key, title_order
from .cards import HEADING, SECTION_LEVEL, badges
from .links import term_link
from .spans import spans_to_nodes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..model import Term

__all__ = [
    "Anchors",
    "group_key",
    "index_block",
    "index_entry",
    "index_groups",
    "merge_letters",
    "runs",
    "without",
]


def _para(*children: nodes.Node, classes: Sequence[str] = ()) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=list(classes))


def runs(keys: Sequence[str]) -> list[tuple[str, int]]:
    """Consecutive equal ``keys``: each value and the length of its run."""
    out: list[tuple[str, int]] = []
    for value in keys:
        if out and out[-1][0] == value:
            out[-1] = (value, out[-1][1] + 1)
        else:
            out.append((value, 1))
    return out


class Anchors:
    """Ids for group headings, from their names: the slug where there is
    one, else the code points (a Cyrillic or CJK letter), each id once."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.taken: set[str] = set()

    def take(self, name: str) -> str:
        part = slugify(name) or "-".join(f"u{ord(c):x}" for c in name if c.isalnum())
        wanted = f"{self.prefix}-{part or 'other'}"
        found, number = wanted, 1
        while found in self.taken:
            number += 1
            found = f"{wanted}-{number}"
        self.taken.add(found)
        return found


def group_key(term: Term, group_by: str) -> str:
    """The group a term falls in: initial letter (:func:`~..naming.initial`),
    category or level."""
    if group_by == "category":
        return term.category
    if group_by == "level":
        return term.level
    return initial(term.display_title)


def index_groups(
    terms: Sequence[Term], group_by: str, order: Sequence[str]
) -> list[tuple[str, list[Term]]]:
    """Terms by group, terms by title.  Letters in :func:`~..naming.title_order`
    (Latin, other scripts, ``#`` last), letters that hold one term each
    sharing a heading (:func:`merge_letters`); categories and levels in
    ``order`` first (then by name), the empty group last."""
    groups: dict[str, list[Term]] = {}
    for term in sorted(terms, key=lambda t: (title_order(t.display_title), t.id)):
        groups.setdefault(group_key(term, group_by), []).append(term)
    if group_by == "letter":
        return merge_letters(
            [(name, groups[name]) for name in sorted(groups, key=title_order)]
        )

    def rank(name: str) -> tuple[int, int, str]:
        if not name:
            return (2, 0, name)
        if name in order:
            return (0, order.index(name), name)
        return (1, 0, sort_key(name))

    return [(name, groups[name]) for name in sorted(groups, key=rank)]


def merge_letters(
    groups: Sequence[tuple[str, list[Term]]],
) -> list[tuple[str, list[Term]]]:
    """No heading over a single term: neighbouring letters of one script
    that hold one term each share a heading (from "X" to "Z", named with an
    en dash between them); a lone one-term letter joins the next letter of
    its script, or the previous one at the script's end.  A script's only
    letter, and ``#``, keep their own heading, so scripts never mix."""
    out: list[tuple[str, list[Term]]] = []
    for _script, block in groupby(groups, key=lambda g: title_order(g[0])[:2]):
        chunks: list[list[tuple[str, list[Term]]]] = []
        run: list[tuple[str, list[Term]]] = []
        for group in block:
            if len(group[1]) == 1:
                run.append(group)
                continue
            if len(run) == 1:
                chunks.append([run[0], group])
            else:
                chunks.extend([run, [group]] if run else [[group]])
            run = []
        if len(run) == 1 and chunks:
            chunks[-1].extend(run)
        elif run:
            chunks.append(run)
        for chunk in chunks:
            first, last = chunk[0][0], chunk[-1][0]
            name = first if first == last else f"{first}\u2013{last}"
            out.append((name, [t for _letter, terms in chunk for t in terms]))
    return out


def without(term: Term, hidden: Sequence[str]) -> Term:
    """``term`` as its badges show it with those ``hidden`` (``category``,
    ``level``) left out."""
    return replace(
        term,
        category="" if "category" in hidden else term.category,
        level="" if "level" in hidden else term.level,
    )


def index_entry(term: Term, hidden: Sequence[str] = ()) -> nodes.list_item:
    """An entry: title link, badges (but those ``hidden``, which the
    listing's heading or filter already says), short definition."""
    head = _para(term_link(term), classes=["mt-index-head"])
    line = badges(without(term, hidden) if hidden else term)
    if line is not None:
        head += nodes.Text(" ")
        head.extend(line.children)
    item = nodes.list_item("", head, classes=["mt-index-entry"])
    if term.summary:
        item += _para(*spans_to_nodes(term.summary), classes=["mt-index-summary"])
    return item


def index_block(
    groups: Sequence[tuple[str, list[Term]]],
    group_by: str,
    serial: int,
    hidden: Sequence[str] = (),
    level: int = SECTION_LEVEL - 1,
) -> list[nodes.Node]:
    """A glossary: for A to Z a jump bar of initials (when there is more than
    one group to jump to), then each group's title (an HTML heading of
    ``level``) and entries (title link, badges, short definition).  The
    badges named in ``hidden`` (``category``, ``level``) are left out, and
    so is the one the groups are named by."""
    names = Anchors(f"mt-index-{serial}")
    anchors = [names.take(name) for name, _terms in groups]
    if group_by in ("category", "level"):
        hidden = sorted({*hidden, group_by})

    def title(name: str) -> str:
        if name:
            return name
        return _("No category") if group_by == "category" else _("No level")

    out: list[nodes.Node] = []
    if group_by == "letter" and len(groups) > 1:
        jump = _para(classes=["mt-index-jump"])
        for i, ((name, _terms), anchor) in enumerate(zip(groups, anchors, strict=True)):
            if i:
                jump += nodes.Text(" ")
            jump += nodes.reference(name, name, refid=anchor, internal=True)
        out.append(jump)
    for (name, terms), anchor in zip(groups, anchors, strict=True):
        out.append(nodes.target("", "", ids=[anchor]))
        out.append(
            nodes.rubric(
                title(name),
                title(name),
                classes=["mt-index-group"],
                translatable=False,
                **{HEADING: level},
            )
        )
        out.append(
            nodes.bullet_list(
                "",
                *(index_entry(t, hidden) for t in terms),
                classes=["mt-index-list"],
            )
        )
    return out

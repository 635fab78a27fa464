"""Duplicate ids: warned about once, after every page has been read.

A card or named comparison that shares its id with another is a fact about
two pages, which at ``-j N`` two workers may read: a worker sees its own
pages only, and the main process merges the workers' records in the order
they finish.  Warning while reading, or while merging, would warn twice or
name a copy that is not the first.  So the domain records every copy
silently, and ``env-updated`` (in the main process, every record merged)
warns once about each copy that does not win its id, naming the one that
does (the first by page name, then line: the winner of the domain), the
same at ``-j 1`` and ``-j N``.  An adopted glossary entry that has a card's
title under another id is warned about alike.

Two glossary entries on two pages whose titles differ but slug alike
("C++" and "C#", "file object" and "file-object") are two terms to Sphinx,
which warns about neither: :func:`separate_namesakes` gives the one that
does not win the id the next free one, as a page's own namesakes get while
it is read (see :mod:`.adopt`), so that each keeps a term and a tooltip.

As for any warning Sphinx gives while reading, a rebuild repeats it only
where it concerns a page read again: the copy's page, or the winner's.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, cast

from .diagnostics import WarningSubtype, warn
from .i18n import __
from .naming import adopted_id, key
from .sources.locations import place

if TYPE_CHECKING:
    from collections.abc import Sequence, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ModelTermsDomain
    from .model import Comparison, Term

__all__ = ["separate_namesakes", "warn_duplicates"]

_MESSAGES = {
    "terms": __("duplicate term id %r: also declared at %s:%s"),
    "comparisons": __("duplicate comparison %r: also declared at %s:%s"),
}


def separate_namesakes(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``, first: the adopted glossary entries whose different
    titles ask for one id take it and the next free ones (``c``, ``c-2``),
    in the order of their pages, then lines; an entry that Sphinx warns is
    there twice shares its first copy's.  Worked out again, from every
    page's records, for each id that a page read in this build asks for or
    that an entry holds under a number, so that a rebuild, and a build at
    ``-j N``, gives the ids of a serial build from scratch."""
    domain = cast("ModelTermsDomain", env.get_domain("mt"))
    store = domain.store
    families: dict[str, list[str]] = defaultdict(list)
    for term_id in store.adopted():
        base, dash, number = term_id.rpartition("-")
        if dash and number.isdigit() and base:
            families[base].append(term_id)
    for term_id in domain.ids_declared_on(domain.build.cleared):
        families.setdefault(term_id, [])
    for base, numbered in families.items():
        winner = store.get(base)
        if winner is not None and not winner.adopted:
            continue  # a card's id: warned about below
        entries = sorted(
            (
                record
                for held in (base, *numbered)
                for record in store.records(held)
                if record.adopted and adopted_id(record.title) == base
            ),
            key=lambda record: (record.docname, record.lineno),
        )
        given: dict[str, str] = {}  # the key of a title → its id
        for record in entries:
            wanted = given.setdefault(
                key(record.title), base if not given else f"{base}-{len(given) + 1}"
            )
            if record.id != wanted:
                domain.rename_term(record, wanted)


def warn_duplicates(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated`` (before the incremental handler, which forgets which
    pages were read): warn about every copy of an id that a page read in
    this build declares or wins."""
    domain = cast("ModelTermsDomain", env.get_domain("mt"))
    read = domain.build.cleared  # the pages read again or removed
    candidates: list[tuple[str, Sequence[Term | Comparison]]] = [
        ("terms", domain.store.records(term_id))
        for term_id in domain.ids_declared_on(read)
    ]
    candidates += [("comparisons", c) for c in domain.comparison_records.values()]
    found: set[tuple[str, int, str, str, str, int]] = set()
    for kind, records in candidates:
        if len(records) < 2:
            continue
        winner = records[0]
        for record in records[1:]:
            if _sphinx_warns(record, winner):
                continue
            if record.docname in read or winner.docname in read:
                found.add(
                    (
                        record.docname,
                        record.lineno,
                        kind,
                        record.id,
                        winner.docname,
                        winner.lineno,
                    )
                )
    for docname, lineno, kind, record_id, first, first_line in sorted(found):
        warn(
            WarningSubtype.DUPLICATE,
            _MESSAGES[kind],
            record_id,
            *place(env, first, first_line),
            location=(docname, lineno),
        )
    _warn_title_clashes(domain, read)


def _sphinx_warns(record: Term | Comparison, winner: Term | Comparison) -> bool:
    """Whether two records are glossary entries of one term, which Sphinx
    warns about itself ("duplicate term description")."""
    return (
        getattr(record, "adopted", False)
        and getattr(winner, "adopted", False)
        and key(record.title) == key(winner.title)
    )


def _warn_title_clashes(domain: ModelTermsDomain, read: Set[str]) -> None:
    """An adopted glossary entry whose title a card has too, under another
    id (the same id is a duplicate id, above): ``:term:`` links by that
    title find the entry, ``:mt:`` links the one the resolution order
    finds first (see :mod:`.lookup`)."""
    adopted = domain.store.adopted()
    if not adopted:
        return
    titles, pages = domain.store.titles, domain.store.pages
    entries = set(adopted)
    cards = {key(t): i for i, t in titles.items() if i not in entries}
    for entry_id in adopted:
        card_id = cards.get(key(titles[entry_id]))
        if card_id is None or read.isdisjoint((pages[entry_id], pages[card_id])):
            continue
        entry, card = domain.get(entry_id), domain.get(card_id)
        assert entry is not None and card is not None
        warn(
            WarningSubtype.DUPLICATE,
            __(
                "glossary entry %r has the title of term %r (%s:%s); link "
                "either by its id"
            ),
            entry.title,
            card_id,
            *place(domain.env, card.docname, card.lineno),
            location=(entry.docname, entry.lineno),
        )

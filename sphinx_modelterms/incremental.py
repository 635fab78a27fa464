"""Which pages must be rewritten because something they show has changed.

At the end of every read phase (``env-updated``) the domain's records are
compared with what the previous build saw (kept in the domain's ``shown``):
per term a fingerprint of what other pages show of it, the keys it can be
found under, its ``:related:`` entries, category and level; per term its
back-references; per named comparison its title, page and terms.  A page is
rewritten when

* one of its ``:mt:`` targets or ``:related:`` entries could resolve
  through a key of a changed, added or removed term;
* it holds the card of a term that a changed term lists as related (the
  symmetric related-term cards), before or after the change;
* its card shows back-references or comparisons that changed;
* it holds an index or a table whose filters match an affected term (and,
  for a table with a "referenced-from" column, a term whose
  back-references changed).

Pages that were re-read are written anyway; this only adds the others.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from .config import get_config
from .lookup import ProbeKey, probe_keys, term_keys
from .naming import ENGLISH
from .selection import selects

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ModelTermsDomain
    from .model import Term
    from .naming import NumberRules

__all__ = [
    "Change",
    "Listing",
    "Shown",
    "changes",
    "exports_digest",
    "listing_pages",
    "on_env_updated",
    "pack",
    "snapshot",
    "unpack",
]


class Shown(NamedTuple):
    """What the last build showed of one term.

    The state keeps it packed into one string (see :func:`pack`).
    """

    fingerprint: str
    keys: tuple[ProbeKey, ...]  # sorted
    related: tuple[str, ...]
    category: str
    level: str
    docname: str


class Listing(NamedTuple):
    """What a ``term-index`` or ``term-table`` shows: its filters, and whether
    it has a back-references column."""

    categories: tuple[str, ...]
    levels: tuple[str, ...]
    pages: tuple[str, ...]
    backrefs: bool

    def shows(self, shown: Shown) -> bool:
        return selects(self, shown.category, shown.level, shown.docname)


class Change(NamedTuple):
    """The outcome of comparing two states: pages to rewrite, and the terms
    whose rendering changed (for listings)."""

    pages: set[str]
    terms: set[str]


def snapshot(term: Term) -> Shown:
    return Shown(
        term.fingerprint(),
        tuple(sorted(term_keys(term))),
        term.related,
        term.category,
        term.level,
        term.docname,
    )


def pack(record: Sequence[Any]) -> str:
    """A record (a :class:`Shown`, or a tuple of names) as the state keeps
    it: JSON text.

    A string is one object that the garbage collector never tracks, so the
    thousands of records the state holds load without adding to its work,
    and they compare as they are: only a record that differs from the one
    kept is unpacked.  JSON, unlike a pickle, gives equal records equal
    text in every process.
    """
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def unpack(text: str) -> Shown:
    """The :class:`Shown` record that :func:`pack` packed."""
    fingerprint, keys, related, category, level, docname = json.loads(text)
    return Shown(fingerprint, tuple(keys), tuple(related), category, level, docname)


def _names(text: str) -> tuple[str, ...]:
    """The tuple of names that :func:`pack` packed."""
    return tuple(json.loads(text))


def changes(
    before: Mapping[str, str],
    after: Mapping[str, str],
    uses: dict[str, tuple[str, ...]],
    resolve: Callable[[str], str | None],
    docname_of: dict[str, str],
    rules: NumberRules = ENGLISH,
) -> Change:
    """Pure: what the change from ``before`` to ``after`` (each term's
    :class:`Shown` record, packed) affects.

    ``resolve(target)`` gives the id a target resolves to now, or ``None``;
    ``rules`` are the singular/plural fold it uses.
    """
    keys: set[ProbeKey] = set()
    related_targets: set[str] = set()
    affected: set[str] = set()
    for term_id in before.keys() | after.keys():
        old_record, new_record = before.get(term_id), after.get(term_id)
        if old_record == new_record:
            continue
        old = None if old_record is None else unpack(old_record)
        new = None if new_record is None else unpack(new_record)
        affected.add(term_id)
        if old is None or new is None or old[:2] != new[:2]:
            # what links and related cards show of it changed: every page
            # that names it, and every card it is related to
            for shown in (old, new):
                if shown is not None:
                    keys.update(shown.keys)
                    related_targets.update(shown.related)
        else:
            # only its own :related: (or nothing others show) changed
            related_targets.update(set(old.related) ^ set(new.related))
    pages = (
        {
            docname
            for docname, targets in uses.items()
            if any(not keys.isdisjoint(probe_keys(t, rules)) for t in targets)
        }
        if keys
        else set()
    )
    for target in related_targets:
        related_id = resolve(target)
        if related_id is not None and related_id in docname_of:
            pages.add(docname_of[related_id])
            affected.add(related_id)
    return Change(pages, affected)


def _changed(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def _same_keys(before: Mapping[str, str], after: Mapping[str, str]) -> bool:
    """Whether every term of ``before`` and ``after`` (packed :class:`Shown`
    records) is found under the same keys in both: then every name finds
    what it found before."""
    if before.keys() != after.keys():
        return False
    return all(
        unpack(old).keys == unpack(after[term_id]).keys
        for term_id, old in before.items()
        if old != after[term_id]
    )


def listing_pages(
    listings: Mapping[str, Iterable[Listing]],
    terms: Iterable[Shown],
    refs: Iterable[Shown],
) -> set[str]:
    """Pure: the pages with an index or table that shows any of ``terms``
    (or, with a back-references column, any of ``refs``)."""
    terms, refs = list(terms), list(refs)
    return {
        docname
        for docname, specs in listings.items()
        for spec in specs
        if any(spec.shows(s) for s in terms)
        or (spec.backrefs and any(spec.shows(s) for s in refs))
    }


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: return the pages to rewrite and remember this state."""
    domain = cast("ModelTermsDomain", env.get_domain("mt"))
    cleared = set(domain.cleared)
    external = _digest(
        sorted(
            (key, (t.title, t.url, t.aliases, t.category, t.level, t.summary))
            for key, t in domain.external_terms().items()
        )
    )
    kept_digests = domain.digests
    if (
        not cleared
        and "exports" in kept_digests
        and kept_digests.get("external") == external
    ):
        # no page was read or removed and no imported set changed: every
        # record is the one the last build compared, and nothing changed
        return []
    shown = domain.shown
    store = domain.store
    ids = store.ids()
    docname_of = {term_id: store.pages[term_id] for term_id in ids}

    # a term on a page that was not read again is the record the last build
    # kept: its snapshot and digest are too (the one costly part per term),
    # and the record is not even decoded
    kept_terms: dict[str, str] = shown.get("terms", {})
    kept_content: dict[str, str] = shown.get("content", {})
    kept_where: dict[str, str] = shown.get("where", {})
    state_terms: dict[str, str] = {}
    content: dict[str, str] = {}
    for term_id, docname in docname_of.items():
        old = kept_terms.get(term_id)
        if (
            old is not None
            and term_id in kept_content
            and kept_where.get(term_id) == docname
            and docname not in cleared
        ):
            state_terms[term_id] = old
            content[term_id] = kept_content[term_id]
        else:
            term = cast("Term", store.get(term_id))
            state_terms[term_id] = pack(snapshot(term))
            content[term_id] = term.content_digest()
    before, after = kept_terms, state_terms
    same_keys = _same_keys(before, after)
    # every name finds the term it found before: the lookup index is the
    # one kept, and a page that was not read again resolves its references
    # as the last build worked out
    graph = domain.graph_with_index(shown.get("index") if same_keys else None)
    kept_pages = shown.get("pages", {})
    kept_refs: dict[str, str] = shown.get("refs", {})
    if same_keys:
        graph.seed({doc: ids for doc, ids in kept_pages.items() if doc not in cleared})
        refs = _refs_after(
            cleared, docname_of, kept_where, kept_refs, kept_pages, graph.page_terms
        )
    else:
        refs = {term_id: pack(graph.pages(term_id)) for term_id in ids}
    state: dict[str, Any] = {
        "terms": state_terms,
        "where": docname_of,
        "content": content,
        "index": graph.index.owners,
        "pages": {doc: graph.page_terms(doc) for doc in domain.uses()},
        # back-references show the titles of the pages: kept once per page
        "refs": refs,
        "titles": {page: _title(env, page) for page in domain.uses()},
        "comparisons": {
            c.id: (c.title, c.docname, tuple(graph.resolve_all(c.terms)))
            for c in domain.comparisons()
        },
    }
    # what the term set files hold, digested only when it changed
    held = kept_content == content and kept_refs == refs
    digests = {
        "exports": kept_digests["exports"]
        if held and "exports" in kept_digests
        else exports_digest(content, refs),
        "external": external,
    }
    # pages name terms through :mt: and through the :related: of their cards
    # (which only a changed term makes anyone look at; read from the state,
    # not from the records, which stay undecoded)
    uses: dict[str, tuple[str, ...]] = dict(domain.uses())
    if before != after:
        for record in after.values():
            shown_now = unpack(record)
            docname = shown_now.docname
            uses[docname] = (*uses.get(docname, ()), *shown_now.related)
    change = changes(before, after, uses, graph.resolve, docname_of, graph.rules)
    pages = change.pages
    if not same_keys:
        # a listing shows names its terms' cards resolve (related entries,
        # links in short definitions): where a name may now find another
        # term, the listings that show a term of a page naming it change too
        change.terms.update(i for i, doc in docname_of.items() if doc in pages)
    # the card that wins an id moved (a copy on another page was added or
    # removed): the page it left and the page it is on now show it
    # differently (a losing copy, the page's JSON-LD) though neither may
    # have been read again
    for term_id in _changed(kept_where, docname_of):
        for where in (kept_where, docname_of):
            if term_id in where:
                pages.add(where[term_id])

    changed_refs = _changed(kept_refs, refs)
    retitled = _changed(shown.get("titles", {}), state["titles"])
    if retitled:
        changed_refs.update(
            term_id
            for term_id, referring in refs.items()
            if not retitled.isdisjoint(_names(referring))
        )
    pages.update(docname_of[i] for i in changed_refs if i in docname_of)
    old_cmp, new_cmp = shown.get("comparisons", {}), state["comparisons"]
    for comparison_id in _changed(old_cmp, new_cmp):
        for record in (old_cmp.get(comparison_id), new_cmp.get(comparison_id)):
            if record is not None:
                pages.update(docname_of[i] for i in record[2] if i in docname_of)

    if get_config(env).autolink != "off" and not same_keys:
        # mentions may now match a name, or no longer: every page may change
        pages.update(env.found_docs)
    if kept_digests.get("external", external) != external:
        # an imported term set changed: every page with :mt: may link into it
        pages.update(docname for docname, targets in domain.uses().items() if targets)

    def versions(ids: Iterable[str]) -> list[Shown]:
        return [
            unpack(s)
            for i in ids
            for s in (before.get(i), after.get(i))
            if s is not None
        ]

    pages |= listing_pages(
        domain.listings(), versions(change.terms), versions(changed_refs)
    )

    domain.keep_shown(state, digests)
    domain.cleared.clear()  # only once this state is kept
    return sorted(pages & env.found_docs)


def _refs_after(
    cleared: set[str],
    docname_of: Mapping[str, str],
    kept_where: Mapping[str, str],
    kept_refs: Mapping[str, str],
    kept_pages: Mapping[str, tuple[str, ...]],
    page_terms: Callable[[str], tuple[str, ...]],
) -> dict[str, str]:
    """Each term's back-references (the pages other than its own that link
    it, sorted, packed), worked out from the last build's where no term's keys
    changed: only the pages read again or removed (``cleared``) can have
    changed them, so a one-page edit does not go through every page."""
    now: dict[str, list[str]] = {}
    for docname in cleared:
        for term_id in page_terms(docname):
            now.setdefault(term_id, []).append(docname)
    touched = set(now)
    for docname in cleared:
        touched.update(kept_pages.get(docname, ()))
    refs: dict[str, str] = {}
    for term_id, docname in docname_of.items():
        kept = kept_refs.get(term_id)
        # the record that wins an id can move without both pages being read
        # again (a duplicate card added or removed), and the last build's
        # back-references left out the page it was on then
        moved = kept_where.get(term_id) != docname
        if (
            kept is not None
            and not moved
            and term_id not in touched
            and docname not in cleared
        ):
            refs[term_id] = kept
            continue
        if kept is None or moved:  # from every page kept
            was = tuple(d for d, ids in kept_pages.items() if term_id in ids)
        else:
            was = _names(kept)
        pages = {d for d in was if d not in cleared}
        pages.update(now.get(term_id, ()))
        pages.discard(docname)
        refs[term_id] = pack(sorted(pages))
    return refs


def exports_digest(content: Mapping[str, str], refs: Mapping[str, str]) -> str:
    """A digest of each term's content and back-references (packed), in an order
    that does not depend on the order pages were read in."""
    return _digest([sorted(content.items()), sorted(refs.items())])


def _digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname

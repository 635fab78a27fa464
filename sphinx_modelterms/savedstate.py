"""What a build keeps for the next one to compare with: the state the
incremental rules (:mod:`.incremental`) read and write.

The environment keeps it as one ``bytes`` value in the domain's data
(pickled :class:`SavedState`), with its digests beside it.  As objects, the
thousands of records it holds would be objects the garbage collector tracks
while the environment loads, when the process holds few objects yet: enough
to start one more full collection at the start of every rebuild.  Decoded,
the state is mostly mappings of strings, which the collector does not track:
each term's :class:`Shown` record and its back-references are packed into
JSON text (:func:`.packing.pack`), which compares as it is, so only a record
that differs from the one kept is unpacked.

:func:`state_now` works out the state at the end of a read phase, reusing
what the kept state says of the pages not read again.
"""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING, NamedTuple, cast

from . import packing
from .digests import digest
from .lookup import ProbeKey, term_keys
from .render.spans import filled_texts

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from sphinx.environment import BuildEnvironment

    from .domain import ModelTermsDomain
    from .lookup import Owners
    from .model import Term
    from .relations import TermRelations

__all__ = [
    "SavedState",
    "Shown",
    "exports_digest",
    "keep",
    "kept_digests",
    "kept_state",
    "pack",
    "pack_names",
    "snapshot",
    "state_now",
    "unpack",
    "unpack_names",
]


class Shown(NamedTuple):
    """What the last build showed of one term (kept packed: :func:`pack`)."""

    fingerprint: str
    keys: tuple[ProbeKey, ...]  # sorted
    related: tuple[str, ...]
    category: str
    level: str
    docname: str


class SavedState(NamedTuple):
    """What pages showed at the end of a read phase."""

    #: id → the :class:`Shown` record of the term that wins it, packed
    terms: dict[str, str]
    #: id → the page of the card that wins it
    where: dict[str, str]
    #: id → :meth:`.Term.content_digest` of the card that wins it
    content: dict[str, str]
    #: the lookup index (:attr:`.TermIndex.owners`)
    lookup: Mapping[ProbeKey, Owners]
    #: page → the ids its ``:mt:`` references resolve to, sorted
    pages: dict[str, tuple[str, ...]]
    #: id → its back-references (the other pages that link it), packed
    refs: dict[str, str]
    #: page → its title (back-references show it)
    titles: dict[str, str]
    #: id → the title, page and held ids of the named comparison
    comparisons: dict[str, tuple[str, str, tuple[str, ...]]]
    #: id → the titles its short definition shows of other pages (the texts
    #: of its references written without one), packed; only for the terms
    #: that have such references
    filled: dict[str, str]


EMPTY = SavedState({}, {}, {}, {}, {}, {}, {}, {}, {})


def snapshot(term: Term, filled: tuple[str, ...] = ()) -> Shown:
    """What other pages show of ``term``, whose short definition shows the
    ``filled`` texts (titles of other pages) in its references."""
    fingerprint = term.fingerprint()
    return Shown(
        digest((fingerprint, filled)) if filled else fingerprint,
        tuple(sorted(term_keys(term))),
        term.related,
        term.category,
        term.level,
        term.docname,
    )


def pack(shown: Shown) -> str:
    """A :class:`Shown` record as the state keeps it (equal records give
    equal text in every process)."""
    return packing.pack(shown)


def unpack(text: str) -> Shown:
    """The :class:`Shown` record that :func:`pack` packed."""
    fingerprint, keys, related, category, level, docname = packing.unpack(text)
    return Shown(fingerprint, tuple(keys), tuple(related), category, level, docname)


def pack_names(names: tuple[str, ...] | list[str]) -> str:
    return packing.pack(names)


def unpack_names(text: str) -> tuple[str, ...]:
    return tuple(packing.unpack(text))


def exports_digest(state: SavedState) -> str:
    """A digest of each term's content, the titles its short definition
    shows, and its back-references (what the term set files show), in an
    order that does not depend on the order pages were read in."""
    return digest(
        [
            sorted(state.content.items()),
            sorted(state.filled.items()),
            sorted(state.refs.items()),
        ]
    )


def kept_state(domain: ModelTermsDomain) -> SavedState:
    """The state the last build kept, decoded the first time a build asks
    for it (one that read or removed no page never does)."""
    if domain.build.saved is None:
        blob: bytes = domain.data["incremental"]
        domain.build.saved = pickle.loads(blob) if blob else EMPTY
    return cast("SavedState", domain.build.saved)


def kept_digests(domain: ModelTermsDomain) -> dict[str, str]:
    """Digests of the kept state, readable without decoding it: of what
    the term set files show (``exports``) and of the imported terms
    (``external``)."""
    return domain.data["digests"]  # type: ignore[no-any-return]


def keep(domain: ModelTermsDomain, state: SavedState, digests: dict[str, str]) -> None:
    """Keep ``state`` for the next build (pickled again only when it differs
    from the state kept: mostly not, after an edit of prose)."""
    if not (domain.data["incremental"] and state == kept_state(domain)):
        domain.data["incremental"] = pickle.dumps(state, pickle.HIGHEST_PROTOCOL)
    domain.build.saved = state
    domain.data["digests"] = digests


def state_now(
    env: BuildEnvironment,
    domain: ModelTermsDomain,
    before: SavedState,
    cleared: set[str],
) -> tuple[SavedState, TermRelations, bool]:
    """What pages show now, the relations it was worked out with, and
    whether every term is found under the keys it was before."""
    store = domain.store
    ids = store.ids()
    where = {term_id: store.pages[term_id] for term_id in ids}
    # a term on a page that was not read again is the record the last build
    # kept: its snapshot and digest are too (the one costly part per term),
    # and the record is not even decoded, unless its short definition shows
    # the titles of other pages, which may have been read again
    terms: dict[str, str] = {}
    content: dict[str, str] = {}
    filled: dict[str, str] = {}
    for term_id, docname in where.items():
        old = before.terms.get(term_id)
        kept = (
            old is not None
            and term_id in before.content
            and before.where.get(term_id) == docname
            and docname not in cleared
        )
        if kept and term_id not in before.filled:
            terms[term_id] = cast("str", old)
            content[term_id] = before.content[term_id]
            continue
        term = cast("Term", store.get(term_id))
        shown = filled_texts(term.summary, env)
        if shown:
            filled[term_id] = pack_names(shown)
        if kept and filled.get(term_id) == before.filled[term_id]:
            terms[term_id] = cast("str", old)
            content[term_id] = before.content[term_id]
        else:
            terms[term_id] = pack(snapshot(term, shown))
            content[term_id] = term.content_digest()
    same_keys = _same_keys(before.terms, terms)
    # every name finds the term it found before: the lookup index is the
    # one kept, and a page that was not read again resolves its references
    # as the last build worked out
    relations = domain.relations_with_index(before.lookup if same_keys else None)
    if same_keys:
        relations.seed({d: i for d, i in before.pages.items() if d not in cleared})
        refs = _refs_after(cleared, where, before, relations.page_terms)
    else:
        refs = {term_id: pack_names(relations.pages(term_id)) for term_id in ids}
    state = SavedState(
        terms=terms,
        where=where,
        content=content,
        lookup=relations.index.owners,
        pages={doc: relations.page_terms(doc) for doc in domain.uses},
        refs=refs,
        # back-references show the titles of the pages: kept once per page
        titles={page: _title(env, page) for page in domain.uses},
        comparisons={
            c.id: (c.title, c.docname, tuple(relations.resolve_all(c.terms)))
            for c in domain.comparisons()
        },
        filled=filled,
    )
    return state, relations, same_keys


def _refs_after(
    cleared: set[str],
    where: Mapping[str, str],
    before: SavedState,
    page_terms: Callable[[str], tuple[str, ...]],
) -> dict[str, str]:
    """Each term's back-references (the pages other than its own that link
    it, sorted, packed), worked out from the last build's where no term's
    keys changed: only the pages read again or removed (``cleared``) can have
    changed them, so a one-page edit does not go through every page."""
    now: dict[str, list[str]] = {}
    for docname in cleared:
        for term_id in page_terms(docname):
            now.setdefault(term_id, []).append(docname)
    touched = set(now)
    for docname in cleared:
        touched.update(before.pages.get(docname, ()))
    refs: dict[str, str] = {}
    for term_id, docname in where.items():
        kept = before.refs.get(term_id)
        # the record that wins an id can move without both pages being read
        # again (a duplicate card added or removed), and the last build's
        # back-references left out the page it was on then
        moved = before.where.get(term_id) != docname
        if (
            kept is not None
            and not moved
            and term_id not in touched
            and docname not in cleared
        ):
            refs[term_id] = kept
            continue
        if kept is None or moved:  # from every page kept
            was = tuple(d for d, ids in before.pages.items() if term_id in ids)
        else:
            was = unpack_names(kept)
        pages = {d for d in was if d not in cleared}
        pages.update(now.get(term_id, ()))
        pages.discard(docname)
        refs[term_id] = pack_names(sorted(pages))
    return refs


def _same_keys(before: Mapping[str, str], after: Mapping[str, str]) -> bool:
    """Whether every term of ``before`` and ``after`` (packed :class:`.Shown`
    records) is found under the same keys in both: then every name finds
    what it found before."""
    if before.keys() != after.keys():
        return False
    return all(
        unpack(old).keys == unpack(after[term_id]).keys
        for term_id, old in before.items()
        if old != after[term_id]
    )


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname

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

No Sphinx or docutils imports.
"""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING, NamedTuple, cast

from . import packing
from .digests import digest
from .lookup import ProbeKey, term_keys

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .domain import ModelTermsDomain
    from .lookup import Owners
    from .model import Term

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


EMPTY = SavedState({}, {}, {}, {}, {}, {}, {}, {})


def snapshot(term: Term) -> Shown:
    return Shown(
        term.fingerprint(),
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
    """A digest of each term's content and back-references (what the term
    set files show), in an order that does not depend on the order pages
    were read in."""
    return digest([sorted(state.content.items()), sorted(state.refs.items())])


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

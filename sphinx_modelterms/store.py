"""The term records as the saved environment keeps them.

Every rebuild starts by loading the saved environment, while the process
holds few objects yet.  Thousands of term records loaded as objects (each
with its tuples and spans) are objects that Python's garbage collector
tracks: they start collections of their own and make every full collection
that follows walk them, on a rebuild that writes one page and needs a
hundred terms.  So the environment keeps each id's records pickled into one
``bytes`` value, which the collector never tracks, and a build decodes the
records it asks for, once.

Beside them, two mappings of strings (which the collector does not track
either) answer what every build asks of every term without decoding any:
the page that holds the card links go to, for links and Sphinx's search
index and inventory, and its title.

No Sphinx or docutils imports.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from .model import card_anchor

if TYPE_CHECKING:
    from .model import Term

__all__ = ["TermStore"]


def _order(term: Term) -> tuple[bool, str, int]:
    # a card wins over a glossary entry it shares its id with
    return (term.adopted, term.docname, term.lineno)


class TermStore:
    """Every term record by id, over the domain's stored data.

    ``data["terms"]`` maps an id to its records pickled as one tuple, sorted
    by ``(docname, lineno)``, cards before adopted glossary entries: the
    first is the one that wins the id, so the winner of a duplicate does not
    depend on reading order.  ``data["term_pages"]`` and
    ``data["term_titles"]`` map an id to the winner's page and title, and
    ``data["term_anchors"]`` to the anchors of its term lines where it is an
    adopted glossary entry (joined by spaces, which ids never hold), the
    first of which links go to.  They change together, only through
    :meth:`add`, :meth:`replace` and :meth:`discard`.
    """

    #: what the store reads and writes of a new environment's domain data
    initial_data: ClassVar[dict[str, Any]] = {
        "terms": {},
        "term_pages": {},
        "term_titles": {},
        "term_anchors": {},
    }

    def __init__(self, data: dict[str, Any]) -> None:
        self._packed: dict[str, bytes] = data["terms"]
        self._pages: dict[str, str] = data["term_pages"]
        self._titles: dict[str, str] = data["term_titles"]
        self._anchors: dict[str, str] = data["term_anchors"]
        #: records decoded (or added) in this process
        self._decoded: dict[str, tuple[Term, ...]] = {}

    def __contains__(self, term_id: object) -> bool:
        return term_id in self._packed

    def __len__(self) -> int:
        return len(self._packed)

    def ids(self) -> list[str]:
        """Every id, sorted."""
        return sorted(self._packed)

    def records(self, term_id: str) -> tuple[Term, ...]:
        """Every record declared with ``term_id``, the winner first."""
        records = self._decoded.get(term_id)
        if records is None:
            blob = self._packed.get(term_id)
            if blob is None:
                return ()
            records = self._decoded[term_id] = pickle.loads(blob)
        return records

    def get(self, term_id: str) -> Term | None:
        """The record that wins ``term_id``."""
        records = self.records(term_id)
        return records[0] if records else None

    @property
    def pages(self) -> Mapping[str, str]:
        """id → the page holding the winner's card (read only)."""
        return self._pages

    @property
    def titles(self) -> Mapping[str, str]:
        """id → the winner's title as its card shows it (read only)."""
        return self._titles

    def adopted(self) -> list[str]:
        """The ids whose winner is an adopted glossary entry, sorted."""
        return sorted(self._anchors)

    def entry_anchors(self, term_id: str) -> tuple[str, ...]:
        """The anchors of the term lines of the glossary entry that wins
        ``term_id`` (none for a card)."""
        joined = self._anchors.get(term_id)
        return tuple(joined.split(" ")) if joined else ()

    def anchor(self, term_id: str) -> str:
        """The anchor links to the winner of ``term_id`` go to."""
        joined = self._anchors.get(term_id)
        return joined.partition(" ")[0] if joined else card_anchor(term_id)

    def decoded(self) -> set[str]:
        """The ids whose records this process holds as objects (decoded, or
        stored by it): what a build has asked for."""
        return set(self._decoded)

    def winners(self) -> Mapping[str, Term]:
        """id → the winning record, in id order, each decoded when it is
        first looked at."""
        return _Winners(self)

    def add(self, term: Term) -> Term | None:
        """Store ``term``; return the record that already won its id, if
        any (a duplicate)."""
        existing = self.records(term.id)
        self._set(term.id, tuple(sorted((*existing, term), key=_order)))
        return existing[0] if existing else None

    def replace(self, old: Term, new: Term) -> None:
        """Put ``new`` in the place of ``old``, a record of the same card."""
        records = self.records(old.id)
        self._set(old.id, tuple(new if r is old else r for r in records))

    def remove(self, term: Term) -> None:
        """Drop the one record ``term``."""
        self._set(term.id, tuple(r for r in self.records(term.id) if r is not term))

    def discard(self, term_id: str, docname: str) -> None:
        """Drop the records of ``term_id`` declared on ``docname``."""
        kept = tuple(r for r in self.records(term_id) if r.docname != docname)
        self._set(term_id, kept)

    def _set(self, term_id: str, records: tuple[Term, ...]) -> None:
        if not records:
            for store in (
                self._packed,
                self._pages,
                self._titles,
                self._anchors,
                self._decoded,
            ):
                store.pop(term_id, None)
            return
        self._packed[term_id] = pickle.dumps(records, pickle.HIGHEST_PROTOCOL)
        self._decoded[term_id] = records
        self._pages[term_id] = records[0].docname
        self._titles[term_id] = records[0].display_title
        if records[0].adopted:
            self._anchors[term_id] = " ".join(records[0].glossary_anchors)
        else:
            self._anchors.pop(term_id, None)


class _Winners(Mapping[str, "Term"]):
    """The winning record of each id, decoded on access."""

    def __init__(self, store: TermStore) -> None:
        self._store = store

    def __getitem__(self, term_id: str) -> Term:
        term = self._store.get(term_id)
        if term is None:
            raise KeyError(term_id)
        return term

    def __contains__(self, term_id: object) -> bool:
        return term_id in self._store

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.ids())

    def __len__(self) -> int:
        return len(self._store)

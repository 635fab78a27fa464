"""How an ``:mt:`` target finds its term: the SPEC's resolution order.

1. the target is a term id;
2. the slug of the target is a term id;
3. the target is a title or an alias, ignoring case and spacing;
4. the other grammatical number of the target (``jailbreaks`` → ``jailbreak``,
   ``APIs`` → ``API``, ``indices`` → ``index``) passes step 2 or 3; the
   fold is the rule set of the project's language
   (:func:`.plurals.number_rules`), which auto-linking and the checks use
   too.

A target marked with :data:`NAME_ONLY` (a ``:term:`` link's, see
:mod:`.adopt`) takes step 3 alone, as Sphinx finds the entry by its text:
its slug may be the id of a namesake ("C++" and "C#").

The first step that matches decides.  A name that a card and an adopted
glossary entry share (see :mod:`.adopt`) finds the card.  A step that
matches two or more terms gives :class:`Ambiguous`; no step matching gives
:class:`NotFound`.  The same probe keys tell the incremental build which
pages a changed term can affect.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple, Protocol

from .naming import ENGLISH, key, number_variants, slugify

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from .model import ExternalTerm
    from .naming import NumberRules


class Named(Protocol):
    """What the index reads of a term."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


__all__ = [
    "NAME_ONLY",
    "Ambiguous",
    "Found",
    "NotFound",
    "Owners",
    "ProbeKey",
    "Resolution",
    "TermIndex",
    "imported_index",
    "probe_keys",
    "term_keys",
]

ProbeKey = str
"""``"id:<id>"`` or ``"name:<key of a title or alias>"``: one string, which
hashes once and which the garbage collector does not track."""


def _id(term_id: str) -> ProbeKey:
    return "id:" + term_id


def _name(name_key: str) -> ProbeKey:
    return "name:" + name_key


@dataclass(frozen=True, slots=True)
class Found:
    term_id: str


@dataclass(frozen=True, slots=True)
class Ambiguous:
    candidates: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NotFound:
    pass


Resolution = Found | Ambiguous | NotFound


def term_keys(term: Named) -> frozenset[ProbeKey]:
    """The keys under which ``term`` can be found."""
    keys: set[ProbeKey] = {_id(term.id), _name(key(term.title))}
    keys.update(_name(key(alias)) for alias in term.aliases)
    return frozenset(keys)


NAME_ONLY = "\0"
"""Starts a target found by its title or alias alone (step 3)."""


def _steps(target: str, rules: NumberRules) -> Iterator[list[ProbeKey]]:
    """The probe keys of each resolution step, in order (lazily: most
    targets are decided by the first or second step)."""
    if target.startswith(NAME_ONLY):
        yield [_name(key(target[1:]))]
        return
    yield [_id(target)]
    yield [_id(slugify(target))]
    yield [_name(key(target))]
    fold: list[ProbeKey] = []
    for variant in sorted(number_variants(target, rules)):
        fold.append(_id(slugify(variant)))
        fold.append(_name(variant))
    yield fold


@lru_cache(maxsize=1 << 16)  # the same targets come back on every rebuild
def probe_keys(target: str, rules: NumberRules = ENGLISH) -> frozenset[ProbeKey]:
    """Every key whose owner could change what ``target`` resolves to."""
    return frozenset(k for step in _steps(target, rules) for k in step)


Owners = str | tuple[str, ...]
"""The id of the one term a probe key finds, or the sorted ids of the terms
that share it: strings and tuples of strings, which the garbage collector
does not track once it has seen them."""


class TermIndex:
    """A read-only index of terms by probe key.

    Built once per build from the terms, or taken from the last build's
    (:meth:`from_owners`) when no term's keys changed since.
    """

    def __init__(self, terms: Iterable[Named], rules: NumberRules = ENGLISH) -> None:
        self._rules = rules
        found: dict[ProbeKey, set[str]] = defaultdict(set)
        adopted: set[str] = set()
        for term in terms:
            if getattr(term, "adopted", False):
                adopted.add(term.id)
            for probe in term_keys(term):
                found[probe].add(term.id)
        if adopted:  # a card's name wins over a glossary entry's
            for probe, ids in found.items():
                if len(ids) > 1 and (cards := ids - adopted):
                    found[probe] = cards
        self._keys: Mapping[ProbeKey, Owners] = {
            probe: ids.pop() if len(ids) == 1 else tuple(sorted(ids))
            for probe, ids in found.items()
        }
        # the index never changes once built: each target is worked out once,
        # and targets that find the same term share its Found
        self._resolved: dict[str, Resolution] = {}
        self._found: dict[str, Found] = {}

    @classmethod
    def from_owners(
        cls, owners: Mapping[ProbeKey, Owners], rules: NumberRules = ENGLISH
    ) -> TermIndex:
        """The index whose :attr:`owners` are ``owners``, as they are."""
        index = cls((), rules)
        index._keys = owners
        return index

    @property
    def owners(self) -> Mapping[ProbeKey, Owners]:
        """Each probe key and what it finds."""
        return self._keys

    def knows(self, name: str) -> bool:
        """Whether ``name`` is the id, a title or an alias of a term, as it
        stands (no slug, no fold)."""
        return _id(name) in self._keys or _name(key(name)) in self._keys

    def resolve(self, target: str) -> Resolution:
        """Apply the resolution order to ``target``."""
        known = self._resolved.get(target)
        if known is None:
            known = self._resolved[target] = self._resolve(target.strip())
        return known

    def _resolve(self, target: str) -> Resolution:
        if not target:
            return NotFound()
        for step in _steps(target, self._rules):
            found: set[str] = set()
            for probe in step:
                owners = self._keys.get(probe)
                if isinstance(owners, str):
                    found.add(owners)
                elif owners is not None:
                    found.update(owners)
            if len(found) == 1:
                term_id = next(iter(found))
                one = self._found.get(term_id)
                if one is None:
                    one = self._found[term_id] = Found(term_id)
                return one
            if found:
                return Ambiguous(tuple(sorted(found)))
        return NotFound()


class _Keyed(NamedTuple):
    """What :class:`TermIndex` reads of an imported term."""

    id: str
    title: str
    aliases: tuple[str, ...]


def imported_index(terms: Mapping[str, ExternalTerm]) -> TermIndex:
    """Imported terms (``set:id`` → term) by ``set:id``, id, title and alias."""
    return TermIndex(_Keyed(t.key, t.title, (*t.aliases, t.id)) for t in terms.values())

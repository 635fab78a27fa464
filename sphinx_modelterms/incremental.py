"""Which pages must be rewritten because something they show has changed.

At the end of every read phase (``env-updated``) :func:`on_env_updated`
works out what pages show now (a :class:`.savedstate.SavedState`: per term
a fingerprint of what other pages show of it, the keys it can be found
under, its ``:related:`` entries, category, level and page, and its
back-references; per named comparison its title, page and terms), compares
it with what the previous build kept, and keeps it.  A page is rewritten
when

* one of its ``:mt:`` targets or ``:related:`` entries could resolve
  through a key of a changed, added or removed term, or it holds the card
  of a term that a changed term lists as related (the symmetric
  related-term cards), before or after the change (:func:`changes`);
* the card that wins an id moved to it or away from it
  (:func:`_moved_winners`);
* its card shows back-references that changed, or a page they list changed
  its title or became, or stopped being, a page of cards
  (:func:`_changed_backrefs`);
* its card's short definition shows a title that changed: that of the
  page or section a reference written without a text names (the titles
  are part of the term's fingerprint too, so every page that shows the
  term follows);
* its card shows a named comparison that changed
  (:func:`_changed_comparisons`);
* it holds an index or a table whose filters match an affected term (and,
  for a table with a "referenced-from" column, a term whose
  back-references changed) (:func:`listing_pages`);
* it holds a listing with ``:referenced-from:`` that shows a term which a
  page matching its patterns began or stopped linking
  (:func:`relinked_listings`);
* any term's keys changed and mentions are linked automatically: every
  page (:func:`_autolinked`);
* an imported term set changed and it has ``:mt:`` references
  (:func:`_imports_changed`).

Pages that were re-read are written anyway; this only adds the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, cast

from .config import get_config
from .digests import digest
from .lookup import ProbeKey, probe_keys
from .naming import ENGLISH
from .savedstate import (
    SavedState,
    exports_digest,
    keep,
    kept_digests,
    kept_state,
    state_now,
    unpack,
    unpack_names,
)
from .selection import referenced

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Mapping

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ModelTermsDomain
    from .model import Listing
    from .naming import NumberRules
    from .savedstate import Shown

__all__ = [
    "Change",
    "changes",
    "listing_pages",
    "on_env_updated",
    "relinked_listings",
]


class Change(NamedTuple):
    """The outcome of comparing two states: pages to rewrite, and the terms
    whose rendering changed (for listings)."""

    pages: set[str]
    terms: set[str]


# -- the rules ------------------------------------------------------------------


def changes(
    before: Mapping[str, str],
    after: Mapping[str, str],
    uses: dict[str, tuple[str, ...]],
    resolve: Callable[[str], str | None],
    docname_of: dict[str, str],
    rules: NumberRules = ENGLISH,
) -> Change:
    """Pure: what the change from ``before`` to ``after`` (each term's
    :class:`.Shown` record, packed) affects: the pages that name a changed
    term, and the cards it is related to.

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


def _moved_winners(before: Mapping[str, str], after: Mapping[str, str]) -> set[str]:
    """The pages a winning card left or came to (a copy on another page was
    added or removed): both show it differently (a losing copy, the page's
    JSON-LD) though neither may have been read again."""
    return {
        where[term_id]
        for term_id in _changed(before, after)
        for where in (before, after)
        if term_id in where
    }


def _changed_backrefs(before: SavedState, after: SavedState) -> set[str]:
    """The terms whose back-references changed, or list a page whose title
    changed or that gained or lost its cards (and so moves between the
    lists' groups of term pages and other pages)."""
    changed = _changed(before.refs, after.refs)
    retitled = _changed(before.titles, after.titles)
    had, has = set(before.where.values()), set(after.where.values())
    if had != has:
        changed.update(
            term_id
            for term_id, referring in after.refs.items()
            if _groups(unpack_names(referring), had)
            != _groups(unpack_names(referring), has)
        )
    if retitled:
        changed.update(
            term_id
            for term_id, referring in after.refs.items()
            if not retitled.isdisjoint(unpack_names(referring))
        )
    return changed


def _groups(pages: Iterable[str], card_pages: set[str]) -> list[list[str]]:
    """``pages`` as a card lists them: the pages of cards apart from the
    others when there are both (see ``FillPostTransform.page_groups``)."""
    pages = list(pages)
    cards = [page for page in pages if page in card_pages]
    if cards and len(cards) < len(pages):
        return [cards, [page for page in pages if page not in card_pages]]
    return [pages]


def _changed_comparisons(before: SavedState, after: SavedState) -> set[str]:
    """The terms held by a named comparison that changed, before or after."""
    old, new = before.comparisons, after.comparisons
    return {
        term_id
        for comparison_id in _changed(old, new)
        for record in (old.get(comparison_id), new.get(comparison_id))
        if record is not None
        for term_id in record[2]
    }


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


def relinked_listings(
    listings: Mapping[str, Iterable[Listing]],
    relinked: Iterable[tuple[Shown, Collection[str]]],
) -> set[str]:
    """Pure: the pages with a listing that keeps only the terms some pages
    link (``:referenced-from:``) where one of those pages gained or dropped
    a link to a term it shows; ``relinked`` pairs a version of a term with
    the pages whose link to it came or went."""
    relinked = list(relinked)
    return {
        docname
        for docname, specs in listings.items()
        for spec in specs
        if spec.referenced_from
        and any(
            spec.shows(shown) and referenced(spec.referenced_from, tuple(pages))
            for shown, pages in relinked
        )
    }


def _autolinked(env: BuildEnvironment, same_keys: bool) -> set[str]:
    """Every page, when mentions may now match a name, or no longer."""
    if get_config(env).autolink == "off" or same_keys:
        return set()
    return set(env.found_docs)


def _imports_changed(domain: ModelTermsDomain, before: str, after: str) -> set[str]:
    """Every page with ``:mt:``, when an imported term set changed (any may
    link into it)."""
    if before == after:
        return set()
    return {docname for docname, targets in domain.uses.items() if targets}


# -- the handler ----------------------------------------------------------------


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: return the pages to rewrite and remember this state."""
    domain = cast("ModelTermsDomain", env.get_domain("mt"))
    cleared = set(domain.build.cleared)
    external = _external_digest(domain)
    digests = kept_digests(domain)
    if not cleared and "exports" in digests and digests.get("external") == external:
        # no page was read or removed and no imported set changed: every
        # record is the one the last build compared, and nothing changed
        return []
    before = kept_state(domain)
    after, relations, same_keys = state_now(env, domain, before, cleared)

    change = changes(
        before.terms,
        after.terms,
        _uses_with_related(domain, before, after),
        relations.resolve,
        after.where,
        relations.rules,
    )
    if not same_keys:
        # a listing shows names its terms' cards resolve (related entries,
        # links in short definitions): where a name may now find another
        # term, the listings that show a term of a page naming it change too
        change.terms.update(i for i, d in after.where.items() if d in change.pages)
    changed_refs = _changed_backrefs(before, after)
    shown_by_cards = (
        changed_refs
        | _changed_comparisons(before, after)
        | _changed(before.filled, after.filled)
    )

    def versions(ids: Iterable[str]) -> list[Shown]:
        return [
            unpack(s)
            for i in ids
            for s in (before.terms.get(i), after.terms.get(i))
            if s is not None
        ]

    pages = (
        change.pages
        | _moved_winners(before.where, after.where)
        | {after.where[i] for i in shown_by_cards if i in after.where}
        | listing_pages(domain.listings, versions(change.terms), versions(changed_refs))
        | relinked_listings(
            domain.listings,
            (
                (shown, pages)
                for i in changed_refs
                for pages in [_relinks(before.refs.get(i), after.refs.get(i))]
                if pages
                for shown in versions([i])
            ),
        )
        | _autolinked(env, same_keys)
        | _imports_changed(domain, digests.get("external", external), external)
    )

    held = (
        before.content == after.content
        and before.refs == after.refs
        and before.filled == after.filled
    )
    keep(
        domain,
        after,
        {
            "exports": digests["exports"]
            if held and "exports" in digests
            else exports_digest(after),
            "external": external,
        },
    )
    domain.build.cleared.clear()  # only once this state is kept
    return sorted(pages & env.found_docs)


def _uses_with_related(
    domain: ModelTermsDomain, before: SavedState, after: SavedState
) -> dict[str, tuple[str, ...]]:
    """What each page names: through ``:mt:``, and through the ``:related:``
    of its cards (which only a changed term makes anyone look at; read from
    the state, not from the records, which stay undecoded)."""
    uses = dict(domain.uses)
    if before.terms != after.terms:
        for record in after.terms.values():
            shown = unpack(record)
            uses[shown.docname] = (*uses.get(shown.docname, ()), *shown.related)
    return uses


def _relinks(before: str | None, after: str | None) -> set[str]:
    """The pages that gained or dropped a link, between two packed lists of
    back-references."""
    old = set(unpack_names(before)) if before else set()
    new = set(unpack_names(after)) if after else set()
    return old ^ new


def _changed(before: Mapping[str, object], after: Mapping[str, object]) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def _external_digest(domain: ModelTermsDomain) -> str:
    """A digest of what links and tooltips show of the imported terms."""
    return digest(
        sorted(
            (key, (t.title, t.url, t.aliases, t.category, t.level, t.summary))
            for key, t in domain.external_terms().items()
        )
    )

"""Which pages must be rewritten because a term they show has changed.

At the end of every read phase (``env-updated``) the domain's terms are
compared with what the previous build saw: a fingerprint of everything other
pages show of a term, the keys it can be found under and its ``:related:``
entries.  A page is rewritten when

* one of its ``:mt:`` targets or ``:related:`` entries could resolve
  through a key of a changed, added or removed term, or
* it holds the card of a term that a changed term lists as related (the
  symmetric related-term cards), before or after the change.

* its card shows a "Referenced from" list or comparisons that changed, or
* it holds an index or a table and any term or back-reference changed.

Pages that were re-read are written anyway; this only adds the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, cast

from .lookup import ProbeKey, probe_keys, term_keys

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ModelTermsDomain
    from .model import Term

__all__ = ["Shown", "on_env_updated", "pages_to_rewrite", "snapshot"]


class Shown(NamedTuple):
    """What the last build showed of one term."""

    fingerprint: str
    keys: frozenset[ProbeKey]
    related: tuple[str, ...]


def snapshot(term: Term) -> Shown:
    return Shown(term.fingerprint(), term_keys(term), term.related)


def pages_to_rewrite(
    before: dict[str, Shown],
    after: dict[str, Shown],
    uses: dict[str, tuple[str, ...]],
    resolve: Callable[[str], str | None],
    docname_of: dict[str, str],
) -> set[str]:
    """Pure: the docnames affected by the change from ``before`` to ``after``.

    ``resolve(target)`` gives the id a target resolves to now, or ``None``.
    """
    keys: set[ProbeKey] = set()
    related_targets: set[str] = set()
    for term_id in before.keys() | after.keys():
        old, new = before.get(term_id), after.get(term_id)
        if old == new:
            continue
        if old is None or new is None or old[:2] != new[:2]:
            # what links and related cards show of it changed: every page
            # that names it, and every card it is related to
            for shown in (old, new):
                if shown is not None:
                    keys |= shown.keys
                    related_targets.update(shown.related)
        else:
            # only its own :related: changed: the cards added or dropped
            related_targets.update(set(old.related) ^ set(new.related))
    pages = {
        docname
        for docname, targets in uses.items()
        if any(probe_keys(target) & keys for target in targets)
    }
    for target in related_targets:
        related_id = resolve(target)
        if related_id is not None and related_id in docname_of:
            pages.add(docname_of[related_id])
    return pages


def _changed_keys(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: return the pages to rewrite and remember this state.

    Besides :func:`pages_to_rewrite`: a card whose "Referenced from" list or
    comparisons changed, and every page with an index or a table when
    anything they list changed.
    """
    domain = cast("ModelTermsDomain", env.get_domain("mt"))
    graph = domain.graph
    terms = list(domain.terms())
    docname_of = {term.id: term.docname for term in terms}
    shown = domain.shown
    state: dict[str, dict[str, Any]] = {
        "terms": {term.id: tuple(snapshot(term)) for term in terms},
        "refs": {
            term.id: tuple((page, _title(env, page)) for page in graph.pages(term.id))
            for term in terms
        },
        "comparisons": {
            c.id: (c.title, c.docname, tuple(graph.resolve_all(c.terms)))
            for c in domain.comparisons()
        },
    }
    before = {k: Shown(*v) for k, v in shown.get("terms", {}).items()}
    after = {k: Shown(*v) for k, v in state["terms"].items()}
    # pages name terms through :mt: and through the :related: of their cards
    uses: dict[str, tuple[str, ...]] = dict(domain.uses())
    for term in terms:
        uses[term.docname] = (*uses.get(term.docname, ()), *term.related)
    pages = pages_to_rewrite(before, after, uses, graph.resolve, docname_of)

    changed_refs = _changed_keys(shown.get("refs", {}), state["refs"])
    pages.update(docname_of[i] for i in changed_refs if i in docname_of)
    old_cmp, new_cmp = shown.get("comparisons", {}), state["comparisons"]
    for comparison_id in _changed_keys(old_cmp, new_cmp):
        for record in (old_cmp.get(comparison_id), new_cmp.get(comparison_id)):
            if record is not None:
                pages.update(docname_of[i] for i in record[2] if i in docname_of)
    if before != after or changed_refs:
        pages.update(domain.listings())

    shown.clear()
    shown.update(state)
    return sorted(pages & env.found_docs)


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname

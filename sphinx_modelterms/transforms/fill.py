"""Write-time filling of what a card shows of other terms.

Runs before Sphinx's ReferencesResolver (priority 10), so the
``pending_xref`` nodes it inserts are then resolved like any ``:mt:``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import get_config
from ..diagnostics import WarningSubtype, warn
from ..i18n import __
from ..lookup import Ambiguous, Found
from ..nodes import mt_card, mt_faq, mt_related
from ..render.cards import HEADING, SECTION_LEVEL, generated_faq, related_list

if TYPE_CHECKING:
    from docutils import nodes

    from ..domain import ModelTermsDomain
    from ..model import Term

__all__ = ["FillCardsPostTransform", "related_terms"]


class FillCardsPostTransform(SphinxPostTransform):
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = cast("ModelTermsDomain", self.env.get_domain("mt"))
        config = get_config(self.env)
        for card in list(self.document.findall(mt_card)):
            term = domain.declared(card["mt_term"], self.env.docname, card["mt_lineno"])
            if term is None:
                continue
            related = related_terms(
                domain, term, card, symmetric=config.related_symmetric
            )
            for placeholder in card.findall(mt_related):
                level = card.get(HEADING, SECTION_LEVEL)
                placeholder.extend(related_list(related, level))
                if not len(placeholder):
                    placeholder.parent.remove(placeholder)
            for faq in card.findall(mt_faq):
                list_node = cast("nodes.definition_list", faq[-1])
                if config.generated_faq:
                    list_node[0:0] = generated_faq(term, related, config.levels)
                if not len(list_node):
                    faq.parent.remove(faq)


def related_terms(
    domain: ModelTermsDomain, term: Term, location: Any, *, symmetric: bool
) -> list[Term]:
    """``term``'s own related terms in their order, then (when symmetric) the
    terms that list it, by title.  Entries that resolve to nothing, to
    several terms or to the term itself are warned about at ``location``."""
    seen = {term.id}
    out: list[Term] = []
    for target in term.related:
        found = domain.index.resolve(target)
        if isinstance(found, Found) and found.term_id not in seen:
            seen.add(found.term_id)
            out.append(cast("Term", domain.get(found.term_id)))
        elif isinstance(found, Found) and found.term_id == term.id:
            warn(
                WarningSubtype.RELATED,
                __("term %r lists itself as related"),
                term.id,
                location=location,
            )
        elif isinstance(found, Ambiguous):
            warn(
                WarningSubtype.RELATED,
                __("related term %r of %r is ambiguous; it matches %s"),
                target,
                term.id,
                domain.describe(found.candidates),
                location=location,
            )
        elif not isinstance(found, Found):
            warn(
                WarningSubtype.RELATED,
                __("related term %r of %r does not exist"),
                target,
                term.id,
                location=location,
            )
    if symmetric:
        others = [domain.get(i) for i in domain.referrers(term.id) if i not in seen]
        out.extend(
            sorted((t for t in others if t), key=lambda t: (t.title.casefold(), t.id))
        )
    return out

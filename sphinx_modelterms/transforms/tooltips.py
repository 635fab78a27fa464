"""HTML only: one tooltip per term linked on a page, described-by links.

Runs after references are resolved, so it sees the final links (including
those inside related-term cards).  The tooltips go in one container at the
end of the page; the stylesheet hides them until the script positions one.
Screen readers read them through ``aria-describedby`` even without script.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.serializinghtml import SerializingHTMLBuilder

from ..nodes import (
    TERM_LINKS,
    mt_fragment,
    mt_index,
    mt_reference,
    mt_table,
    mt_tooltips,
)
from ..render.tooltips import tip_id

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..domain import ModelTermsDomain

__all__ = ["LISTINGS", "TooltipsPostTransform", "builder_has_tooltips"]

LISTINGS = (mt_index, mt_table)


def builder_has_tooltips(builder: Builder) -> bool:
    """Pages that a browser shows as they are, with our script.

    Not epub and help formats (``embedded``), nor the serializing builders
    (json, pickle), whose fragments other applications assemble.
    """
    return (
        builder.format == "html"
        and not getattr(builder, "embedded", False)
        and not isinstance(builder, SerializingHTMLBuilder)
    )


class TooltipsPostTransform(SphinxPostTransform):
    """Registered at ``builder-inited`` only for builders that show tooltips
    (:func:`builder_has_tooltips`) with ``modelterms_tooltips`` on."""

    default_priority = 30  # after ReferencesResolver (10) and mt-missing (20)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        domain = cast("ModelTermsDomain", self.env.get_domain("mt"))
        # indexes and tables show each term's short definition beside its
        # link already: their links get no tooltip (and pages no weight)
        listed = (
            {
                id(ref)
                for kind in LISTINGS
                for listing in self.document.findall(kind)
                for ref in listing.findall(mt_reference)
            }
            # singlehtml writes every page into the root's doctree
            if self.env.docname in domain.listings
            or isinstance(domain.build.builder, SingleFileHTMLBuilder)
            else set()
        )
        imported = domain.external_terms()
        order: dict[str, None] = {}
        # a link to a term, or a card's fragment that holds one
        for node in self.document.findall(lambda n: isinstance(n, TERM_LINKS)):
            ref = cast("mt_reference | mt_fragment", node)
            key = ref["mt_term"]
            term = domain.get(key) or imported.get(key)
            if id(ref) in listed or term is None:
                continue
            ref["mt_tip"] = tip_id(key)
            order[key] = None
        if not order:
            return
        block = mt_tooltips(classes=["mt-tooltips", "no-search"], mt_keys=list(order))
        self.document += block

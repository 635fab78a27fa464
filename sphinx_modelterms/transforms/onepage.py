"""singlehtml: links inside what the extension shows keep one fragment.

The single-page builder gives every page's URL as ``#document-<page>``, to
which Sphinx's ``make_refnode`` adds the target's anchor: two fragments, a
link that leads nowhere (Sphinx 9 no longer mends them).  The extension's
own links are made right where they are made; this mends those Sphinx
resolves inside cards, tables and comparisons (a ``:ref:`` in a short
definition shown on another card, a MyST link to a page's heading), which
all sit on the one page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..nodes import FILLED

if TYPE_CHECKING:
    from ..domain import ModelTermsDomain

__all__ = ["OnePageAnchorsPostTransform"]


class OnePageAnchorsPostTransform(SphinxPostTransform):
    default_priority = 20  # after ReferencesResolver (10)

    def run(self, **kwargs: Any) -> None:
        builder = cast("ModelTermsDomain", self.env.get_domain("mt")).build.builder
        if not isinstance(builder, SingleFileHTMLBuilder):
            return
        for shown in self.document.findall(lambda n: isinstance(n, FILLED)):
            for link in cast("nodes.Element", shown).findall(nodes.reference):
                uri = link.get("refuri", "")
                if uri.startswith("#") and uri.count("#") > 1:
                    link["refuri"] = uri[uri.rindex("#") :]

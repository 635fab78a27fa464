"""Write time: turn ``term-graph`` requests (and card maps) into drawings.

Each request becomes one drawing, or one per category when it holds more
terms than ``modelterms_graph_max_nodes``.  A neighbourhood (``:around:``)
larger than that keeps the nearest terms and names the others under the
drawing, with links to their cards.  A drawing is shown to builders that
have pictures (``only`` on the HTML and LaTeX formats) and, to every other
builder, or to all when Graphviz's ``dot`` is missing, as a list of the
same relations.
"""

from __future__ import annotations

import shutil
import zlib
from itertools import count
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import get_config
from ..diagnostics import WarningSubtype, warn
from ..i18n import _, __
from ..model import Listing
from ..nodes import mt_graph, mt_graph_request
from ..render.cards import HEADING, SECTION_LEVEL, section_title
from ..render.graph import (
    build_drawing,
    fallback_list,
    neighbourhood,
    split_by_category,
)
from ..render.links import term_link
from ..render.spans import shown_text
from ..selection import selects
from .missing import option_term, warn_unmatched_filters

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..domain import ModelTermsDomain
    from ..model import Term
    from ..render.graph import Drawing

__all__ = ["GraphsPostTransform", "dot_available", "warn_if_no_dot"]

PICTURES = "format_html or format_latex"


def dot_available(env: BuildEnvironment) -> bool:
    program = getattr(env.config, "graphviz_dot", "dot") or ""
    return bool(program) and shutil.which(program) is not None


def warn_if_no_dot(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: say once per build that graphs will be lists."""
    domain = cast("ModelTermsDomain", env.get_domain("mt"))
    graphs = domain.graph_locations()
    if graphs and not dot_available(env):
        warn(
            WarningSubtype.GRAPH,
            __(
                "Graphviz's dot program %r was not found; term graphs are shown as "
                "lists of relations (install Graphviz or set graphviz_dot)"
            ),
            env.config.graphviz_dot,
            location=graphs[0],
        )


class GraphsPostTransform(SphinxPostTransform):
    default_priority = 6  # after the fill (5), before references (10)

    def run(self, **kwargs: Any) -> None:
        domain = cast("ModelTermsDomain", self.env.get_domain("mt"))
        config = get_config(self.env)
        if not config.card_graph and not domain.graph_locations():
            return  # no card map and no term-graph anywhere: nothing to find
        requests = list(self.document.findall(mt_graph_request))
        if not requests:
            return
        categories = list(config.categories)
        categories += sorted({t.category for t in domain.terms()} - set(categories))
        colours = {c: i for i, c in enumerate(categories)}
        has_dot = dot_available(self.env)
        # ids in a drawing start with a prefix unique on the page (and
        # across the pages that singlehtml joins), the same in every build
        page = zlib.crc32(self.env.docname.encode("utf-8"))
        self.keys = (f"mt-g{i}-{page:08x}" for i in count(1))
        for request in requests:
            terms = self.select(domain, request)
            limit = request["mt_max_nodes"] or config.graph_max_nodes
            left_out = terms[limit:] if request["mt_around"] else []
            terms = terms[: len(terms) - len(left_out)]
            drawing = build_drawing(
                request["mt_title"],
                terms,
                domain.relations.related_pairs,
                domain.relations.compared_pairs,
                # short definitions as their cards show them
                lambda term: shown_text(term.summary, self.env),
            )
            if request["mt_around"] and terms:
                drawing.centre = terms[0].id
            drawings = (
                split_by_category(
                    drawing, self.env.new_serialno("mt-graph"), config.categories
                )
                if len(drawing.nodes) > limit and not request["mt_around"]
                else [drawing]
            )
            by_id = {t.id: t for t in terms}
            level = request.get(HEADING, SECTION_LEVEL)
            if request.get("mt_card"):
                card = request.parent
                level = card.get(HEADING, SECTION_LEVEL) if card is not None else level
                if len(terms) > 1:
                    request += section_title(_("Map of related terms"), "map", level)
            for part in (
                drawings if len(terms) > (1 if request.get("mt_card") else 0) else []
            ):
                request.extend(
                    self.show(part, by_id, colours, has_dot, level, len(drawings) > 1)
                )
            if left_out:
                request += self.left_out(request, terms[0], left_out)
            if (not terms or (request.get("mt_card") and len(terms) < 2)) and (
                request.parent is not None
            ):
                request.parent.remove(request)

    def select(self, domain: ModelTermsDomain, request: mt_graph_request) -> list[Term]:
        if request["mt_around"]:
            around = request["mt_around"]
            start = option_term(domain, around, "term-graph", ":around:", request)
            if start is None:
                return []
            ids = neighbourhood(start, request["mt_depth"], domain.relations.neighbours)
            return [t for t in map(domain.get, ids) if t is not None]
        filters = Listing(
            tuple(request["mt_categories"]),
            tuple(request["mt_levels"]),
            tuple(request["mt_pages"]),
            backrefs=False,
        )
        terms = list(domain.terms())
        warn_unmatched_filters(
            request,
            filters,
            terms,
            self.env.found_docs,
            categories_checked=bool(get_config(self.env).categories),
        )
        return [t for t in terms if selects(filters, t.category, t.level, t.docname)]

    def left_out(
        self, request: mt_graph_request, start: Term, terms: list[Term]
    ) -> nodes.paragraph:
        """The sentence under a neighbourhood cut short: how many terms it
        leaves out, and a link to each one's card (by title)."""
        depth = request["mt_depth"]
        if len(terms) == 1:
            text = _("1 more term within %(steps)s of {start} is not drawn: {terms}.")
        else:
            text = _(
                "%(count)d more terms within %(steps)s of {start} are not drawn: "
                "{terms}."
            )
        steps = _("1 step") if depth == 1 else _("%d steps") % depth
        text %= {"count": len(terms), "steps": steps}
        para = nodes.paragraph(classes=["mt-graph-more"])
        head, _sep, rest = text.partition("{start}")
        between, _sep, tail = rest.partition("{terms}")
        para += nodes.Text(head)
        para += term_link(start)
        para += nodes.Text(between)
        named = sorted(terms, key=lambda t: (t.display_title.casefold(), t.id))
        for i, term in enumerate(named):
            if i:
                para += nodes.Text(", ")
            para += term_link(term)
        para += nodes.Text(tail)
        return para

    def show(
        self,
        drawing: Drawing,
        terms: dict[str, Term],
        colours: dict[str, int],
        has_dot: bool,
        level: int,
        titled: bool,
    ) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        if titled:
            out.append(nodes.target("", "", ids=[drawing.anchor]))
            out.append(
                nodes.rubric(
                    drawing.title,
                    drawing.title,
                    classes=["mt-graph-title"],
                    translatable=False,
                    **{HEADING: level},
                )
            )
        listing = fallback_list(drawing, terms)
        if not has_dot:
            return [*out, listing]
        picture = mt_graph()
        picture["mt_drawing"] = drawing
        picture["mt_colours"] = colours
        picture["mt_key"] = next(self.keys)
        out.append(addnodes.only("", picture, expr=PICTURES))
        out.append(addnodes.only("", listing, expr=f"not ({PICTURES})"))
        return out

"""Auto-linking: plain-text mentions of titles and aliases become ``:mt:``.

Off by default (``modelterms_autolink``): ``"first"`` links the first mention
of each term on a page, ``"all"`` every mention.  One compiled pattern per
build state holds every title and alias and their plurals (the rules of
:data:`..naming.ENGLISH`, which the resolution of the match folds back),
longest first; names in lower case match in any case, names in capitals
(acronyms such as "RLHF") only as written; a match must be a whole word,
not part of an identifier.  Code,
literals, math, raw blocks, titles, existing links and a term's own card
are never touched.  Runs before the fill (priority 5), so only the author's
text is linked, and before references are resolved, which then treat the
new links like any ``:mt:``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..config import conf_location, get_config
from ..diagnostics import WarningSubtype, warn
from ..i18n import __
from ..nodes import PLACEHOLDERS, mt_card
from ..render.links import direct_links, term_link

if TYPE_CHECKING:
    import re

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..domain import ModelTermsDomain

__all__ = ["AutolinkPostTransform", "warn_unknown_exclusions"]

SKIP = (
    nodes.FixedTextElement,  # literal blocks, doctest, math blocks
    nodes.literal,
    nodes.math,
    nodes.raw,
    nodes.title,
    nodes.rubric,
    nodes.reference,
    nodes.target,
    nodes.comment,
    nodes.Invisible,
    nodes.field_name,
    addnodes.pending_xref,
    addnodes.toctree,
    addnodes.desc_signature,
    *PLACEHOLDERS,
)


class AutolinkPostTransform(SphinxPostTransform):
    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        config = get_config(self.env)
        if config.autolink == "off":
            return
        domain = cast("ModelTermsDomain", self.env.get_domain("mt"))
        pattern = domain.relations.autolink_pattern(config.autolink_exclude)
        if pattern is None:
            return
        linked: set[str] = set()
        with direct_links(domain, domain.build.builder, self.env.docname):
            for text in list(self.document.findall(nodes.Text)):
                owner = self._owner(text)
                if owner is None:
                    continue
                first = config.autolink == "first"
                self._link(text, pattern, domain, linked, owner, first)

    def _owner(self, text: nodes.Text) -> str | None:
        """The id of the card ``text`` is in ("" outside cards), or ``None``
        when the text is in a context that is never linked."""
        node = text.parent
        card = ""
        while node is not None:
            if isinstance(node, SKIP):
                return None
            if isinstance(node, mt_card) and not card:
                card = node["mt_term"]
            node = node.parent
        return card

    def _link(
        self,
        text: nodes.Text,
        pattern: re.Pattern[str],
        domain: ModelTermsDomain,
        linked: set[str],
        own_card: str,
        first_only: bool,
    ) -> None:
        source = str(text)
        pieces: list[nodes.Node] = []
        position = 0
        for match in pattern.finditer(source):
            term_id = domain.relations.resolve(match.group(0))
            term = domain.get(term_id) if term_id else None
            if term is None or term.id == own_card:
                continue
            if first_only and term.id in linked:
                continue
            linked.add(term.id)
            pieces.append(nodes.Text(source[position : match.start()]))
            xref = term_link(term, match.group(0))
            xref["classes"].append("mt-autolink")
            pieces.append(xref)
            position = match.end()
        if not pieces:
            return
        pieces.append(nodes.Text(source[position:]))
        parent = text.parent
        index = parent.index(text)
        parent[index : index + 1] = [
            p for p in pieces if not (isinstance(p, nodes.Text) and not p)
        ]


def warn_unknown_exclusions(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: an entry of ``modelterms_autolink_exclude``
    that is no term's id, title or alias excludes nothing; say so (once per
    build that read anything, when auto-linking is on)."""
    config = get_config(env)
    if config.autolink == "off":
        return
    index = cast("ModelTermsDomain", env.get_domain("mt")).index
    for name in config.autolink_exclude:
        if not index.knows(name):
            warn(
                WarningSubtype.UNKNOWN,
                __(
                    "modelterms_autolink_exclude: %r is no term's id, title or "
                    "alias; it excludes nothing"
                ),
                name,
                location=conf_location(app, "modelterms_autolink_exclude"),
            )

"""Auto-linking: plain-text mentions of titles and aliases become ``:mt:``.

Off by default (``modelterms_autolink``, or a page's ``modelterms-autolink``
metadata field): ``"first"`` links the first mention of each term on a page,
``"section"`` the first in each section, ``"all"`` every mention; a mention
after an ``:mt:`` reference to the same term in its scope is not a first.
Mentions written ``:mt:`!text``` are never linked.  The same matcher
(:func:`find_mentions`) finds the unlinked mentions the ``unlinked-mention``
check reports, on pages where auto-linking is off.  One compiled pattern per
build state holds every title and alias and their plurals (the rules of
:func:`..plurals.number_rules` of the project's ``language``, which the
resolution of the match folds back),
longest first; names in lower case match in any case, names in capitals
(acronyms such as "RLHF") only as written; a match must be a whole word,
not part of an identifier.  Code,
literals, math, raw blocks, titles, existing links and a term's own card
are never touched.  Runs before the fill (priority 5), so only the author's
text is linked, and before references are resolved, which then treat the
new links like any ``:mt:``.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..adopt import ADOPTED
from ..checks import report_unlinked, wants_unlinked
from ..config import conf_location, get_config
from ..diagnostics import WarningSubtype, warn
from ..i18n import __
from ..nodes import PLACEHOLDERS, mt_card
from ..render.links import direct_links, term_link
from ..roles import UNLINKED_CLASS

if TYPE_CHECKING:
    import re
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..domain import ModelTermsDomain
    from ..model import Term

__all__ = [
    "MODES",
    "PAGE_FIELD",
    "AutolinkPostTransform",
    "Mention",
    "find_mentions",
    "page_mode",
    "warn_unknown_exclusions",
]

MODES = ("off", "first", "section", "all")
PAGE_FIELD = "modelterms-autolink"
"""The metadata field that sets the mode of one page."""

SKIP = (
    nodes.FixedTextElement,  # literal blocks, doctest, math blocks
    nodes.literal,
    nodes.math,
    nodes.raw,
    nodes.title,
    nodes.rubric,
    nodes.term,  # a definition list's headword, a glossary's, a FAQ question
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

SKIP_CLASSES = frozenset(
    {"mt-badges", "mt-aliases", "mt-fields", "mt-sources", UNLINKED_CLASS}
)
"""A card's badges, aliases, fields and sources (what its options say), and
opted-out mentions."""


class Mention(NamedTuple):
    """A plain-text mention of a term: ``text[start:end]`` names ``term``;
    ``first`` when no link to the term comes before it in its scope (the
    page, or its section when mentions are counted per section)."""

    text: nodes.Text
    start: int
    end: int
    term: Term
    first: bool


def find_mentions(
    document: nodes.Node,
    pattern: re.Pattern[str],
    domain: ModelTermsDomain,
    *,
    per_section: bool,
) -> list[Mention]:
    """Every plain-text mention of a term in ``document``, in document order,
    by the matching rules of auto-linking: never in a context of
    :data:`SKIP`, a mention opted out with ``!`` or the term's own card.  An
    ``:mt:`` (or ``:term:``) reference to a term counts as a link to it for
    the mentions after it."""
    resolve = domain.relations.resolve
    linked: set[tuple[int, str]] = set()
    found: list[Mention] = []
    for node in list(document.findall(_text_or_xref)):
        if isinstance(node, addnodes.pending_xref):
            term_id = resolve(node.get("reftarget", ""))
            if term_id is not None:
                linked.add((_scope(node, per_section), term_id))
            continue
        context = _context(cast("nodes.Text", node))
        if context is None:
            continue
        own_card, scope = context[0], context[1] if per_section else 0
        for match in pattern.finditer(str(node)):
            term_id = resolve(match.group(0))
            term = domain.get(term_id) if term_id else None
            if term is None or term.id == own_card:
                continue
            first = (scope, term.id) not in linked
            linked.add((scope, term.id))
            found.append(Mention(cast("nodes.Text", node), *match.span(), term, first))
    return found


def _text_or_xref(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Text):
        return True
    return isinstance(node, addnodes.pending_xref) and (
        node.get("refdomain"),
        node.get("reftype"),
    ) in {("mt", "term"), ("std", "term")}


def _context(text: nodes.Text) -> tuple[str, int] | None:
    """The id of the card ``text`` is in ("" outside cards) and the id of
    its section's node, or ``None`` when the text is in a context that is
    never linked."""
    node = text.parent
    card, section = "", 0
    while node is not None:
        if isinstance(node, SKIP) or not SKIP_CLASSES.isdisjoint(node["classes"]):
            return None
        if isinstance(node, mt_card) and not card:
            card = node["mt_term"]
        elif node.get(ADOPTED) and not card:  # an adopted glossary entry
            card = node[ADOPTED]
        if isinstance(node, nodes.section) and not section:
            section = id(node)
        node = node.parent
    return card, section


def _scope(node: nodes.Node, per_section: bool) -> int:
    if per_section:
        for ancestor in _ancestors(node):
            if isinstance(ancestor, nodes.section):
                return id(ancestor)
    return 0


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def page_mode(env: BuildEnvironment, docname: str) -> str:
    """The auto-linking mode of ``docname``: its ``modelterms-autolink``
    metadata field where it has one, else :confval:`modelterms_autolink`."""
    mode = get_config(env).autolink
    value = env.metadata.get(docname, {}).get(PAGE_FIELD)
    if value is None:
        return mode
    if str(value).strip() in MODES:
        return str(value).strip()
    warn(
        WarningSubtype.INVALID,
        __("%s: %r is not one of %s; modelterms_autolink (%r) is used"),
        PAGE_FIELD,
        value,
        ", ".join(repr(m) for m in MODES),
        mode,
        location=(docname, 1),
    )
    return mode


class AutolinkPostTransform(SphinxPostTransform):
    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        docname = self.env.docname
        mode = page_mode(self.env, docname)
        domain = cast("ModelTermsDomain", self.env.get_domain("mt"))
        report = mode == "off" and wants_unlinked(self.env, domain.build.builder)
        if mode == "off" and not report:
            return
        exclude = get_config(self.env).autolink_exclude
        pattern = domain.relations.autolink_pattern(exclude)
        if pattern is None:
            return
        found = find_mentions(
            self.document, pattern, domain, per_section=mode == "section"
        )
        if report:
            report_unlinked(
                domain.build.builder, docname, [m for m in found if m.first]
            )
            return
        chosen = [m for m in found if mode == "all" or m.first]
        with direct_links(domain, domain.build.builder, docname):
            # a Text node is a str: group by the node, not by its value
            for _, group in itertools.groupby(chosen, key=lambda m: id(m.text)):
                _link(list(group))


def _link(mentions: list[Mention]) -> None:
    """Replace the text of ``mentions`` by its pieces, each mention a link
    to its term."""
    text = mentions[0].text
    source = str(text)
    pieces: list[nodes.Node] = []
    position = 0
    for mention in mentions:
        pieces.append(nodes.Text(source[position : mention.start]))
        xref = term_link(mention.term, source[mention.start : mention.end])
        xref["classes"].append("mt-autolink")
        pieces.append(xref)
        position = mention.end
    pieces.append(nodes.Text(source[position:]))
    parent = cast("nodes.Element", text.parent)
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

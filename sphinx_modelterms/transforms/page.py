"""Term pages: the card's title shows once.

A page whose only content is one card gets the card's title as its page
title (so the toctree, the browser tab and search results show it), and a
card inside a section of its own title drops its duplicate heading.  This is
a read-time transform, so Sphinx's title and toctree collectors see the
result, for reST and MyST alike.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..naming import key
from ..nodes import mt_card
from ..render.cards import HEADING, SECTION_LEVEL
from .cardtext import DROPPED, card_heading

__all__ = ["TermPageTransform"]

_IGNORABLE = (nodes.Invisible, nodes.comment, nodes.system_message)


class TermPageTransform(SphinxTransform):
    # Before DoctreeReadEvent (880), where Sphinx collects titles and toctrees.
    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        content = [c for c in self.document.children if not isinstance(c, _IGNORABLE)]
        if len(content) == 1 and isinstance(content[0], mt_card):
            self._make_page(content[0])
        for card in self.document.findall(mt_card):
            section = card.parent
            if (
                isinstance(section, nodes.section)
                and section.children
                and isinstance(section[0], nodes.title)
                and key(section[0].astext()) in _titles(card)
            ):
                _drop_title(card)

    def _make_page(self, card: mt_card) -> None:
        heading = card_heading(card)  # translated, if the project translates it
        title = heading.astext() if heading is not None else card["mt_title"]
        section = nodes.section(classes=["mt-term-page"])
        section.source, section.line = card.source, card.line
        section += nodes.title(title, title)
        section["names"].append(nodes.fully_normalize_name(title))
        section.extend(list(self.document.children))
        self.document.clear()
        self.document += section
        self.document.note_implicit_target(section)


def _titles(card: mt_card) -> set[str]:
    """The keys of the card's title, as written and as shown."""
    heading = card_heading(card)
    shown = {key(heading.astext())} if heading is not None else set()
    return {key(card["mt_title"]), *shown}


def _drop_title(card: mt_card) -> None:
    """The page shows the title: drop the card's (once smart quotes have
    made it the title the card shows, see :mod:`.cardtext`), lift its
    section titles."""
    card[HEADING] = SECTION_LEVEL - 1
    for rubric in list(card.findall(nodes.rubric)):
        if "mt-card-title" in rubric["classes"]:
            rubric[DROPPED] = True
        elif "mt-section-title" in rubric["classes"]:
            rubric[HEADING] = card[HEADING]

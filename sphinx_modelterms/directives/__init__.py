"""The directives: ``term-card`` and its parts ``term-example``, ``term-faq``."""

from __future__ import annotations

from .card import TermCardDirective, card_directive_for
from .parts import TermExampleDirective, TermFaqDirective

__all__ = [
    "TermCardDirective",
    "TermExampleDirective",
    "TermFaqDirective",
    "card_directive_for",
]

"""The directives: ``term-card`` and its parts, and the generated listings."""

from __future__ import annotations

from .card import TermCardDirective
from .graph import TermGraphDirective
from .listing import TermCompareDirective, TermIndexDirective, TermTableDirective
from .parts import TermExampleDirective, TermFaqDirective

__all__ = [
    "TermCardDirective",
    "TermCompareDirective",
    "TermExampleDirective",
    "TermFaqDirective",
    "TermGraphDirective",
    "TermIndexDirective",
    "TermTableDirective",
]

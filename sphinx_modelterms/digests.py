"""Digests of plain values, equal in every process for equal values.

The repr of strings, numbers, tuples, lists, mappings built in a fixed order
and the package's frozen records does not depend on the process (no
hash-ordered sets), so equal values give equal digests: what a rebuild
compares with what the last build kept.

No Sphinx or docutils imports.
"""

from __future__ import annotations

import hashlib

__all__ = ["digest"]


def digest(value: object) -> str:
    """A short digest (16 hex digits) of ``value``'s repr."""
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()[:16]

"""The release of this package, in a module of its own so that the modules
that stamp what they write with it need not import the package (whose
``setup`` imports them)."""

from __future__ import annotations

__version__ = "0.1.0"

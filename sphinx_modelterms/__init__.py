"""sphinx-modelterms: rich glossary terms for Sphinx, in reST and MyST."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__all__ = ["__version__", "setup"]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension (the wiring lives in ``_extension``)."""
    from ._extension import setup_extension  # lazy: importing the package is free

    return setup_extension(app)

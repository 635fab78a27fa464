"""Message catalogs: ``_`` for text written into documents, ``__`` for console."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["CATALOG", "_", "__", "register_catalog"]

CATALOG = "sphinx_modelterms"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = get_translation(CATALOG)
__ = get_translation(CATALOG, "console")


def register_catalog(app: Sphinx) -> None:
    """Make Sphinx load our catalogs for the project's ``language``."""
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))

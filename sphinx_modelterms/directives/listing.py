"""``term-compare``, ``term-index`` and ``term-table``.

Each emits a placeholder that holds only the request (terms, rows, columns,
filters, sort); the tables themselves are built at write time from the
domain, so they always show the current terms.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils.parsers.rst import directives

from ..config import get_config
from ..diagnostics import WarningSubtype, warn
from ..i18n import __
from ..model import Comparison, Listing
from ..naming import one_line, slugify
from ..nodes import mt_compare, mt_index, mt_table
from ..render.tables import BASE_COLUMNS, COMPARE_ROWS, DEFAULT_COLUMNS
from ..selection import page_pattern
from ._characters import clean_characters
from ._options import OptionsDirective

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from docutils import nodes

    from ..domain import ModelTermsDomain

__all__ = ["TermCompareDirective", "TermIndexDirective", "TermTableDirective"]

GROUPINGS = ("letter", "category", "level")


class _ListingDirective(OptionsDirective):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # before run() reads a title or an option
        clean_characters(self, self.name)

    # content is read (for the options a parser would otherwise refuse with
    # the whole directive), warned about and left out
    has_content = True
    list_options: ClassVar[dict[str, str]] = dict.fromkeys(
        ("terms", "rows", "columns", "category", "level", "pages", "referenced-from"),
        ", ",
    ) | {"class": " "}

    def read_options(self) -> None:
        super().read_options()
        if any(line.strip() for line in self.content):
            warn(
                WarningSubtype.INVALID,
                __("%s takes no content; it is ignored"),
                self.name,
                location=self.line_location(self.content_line(0)),
            )

    @property
    def domain(self) -> ModelTermsDomain:
        return cast("ModelTermsDomain", self.env.get_domain("mt"))

    def known(
        self,
        option: str,
        values: Sequence[str],
        allowed: Sequence[str],
        *,
        kept: bool = False,
        at: str = "",
    ) -> list[str]:
        """``values`` that are in ``allowed``; the others are warned about
        (and left out, unless ``kept``: then they match nothing), at the
        line of option ``at`` (default: ``option``)."""
        out = []
        for value in values:
            if value in allowed:
                out.append(value)
                continue
            message = (
                __("%s: %s %r is not one of %s; it matches no term")
                if kept
                else __("%s: %s %r is not one of %s; it is left out")
            )
            warn(
                WarningSubtype.INVALID,
                message,
                self.name,
                option,
                value,
                ", ".join(allowed),
                location=self.option_location(at or option),
            )
        return out

    def filters(self, node: nodes.Element) -> None:
        """Category, level and page filters.  A value outside the configured
        lists is warned about and kept: it matches no term, so a typo shows
        fewer terms, never all of them."""
        config = get_config(self.env)
        categories = self.option_items("category")
        levels = self.option_items("level")
        if config.categories:
            self.known("category", categories, config.categories, kept=True)
        self.known("level", levels, config.levels, kept=True)
        node["mt_categories"] = categories
        node["mt_levels"] = levels
        node["mt_pages"] = self.option_items("pages")
        node["mt_referenced_from"] = [
            page_pattern(self.env.docname, entry)
            for entry in self.option_items("referenced-from")
        ]
        if "referenced-from" in self.option_lines:  # where a bad pattern warns
            node["mt_referenced_from_line"] = self.option_lines["referenced-from"]
        if "filter" in self.options:
            node["mt_filter"] = self.options["filter"]

    def note(self, node: nodes.Element, *, backrefs: bool) -> None:
        """Tell the domain what this listing shows, for incremental builds."""
        listing = Listing(
            tuple(node["mt_categories"]),
            tuple(node["mt_levels"]),
            tuple(node["mt_pages"]),
            backrefs,
            tuple(node["mt_referenced_from"]),
        )
        self.domain.note_listing(self.env.docname, listing)


def switch(value: str) -> bool:
    """``on`` or ``off`` (also ``yes``/``no``, ``true``/``false``)."""
    word = (value or "").strip().lower()
    if word in {"on", "yes", "true"}:
        return True
    if word in {"off", "no", "false"}:
        return False
    raise ValueError(__("expected on or off"))


_FILTERS: dict[str, Callable[[str], Any]] = {
    "category": directives.unchanged,
    "level": directives.unchanged,
    "pages": directives.unchanged,
    "referenced-from": directives.unchanged,
    "filter": switch,
    "class": directives.class_option,
}


class TermCompareDirective(_ListingDirective):
    """``.. term-compare:: Optional title`` with ``:terms:`` and ``:rows:``."""

    optional_arguments = 1
    final_argument_whitespace = True
    known_options: ClassVar[dict[str, Callable[[str], Any]]] = {
        "terms": directives.unchanged,
        "rows": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        self.read_options()
        config = get_config(self.env)
        title = one_line(self.arguments[0]) if self.arguments else ""
        terms = self.option_items("terms")
        if len(terms) < 2:
            warn(
                WarningSubtype.INVALID,
                __("term-compare needs at least two terms in :terms:; got %d"),
                len(terms),
                location=self.option_location("terms"),
            )
        field_names = [name for name, _label in config.fields]
        rows = self.option_items("rows")
        rows = (
            self.known("row", rows, [*COMPARE_ROWS, *field_names], at="rows")
            if rows
            else [*COMPARE_ROWS, *field_names]
        )
        node = mt_compare(classes=["mt-comparison", *self.options.get("class", [])])
        self.set_source_info(node)
        node["mt_terms"] = terms
        if "terms" in self.option_lines:  # where unknown-term warnings point
            node["mt_terms_line"] = self.option_lines["terms"]
        node["mt_rows"] = rows
        node["mt_title"] = title
        for target in terms:
            self.domain.note_use(self.env.docname, target)
        if title:
            slug = slugify(title) or hashlib.sha1(title.encode()).hexdigest()[:8]
            comparison_id = f"mt-compare-{slug}"
            document = self.state.document
            if comparison_id not in document.ids:
                node["ids"].append(comparison_id)
                document.ids[comparison_id] = node
            self.domain.note_comparison(
                Comparison(
                    comparison_id, title, self.env.docname, self.lineno, tuple(terms)
                )
            )
        return [node]


class TermIndexDirective(_ListingDirective):
    """``.. term-index::`` grouped by letter, category or level, filtered."""

    known_options: ClassVar[dict[str, Callable[[str], Any]]] = {
        "group-by": directives.unchanged,
        **_FILTERS,
    }

    def run(self) -> list[nodes.Node]:
        self.read_options()
        node = mt_index(classes=["mt-index", *self.options.get("class", [])])
        self.set_source_info(node)
        grouping = self.options.get("group-by", "letter").strip() or "letter"
        node["mt_group_by"] = (
            self.known("group-by", [grouping], GROUPINGS) or ["letter"]
        )[0]
        node["mt_serial"] = self.env.new_serialno("mt-index")
        self.filters(node)
        self.note(node, backrefs=False)
        return [node]


class TermTableDirective(_ListingDirective):
    """``.. term-table::`` with chosen ``:columns:``, filters and ``:sort:``."""

    known_options: ClassVar[dict[str, Callable[[str], Any]]] = {
        "columns": directives.unchanged,
        "sort": directives.unchanged,
        **_FILTERS,
    }

    def run(self) -> list[nodes.Node]:
        self.read_options()
        config = get_config(self.env)
        field_names = [name for name, _label in config.fields]
        allowed = [*BASE_COLUMNS, *field_names]
        columns = self.option_items("columns")
        known = self.known("column", columns, allowed, at="columns") if columns else []
        columns = known or list(DEFAULT_COLUMNS)
        sort = self.options.get("sort", "term").strip() or "term"
        sortable = ["term", "category", "level", *field_names]
        if not self.known("sort", [sort.lstrip("-")], sortable):
            sort = "term"
        node = mt_table(classes=["mt-table", *self.options.get("class", [])])
        self.set_source_info(node)
        node["mt_columns"] = columns
        node["mt_sort"] = sort
        self.filters(node)
        self.note(node, backrefs="referenced-from" in columns)
        return [node]

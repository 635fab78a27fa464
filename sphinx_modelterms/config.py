"""Every ``modelterms_*`` configuration value, declared once.

Each value is one field of :class:`MtConfig`, whose metadata (a
:class:`Setting`) holds its default as ``conf.py`` writes it, what a change
rebuilds, the types Sphinx accepts, the validator, a one-line help and how
the value is read into the typed field.  :data:`OPTIONS` lists them;
registration, validation at ``config-inited``, the typed view and the user
guide's reference are all derived from it.  Code reads the values only
through :func:`get_config`, which builds the typed view once per build.
The long explanation of each value is on the guide's configuration page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from ._config_values import (
    RESERVED_OPTIONS,
    Setting,
    autolink_mode,
    boolean,
    check_names,
    count,
    days,
    delay,
    field_labels,
    filter_box,
    filter_minimum,
    folded,
    folder,
    folder_name,
    frozen_mapping,
    level_list,
    pairs,
    question_count,
    selected_checks,
    setting,
    str_list,
    term_sets,
    text,
)
from .diagnostics import WarningSubtype, warn
from .i18n import __

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__all__ = [
    "OPTIONS",
    "RESERVED_OPTIONS",
    "MtConfig",
    "Option",
    "conf_location",
    "get_config",
    "read_config",
    "register",
    "validate",
]

PREFIX = "modelterms_"


_LISTS = frozenset({list, tuple})


@dataclass(frozen=True, slots=True)
class MtConfig:
    """Typed, validated access to the ``modelterms_*`` values: each field is
    ``modelterms_<field name>``."""

    adopt_glossary: bool = setting(
        True,
        "env",
        boolean,
        "Make each entry of Sphinx's glossary directive a term, and give "
        ":term: links the tooltips and back-references of :mt: links.",
        read=bool,
    )
    glossary_details: bool = setting(
        False,
        "env",
        boolean,
        "Show under each adopted glossary entry its category and level badges "
        "and the pages that reference it.",
        read=bool,
    )
    levels: tuple[str, ...] = setting(
        ["beginner", "intermediate", "advanced"],
        "env",
        level_list,
        "The allowed values of a card's :level: option, from easiest to hardest.",
        read=folded,
        types=_LISTS,
    )
    categories: tuple[str, ...] = setting(
        [],
        "env",
        str_list,
        "The allowed values of :category:. Empty means any text is a category.",
        read=folded,
        types=_LISTS,
    )
    fields: tuple[tuple[str, str], ...] = setting(
        {},
        "env",
        field_labels,
        "Project-defined fields, name to label. Each becomes an option of "
        "term-card and a row of the card's details.",
        read=pairs,
    )
    related_symmetric: bool = setting(
        True,
        "env",
        boolean,
        "When true, a term lists B as related whenever B lists it.",
        read=bool,
    )
    generated_faq: bool = setting(
        True,
        "env",
        boolean,
        'Add generated questions ("What is X?", ...) before a card\'s own '
        "term-faq entries.",
        read=bool,
    )
    related_questions: int = setting(
        1,
        "env",
        question_count,
        'How many "How is X related to Y?" questions a card asks, about its '
        "first related terms; 0 asks none.",
        read=int,
    )
    term_files: tuple[str, ...] = setting(
        [],
        "env",
        str_list,
        "Glob patterns, relative to the source folder, of YAML, TOML or JSON "
        "files that define terms as data; each term gets a generated page.",
        read=tuple,
        types=_LISTS,
    )
    generated_dir: str = setting(
        "terms",
        "env",
        folder,
        "The folder, relative to the source folder, that receives the pages "
        "generated from term files (an index page, a page per category and "
        "one per term).",
        read=folder_name,
    )
    generated_title: str = setting(
        "Glossary",
        "env",
        text,
        "The title of the generated index page of term-file terms.",
        read=str,
    )
    backrefs: bool = setting(
        True,
        "env",
        boolean,
        'Show on each card the pages that link its term ("Referenced from").',
        read=bool,
    )
    graph_max_nodes: int = setting(
        40,
        "env",
        count,
        "A term-graph with more terms than this is drawn as one graph per "
        "category, joined by links, rather than as one tangle; a neighbourhood "
        "(:around:) keeps its nearest terms and names the others under it.",
        read=int,
    )
    card_graph: bool = setting(
        False,
        "env",
        boolean,
        "Draw on each card a small map of the term and its direct relations.",
        read=bool,
    )
    external: Mapping[str, Any] = setting(
        {},
        "env",
        term_sets,
        "Term sets of other projects, name to the other site's base URL or output "
        "folder (or a (base, modelterms.json location) pair): :mt: links their "
        "terms, with tooltips, when no local term matches.",
        read=frozen_mapping,
    )
    external_cache_days: int = setting(
        5,
        "env",
        days,
        "Days a downloaded term set is kept before it is fetched again.",
        read=int,
    )
    autolink: str = setting(
        "off",
        "env",
        autolink_mode,
        'Link plain-text mentions of titles and aliases: "off", "first" (the '
        'first mention of each term on a page), "section" (the first in each '
        'section) or "all".',
        read=str,
    )
    autolink_exclude: tuple[str, ...] = setting(
        [],
        "env",
        str_list,
        "Ids, titles or aliases that auto-linking leaves alone.",
        read=tuple,
        types=_LISTS,
    )
    checks: tuple[str, ...] = setting(
        [],
        "env",
        check_names,
        "Glossary checks (as the termcheck builder runs them) whose findings "
        'every build gives as modelterms.check warnings: a list of names, or "all".',
        read=selected_checks,
        types=frozenset({list, tuple, bool, str}),
    )
    filter_box: int = setting(
        True,
        "html",
        filter_box,
        "Give HTML indexes and tables a box that narrows their entries as you "
        "type: True, False, or the fewest entries a listing needs for one.",
        read=filter_minimum,
        types=frozenset({bool, int}),
    )
    tooltips: bool = setting(
        True,
        "html",
        boolean,
        "Give every :mt: link in HTML pages a tooltip with the term's title, "
        "category, level and short definition.",
        read=bool,
    )
    tooltip_delay: int = setting(
        300,
        "html",
        delay,
        "Milliseconds the pointer rests on a link before its tooltip opens "
        "(keyboard focus opens it at once).",
        read=int,
    )
    tooltip_hide_delay: int = setting(
        200,
        "html",
        delay,
        "Milliseconds a tooltip stays open after the pointer leaves both the "
        "link and the tooltip.",
        read=int,
    )
    jsonld_faq: bool = setting(
        False,
        "html",
        boolean,
        "Add a schema.org FAQPage with each card's questions to the page's "
        "JSON-LD (each card's DefinedTerm is there either way).",
        read=bool,
    )
    freeze_before_fork: bool = setting(
        True,
        "",
        boolean,
        "In parallel builds (-j N), keep each forked worker's garbage collector "
        "off the objects it inherits from the main process.",
        read=bool,
    )


@dataclass(frozen=True, slots=True)
class Option:
    """One configuration value: its field name and its :class:`Setting`."""

    name: str
    setting: Setting

    @property
    def confname(self) -> str:
        return PREFIX + self.name

    @property
    def default(self) -> Any:
        return self.setting.default

    @property
    def rebuild(self) -> str:
        return self.setting.rebuild

    @property
    def types(self) -> frozenset[type]:
        return self.setting.types

    @property
    def help(self) -> str:
        return self.setting.help

    def check(self, value: Any) -> str | None:
        return self.setting.check(value)


OPTIONS: tuple[Option, ...] = tuple(
    Option(f.name, f.metadata["setting"]) for f in fields(MtConfig)
)
"""Every configuration value, in declaration order."""

_VIEW = "_modelterms_view"
"""The attribute of Sphinx's ``Config`` holding the typed view of this build
(Sphinx does not pickle ``Config`` attributes whose names start with ``_``)."""


def register(app: Sphinx) -> None:
    """Declare every option with Sphinx."""
    for option in OPTIONS:
        app.add_config_value(
            option.confname,
            option.default,
            option.rebuild,  # type: ignore[arg-type]
            types=option.types,
            description=option.help,
        )


def validate(app: Sphinx, config: Config) -> None:
    """``config-inited``: warn about bad values and fall back to the default."""
    for option in OPTIONS:
        value = getattr(config, option.confname)
        problem = option.check(value)
        if problem is not None:
            location = conf_location(app, option.confname)
            warn(
                WarningSubtype.CONFIG,
                __("%s must be %s; got %r, using the default"),
                option.confname,
                problem,
                value,
                location=location,
            )
            setattr(config, option.confname, option.default)


def conf_location(app: Sphinx, confname: str) -> str:
    """``conf.py:<line>`` of the last assignment to ``confname`` (else line 1)."""
    path = app.confdir / "conf.py"
    pattern = re.compile(rf"^{confname}\s*[:=]")
    lineno = 1
    if path.is_file():
        lines = path.read_text("utf-8", errors="replace").splitlines()
        lineno = max(
            (i for i, ln in enumerate(lines, 1) if pattern.match(ln)), default=1
        )
    return f"{path}:{lineno}"


def read_config(config: Config) -> MtConfig:
    """The typed view of ``config``'s (validated) values."""
    return MtConfig(
        **{o.name: o.setting.read(getattr(config, o.confname)) for o in OPTIONS}
    )


def get_config(env: BuildEnvironment) -> MtConfig:
    """The validated configuration of the build that ``env`` belongs to.

    Read on first use, after every ``config-inited`` handler has run, and
    kept for the rest of the build.
    """
    config = env.config
    view = getattr(config, _VIEW, None)
    if not isinstance(view, MtConfig):
        view = read_config(config)
        setattr(config, _VIEW, view)
    return view

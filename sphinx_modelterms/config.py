"""Every ``modelterms_*`` configuration value, declared once.

:data:`OPTIONS` is the registry: registration, validation at
``config-inited`` and the user guide's configuration table all come from it.
Code reads the values only through :func:`get_config`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .diagnostics import Check, WarningSubtype, warn
from .i18n import __
from .naming import one_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

__all__ = [
    "OPTIONS",
    "MtConfig",
    "Option",
    "conf_location",
    "get_config",
    "register",
    "validate",
]

PREFIX = "modelterms_"
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _str_list(value: Any) -> str | None:
    if not isinstance(value, list | tuple) or not all(
        isinstance(item, str) and item.strip() for item in value
    ):
        return "a list of non-empty strings"
    return None


def _levels(value: Any) -> str | None:
    problem = _str_list(value)
    if problem is None and not value:
        return "a non-empty list of strings"
    return problem


def _fields(value: Any) -> str | None:
    if not isinstance(value, dict) or not all(
        isinstance(k, str)
        and _FIELD_NAME.match(k)
        and isinstance(v, str)
        and k not in RESERVED_OPTIONS
        for k, v in value.items()
    ):
        return (
            "a dict mapping lower_snake field names (not an option of term-card) "
            "to labels"
        )
    return None


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "True or False"


def _writable(value: str) -> bool:
    """No lone surrogate: the text can be written to a UTF-8 file."""
    return not any("\ud800" <= ch <= "\udfff" for ch in value)


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip() and _writable(value):
        return None
    return "a non-empty string"


def _folder(value: Any) -> str | None:
    # every step of the path stays inside: no "..", ".", empty or absolute part
    if (
        not isinstance(value, str)
        or value.startswith("/")
        or "\\" in value
        or not _writable(value)
        or any(part.strip() in {"", ".", ".."} for part in value.strip("/").split("/"))
    ):
        return "a relative folder name inside the source folder"
    return None


def _count(value: Any, least: int = 2) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        return f"a whole number of at least {least}"
    return None


def _days(value: Any) -> str | None:
    return _count(value, 0)


def _external(value: Any) -> str | None:
    def location(item: Any) -> bool:
        if isinstance(item, str) and item.strip():
            return True
        return (
            isinstance(item, (tuple, list))
            and len(item) == 2
            and isinstance(item[0], str)
            and (item[1] is None or isinstance(item[1], str))
        )

    if not isinstance(value, dict) or not all(
        isinstance(k, str) and _FIELD_NAME.match(k) and location(v)
        for k, v in value.items()
    ):
        return "a dict mapping lower_snake names to a location or a (base, json) pair"
    return None


def _autolink(value: Any) -> str | None:
    if value in ("off", "first", "all"):
        return None
    return '"off", "first" or "all"'


def _delay(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 5000:
        return "a whole number of milliseconds from 0 to 5000"
    return None


def _check_names(value: Any) -> list[Any]:
    """The items of ``modelterms_checks``; a string is a comma-separated list
    (``-D modelterms_checks=all`` arrives as one on Sphinx 9, split on 8)."""
    if isinstance(value, str):
        value = [item for item in value.split(",") if item.strip()]
    if not isinstance(value, list | tuple):
        return [None]
    return [item.strip() if isinstance(item, str) else item for item in value]


def _checks(value: Any) -> str | None:
    names = {"all", *(check.value for check in Check)}
    if isinstance(value, bool) or all(
        isinstance(item, str) and item in names for item in _check_names(value)
    ):
        return None
    return f'True, "all" or a list of check names ({", ".join(Check)})'


def _selected_checks(value: Any) -> tuple[str, ...]:
    """The checks ``modelterms_checks`` names, in :class:`Check` order."""
    if isinstance(value, bool):
        names = ["all"] if value else []
    else:
        names = _check_names(value)
    return tuple(c.value for c in Check if "all" in names or c.value in names)


RESERVED_OPTIONS = frozenset(
    {"id", "aliases", "category", "level", "related", "sources", "class", "name"}
)


@dataclass(frozen=True, slots=True)
class Option:
    """One configuration value: its default, rebuild scope, check and help.

    ``help`` is one plain sentence; ``doc`` is the user guide's entry, in
    reStructuredText (``help`` stands in for it where it is empty).
    """

    name: str
    default: Any
    rebuild: str
    types: frozenset[type]
    check: Callable[[Any], str | None]
    help: str
    doc: str = ""

    @property
    def confname(self) -> str:
        return PREFIX + self.name


OPTIONS: tuple[Option, ...] = (
    Option(
        "levels",
        ["beginner", "intermediate", "advanced"],
        "env",
        frozenset({list, tuple}),
        _levels,
        "The allowed values of a card's :level: option, from easiest to hardest.",
        doc="""
        The allowed values of a card's ``:level:`` option, ordered from easiest
        to hardest. The list must not be empty. A card whose level is not in
        the list gives a ``modelterms.invalid`` warning. White space in a
        value is folded as in a card's options (``" Very  advanced "`` is
        ``Very advanced``), here and in ``modelterms_categories``.

        A project for a different audience can use its own scale:

        .. code-block:: python

           modelterms_levels = ["foundation", "practitioner", "expert"]
        """,
    ),
    Option(
        "categories",
        [],
        "env",
        frozenset({list, tuple}),
        _str_list,
        "The allowed values of :category:. Empty means any text is a category.",
        doc="""
        The allowed values of a card's ``:category:`` option. When the list is
        empty, any text is accepted as a category. When it is set, a card with
        another category gives a ``modelterms.invalid`` warning, which catches
        typos such as "Trainig" before they create a new category by accident.
        """,
    ),
    Option(
        "fields",
        {},
        "env",
        frozenset({dict}),
        _fields,
        "Project-defined fields, name to label. Each becomes an option of "
        "term-card and a row of the card's details.",
        doc="""
        Project-defined fields, as a mapping from field name to label. Each name
        becomes an option of ``term-card`` and each label is shown next to the
        value on the card. Names must be lower case letters, digits and
        underscores, starting with a letter, and must not be the name of a
        built-in option (``id``, ``aliases``, ``category``, ``level``,
        ``related``, ``sources``, ``class`` or ``name``).

        .. code-block:: python

           modelterms_fields = {"needs_reward_model": "Needs a reward model"}

        .. code-block:: rst

           .. term-card:: Direct Preference Optimization
              :id: dpo
              :needs_reward_model: no

              ...

        Fields are also rows of ``term-compare`` and columns of ``term-table``
        (see :doc:`/guide/listings`).
        """,
    ),
    Option(
        "related_symmetric",
        True,
        "env",
        frozenset({bool}),
        _bool,
        "When true, a term lists B as related whenever B lists it.",
        doc="""
        When true, relations listed in ``:related:`` work both ways: if card A
        lists B, B's card shows A among its related terms as well. Set it to
        ``False`` to show on each card only the terms that card lists itself.
        """,
    ),
    Option(
        "generated_faq",
        True,
        "env",
        frozenset({bool}),
        _bool,
        'Add generated questions ("What is X?", ...) before a card\'s own '
        "term-faq entries.",
        doc="""
        When true, each card's "Frequently asked" section starts with generated
        questions, answered from the card's own content:

        * "What is X?", answered with the short definition;
        * "What is an example of X?", when the card has a ``term-example``;
        * "How is X related to Y?", for each related term;
        * "Is X considered *level*?", when the card has a level.

        The card's own ``term-faq`` entries follow. Set it to ``False`` to show
        only the ``term-faq`` entries.
        """,
    ),
    Option(
        "term_files",
        [],
        "env",
        frozenset({list, tuple}),
        _str_list,
        "Glob patterns, relative to the source folder, of YAML, TOML or JSON "
        "files that define terms as data; each term gets a generated page.",
        doc="""
        Glob patterns, relative to the source folder, of YAML (``.yaml``,
        ``.yml``), TOML (``.toml``) or JSON (``.json``) files that define terms
        as data. Each term gets a generated page; see :doc:`/guide/term-files`.
        An absolute pattern is read when it points inside the source folder.
        A pattern that matches no file, or points outside the source folder,
        is a ``modelterms.data`` warning.

        .. code-block:: python

           modelterms_term_files = ["data/*.yaml", "data/*.toml", "data/*.json"]
        """,
    ),
    Option(
        "generated_dir",
        "terms",
        "env",
        frozenset({str}),
        _folder,
        "The folder, relative to the source folder, that receives the pages "
        "generated from term files (an index page, a page per category and "
        "one per term).",
        doc="""
        The folder, relative to the source folder, that receives the pages
        generated from :confval:`modelterms_term_files`: ``index.rst``, one
        ``category-<slug>.rst`` per category and one page per term. Only files
        the extension generated are ever rewritten or deleted there.
        """,
    ),
    Option(
        "generated_title",
        "Glossary",
        "env",
        frozenset({str}),
        _text,
        "The title of the generated index page of term-file terms.",
        doc="""
        The title of the generated ``index.rst`` that lists the terms of
        :confval:`modelterms_term_files`.
        """,
    ),
    Option(
        "backrefs",
        True,
        "env",
        frozenset({bool}),
        _bool,
        'Show on each card the pages that link its term ("Referenced from").',
        doc="""
        When true, each card ends with a "Referenced from" section that links to
        every page whose ``:mt:`` links lead to the term, other than the card's
        own page (see :doc:`/guide/listings`). Set it to ``False`` to leave the
        section off every card.
        """,
    ),
    Option(
        "graph_max_nodes",
        40,
        "env",
        frozenset({int}),
        _count,
        "A term-graph with more terms than this is drawn as one graph per "
        "category, joined by links, rather than as one tangle.",
        doc="""
        A ``term-graph`` with more terms than this is drawn as one picture per
        category, joined by links, instead of one picture (see
        :doc:`/guide/graphs`). A graph's ``:max-nodes:`` option overrides it.
        """,
    ),
    Option(
        "card_graph",
        False,
        "env",
        frozenset({bool}),
        _bool,
        "Draw on each card a small map of the term and its direct relations.",
        doc="""
        Draw on every card that has relations a small map of the term and its
        direct relations (see :doc:`/guide/graphs`).
        """,
    ),
    Option(
        "external",
        {},
        "env",
        frozenset({dict}),
        _external,
        "Term sets of other projects, name to the other site's base URL or output "
        "folder (or a (base, modelterms.json location) pair): :mt: links their "
        "terms, with tooltips, when no local term matches.",
        doc="""
        Term sets of other projects, by a name of your choice: the other site's
        base address or output folder (its ``modelterms.json`` is read from
        there), or a pair of base address and file location. ``:mt:`` links
        their terms, with tooltips, when no term of this project matches. See
        :doc:`/guide/sharing`.
        """,
    ),
    Option(
        "external_cache_days",
        5,
        "env",
        frozenset({int}),
        _days,
        "Days a downloaded term set is kept before it is fetched again.",
        doc="""
        How many days a downloaded term set is used before it is fetched again;
        ``0`` fetches it on every build. Local files are read again whenever
        they change.
        """,
    ),
    Option(
        "autolink",
        "off",
        "env",
        frozenset({str}),
        _autolink,
        'Link plain-text mentions of titles and aliases: "off", "first" (the '
        'first mention of each term on a page) or "all".',
        doc="""
        Turn plain-text mentions of titles and aliases into links, as if they
        were written with ``:mt:``: ``"first"`` links the first mention of each
        term on a page, ``"all"`` every mention. Names in lower case match in
        any case and in the plural; names in capitals (acronyms such as
        ``RLHF``) only as written, or with ``s``. Only whole words are
        linked, never inside code, literals, math, raw blocks, titles,
        existing links or the term's own card. See :doc:`/guide/referencing`.
        """,
    ),
    Option(
        "autolink_exclude",
        [],
        "env",
        frozenset({list, tuple}),
        _str_list,
        "Ids, titles or aliases that auto-linking leaves alone.",
        doc="""
        Ids, titles or aliases that auto-linking leaves alone, for names that
        are also common words in your text. An entry that is no term's id,
        title or alias gives a ``modelterms.unknown`` warning.
        """,
    ),
    Option(
        "checks",
        [],
        "env",
        frozenset({list, tuple, bool, str}),
        _checks,
        "Glossary checks (as the termcheck builder runs them) whose findings "
        'every build gives as modelterms.check warnings: a list of names, or "all".',
        doc="""
        Glossary checks whose findings every build gives as
        ``modelterms.check`` warnings: a list of names (``unreferenced``,
        ``missing-category``, ``missing-level``, ``missing-example``,
        ``missing-source``, ``related-nowhere``, ``shared-alias``), or
        ``"all"`` (``True``) for every one. A string is read as a
        comma-separated list, so ``sphinx-build -D modelterms_checks=all``
        turns every check on for one build. See :doc:`/guide/checks`.
        """,
    ),
    Option(
        "tooltips",
        True,
        "html",
        frozenset({bool}),
        _bool,
        "Give every :mt: link in HTML pages a tooltip with the term's title, "
        "category, level and short definition.",
        doc="""
        When true, every ``:mt:`` link on an HTML page gets a tooltip with the
        term's title, category, level and short definition (see
        :doc:`/guide/tooltips`). Set it to ``False`` for plain links: no tooltip
        markup, no ``aria-describedby`` and no script. Builders other than
        ``html``, ``dirhtml`` and ``singlehtml`` never get tooltips.
        """,
    ),
    Option(
        "tooltip_delay",
        300,
        "html",
        frozenset({int}),
        _delay,
        "Milliseconds the pointer rests on a link before its tooltip opens "
        "(keyboard focus opens it at once).",
        doc="""
        Milliseconds the mouse pointer must rest on a link before its tooltip
        opens, so that moving the mouse across a paragraph does not flash
        tooltips. Keyboard focus opens the tooltip at once.
        """,
    ),
    Option(
        "tooltip_hide_delay",
        200,
        "html",
        frozenset({int}),
        _delay,
        "Milliseconds a tooltip stays open after the pointer leaves both the "
        "link and the tooltip.",
        doc="""
        Milliseconds a tooltip stays open after the pointer has left both the
        link and the tooltip, long enough to move the pointer from the link onto
        the tooltip (to select its text, or to read it at a higher zoom).
        """,
    ),
    Option(
        "freeze_before_fork",
        True,
        "",
        frozenset({bool}),
        _bool,
        "In parallel builds (-j N), keep each forked worker's garbage collector "
        "off the objects it inherits from the main process.",
        doc="""
        In a parallel build (``sphinx-build -j N`` on Linux or macOS), Sphinx
        forks worker processes from a main process that holds the whole
        environment. When true, the objects Python's garbage collector tracks
        are frozen (``gc.freeze()``) just before each fork, and the main
        process unfreezes them right after it, so a worker collects only what
        it makes itself instead of walking all it inherited. Output is the
        same either way; on the large benchmark corpus, with Python 3.11, the
        workers write in well under half the time (see
        :doc:`/guide/performance`). The main process gets the objects back in
        the collector's oldest generation. It changes nothing in ``-j 1``
        builds, does nothing where something else in the process has frozen
        objects already, and nothing on free-threaded Python. Set it to
        ``False`` to fork the way Sphinx alone does.
        """,
    ),
)


@dataclass(frozen=True, slots=True)
class MtConfig:
    """Typed, validated access to the ``modelterms_*`` values."""

    levels: tuple[str, ...]
    categories: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]
    related_symmetric: bool
    generated_faq: bool
    term_files: tuple[str, ...]
    generated_dir: str
    generated_title: str
    backrefs: bool
    graph_max_nodes: int
    card_graph: bool
    external: dict[str, Any]
    external_cache_days: int
    autolink: str
    autolink_exclude: tuple[str, ...]
    checks: tuple[str, ...]
    tooltips: bool
    tooltip_delay: int
    tooltip_hide_delay: int
    freeze_before_fork: bool


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


@lru_cache(maxsize=32)
def _folded(values: tuple[str, ...]) -> tuple[str, ...]:
    """Levels and categories as a card's options are read: white space
    folded, so that ``"advanced "`` in ``conf.py`` matches ``:level: advanced``."""
    return tuple(one_line(value) for value in values)


def get_config(env: BuildEnvironment) -> MtConfig:
    """The validated configuration of the build that ``env`` belongs to."""
    config = env.config
    return MtConfig(
        levels=_folded(tuple(config.modelterms_levels)),
        categories=_folded(tuple(config.modelterms_categories)),
        fields=tuple(config.modelterms_fields.items()),
        related_symmetric=bool(config.modelterms_related_symmetric),
        generated_faq=bool(config.modelterms_generated_faq),
        term_files=tuple(config.modelterms_term_files),
        generated_dir=str(config.modelterms_generated_dir).strip("/"),
        generated_title=str(config.modelterms_generated_title),
        backrefs=bool(config.modelterms_backrefs),
        graph_max_nodes=int(config.modelterms_graph_max_nodes),
        card_graph=bool(config.modelterms_card_graph),
        external=dict(config.modelterms_external),
        external_cache_days=int(config.modelterms_external_cache_days),
        autolink=str(config.modelterms_autolink),
        autolink_exclude=tuple(config.modelterms_autolink_exclude),
        checks=_selected_checks(config.modelterms_checks),
        tooltips=bool(config.modelterms_tooltips),
        tooltip_delay=int(config.modelterms_tooltip_delay),
        tooltip_hide_delay=int(config.modelterms_tooltip_hide_delay),
        freeze_before_fork=bool(config.modelterms_freeze_before_fork),
    )

"""Pure text functions: slugs, lookup keys, the singular/plural fold of names
(its rules per language are in :mod:`.plurals`), sources.

Nothing here imports Sphinx, so the rules can be tested in milliseconds.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .model import Source
from .plurals import (
    ENGLISH,
    FRENCH,
    GERMAN,
    NO_FOLD,
    NUMBER_RULES,
    SPANISH,
    NumberRules,
    PluralRule,
    SuffixRules,
    number_rules,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "ENGLISH",
    "FRENCH",
    "GERMAN",
    "NO_FOLD",
    "NUMBER_RULES",
    "SPANISH",
    "UNSAFE_SCHEMES",
    "XML_FORBIDDEN",
    "NumberRules",
    "PluralRule",
    "SuffixRules",
    "adopted_id",
    "build_pattern",
    "fallback_id",
    "initial",
    "key",
    "number_rules",
    "number_variants",
    "one_line",
    "parse_sources",
    "plural_names",
    "safe_url",
    "slugify",
    "sort_key",
    "split_list",
    "title_order",
    "xml_safe",
]

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)  # titles and targets come back page after page
def slugify(text: str) -> str:
    """Lower case, ASCII-folded, runs of other characters become ``-``.

    >>> slugify("Reinforcement Learning from Human Feedback")
    'reinforcement-learning-from-human-feedback'
    >>> slugify("Naïve Bayes")
    'naive-bayes'
    """
    folded = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return _NON_SLUG.sub("-", bare).strip("-")


def sort_key(text: str) -> str:
    """Alphabetical order that ignores case and accents ("Ä" sorts as "A")."""
    folded = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()


#: scripts after Latin, in the order of their Unicode blocks; others follow
#: by name, and titles that start with no letter come last
_SCRIPTS = (
    "LATIN",
    "GREEK",
    "COPTIC",
    "CYRILLIC",
    "ARMENIAN",
    "HEBREW",
    "ARABIC",
    "DEVANAGARI",
    "BENGALI",
    "TAMIL",
    "THAI",
    "GEORGIAN",
    "HANGUL",
    "HIRAGANA",
    "KATAKANA",
    "CJK",
)
#: scripts whose accents are marks on a base letter ("É" is an "E"); in
#: Cyrillic "Ё" and "Й" are letters of their own
_FOLDED = frozenset({"LATIN", "GREEK"})


def _script(char: str) -> str:
    """The script of a letter, as the first word of its Unicode name."""
    return unicodedata.name(char, "").partition(" ")[0]


def _fold(char: str) -> str:
    """``char`` as a letter: a Latin or Greek one without its marks."""
    if _script(char) in _FOLDED:
        return "".join(
            c
            for c in unicodedata.normalize("NFKD", char)
            if not unicodedata.combining(c)
        )
    return unicodedata.normalize("NFKC", char)


def _order(char: str) -> str:
    """``char`` as it sorts: a Latin or Greek letter as its base letter; a
    letter of another script that carries a mark (Cyrillic "Ё", "Й") after
    every word spelt with its base letter there, as in the alphabet."""
    if _script(char) in _FOLDED:
        return _fold(char)
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) == 1:
        return char
    return decomposed[0] + "\U0010ffff" + decomposed[1:]


def initial(title: str) -> str:
    """The heading a title falls under in an A to Z list: its first letter in
    upper case, a Latin or Greek one without its accents, any other script's
    as written (a CJK title's first character); ``#`` for a title that
    starts with a digit or a symbol.

    >>> [initial(t) for t in ["élan", "Ёлка", "λ-calculus", "機械学習", "4-bit"]]
    ['E', 'Ё', 'Λ', '機', '#']
    """
    first = next(
        (
            c
            for c in unicodedata.normalize("NFC", title)
            if c.isprintable() and not c.isspace()
        ),
        "",
    )
    if not first.isalpha():
        return "#"
    base = _fold(first)[:1] or first
    upper = base.upper()
    # "ß" is "SS" in upper case: one letter heads the group
    return upper[:1]


@lru_cache(maxsize=1 << 16)
def title_order(title: str) -> tuple[int, str, str, str, str]:
    """A sort key for titles that needs no locale: Latin titles first, then
    each other script together (Greek, Cyrillic, ..., CJK), titles that
    start with a digit or a symbol last; within a script, ignoring case and
    (in Latin and Greek) accents.

    >>> titles = ["Zeta", "Ёж", "4-bit", "élan", "Ель", "Ежевика", "Alpha", "Λάμδα"]
    >>> sorted(titles, key=title_order)
    ['Alpha', 'élan', 'Zeta', 'Λάμδα', 'Ежевика', 'Ель', 'Ёж', '4-bit']
    """
    letter = initial(title)
    if letter == "#":
        rank, script = len(_SCRIPTS) + 1, ""
    else:
        script = _script(letter)
        rank = _SCRIPTS.index(script) if script in _SCRIPTS else len(_SCRIPTS)
    folded = "".join(map(_order, title.casefold()))
    # then by the letters as written: "Elan" and "Élan", "ﬁ" and "fi" apart,
    # in the same order every time
    return (rank, script, folded, unicodedata.normalize("NFKD", title), title)


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """The case- and space-insensitive key that titles and aliases match on."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def _last_word(text: str) -> tuple[str, str]:
    """``text`` with its spacing folded, split before its last word."""
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    head, sep, last = folded.rpartition(" ")
    return head + sep, last


def plural_names(name: str, rules: NumberRules = ENGLISH) -> frozenset[str]:
    """``name`` with its last word in the plural, as written.

    >>> sorted(plural_names("Reward model"))
    ['Reward models']
    >>> sorted(plural_names("Matrix"))
    ['Matrices', 'Matrixes']
    """
    head, last = _last_word(name)
    return frozenset(head + plural for plural in rules.plurals(last))


def number_variants(text: str, rules: NumberRules = ENGLISH) -> set[str]:
    """Keys of the other grammatical number of ``text``: its last word's
    singulars and plurals (a word ending in ``s`` may be either).

    >>> sorted(number_variants("Reward model"))
    ['reward models']
    >>> sorted(number_variants("index"))
    ['indexes', 'indices']
    >>> {"jailbreak", "bias", "api"} <= (
    ...     number_variants("jailbreaks")
    ...     | number_variants("biases")
    ...     | number_variants("APIs")
    ... )
    True
    """
    head, last = _last_word(text)
    variants = rules.plurals(last) | rules.singulars(last)
    return {key(head + variant) for variant in variants}


def one_line(text: str) -> str:
    r"""A title-like value: control characters become spaces, white space is
    folded; a value with no visible character (only spaces, controls and
    format characters such as the zero-width space) is empty.

    >>> one_line(" Two\t words ")
    'Two words'
    >>> one_line("\u200b\u2060 \u200b")
    ''
    """
    kept = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    line = " ".join(kept.split())
    if all(unicodedata.category(ch) in _INVISIBLE for ch in line):
        return ""
    return line


#: format characters and separators: nothing a reader can see on their own
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def split_list(value: str) -> list[str]:
    """Split a comma-separated option value; blanks are dropped."""
    return [one_line(item) for item in value.split(",") if one_line(item)]


_SOURCE = re.compile(r"^(?P<title>.*?)\s*<(?P<url>[^<>]*)>$", re.DOTALL)
_ITEM_BREAK = re.compile(r"\n|(?<=>)\s*,")

UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})


def parse_sources(value: str) -> list[Source]:
    """``Title <url>, Other <url2>`` or one source a line.

    Items are separated by newlines, or by commas that follow a ``<url>``;
    a value with neither ``<`` nor a newline is a comma list of titles.
    """
    if "<" not in value and "\n" not in value:
        items = split_list(value)
    else:
        items = [item.strip() for item in _ITEM_BREAK.split(value) if item.strip()]
    sources = []
    for item in items:
        match = _SOURCE.match(item)
        if match:
            url = match["url"].strip()
            sources.append(Source(match["title"].strip() or url, url))
        elif "://" in item and " " not in item:
            sources.append(Source(item, item))
        else:
            sources.append(Source(item))
    return sources


XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""The characters XML 1.0 does not allow: C0 controls other than tab, line
feed and carriage return, lone surrogates, U+FFFE and U+FFFF."""


def _xml_replacement(match: re.Match[str]) -> str:
    return " " if match[0] < " " else "\ufffd"


def xml_safe(text: str) -> str:
    """``text`` with every character XML forbids replaced: a control
    character by a space (as in titles), the others by U+FFFD.

    >>> xml_safe("a\x07b\uffffc")
    'a b\ufffdc'
    """
    return XML_FORBIDDEN.sub(_xml_replacement, text)


def safe_url(url: str) -> bool:
    """False for URLs that would run code or read local files in a browser."""
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    return urlsplit(cleaned).scheme.lower() not in UNSAFE_SCHEMES


_END = ""  # marks the end of a name in the trie (never a character)


def _trie_pattern(names: Iterable[str]) -> str:
    """One regular expression for ``names``, shaped as a trie: names that
    share a beginning share its part of the pattern, so the matcher's work
    at each position grows with the length of the names, not their number.
    Where one name continues another, the longer is tried first; spaces
    match any run of white space."""
    root: dict[str, Any] = {}
    for name in names:
        node = root
        for token in re.split(r"(\s+)", name):
            for char in " " if token.isspace() else token:
                node = node.setdefault(char, {})
        node[_END] = ""

    def emit(node: dict[str, Any]) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char != _END
        ]
        if _END in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(root)


def build_pattern(
    names: Iterable[str], rules: NumberRules = ENGLISH
) -> re.Pattern[str] | None:
    """One matcher for every name and its plurals (by ``rules``, as
    :func:`plural_names` gives them), with the case rules of auto-linking:
    names with a lower-case letter match in any case; names without one
    (acronyms) only as written ("APIs" for "API").  A match is a whole
    word: not part of an identifier, a path or a file name."""
    any_case: set[str] = set()
    as_written: set[str] = set()
    for written in names:
        name = written.strip()
        if name:
            bucket = any_case if any(ch.islower() for ch in name) else as_written
            bucket.add(name)
            bucket.update(plural_names(name, rules))
    parts = []
    if any_case:
        lowered = {name.lower() for name in any_case}
        parts.append("(?i:" + _trie_pattern(lowered) + ")")
    if as_written:
        parts.append(_trie_pattern(as_written))
    if not parts:
        return None
    return re.compile(r"(?<![\w\-/.])(?:" + "|".join(parts) + r")(?![\w\-/])")


def adopted_id(title: str) -> str:
    """The id an adopted glossary entry of ``title`` asks for: its slug,
    or its :func:`fallback_id` where it has none."""
    return slugify(title) or fallback_id(title)


def fallback_id(title: str) -> str:
    """The id of a term whose title has no slug (all CJK, say):
    ``term-`` and a short digest of the title."""
    return "term-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]

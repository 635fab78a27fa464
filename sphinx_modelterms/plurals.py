"""The singular/plural fold of each language, on one word.

A :class:`NumberRules` gives the plurals and the singulars of a word; the
suffix rule sets of English, French, Spanish and German are tables of
:class:`PluralRule`, and :func:`number_rules` picks one by a project's
``language`` (other languages do not fold).  Nothing here imports Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

__all__ = [
    "ENGLISH",
    "FRENCH",
    "GERMAN",
    "NO_FOLD",
    "NUMBER_RULES",
    "SPANISH",
    "NumberRules",
    "PluralRule",
    "SuffixRules",
    "number_rules",
]


@dataclass(frozen=True, slots=True)
class PluralRule:
    """One way a language forms plurals: a singular that ends with the
    first part of one of ``rewrites`` (and not just after a letter of
    ``unless_after``) takes each plural ending that its pairs give.
    ``("", "s")`` matches every word."""

    rewrites: tuple[tuple[str, str], ...]
    unless_after: str = ""

    def plurals(self, word: str) -> list[str]:
        lower = word.lower()
        out = []
        for singular, plural in self.rewrites:
            stem = len(word) - len(singular)
            if (
                lower.endswith(singular)
                and stem > 0
                and lower[stem - 1] not in self.unless_after
            ):
                out.append(word[:stem] + plural)
        return out


class NumberRules(Protocol):
    """The singular/plural fold of one language, on one word."""

    def plurals(self, word: str) -> frozenset[str]: ...
    def singulars(self, word: str) -> frozenset[str]: ...
    def __hash__(self) -> int: ...  # look-ups are cached per rule set


@dataclass(frozen=True, slots=True)
class SuffixRules:
    """Number rules made of suffix rewrites: the first :class:`PluralRule`
    that fits a singular gives its plurals, and the singulars of a word are
    the words whose plurals it is.  Acronyms (no lower-case letter) add
    ``acronym`` as written ("APIs").  Only words of two letters or more are
    folded."""

    rules: tuple[PluralRule, ...]
    acronym: str

    def plurals(self, word: str) -> frozenset[str]:
        """
        >>> sorted(ENGLISH.plurals("index"))
        ['indexes', 'indices']
        >>> sorted(ENGLISH.plurals("GPU"))
        ['GPUs']
        """
        if not _foldable(word):
            return frozenset()
        if _is_acronym(word):
            return frozenset({word + self.acronym})
        for rule in self.rules:
            found = rule.plurals(word)
            if found:
                return frozenset(found)
        return frozenset()

    def singulars(self, word: str) -> frozenset[str]:
        """Every word whose plural ``word`` is (ignoring case).

        >>> sorted(ENGLISH.singulars("analyses"))
        ['analys', 'analyse', 'analysis']
        >>> sorted(ENGLISH.singulars("KPIs"))
        ['KPI']
        """
        if not _foldable(word):
            return frozenset()
        lower = word.lower()
        pairs = [("", self.acronym)]
        pairs += [pair for rule in self.rules for pair in rule.rewrites]
        out = set()
        for singular, plural in pairs:
            if lower.endswith(plural) and len(word) > len(plural):
                candidate = word[: len(word) - len(plural)] + singular
                if lower in {p.lower() for p in self.plurals(candidate)}:
                    out.add(candidate)
        return frozenset(out)


def _foldable(word: str) -> bool:
    return len(word) >= 2 and word.isalpha()


def _is_acronym(word: str) -> bool:
    return not any(ch.islower() for ch in word)


ENGLISH = SuffixRules(
    (
        PluralRule((("y", "ies"),), unless_after="aeiou"),  # policy → policies
        PluralRule((("is", "es"),)),  # analysis → analyses
        PluralRule((("ix", "ices"), ("ix", "ixes"))),  # matrix → matrices, -es
        PluralRule((("ex", "ices"), ("ex", "exes"))),  # index → indices, -es
        # bias → biases, bus → buses, batch → batches (epoch → epochs)
        PluralRule(
            (
                ("s", "ses"),
                ("x", "xes"),
                ("z", "zes"),
                ("ch", "ches"),
                ("ch", "chs"),
                ("sh", "shes"),
            )
        ),
        PluralRule((("", "s"),)),  # model → models
    ),
    acronym="s",  # API → APIs
)
"""English: the rule set of English projects (and of projects that set no
``language``), for every fold (``:mt:``, auto-linking, checks)."""

FRENCH = SuffixRules(
    (
        PluralRule((("eau", "eaux"),)),  # réseau → réseaux
        PluralRule((("eu", "eux"),)),  # jeu → jeux
        PluralRule((("al", "aux"),)),  # signal → signaux
        PluralRule((("s", "s"), ("x", "x"), ("z", "z"))),  # processus: the same
        PluralRule((("", "s"),)),  # modèle → modèles
    ),
    acronym="",  # des API: acronyms do not change
)
"""French: the regular plurals; -ail, -ou and other lists of exceptions
are not guessed."""

SPANISH = SuffixRules(
    (
        PluralRule((("ión", "iones"),)),  # función → funciones
        PluralRule((("z", "ces"),)),  # matriz → matrices
        # a stressed last syllable loses its accent: capitán → capitanes
        PluralRule(
            (
                ("án", "anes"),
                ("én", "enes"),
                ("ín", "ines"),
                ("ón", "ones"),
                ("ás", "ases"),
                ("és", "eses"),
                ("ós", "oses"),
                ("ús", "uses"),
            )
        ),
        PluralRule((("s", "s"), ("x", "x"))),  # análisis, tórax: the same
        PluralRule(  # modelo → modelos
            tuple(
                (vowel, vowel + "s")
                for vowel in ("a", "e", "i", "o", "u", "á", "é", "ó")
            )
        ),
        # red → redes, vector → vectores; loanwords in -l, -n, -r also take -s
        PluralRule(
            (
                ("l", "les"),
                ("l", "ls"),
                ("n", "nes"),
                ("n", "ns"),
                ("r", "res"),
                ("r", "rs"),
                ("d", "des"),
                ("j", "jes"),
                ("y", "yes"),
            )
        ),
        PluralRule((("", "s"),)),  # other loanwords: chatbot → chatbots
    ),
    acronym="",  # las API: acronyms do not change
)
"""Spanish: the regular plurals; a stressed vowel is not added where the
plural needs one (examen → exámenes), and í, ú are not guessed."""

GERMAN = SuffixRules(
    (
        PluralRule(  # Einbettung → Einbettungen, Vektor → Vektoren
            tuple(
                (ending, ending + plural)
                for ending, plural in (
                    ("ung", "en"),
                    ("heit", "en"),
                    ("keit", "en"),
                    ("schaft", "en"),
                    ("ion", "en"),
                    ("tät", "en"),
                    ("ik", "en"),
                    ("ur", "en"),
                    ("enz", "en"),
                    ("anz", "en"),
                    ("or", "en"),
                )
            )
        ),
        PluralRule((("e", "en"),)),  # Methode → Methoden
        # Parameter, Token: the same, or with -n or -s (Regeln, Tokens)
        PluralRule(
            (
                ("el", "el"),
                ("el", "eln"),
                ("er", "er"),
                ("er", "ern"),
                ("en", "en"),
                ("en", "ens"),
            )
        ),
        PluralRule(tuple((vowel, vowel + "s") for vowel in "aiouy")),  # Autos
        PluralRule((("s", "s"), ("x", "x"))),  # Bias: the same
        PluralRule((("", "e"), ("", "er"), ("", "s"))),  # Modelle, Bilder, Prompts
    ),
    acronym="s",  # API → APIs
)
"""German: the regular endings only; a plural that changes a vowel
(Wort → Wörter) is never guessed."""


class _NoFold:
    """The number rules of a language without a table: none."""

    def plurals(self, word: str) -> frozenset[str]:
        return frozenset()

    def singulars(self, word: str) -> frozenset[str]:
        return frozenset()


NO_FOLD: NumberRules = _NoFold()
"""The rules of the other languages: names match ignoring case only."""

NUMBER_RULES: dict[str, NumberRules] = {
    "en": ENGLISH,
    "fr": FRENCH,
    "es": SPANISH,
    "de": GERMAN,
}
"""The rule set of each language, by its code."""


def number_rules(language: str | None) -> NumberRules:
    """The rules of a project's ``language`` ("fr_CA" and "de-AT" take
    those of their base language); English when it is not set.

    >>> number_rules("de-AT") is GERMAN and number_rules(None) is ENGLISH
    True
    >>> sorted(number_rules("ja").plurals("model"))
    []
    """
    base = re.split(r"[-_]", language or "en", maxsplit=1)[0].lower()
    return NUMBER_RULES.get(base, NO_FOLD)

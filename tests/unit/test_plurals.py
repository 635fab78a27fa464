"""The singular/plural fold of each language, over its table of cases (the
tables of the user guide's section on plurals in other languages)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_modelterms.naming import key, number_variants, plural_names
from sphinx_modelterms.plurals import (
    ENGLISH,
    FRENCH,
    GERMAN,
    NO_FOLD,
    SPANISH,
    NumberRules,
    number_rules,
)

RULES = {"fr": FRENCH, "es": SPANISH, "de": GERMAN}

CASES = [
    # (language, singular, plural, the row of the guide's table)
    ("fr", "réseau", "réseaux", "-eau → -eaux"),
    ("fr", "biseau", "biseaux", "-eau → -eaux"),
    ("fr", "jeu", "jeux", "-eu → -eux"),
    ("fr", "signal", "signaux", "-al → -aux"),
    ("fr", "journal", "journaux", "-al → -aux"),
    ("fr", "processus", "processus", "-s, -x, -z: the same"),
    ("fr", "biais", "biais", "-s, -x, -z: the same"),
    ("fr", "index", "index", "-s, -x, -z: the same"),
    ("fr", "modèle", "modèles", "-s"),
    ("fr", "détail", "détails", "-s"),
    ("fr", "modèle de langue", "modèle de langues", "-s, last word"),
    ("fr", "API", "API", "acronym: the same"),
    ("es", "función", "funciones", "-ión → -iones"),
    ("es", "matriz", "matrices", "-z → -ces"),
    ("es", "capitán", "capitanes", "stressed -án → -anes"),
    ("es", "autobús", "autobuses", "stressed -ús → -uses"),
    ("es", "análisis", "análisis", "-s, -x: the same"),
    ("es", "modelo", "modelos", "vowel -s"),
    ("es", "capa", "capas", "vowel -s"),
    ("es", "red", "redes", "-d, -j, -y, -l, -n, -r: -es"),
    ("es", "ley", "leyes", "-d, -j, -y, -l, -n, -r: -es"),
    ("es", "vector", "vectores", "-d, -j, -y, -l, -n, -r: -es"),
    ("es", "token", "tokens", "-l, -n, -r: -s too"),
    ("es", "chatbot", "chatbots", "other consonants: -s"),
    ("es", "API", "API", "acronym: the same"),
    ("de", "Einbettung", "Einbettungen", "-ung, -heit, -keit, ...: -en"),
    ("de", "Funktion", "Funktionen", "-ung, -heit, -keit, ...: -en"),
    ("de", "Vektor", "Vektoren", "-ung, -heit, -keit, ...: -en"),
    ("de", "Metrik", "Metriken", "-ung, -heit, -keit, ...: -en"),
    ("de", "Methode", "Methoden", "-e → -en"),
    ("de", "Parameter", "Parameter", "-el, -er, -en: the same, -n or -s"),
    ("de", "Regel", "Regeln", "-el, -er, -en: the same, -n or -s"),
    ("de", "Token", "Tokens", "-el, -er, -en: the same, -n or -s"),
    ("de", "Kamera", "Kameras", "-a, -i, -o, -u, -y: -s"),
    ("de", "Bias", "Bias", "-s, -x: the same"),
    ("de", "Modell", "Modelle", "other: -e, -er or -s"),
    ("de", "Bild", "Bilder", "other: -e, -er or -s"),
    ("de", "Prompt", "Prompts", "other: -e, -er or -s"),
    ("de", "API", "APIs", "acronym -s"),
]


@pytest.mark.parametrize(("language", "singular", "plural", "row"), CASES)
def test_plural_table(language: str, singular: str, plural: str, row: str) -> None:
    rules = RULES[language]
    assert plural in plural_names(singular, rules), row
    assert key(singular) in number_variants(plural, rules) | {key(plural)}, row
    last = plural.rpartition(" ")[2]
    assert singular.rpartition(" ")[2] in rules.singulars(last), row


@pytest.mark.parametrize(
    ("language", "singular", "not_plural"),
    [
        ("fr", "travail", "travaux"),  # irregular: an alias
        ("fr", "œil", "yeux"),
        ("es", "examen", "exámenes"),  # the accent a plural adds is not guessed
        ("es", "jabalí", "jabalíes"),  # -í and -ú are not guessed
        ("de", "Wort", "Wörter"),  # umlauts are not guessed
        ("de", "Maus", "Mäuse"),
        ("de", "Datum", "Daten"),
    ],
)
def test_irregular_plurals_are_not_guessed(
    language: str, singular: str, not_plural: str
) -> None:
    rules = RULES[language]
    assert key(not_plural) not in {key(p) for p in plural_names(singular, rules)}
    assert key(singular) not in number_variants(not_plural, rules)


@pytest.mark.parametrize(
    ("language", "rules"),
    [
        ("en", ENGLISH),
        (None, ENGLISH),
        ("en_GB", ENGLISH),
        ("fr", FRENCH),
        ("fr_CA", FRENCH),
        ("FR-be", FRENCH),
        ("es", SPANISH),
        ("es_MX", SPANISH),
        ("de", GERMAN),
        ("de-AT", GERMAN),
        ("it", NO_FOLD),
        ("ja", NO_FOLD),
        ("zh_CN", NO_FOLD),
    ],
)
def test_language_selects_rules(language: str | None, rules: NumberRules) -> None:
    assert number_rules(language) is rules


def test_other_languages_fold_case_only() -> None:
    assert plural_names("modello", NO_FOLD) == frozenset()
    assert number_variants("modelli", NO_FOLD) == set()


@pytest.mark.parametrize("language", sorted(RULES))
@given(word=st.text(alphabet="abdeilnorsuxyzáéíóúñüAPI", min_size=2, max_size=8))
def test_every_plural_folds_back(language: str, word: str) -> None:
    """What auto-linking matches as a plural, ``:mt:`` resolves."""
    rules = RULES[language]
    for plural in rules.plurals(word):
        found = {singular.lower() for singular in rules.singulars(plural)}
        assert word.lower() in found

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_modelterms.naming import (
    ENGLISH,
    build_pattern,
    initial,
    key,
    number_variants,
    plural_names,
    slugify,
    split_list,
    title_order,
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        (
            "Reinforcement Learning from Human Feedback",
            "reinforcement-learning-from-human-feedback",
        ),
        ("Naïve Bayes", "naive-bayes"),
        ("  RLHF  ", "rlhf"),
        ("C#", "c"),
        ("GPT-4o (mini)", "gpt-4o-mini"),
        ("Ünïcödé—dash", "unicode-dash"),
        ("大语言模型", ""),
        ("Ångström", "angstrom"),
        ("a__b", "a-b"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_key_ignores_case_and_spacing() -> None:
    assert key("  Reward   Model ") == key("reward model") == "reward model"
    assert key("STRASSE") == key("straße")


PLURALS = [
    # (singular, plural, the rule of the user guide's table)
    ("jailbreak", "jailbreaks", "-s"),
    ("reward model", "reward models", "-s, last word"),
    ("day", "days", "-s"),
    ("API", "APIs", "acronym -s"),
    ("KPI", "KPIs", "acronym -s"),
    ("GPU", "GPUs", "acronym -s"),
    ("LLM", "LLMs", "acronym -s"),
    ("policy", "policies", "-y → -ies"),
    ("bias", "biases", "-es after s"),
    ("bus", "buses", "-es after s"),
    ("box", "boxes", "-es after x"),
    ("batch", "batches", "-es after ch"),
    ("epoch", "epochs", "-s after ch"),
    ("analysis", "analyses", "-is → -es"),
    ("hypothesis", "hypotheses", "-is → -es"),
    ("index", "indices", "-ex → -ices"),
    ("index", "indexes", "-es after x"),
    ("matrix", "matrices", "-ix → -ices"),
    ("vertex", "vertices", "-ex → -ices"),
]
"""The table of cases: every fold that ``:mt:``, auto-linking and the
checks share (``tests/unit/test_lookup.py`` and ``tests/test_plurals.py``
read it too)."""


@pytest.mark.parametrize(("singular", "plural", "rule"), PLURALS)
def test_plural_table(singular: str, plural: str, rule: str) -> None:
    assert plural in plural_names(singular), rule
    head = singular.rpartition(" ")[0] + " " if " " in singular else ""
    last = plural.removeprefix(head)
    assert singular.removeprefix(head) in ENGLISH.singulars(last), rule
    assert key(singular) in number_variants(plural)
    assert key(plural) in number_variants(singular)
    # capitalised as in a title, the fold keeps the capital
    title = singular[0].upper() + singular[1:]
    assert title[0] + plural[1:] in plural_names(title)


@pytest.mark.parametrize(
    ("text", "variants"),
    [
        ("Reward model", {"reward models"}),
        ("index", {"indexes", "indices"}),
        ("policy", {"policies"}),
        ("RAG", {"rags"}),
        ("LLMs", {"llm", "llmses"}),
        ("x", set()),
        ("GPT-4", set()),
        ("", set()),
    ],
)
def test_number_variants(text: str, variants: set[str]) -> None:
    assert number_variants(text) == variants


def test_acronyms_take_s_as_written() -> None:
    assert plural_names("OS") == {"OSs"}
    assert ENGLISH.singulars("OSs") == {"OS"}
    assert ENGLISH.singulars("oses") >= {"os"}  # lower case: the word rules


@given(st.text(alphabet="abcdehilnorsuxyzABCIXY", min_size=2, max_size=8))
def test_every_plural_folds_back(word: str) -> None:
    """What auto-linking matches as a plural, ``:mt:`` resolves: each
    plural the rules make has the word among its singulars (ignoring
    case, as lookup does)."""
    for plural in ENGLISH.plurals(word):
        found = {singular.lower() for singular in ENGLISH.singulars(plural)}
        assert word.lower() in found


def test_autolink_pattern_matches_the_plurals() -> None:
    pattern = build_pattern(["Bias", "Index", "API", "Analysis", "AI"])
    assert pattern is not None
    text = "biases, Indices and indexes; APIs, analyses; apis, RAID, AIs"
    assert pattern.findall(text) == [
        "biases",
        "Indices",
        "indexes",
        "APIs",
        "analyses",
        "AIs",
    ]


def test_split_list() -> None:
    assert split_list(" a, b ,, c ") == ["a", "b", "c"]
    assert split_list("") == []


@pytest.mark.parametrize(
    ("title", "letter"),
    [
        ("Attention", "A"),
        ("élan", "E"),
        ("Ängström test", "A"),
        ("Straße", "S"),
        ("ßeta", "S"),
        ("Ёлка", "Ё"),
        ("йод", "Й"),
        ("Язык", "Я"),
        ("λ-calculus", "Λ"),
        ("\u0386\u03bb\u03c6\u03b1", "\u0391"),  # Greek Alpha with tonos
        ("機械学習", "機"),
        ("ことば", "こ"),
        ("4-bit quantization", "#"),
        ("#hashtag", "#"),
        ("  ", "#"),
        ("\uff21\uff29", "A"),  # full-width Latin
    ],
)
def test_initial(title: str, letter: str) -> None:
    assert initial(title) == letter


def test_title_order_groups_scripts() -> None:
    titles = [
        "機械学習",
        "4-bit",
        "Zeta",
        "Язык",
        "Йод",
        "Ёлка",
        "Ель",
        "Иней",
        "λ-calculus",
        "élan",
        "Alpha",
        "Embedding",
        "_private",
    ]
    assert sorted(titles, key=title_order) == [
        "Alpha",
        "élan",
        "Embedding",
        "Zeta",
        "λ-calculus",
        "Ель",
        "Ёлка",
        "Иней",
        "Йод",
        "Язык",
        "機械学習",
        "4-bit",
        "_private",
    ]


@given(st.lists(st.text(max_size=8), max_size=12))
def test_title_order_is_total_and_stable(titles: list[str]) -> None:
    once = sorted(titles, key=title_order)
    # a total order: the order the titles came in does not matter
    backwards = list(reversed(titles))
    assert sorted(backwards, key=title_order) == once
    # titles that start with no letter come after those that do
    ranks = [initial(t) == "#" for t in once]
    assert ranks == sorted(ranks)

from __future__ import annotations

import pytest

from sphinx_modelterms.naming import key, number_variants, slugify, split_list


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


@pytest.mark.parametrize(
    ("text", "variants"),
    [
        ("jailbreaks", {"jailbreak"}),
        ("jailbreak", {"jailbreaks"}),
        ("Reward models", {"reward model"}),
        ("policy", {"policies"}),
        ("policies", {"policy", "policie"}),
        ("bias", {"bia"}),
        ("classes", {"classe", "class"}),
        ("corpus", {"corpuses"}),
        ("class", {"classes"}),
        ("RAG", {"rags"}),
        ("x", set()),
        ("GPT-4", set()),
    ],
)
def test_number_variants(text: str, variants: set[str]) -> None:
    assert number_variants(text) == variants


def test_split_list() -> None:
    assert split_list(" a, b ,, c ") == ["a", "b", "c"]
    assert split_list("") == []

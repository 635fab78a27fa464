from __future__ import annotations

import pytest

from sphinx_modelterms.lookup import (
    Ambiguous,
    Found,
    NotFound,
    TermIndex,
    probe_keys,
    term_keys,
)
from sphinx_modelterms.model import Term

from .test_naming import PLURALS


def term(term_id: str, title: str, *aliases: str) -> Term:
    return Term(id=term_id, title=title, docname="doc", lineno=1, aliases=aliases)


INDEX = TermIndex(
    [
        term("rlhf", "Reinforcement Learning from Human Feedback", "RLHF"),
        term("jailbreak", "Jailbreak"),
        term("reward-model", "Reward model", "RM"),
        term("policy", "Policy"),
        term("rm-alt", "Risk matrix", "RM"),
        term("llm", "Large language model", "LLM"),
        term("data", "Data"),
        term("datum", "Datum", "datas"),
    ]
)


def test_resolution_order() -> None:
    assert INDEX.resolve("rlhf") == Found("rlhf")  # id
    assert INDEX.resolve("Reward Model") == Found("reward-model")  # slug of the text
    assert INDEX.resolve("reinforcement learning from human feedback") == Found("rlhf")
    assert INDEX.resolve("  RLHF ") == Found("rlhf")  # alias, spacing
    assert INDEX.resolve("large  Language MODEL") == Found("llm")  # title, case


def test_plural_fold() -> None:
    assert INDEX.resolve("jailbreaks") == Found("jailbreak")
    assert INDEX.resolve("Reward models") == Found("reward-model")
    assert INDEX.resolve("policies") == Found("policy")
    assert INDEX.resolve("LLMs") == Found("llm")


def test_earlier_step_wins_over_fold() -> None:
    # "datas" is an alias of datum (step 3); the fold to "data" never runs
    assert INDEX.resolve("datas") == Found("datum")


def test_ambiguous_names_every_candidate() -> None:
    assert INDEX.resolve("RM") == Ambiguous(("reward-model", "rm-alt"))


def test_not_found() -> None:
    assert INDEX.resolve("nothing") == NotFound()
    assert INDEX.resolve("   ") == NotFound()


def test_probe_keys_cover_what_resolution_reads() -> None:
    keys = probe_keys("Jailbreaks")
    assert "id:Jailbreaks" in keys
    assert "id:jailbreaks" in keys
    assert "name:jailbreaks" in keys
    assert "name:jailbreak" in keys  # fold
    assert "id:jailbreak" in keys
    assert keys & term_keys(term("jailbreak", "Jailbreak"))
    assert not keys & term_keys(term("policy", "Policy"))


def test_index_takes_the_owners_it_is_given() -> None:
    """An index given the owners of another index (as the incremental state
    keeps them) finds what that one found, without the terms' keys being
    worked out again."""
    policy, datum = term("policy", "Policy"), term("datum", "Datum")
    built = TermIndex([policy, datum])
    assert built.owners["id:policy"] == "policy"
    assert built.owners["name:datum"] == "datum"
    taken = TermIndex.from_owners(dict(built.owners))
    for target in ("policy", "Policy", "datum", "Datums", "strategy"):
        assert taken.resolve(target) == built.resolve(target), target
    assert taken.resolve("Policy") == Found("policy")
    # shared keys are kept as the sorted ids
    shared = TermIndex([term("b", "Same"), term("a", "Same")])
    assert shared.owners["name:same"] == ("a", "b")
    assert TermIndex.from_owners(shared.owners).resolve("same") == Ambiguous(("a", "b"))


@pytest.mark.parametrize(("singular", "plural", "rule"), PLURALS)
def test_plural_table_resolves(singular: str, plural: str, rule: str) -> None:
    """Each case of the table, both ways: a plural finds the term named in
    the singular, and the singular finds a term named in the plural."""
    named_singular = TermIndex([term("t", singular.capitalize()), term("o", "Other")])
    assert named_singular.resolve(plural) == Found("t"), rule
    assert named_singular.resolve(plural.upper()) == Found("t"), rule
    named_plural = TermIndex([term("t", plural), term("o", "Other")])
    assert named_plural.resolve(singular) == Found("t"), rule


def test_fold_stays_unambiguous() -> None:
    """Two terms that both fit a fold: the reference is ambiguous."""
    index = TermIndex([term("basis", "Basis"), term("base", "Base")])
    assert index.resolve("bases") == Ambiguous(("base", "basis"))
    assert index.resolve("basis") == Found("basis")  # a name itself wins
    axes = TermIndex([term("axis", "Axis"), term("axe", "Axe"), term("ax", "AX")])
    assert axes.resolve("axes") == Ambiguous(("ax", "axe", "axis"))


def test_acronym_plural_as_written() -> None:
    index = TermIndex([term("os", "Operating system", "OS")])
    assert index.resolve("OSs") == Found("os")

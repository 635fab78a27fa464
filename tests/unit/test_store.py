"""The term store: the first card of an id wins, and saved data reads back."""

from __future__ import annotations

import copy
import pickle
from dataclasses import replace
from typing import Any

from sphinx_modelterms.model import Span, Term
from sphinx_modelterms.store import TermStore


def term(term_id: str, docname: str, lineno: int = 1, title: str = "") -> Term:
    return Term(
        id=term_id,
        title=title or term_id.upper(),
        docname=docname,
        lineno=lineno,
        summary=(Span("text", f"About {term_id}."),),
    )


def empty() -> dict[str, Any]:
    return copy.deepcopy(TermStore.initial_data)


def test_the_first_card_by_page_and_line_wins_in_any_order() -> None:
    first, second = term("dpo", "a", 9, "DPO"), term("dpo", "b", 1, "Direct")
    for order in ([first, second], [second, first]):
        store = TermStore(empty())
        rivals = [store.add(record) for record in order]
        assert rivals == [None, order[0]]  # the second is the duplicate
        assert store.records("dpo") == (first, second)
        assert store.get("dpo") == first
        assert store.pages == {"dpo": "a"}
        assert store.titles == {"dpo": "DPO"}


def test_discarding_a_page_hands_the_id_to_the_card_left() -> None:
    store = TermStore(empty())
    store.add(term("dpo", "a", title="DPO"))
    store.add(term("dpo", "b", title="Direct"))
    store.add(term("rlhf", "a"))
    store.discard("dpo", "a")
    store.discard("rlhf", "a")
    assert store.ids() == ["dpo"]
    assert store.get("dpo") == term("dpo", "b", title="Direct")
    assert store.pages == {"dpo": "b"}
    assert store.titles == {"dpo": "Direct"}
    assert store.get("rlhf") is None
    assert store.records("rlhf") == ()
    assert "rlhf" not in store
    assert len(store) == 1


def test_saved_data_reads_back_the_same_records() -> None:
    data = empty()
    writer = TermStore(data)
    for i, name in enumerate(["rlhf", "dpo", "alignment"]):
        writer.add(term(name, f"page{i}"))

    reader = TermStore(pickle.loads(pickle.dumps(data)))
    assert reader.ids() == ["alignment", "dpo", "rlhf"]
    assert reader.pages["dpo"] == "page1"
    assert reader.titles["dpo"] == "DPO"
    assert reader.get("dpo") == term("dpo", "page1")
    winners = reader.winners()
    assert list(winners) == ["alignment", "dpo", "rlhf"]
    assert winners["rlhf"] == term("rlhf", "page0")
    assert "nope" not in winners
    assert [t.id for t in winners.values()] == ["alignment", "dpo", "rlhf"]


def test_a_card_wins_over_a_glossary_entry_with_its_id_wherever_each_is() -> None:
    entry = replace(term("dpo", "a", 3, "DPO"), glossary_anchors=("term-DPO", "t-2"))
    card = term("dpo", "z", 40, "Direct Preference Optimization")
    for order in ([entry, card], [card, entry]):
        store = TermStore(empty())
        for record in order:
            store.add(record)
        assert store.records("dpo") == (card, entry)
        assert store.anchor("dpo") == "mt-dpo"
        assert store.adopted() == [] and store.entry_anchors("dpo") == ()
    store.discard("dpo", "z")
    assert (store.pages["dpo"], store.anchor("dpo")) == ("a", "term-DPO")
    assert store.adopted() == ["dpo"]
    assert store.entry_anchors("dpo") == ("term-DPO", "t-2")
    store.discard("dpo", "a")
    assert store.adopted() == [] and "dpo" not in store

"""Records pickle with every field, in any process."""

from __future__ import annotations

import pickle
from dataclasses import fields

import pytest

from sphinx_modelterms.model import Comparison, Source, Span, Term

SPAN = Span("xref", "DPO", "dpo", "mt:term")
RECORDS = [
    SPAN,
    Source("A paper", "https://example.org/paper"),
    Term(
        id="rlhf",
        title="RLHF",
        docname="terms/rlhf",
        lineno=7,
        aliases=("reinforcement learning from human feedback",),
        category="Training",
        level="intermediate",
        related=("dpo", "reward model"),
        summary=(Span("text", "Tuning with "), SPAN),
        example=(Span("emphasis", "ranked answers"),),
        sources=(Source("InstructGPT", "https://arxiv.org/abs/2203.02155"),),
        fields=(("year", "2017"),),
        examples=("A chat model tuned on rankings.",),
        faq=(("Does it need a reward model?", "Classic RLHF does."),),
    ),
    Comparison("rlhf-dpo", "RLHF and DPO", "compare", 3, ("rlhf", "dpo")),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_record_pickles_every_field(record: object) -> None:
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        loaded = pickle.loads(pickle.dumps(record, protocol))
        assert type(loaded) is type(record)
        assert loaded == record
        # field by field, so a value put in the wrong field cannot pass
        for field in fields(record):  # type: ignore[arg-type]
            assert getattr(loaded, field.name) == getattr(record, field.name)


def test_layout_version_follows_the_record_fields(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Records pickle by position: changing their fields must change the
    version that makes Sphinx drop a stored environment."""
    from dataclasses import make_dataclass

    from sphinx_modelterms import model
    from sphinx_modelterms.domain import DATA_REVISION

    same = model.layout_version(DATA_REVISION)
    assert model.layout_version(DATA_REVISION + 1) != same
    names = [f.name for f in fields(Term)]
    changed = {
        "added": [*names, "extra"],
        "removed": names[:-1],
        "moved": [names[1], names[0], *names[2:]],
    }
    for fieldset in changed.values():
        other = make_dataclass("Term", fieldset)
        monkeypatch.setattr(model, "_RECORDS", (Span, Source, other, Comparison))
        assert model.layout_version(DATA_REVISION) != same, fieldset
    monkeypatch.setattr(model, "_RECORDS", (Span, Source, Term, Comparison))
    assert model.layout_version(DATA_REVISION) == same

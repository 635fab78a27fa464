"""Reading option blocks: reST field lines, MyST option lines and YAML blocks."""

from __future__ import annotations

import pytest

from sphinx_modelterms.directives._options import (
    OptionBlockError,
    RawOption,
    myst_block,
    myst_options,
    rst_options,
)


def test_rst_options_keep_repeats_lines_and_continuations() -> None:
    lines = [
        "   :related: alpha",
        "   :related: beta,",
        "      gamma",
        "   :class:",
        "   :sources: One <https://example.org/1>",
        "      Two <https://example.org/2>",
    ]
    assert rst_options(lines, 5) == [
        RawOption("related", "alpha", 5),
        RawOption("related", "beta,\ngamma", 6),
        RawOption("class", "", 8),
        RawOption(
            "sources", "One <https://example.org/1>\nTwo <https://example.org/2>", 9
        ),
    ]


def test_rst_option_values_are_text_not_markup() -> None:
    # docutils would refuse a value holding inline markup, losing the card
    assert rst_options([":aliases: *starred*, `ticked`"], 1) == [
        RawOption("aliases", "*starred*, `ticked`", 1)
    ]


@pytest.mark.parametrize(
    ("lines", "block", "start", "taken", "rest"),
    [
        (["---", "a: 1", "---", "---"], ["a: 1"], 1, 3, ""),  # then a rule
        (["---", "a: 1", "--- Body"], ["a: 1"], 1, 3, "Body"),
        (["---", "  a: 1", "  b: 2"], ["a: 1", "b: 2"], 1, 3, ""),  # not closed
        ([":a: 1", "  :b: 2", "", "Body"], ["a: 1", "b: 2"], 0, 2, ""),
        (["::::{note}", "Body"], [], 0, 0, ""),  # a colon fence is no option
        (["Body", ":a: 1"], [], 0, 0, ""),
    ],
)
def test_myst_block(
    lines: list[str], block: list[str], start: int, taken: int, rest: str
) -> None:
    assert myst_block(lines) == (block, start, taken, rest)


def test_myst_options_keep_repeats_and_read_yaml_lists() -> None:
    block = [
        "related: [beta, gamma]",
        "related: delta",
        "aliases:",
        "  - one",
        "  - two, with a comma",
        "class: ''",
        "sources: |",
        "  One <https://example.org/1>",
        "  Two <https://example.org/2>",
    ]
    assert myst_options(block, 10) == [
        RawOption("related", ("beta", "gamma"), 10),
        RawOption("related", "delta", 11),
        RawOption("aliases", ("one", "two, with a comma"), 12),
        RawOption("class", "", 15),
        RawOption(
            "sources", "One <https://example.org/1>\nTwo <https://example.org/2>", 16
        ),
    ]


def test_an_unreadable_myst_block_says_where() -> None:
    with pytest.raises(OptionBlockError) as raised:
        myst_options(["id: x", 'aliases: "a\\,b"'], 7)
    assert raised.value.line == 8

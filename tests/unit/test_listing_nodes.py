"""Glossary groups and long term tables, built from records alone."""

from __future__ import annotations

from docutils import nodes

from sphinx_modelterms.model import Term
from sphinx_modelterms.render.indexes import index_block, index_groups, merge_letters
from sphinx_modelterms.render.tables import GROUPED_ROWS, labels, term_table


def term(title: str, category: str = "", level: str = "") -> Term:
    return Term(
        id=title.lower(),
        title=title,
        docname="d",
        lineno=1,
        category=category,
        level=level,
    )


def names(groups: list[tuple[str, list[Term]]]) -> list[tuple[str, list[str]]]:
    return [(name, [t.title for t in terms]) for name, terms in groups]


def letters(*titles: str) -> list[tuple[str, list[str]]]:
    return names(index_groups([term(t) for t in titles], "letter", ()))


def test_one_term_letters_share_a_heading() -> None:
    # B, C and Q hold one term each: one heading for them all (no term
    # starts with a letter between them); Z, alone at the end of the Latin
    # letters, joins the letter before it
    assert letters(
        "Apple",
        "Avocado",
        "Banana",
        "Cherry",
        "Quince",
        "Raisin",
        "Rhubarb",
        "Zucchini",
    ) == [
        ("A", ["Apple", "Avocado"]),
        ("B\u2013Q", ["Banana", "Cherry", "Quince"]),
        ("R\u2013Z", ["Raisin", "Rhubarb", "Zucchini"]),
    ]


def test_a_lone_one_term_letter_joins_the_next() -> None:
    assert letters("Apple", "Avocado", "Banana", "Cherry", "Chestnut") == [
        ("A", ["Apple", "Avocado"]),
        ("B\u2013C", ["Banana", "Cherry", "Chestnut"]),
    ]


def test_scripts_are_not_merged() -> None:
    # a script's only letter keeps its heading, and so do digits
    assert letters("Apple", "Avocado", "Λάμδα", "Ёлка", "Язык", "機械", "42") == [
        ("A", ["Apple", "Avocado"]),
        ("Λ", ["Λάμδα"]),
        ("Ё\u2013Я", ["Ёлка", "Язык"]),
        ("機", ["機械"]),
        ("#", ["42"]),
    ]


def test_letters_with_more_terms_keep_their_headings() -> None:
    groups = [("A", [term("A1"), term("A2")]), ("B", [term("B1"), term("B2")])]
    assert names(merge_letters(groups)) == names(groups)


def test_categories_are_never_merged() -> None:
    terms = [term("One", "Alpha"), term("Two", "Beta"), term("Three")]
    groups = index_groups(terms, "category", ["Beta", "Alpha"])
    assert names(groups) == [("Beta", ["Two"]), ("Alpha", ["One"]), ("", ["Three"])]


def jump_bar(*titles: str) -> list[str]:
    groups = index_groups([term(t) for t in titles], "letter", ())
    block = index_block(groups, "letter", 1)
    bars = [n for n in block if "mt-index-jump" in n.get("classes", [])]
    return [bar.astext() for bar in bars]


def test_the_jump_bar_needs_two_groups() -> None:
    # two terms share one heading ("B-E"): a bar with a single link to the
    # heading right below it would only repeat the heading
    assert jump_bar("Batch size", "Epoch") == []
    assert jump_bar("Apple", "Avocado", "Banana", "Blueberry") == ["A B"]


def table(count: int, sort: str = "term") -> list[nodes.Node]:
    terms = [
        term(f"{chr(ord('A') + i % 3)}{i:03}", level="beginner") for i in range(count)
    ]
    terms.sort(key=lambda t: t.title)
    return term_table(
        terms,
        ["term", "level"],
        labels([]),
        lambda t: [],
        lambda t: [],
        sort=sort,
        anchor="mt-table-1",
    )


def test_a_long_table_gets_letter_rows_and_a_jump_bar() -> None:
    assert [type(n) for n in table(GROUPED_ROWS)] == [nodes.table]
    jump, long = table(GROUPED_ROWS + 1)
    assert isinstance(jump, nodes.paragraph)
    assert [r["refid"] for r in jump.findall(nodes.reference)] == [
        "mt-table-1-a",
        "mt-table-1-b",
        "mt-table-1-c",
    ]
    rows = list(long.findall(nodes.row))[1:]  # the header row aside
    headings = [r for r in rows if "mt-table-group" in r["classes"]]
    assert [(r["ids"], r.astext()) for r in headings] == [
        (["mt-table-1-a"], "A"),
        (["mt-table-1-b"], "B"),
        (["mt-table-1-c"], "C"),
    ]
    # each heading spans the row, and comes before its letter's terms
    assert all(r[0]["morecols"] == 1 for r in headings)
    assert rows[0] is headings[0]
    assert rows[1].astext().startswith("A")
    assert len(rows) == GROUPED_ROWS + 1 + 3


def test_a_long_table_sorted_by_a_field_is_not_grouped() -> None:
    assert len(table(GROUPED_ROWS + 1, sort="owner")) == 1


def test_a_long_table_sorted_by_level_is_grouped_by_level() -> None:
    jump, _long = table(GROUPED_ROWS + 1, sort="-level")
    assert jump.astext() == "beginner"

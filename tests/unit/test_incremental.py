"""The pure part of the incremental rule: which pages a change affects."""

from __future__ import annotations

from sphinx_modelterms.incremental import changes, listing_pages, relinked_listings
from sphinx_modelterms.model import Listing, Span, Term
from sphinx_modelterms.savedstate import pack, snapshot, unpack
from sphinx_modelterms.selection import page_pattern, referenced


def make(term_id: str, summary: str, docname: str, *related: str) -> Term:
    return Term(
        id=term_id,
        title=term_id.title(),
        docname=docname,
        lineno=1,
        related=related,
        summary=(Span("text", summary),),
    )


A = make("alpha", "First.", "a", "beta")
B = make("beta", "Second.", "b")
C = make("gamma", "Third.", "c")
USES = {"a": ("beta",), "p": ("Betas",), "q": ("gamma",), "r": ("alpha",)}
DOCS = {"alpha": "a", "beta": "b", "gamma": "c"}


def rewrite(before: list[Term], after: list[Term]) -> set[str]:
    def state(terms: list[Term]) -> dict[str, str]:
        return {t.id: pack(snapshot(t)) for t in terms}

    def resolve(target: str) -> str | None:
        return target if target in DOCS else None

    return changes(state(before), state(after), USES, resolve, DOCS).pages


def test_unchanged_rewrites_nothing() -> None:
    assert rewrite([A, B, C], [A, B, C]) == set()


def test_edited_summary_reaches_links_and_related_cards() -> None:
    edited = make("beta", "Second, edited.", "b")
    # a: card of alpha lists beta; p: links "Betas" (plural fold)
    assert rewrite([A, B, C], [A, edited, C]) == {"a", "p"}


def test_new_relation_reaches_the_other_card() -> None:
    now_related = make("gamma", "Third.", "c", "alpha")
    # alpha's card (page a) now shows gamma; q, which links gamma, shows
    # nothing of gamma's relations
    assert rewrite([A, B, C], [A, B, now_related]) == {"a"}


def test_removed_term_reaches_its_users() -> None:
    assert rewrite([A, B, C], [A, B]) == {"q"}


def test_moved_term_changes_its_links() -> None:
    moved = Term(**{**A.to_json(), "docname": "elsewhere", "summary": A.summary})
    assert rewrite([A, B, C], [moved, B, C]) == {"r", "b"}


def test_fingerprint_ignores_line_numbers() -> None:
    shifted = Term(**{**A.to_json(), "lineno": 40, "summary": A.summary})
    assert snapshot(shifted) == snapshot(A)


def test_listings_follow_their_filters() -> None:
    training = Listing(("Training",), (), (), backrefs=False)
    everything = Listing((), (), (), backrefs=True)
    beginners = Listing((), ("beginner",), ("d*",), backrefs=False)
    listings = {"t": [training], "all": [everything], "b": [beginners]}
    term = Term(id="x", title="X", docname="d", lineno=1, category="Safety")
    moved = Term(id="x", title="X", docname="d", lineno=1, category="Training")
    assert listing_pages(listings, [snapshot(term)], []) == {"all"}
    # a term that leaves or joins a category is shown before or after
    assert listing_pages(listings, [snapshot(term), snapshot(moved)], []) == {
        "t",
        "all",
    }
    # back-references only matter to tables that show them
    assert listing_pages(listings, [], [snapshot(moved)]) == {"all"}


def test_listings_of_referencing_pages_follow_the_links_that_came_or_went() -> None:
    chapter = Listing((), (), (), backrefs=False, referenced_from=("ch1/*",))
    anywhere = Listing((), (), (), backrefs=False, referenced_from=("*",))
    safety = Listing(("Safety",), (), (), backrefs=False, referenced_from=("*",))
    plain = Listing((), (), (), backrefs=False)
    listings = {"c": [chapter], "a": [anywhere], "s": [safety], "p": [plain]}
    term = snapshot(Term(id="x", title="X", docname="d", lineno=1))
    assert relinked_listings(listings, [(term, {"ch1/intro"})]) == {"c", "a"}
    assert relinked_listings(listings, [(term, {"ch2/intro"})]) == {"a"}
    assert relinked_listings(listings, []) == set()


def test_packed_records_round_trip_and_compare_as_text() -> None:
    """Equal records pack to equal text whatever objects hold their values
    (the state compares records as text), and unpack to the same record."""
    odd = make("déjà-vu", 'A "quoted", odd\nsummary.', "a b/ünï", "beta", "gamma")
    shown = snapshot(odd)
    assert unpack(pack(shown)) == shown
    rebuilt = type(shown)(*("".join(list(v)) if type(v) is str else v for v in shown))
    assert rebuilt.docname is not shown.docname
    assert pack(rebuilt) == pack(shown)
    assert pack(snapshot(A)) != pack(snapshot(B))


def test_referenced_from_entries_read_like_toctree_entries() -> None:
    here = "guide/chapter1/end"
    assert page_pattern(here, ".") == here
    assert page_pattern(here, "*") == "guide/chapter1/*"
    assert page_pattern(here, "intro") == "guide/chapter1/intro"
    assert page_pattern(here, "../appendix/*") == "guide/appendix/*"
    assert page_pattern(here, "/reference/a-z") == "reference/a-z"
    assert page_pattern(here, "/*") == "*"
    # ".." cannot climb out of the source folder
    assert page_pattern("index", "../../x") == "x"
    assert referenced(["guide/chapter1/*"], ["guide/chapter1/intro"])
    assert not referenced(["guide/chapter1/*"], ["guide/appendix/a"])
    assert referenced([], [])  # no pattern: no filter

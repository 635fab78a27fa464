"""Hostile input: markup, quotes, unsafe URLs, control characters, bidi text,
emoji and CJK in every place a term's text can go, from reST, MyST and term
files, through the html, latex, text, xml and json builders.

Each (root, builder) pair is built once per module and shared.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from sphinx.testing.util import SphinxTestApp

from sphinx_modelterms.naming import slugify

from .conftest import ROOTS, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from bs4 import Tag

ROOTS_UNDER_TEST = {"hostile": "rst", "hostile-myst": "md"}
BUILDERS = ["html", "latex", "text", "xml", "json"]
PAGES = ["cards", "scripts", "control", "dup", "index"]

XSS = "<script>alert(1)</script> & \"double\" 'single'"
XSS_ALIASES = "<img src=x onerror=alert(1)>, \u201cquoted alias\u201d, it\u2019s"
XSS_CATEGORY = "</script><script>alert(3)</script>"
XSS_VENDOR = "<img src=x onerror=alert(4)> \u201cq\u201d \u2018q\u2019 </script>"
ARABIC = "تعلم الآلة"
HEBREW = "למידה עמוקה"
CJK = "大型语言模型"
LONG = ("Very long title " * 40)[:500].strip()
# link text on the links page -> the id it must resolve to (None: a hash id)
BY_TITLE: dict[str, str | None] = {
    ARABIC: None,
    HEBREW: None,
    CJK: "cjk",
    "機械学習 (ML)": "ml",
    "🤖 Robot 🚀": "robot",
    "🔥": None,
    LONG: slugify(LONG),
    "xss": "xss",
    "大模型": "cjk",
    "\u201cquoted alias\u201d": "xss",
}
HASH_ID = re.compile(r"term-[0-9a-f]{8}")
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip
QUOTES = str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str, str], SphinxTestApp]:
    """``built(root, builder)``: that root built once with that builder."""
    apps: dict[tuple[str, str], SphinxTestApp] = {}

    def get(root: str, builder: str) -> SphinxTestApp:
        if (root, builder) not in apps:
            srcdir = tmp_path_factory.mktemp(f"{root}-{builder}") / "src"
            shutil.copytree(ROOTS / f"test-{root}", srcdir)
            app = SphinxTestApp(builder, srcdir=srcdir, freshenv=True)
            try:
                app.build()
            finally:
                app.cleanup()
            apps[root, builder] = app
        return apps[root, builder]

    return get


def line_of(app: SphinxTestApp, page: str, needle: str) -> int:
    """The 1-based line of the first line of ``page`` holding ``needle``."""
    for number, line in enumerate((app.srcdir / page).read_text("utf8").split("\n")):
        if needle in line:
            return number + 1
    raise AssertionError((page, needle))


def expected_warnings(app: SphinxTestApp, ext: str) -> list[str]:
    cards, scripts, dup = f"cards.{ext}", f"scripts.{ext}", f"dup.{ext}"
    opening = "term-card} " if ext == "md" else "term-card:: "

    def card(page: str, title: str) -> int:
        return line_of(app, page, opening + title)

    sources = line_of(app, cards, ":sources: Evil")  # the option's own line

    refused = "is refused (unsafe scheme); the title is kept [modelterms.invalid]"
    no_id = "has no usable id (its slug is empty); using 'term-<hash>'"
    dup_line = "WARNING: duplicate term id {!r}: also declared at {}:{} "
    return sorted(
        [
            f"{cards}:{sources}: WARNING: source URL 'javascript:alert(5)' {refused}",
            f"{cards}:{sources}: WARNING: source URL 'JaVaScRiPt:alert(6)' {refused}",
            *(
                f"{cards}:{card(cards, t)}: WARNING: term {t!r} {no_id} "
                "[modelterms.invalid]"
                for t in (ARABIC, HEBREW, "🔥")
            ),
            f"{scripts}:{card(scripts, 'Naïve')}: "
            + dup_line.format("naive", dup, card(dup, "Naive"))
            + "[modelterms.duplicate]",
            f"{scripts}:{card(scripts, 'C')}: "
            + dup_line.format("c", dup, card(dup, "C#"))
            + "[modelterms.duplicate]",
        ]
    )


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_builds_with_exactly_the_expected_warnings(
    built: Callable[[str, str], SphinxTestApp], root: str, builder: str
) -> None:
    app = built(root, builder)
    got = sorted(HASH_ID.sub("term-<hash>", w) for w in warnings_of(app))
    assert got == expected_warnings(app, ROOTS_UNDER_TEST[root])
    assert "Traceback" not in app.status.getvalue() + app.warning.getvalue()
    assert "build succeeded" in app.status.getvalue()


# -- HTML ----------------------------------------------------------------------


class _Balance(HTMLParser):
    """Checks that every non-void element is closed, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> at {self.getpos()}, open: {self.stack[-3:]}")
            if tag in self.stack:  # recover
                del self.stack[len(self.stack) - 1 - self.stack[::-1].index(tag) :]
        else:
            self.stack.pop()


def assert_balanced(markup: str, where: str) -> None:
    parser = _Balance()
    parser.feed(markup)
    parser.close()
    assert parser.errors == [], where
    assert parser.stack == [], where


def assert_safe(page: BeautifulSoup | Tag, content: Tag, where: str) -> None:
    """No script, image or handler from the input; no ``javascript:`` URL."""
    for script in page.find_all("script"):
        if script.get("type") == "application/ld+json":
            text = script.string or ""
            assert "</" not in text, where
            assert "<!--" not in text, where
            json.loads(text)  # still whole: nothing broke out of it
        elif script.get("src"):
            # local files only: no CDN, nothing injected
            assert not urlsplit(str(script["src"])).netloc, (where, script)
        else:
            assert script.find_parent("div", class_="body") is None, (where, script)
            assert "alert" not in script.get_text(), (where, script)
    assert content.find_all(["img", "svg", "iframe", "object", "embed"]) == [], where
    for tag in page.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (where, tag.name, name)
            values = value if isinstance(value, list) else [value]
            for one in values:
                bare = "".join(ch for ch in str(one) if ch.isprintable()).strip()
                assert not bare.replace(" ", "").lower().startswith("javascript:"), (
                    where,
                    tag.name,
                    name,
                    one,
                )


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_html_is_well_formed_and_safe(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    app = built(root, "html")
    pages = sorted(app.outdir.glob("*.html"))
    assert {p.stem for p in pages} >= set(PAGES)
    for path in pages:
        markup = path.read_text("utf8")
        page = BeautifulSoup(markup, "html.parser")
        content = page.select_one("div.body")
        assert content is not None, path.name
        assert_balanced(str(content), path.name)
        assert_safe(page, content, path.name)


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_hostile_text_is_shown_as_text(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    app = built(root, "html")
    card = soup(app, "cards.html").select_one("div.mt-card#mt-xss")
    assert card is not None
    # Sphinx's smart quotes apply to the title; the markup stays text
    title = card.select_one(".mt-card-title").get_text()
    assert title.translate(QUOTES) == XSS
    assert card.select_one(".mt-category").get_text() == "Category: " + XSS_CATEGORY
    # aliases are names, shown as written (as the term table shows them)
    aliases = card.select_one(".mt-aliases").get_text()
    assert aliases == "Also called: " + XSS_ALIASES.translate(QUOTES)
    assert card.select_one(".mt-field-vendor td p").get_text() == XSS_VENDOR
    summary = card.select_one(".mt-summary").get_text()
    assert summary.startswith("Summary with <script>alert(7)</script>, </script>")
    questions = [dt.get_text() for dt in card.select(".mt-faq dt")]
    assert "Is <img src=x onerror=alert(8)> \u201csafe\u201d \u2018?\u2019" in questions
    assert f"What is {title}?" in questions  # the title as the card shows it
    # refused URLs keep their titles as plain text; the safe URL stays whole
    sources = card.select(".mt-sources li")
    assert [li.get_text(strip=True) for li in sources] == ["Evil", "Mixed case", "Good"]
    assert [a["href"] for a in card.select(".mt-sources a")] == [
        'https://example.org/?a=1&b="2"'
    ]
    # the tooltip on the links page shows the same text, as text
    tip = soup(app, "scripts.html").select_one("#mt-tip-xss")
    assert tip is not None
    assert tip.get("role") == "tooltip"
    assert title in tip.get_text()
    assert tip.find_all(["script", "img", "a"]) == []


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_unicode_titles_get_ids_and_links_by_title_resolve(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    app = built(root, "html")
    cards = soup(app, "cards.html")
    ids = {
        c.select_one(".mt-card-title").get_text(): str(c["id"])
        for c in cards.select(".mt-card")
    }
    links = soup(app, "scripts.html").select_one("div.body")
    assert links.select(".mt-missing") == []
    got = {a.get_text(): str(a["data-mt-term"]) for a in links.select("p a.mt-ref")}
    assert set(got) == set(BY_TITLE)
    for text, term in BY_TITLE.items():
        if term is None:
            assert HASH_ID.fullmatch(got[text]), (text, got[text])
            assert ids[text] == f"mt-{got[text]}"
        else:
            assert got[text] == term, text
    hashed = [got[t] for t, term in BY_TITLE.items() if term is None]
    assert len(set(hashed)) == len(hashed)
    for a in links.select("p a.mt-ref"):
        page, _, anchor = str(a["href"]).partition("#")
        assert page == "cards.html", a
        assert cards.find(id=anchor) is not None, anchor
        assert a["aria-describedby"] == f"mt-tip-{a['data-mt-term']}"
        assert links.parent.find(id=f"mt-tip-{a['data-mt-term']}") is not None


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_very_long_title(built: Callable[[str, str], SphinxTestApp], root: str) -> None:
    app = built(root, "html")
    assert len(LONG) == 500
    card = soup(app, "cards.html").select_one(f"#mt-{slugify(LONG)}")
    assert card is not None
    assert card.select_one(".mt-card-title").get_text() == LONG
    tip = soup(app, "scripts.html").select_one(f"#mt-tip-{slugify(LONG)}")
    assert tip is not None
    assert LONG in tip.get_text()


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_titles_with_one_slug_are_duplicates(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    app = built(root, "html")
    ext = ROOTS_UNDER_TEST[root]
    duplicates = [w for w in warnings_of(app) if "[modelterms.duplicate]" in w]
    assert len(duplicates) == 2
    for term_id, here, there in [("naive", "Naïve", "Naive"), ("c", "C", "C#")]:
        (warning,) = [w for w in duplicates if f"id {term_id!r}" in w]
        assert warning.startswith(f"scripts.{ext}:"), warning
        assert f"also declared at dup.{ext}:" in warning
        here_line = int(warning.split(":")[1])
        source = (app.srcdir / f"scripts.{ext}").read_text("utf8").split("\n")
        assert source[here_line - 1].endswith(here), (warning, here)
        there_line = int(warning.rsplit(":", 1)[1].split()[0])
        source = (app.srcdir / f"dup.{ext}").read_text("utf8").split("\n")
        assert source[there_line - 1].endswith(there), (warning, there)
    # both cards still render; the first document (in name order) wins links
    assert soup(app, "dup.html").select_one("#mt-naive .mt-summary")
    assert soup(app, "scripts.html").select_one(".mt-card .mt-summary")


# -- other builders --------------------------------------------------------------


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_xml_is_well_formed(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    app = built(root, "xml")
    for page in ["cards", "scripts", "dup", "index"]:
        tree = ElementTree.parse(app.outdir / f"{page}.xml")
        assert tree.getroot().tag == "document"
    tree = ElementTree.parse(app.outdir / "cards.xml")
    titles = [c.get("mt_title") for c in tree.iter("mt_card")]
    assert XSS in titles
    assert ARABIC in titles
    assert LONG in titles


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_control_characters_do_not_break_xml(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    app = built(root, "xml")
    text = (app.outdir / "control.xml").read_text("utf8")
    found = sorted({repr(c) for c in CONTROL.findall(text)})
    assert found == [], (
        "control.xml holds control characters taken from the card's title, "
        f"aliases, category or field values: {found}"
    )
    ElementTree.parse(app.outdir / "control.xml")


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_control_characters_fold_out_of_the_id(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    app = built(root, "html")
    page = soup(app, "control.html")
    assert page.select_one(".mt-card")["id"] == "mt-bell-term"
    assert [a["data-mt-term"] for a in page.select("p a.mt-ref")] == ["bell-term"]


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_latex_escapes_markup(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    app = built(root, "latex")
    (tex_path,) = app.outdir.glob("*.tex")
    tex = tex_path.read_text("utf8")
    assert (
        r"\textless{}script\textgreater{}alert(1)\textless{}/script\textgreater{}"
        in (tex)
    )
    assert "<script>" not in tex
    assert "<img" not in tex
    assert "javascript:" not in tex.lower()
    for text in [ARABIC, HEBREW, CJK, "🤖 Robot 🚀", LONG]:
        assert text in tex, text


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_text_output_shows_input_verbatim(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    app = built(root, "text")
    cards = (app.outdir / "cards.txt").read_text("utf8")
    flat = " ".join(cards.split())
    for text in [XSS, XSS_CATEGORY, ARABIC, HEBREW, CJK, "🤖 Robot 🚀", LONG]:
        assert text in flat, text
    assert "javascript:" not in flat.lower()


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_json_bodies_are_safe(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    app = built(root, "json")
    for page in PAGES:
        data = json.loads((app.outdir / f"{page}.fjson").read_text("utf8"))
        markup = data["body"]
        assert_balanced(markup, page)
        fragment = BeautifulSoup(markup, "html.parser")
        assert fragment.find_all("script") == [], page
        assert_safe(fragment, fragment, page)
    cards = json.loads((app.outdir / "cards.fjson").read_text("utf8"))
    shown = BeautifulSoup(cards["body"], "html.parser").get_text()
    assert XSS in shown.translate(QUOTES)


# -- term files -------------------------------------------------------------------

DATA_XSS = "<svg onload=alert(9)> \"yaml\" 'term'"


@pytest.fixture(scope="module")
def data_app(built: Callable[[str, str], SphinxTestApp]) -> SphinxTestApp:
    return built("hostile-data", "html")


def test_term_file_values_are_text_and_unsafe_urls_are_refused(
    data_app: SphinxTestApp,
) -> None:
    app = data_app
    refused = [w for w in warnings_of(app) if "is refused (unsafe scheme)" in w]
    assert [w.split(" WARNING: ")[0] for w in refused] == ["data/hostile.yaml:12:"] * 2
    assert all(w.endswith("[modelterms.data]") for w in refused)
    assert "javascript:alert(13)" in refused[0]
    assert "javascript:alert(14)" in refused[1]
    for path in sorted(app.outdir.rglob("*.html")):
        page = BeautifulSoup(path.read_text("utf8"), "html.parser")
        content = page.select_one("div.body")
        assert content is not None, path
        assert_balanced(str(content), path.name)
        assert_safe(page, content, path.name)
    card = soup(app, "terms/yaml-xss.html").select_one("#mt-yaml-xss")
    assert card is not None
    assert DATA_XSS in card.get_text().translate(QUOTES)
    summary = card.select_one(".mt-summary").get_text()
    assert (
        summary
        == "YAML summary with <script>alert(10)</script> and \u201cquotes\u201d."
    )
    sources = [li.get_text(strip=True) for li in card.select(".mt-sources li")]
    assert sources[:2] == ["Bad", "Worse"]
    assert len(sources) == 3


def test_term_file_source_url_with_angle_brackets_stays_a_link(
    data_app: SphinxTestApp,
) -> None:
    card = soup(data_app, "terms/yaml-xss.html").select_one("#mt-yaml-xss")
    last = card.select(".mt-sources li")[-1]
    assert last.get_text(strip=True) == "Fine \u201csource\u201d", (
        "source {title: 'Fine \"source\"', url: \"https://example.org/?q=<x>&r='y'\"} "
        f"renders as {last.get_text(strip=True)!r}"
    )
    assert [a["href"] for a in last.select("a")] in (
        ["https://example.org/?q=<x>&r='y'"],
        ["https://example.org/?q=%3Cx%3E&r='y'"],
    )


def test_term_file_title_without_slug_gets_a_hash_id(data_app: SphinxTestApp) -> None:
    app = data_app
    # kept under a digest id, with the same warning a term-card gets
    found = [w for w in warnings_of(app) if "人工智能" in w]
    assert len(found) == 1, found
    assert "has no usable id (its slug is empty); using 'term-" in found[0]
    link = soup(app, "index.html").select_one("a.mt-ref:-soup-contains('人工智能')")
    assert link is not None
    assert HASH_ID.fullmatch(str(link["data-mt-term"]))


def test_term_file_cjk_categories_get_their_own_titled_pages(
    data_app: SphinxTestApp,
) -> None:
    app = data_app
    foreign = [w for w in warnings_of(app) if "[modelterms." not in w]
    assert foreign == [], f"generated pages give Sphinx warnings: {foreign}"
    pages = sorted(p.name for p in (app.srcdir / "terms").glob("category-*.rst"))
    assert len(pages) == 2, f"two CJK categories share one page: {pages}"
    titles = {
        soup(app, f"terms/{p.removesuffix('.rst')}.html").select_one("h1")
        for p in pages
    }
    assert None not in titles

"""Characters XML forbids and unsafe URLs in the pure layers: the text
helpers, the Graphviz code, the JSON-LD, term files and imported term sets."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from sphinx_modelterms.exports.jsonld import script_json
from sphinx_modelterms.exports.skos import literal
from sphinx_modelterms.naming import xml_safe
from sphinx_modelterms.render.graph import Drawing, GraphNode, dot_code
from sphinx_modelterms.render.svg import inline_svg
from sphinx_modelterms.sources.datafiles import load_term_file
from sphinx_modelterms.sources.external import parse_term_set

if TYPE_CHECKING:
    from pathlib import Path

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def test_xml_safe_replaces_every_forbidden_character() -> None:
    assert (
        xml_safe("a\x07b\uffffc\ud800d\ufffe\t\n\r") == "a b\ufffdc\ufffdd\ufffd\t\n\r"
    )
    assert xml_safe("\U0001f916 \ufffd \ue000") == "\U0001f916 \ufffd \ue000"


def drawing(summary: str) -> Drawing:
    return Drawing(
        "Map",
        [GraphNode("odd", "Odd\uffff", "", summary, "index", "mt-odd")],
    )


def test_dot_code_holds_nothing_xml_forbids() -> None:
    code = dot_code(drawing("Bad \uffff and \ud800."), lambda _b: "", lambda _c: 0)
    assert not FORBIDDEN.search(code)
    assert '"Odd\ufffd: Bad \ufffd and \ufffd."' in code


def test_dot_code_cuts_a_long_short_definition() -> None:
    """Graphviz refuses a quoted string over 16 KB."""
    code = dot_code(drawing("word " * 4000), lambda _b: "", lambda _c: 0)
    (tooltip,) = re.findall(r'tooltip="([^"]*)"', code)
    assert tooltip.startswith("Odd\ufffd: word word")
    assert tooltip.endswith("word\u2026")
    assert len(tooltip) < 500


def test_inline_svg_refuses_an_unreadable_svg() -> None:
    """The writer then lists the relations (with a warning)."""
    svg = "<svg><title>\uffff</title></svg>"
    assert inline_svg(svg, drawing("x"), {}, "mt-g1") == ""


def test_jsonld_escapes_what_xml_forbids() -> None:
    script = script_json({"name": "a\uffffb\ud800c\x07"})
    body = script.removeprefix('<script type="application/ld+json">')
    body = body.removesuffix("</script>")
    assert not FORBIDDEN.search(script)
    assert json.loads(body) == {"name": "a\uffffb\ud800c\x07"}


def test_skos_literals_hold_no_surrogate_or_noncharacter() -> None:
    assert literal("a\uffffb\ud800c\x07") == '"a\ufffdb\ufffdc\\u0007"'


def test_term_files_replace_what_xml_forbids(tmp_path: Path) -> None:
    data = {
        "terms": [
            {"title": "T\ud800", "summary": "S\uffff", "aliases": ["A\x07"]},
        ]
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data, indent=1))
    problems: list[tuple[str, int]] = []
    (term,) = load_term_file(path, lambda m, _p, line: problems.append((m, line)))
    assert (term.title, term.summary, term.aliases) == ("T\ufffd", "S\ufffd", ["A"])
    assert problems == [
        (
            "'title' of 'T\ufffd' holds the lone surrogate U+D800 (half of a UTF-16 "
            "pair, not a character), which XML forbids; it is replaced",
            4,
        ),
        (
            "'summary' of 'T\ufffd' holds the character U+FFFF, which XML forbids; "
            "it is replaced",
            5,
        ),
    ]


def test_imported_terms_with_unsafe_urls_are_left_out() -> None:
    data = {
        "terms": [
            {"id": "js", "title": "JS", "url": "javascript:alert(document.domain)"},
            {"id": "js2", "title": "JS2", "url": " JaVa\tScRiPt:alert(1)"},
            {"id": "dat", "title": "Data", "url": "data:text/html,<script>x"},
            {"id": "vb", "title": "VB", "url": "vbscript:x"},
            {"id": "ok", "title": "Ok\uffff", "url": "ok.html#mt-ok"},
            {"id": "abs", "title": "Abs", "url": "https://example.com/a#mt-abs"},
        ]
    }
    refused: list[tuple[str, str]] = []
    for base in ("", "https://example.org/docs"):
        refused.clear()
        terms = parse_term_set("other", base, data, lambda i, u: refused.append((i, u)))
        assert [t.id for t in terms] == ["ok", "abs"]
        assert [i for i, _u in refused] == ["js", "js2", "dat", "vb"]
        assert terms[0].title == "Ok\ufffd"
        assert terms[0].url == (f"{base}/ok.html#mt-ok" if base else "ok.html#mt-ok")
        # a URL with its own scheme is the other site's to give
        assert terms[1].url == "https://example.com/a#mt-abs"

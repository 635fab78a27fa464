"""The configuration registry: every value declared once, every validator,
and the typed view read once per build."""

from __future__ import annotations

import pickle
from dataclasses import fields
from types import SimpleNamespace
from typing import Any

import pytest

from sphinx_modelterms import _config_values as values
from sphinx_modelterms import config as cfg
from sphinx_modelterms.config import OPTIONS, MtConfig, read_config


def test_every_field_is_one_registered_option() -> None:
    assert [o.name for o in OPTIONS] == [f.name for f in fields(MtConfig)]
    assert len({o.confname for o in OPTIONS}) == len(OPTIONS)
    for option in OPTIONS:
        assert option.confname == f"modelterms_{option.name}"
        assert option.rebuild in {"env", "html", ""}, option.name
        assert option.help and "\n" not in option.help, option.name


@pytest.mark.parametrize("option", OPTIONS, ids=lambda o: o.name)
def test_defaults_pass_their_check_and_pickle(option: cfg.Option) -> None:
    assert option.check(option.default) is None
    assert type(option.default) in option.types
    # Sphinx pickles the configuration with the environment
    assert pickle.loads(pickle.dumps(option.default)) == option.default


def test_the_typed_view_of_the_defaults() -> None:
    conf = SimpleNamespace(**{o.confname: o.default for o in OPTIONS})
    view = read_config(conf)  # type: ignore[arg-type]
    assert view.levels == ("beginner", "intermediate", "advanced")
    assert view.categories == ()
    assert view.fields == ()
    assert view.checks == ()
    assert view.generated_dir == "terms"
    assert dict(view.external) == {}
    with pytest.raises(TypeError):
        view.external["x"] = "y"  # type: ignore[index]


def test_reading_folds_and_normalises() -> None:
    values = {o.confname: o.default for o in OPTIONS}
    values.update(
        modelterms_levels=[" Very  advanced ", "basic"],
        modelterms_fields={"size": "Size"},
        modelterms_generated_dir="gen/terms/",
        modelterms_checks="unreferenced, missing-source",
    )
    view = read_config(SimpleNamespace(**values))  # type: ignore[arg-type]
    assert view.levels == ("Very advanced", "basic")
    assert view.fields == (("size", "Size"),)
    assert view.generated_dir == "gen/terms"
    assert view.checks == ("unreferenced", "missing-source")


def test_the_filter_box_setting_reads_as_the_fewest_entries() -> None:
    for value, fewest in ((True, 1), (False, 0), (12, 12)):
        conf = {o.confname: o.default for o in OPTIONS}
        conf["modelterms_filter_box"] = value
        view = read_config(SimpleNamespace(**conf))  # type: ignore[arg-type]
        assert view.filter_box == fewest


def test_get_config_reads_once_per_configuration() -> None:
    defaults = {o.confname: o.default for o in OPTIONS}
    env: Any = SimpleNamespace(config=SimpleNamespace(**defaults))
    first = cfg.get_config(env)
    assert cfg.get_config(env) is first
    # a new build has a new configuration, and a new view of it
    env.config = SimpleNamespace(**defaults | {"modelterms_autolink": "all"})
    assert cfg.get_config(env).autolink == "all"


# (validator, accepted values, refused values)
VALIDATORS: list[tuple[Any, list[Any], list[Any]]] = [
    (values.str_list, [[], ["a"], ("a", "b")], ["a", [""], [" "], [1], None]),
    (values.level_list, [["a"], ("a", "b")], [[], (), "abc", [None]]),
    (
        values.field_labels,
        [{}, {"size": "Size"}, {"a_1": ""}],
        [{"Size": "x"}, {"1a": "x"}, {"id": "x"}, {"class": "x"}, {"a": 1}, []],
    ),
    (values.boolean, [True, False], [0, 1, "yes", None]),
    (values.filter_box, [True, False, 1, 12], [0, -3, 2.5, "yes", None]),
    (values.text, ["Glossary", " x "], ["", "   ", "G\udc00", None, 3]),
    (
        values.folder,
        ["terms", "gen/terms", "gen/terms/"],
        ["", "/abs", "../up", "x/../../escaped", "a/./b", "a\\b", "t\ud800", None],
    ),
    (values.count, [2, 40], [1, 0, -1, True, 2.5, "3"]),
    (values.days, [0, 1, 5], [-1, True, 1.5, "3", None]),
    (values.question_count, [0, 1, 3], [-1, False, 1.0, "1", None]),
    (
        values.term_sets,
        [{}, {"partner": "https://x.org/"}, {"p": ("https://x.org/", None)}],
        [{"Bad-Name": "x"}, {"p": ""}, {"p": ("a", "b", "c")}, {"p": (1, None)}, []],
    ),
    (values.autolink_mode, ["off", "first", "all"], ["on", True, None, "First"]),
    (values.delay, [0, 300, 5000], [-1, 5001, True, 1.5, "300"]),
    (
        values.check_names,
        [True, False, "all", ["unreferenced"], "unreferenced,missing-source", []],
        [["nope"], "nope", 3, None],
    ),
]


@pytest.mark.parametrize(
    ("check", "good", "bad"), VALIDATORS, ids=[v[0].__name__ for v in VALIDATORS]
)
def test_validator(check: Any, good: list[Any], bad: list[Any]) -> None:
    for value in good:
        assert check(value) is None, value
    for value in bad:
        problem = check(value)
        assert isinstance(problem, str) and problem, value


def test_every_option_has_its_validator_tested() -> None:
    tested = {v[0] for v in VALIDATORS}
    assert {o.setting.check for o in OPTIONS} <= tested

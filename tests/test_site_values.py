"""Values of site.yaml that the site engine prints, and glossary words, can change no code
(issue #9, classes 1 and 2).

MkDocs and Material print some configuration values into HTML as they are (the site URL in
every canonical link). Each value of ``content/site.yaml`` either has a strict grammar,
which refuses anything that could leave an attribute or a script (checked here for every
field the schema gives a grammar, so a new field is covered the day it is added), or is
free text, which reaches ``build/mkdocs.yml`` and the generated snippets escaped for where
it lands. No site engine runs here: the engine tree is generated and read.
"""

from __future__ import annotations

import ast
import html
import io
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from answer_center import commands
from answer_center.load import load_bytes
from answer_center.project import Project
from answer_center.render.consumers import BASE_URL_PLACE, SYNC_EXAMPLE
from answer_center.validate.schema import SchemaSet, dereference
from conftest import SITE_YAML
from sample_site import copy_project

REPOSITORY = Path(__file__).resolve().parents[1]
SCHEMAS = SchemaSet(REPOSITORY / "schemas")
ONE_LINE = ("^[^\\n]*$", "^[^\\n]*\\Z")
"""The one-line pattern of free text, as written and as bundled for Python."""

BREAKERS = ('"', "'", "<", ">", " ", "\\", "\u00e9", "`")
"""Characters that leave a quoted or unquoted attribute, a string literal or a URL."""


def grammar_fields(node: Any, where: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """``(location, pattern)`` of every string of site.yaml held to a grammar (``*`` for a
    list item or a free key), from the site schema itself."""
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" and node.get("pattern", ONE_LINE[0]) not in ONE_LINE:
        yield where, str(node["pattern"])
    for key, sub in node.get("properties", {}).items():
        yield from grammar_fields(sub, (*where, key))
    if isinstance(node.get("items"), dict):
        yield from grammar_fields(node["items"], (*where, "*"))
    if isinstance(node.get("propertyNames"), dict):
        names = dict(node["propertyNames"], type="string")
        yield from grammar_fields(names, (*where, "<key>"))


SITE_SCHEMA = SCHEMAS.bundled("site.schema.json")
GRAMMARS = dict(grammar_fields(dereference(SITE_SCHEMA)))
SAMPLE: Mapping[str, Any] = yaml.safe_load(
    SITE_YAML + "redirects:\n  - {from: old-one, to: new-one, kind: answer}\n"
)


def test_every_grammar_field_of_site_yaml_is_known() -> None:
    # A new grammar field is tested below automatically; this list says which exist, so a
    # reviewer sees it grow.
    assert sorted(GRAMMARS) == sorted(
        [
            ("base_url",),
            ("language",),
            ("languages", "*"),
            ("publisher", "url"),
            ("support", "url"),
            ("license", "url"),
            ("crawlers", "agents", "<key>"),
            ("crawlers", "disallow_paths", "*"),
            ("indexnow_key",),
            ("redirects", "*", "from"),
            ("redirects", "*", "to"),
        ]
    )


def valid_value(where: tuple[str, ...]) -> str:
    """A value the field accepts, to break."""
    if where[-1] == "url" or where == ("base_url",):
        return "https://answers.example.com/"
    if where[0] in ("language", "languages"):
        return "zh-CN"
    if where[-1] == "<key>":
        return "GPTBot"
    if where[0] == "crawlers":
        return "/drafts/"
    if where == ("indexnow_key",):
        return "5b0e7d2c9a4f4e1b"
    return "old-one"


def site_with(where: tuple[str, ...], value: str) -> str:
    """SITE_YAML with the field at ``where`` set to ``value`` (written as JSON, so exact)."""
    data = json.loads(json.dumps(SAMPLE))
    parent: Any = data
    for key in where[:-1]:
        parent = parent.setdefault(key, {}) if key != "*" else parent[0]
        if key in ("languages", "disallow_paths"):
            parent = parent if isinstance(parent, list) else []
    last = where[-1]
    if last == "<key>":
        parent.clear()
        parent[value] = "allow"
    elif last == "*":
        data_list = [value]
        if where[0] == "languages":
            data["languages"] = data_list
        else:
            data["crawlers"]["disallow_paths"] = data_list
    else:
        parent[last] = value
    return json.dumps(data, ensure_ascii=False)


def diagnostics(text: str) -> list[tuple[str, str]]:
    loaded = load_bytes(text.encode("utf-8"), "content/site.yaml")
    assert loaded.document is not None, loaded.diagnostics
    return [(d.rule, d.text("en")) for d in SCHEMAS.check(loaded.document, "site.schema.json")]


@pytest.mark.parametrize("where", sorted(GRAMMARS), ids=lambda w: "/".join(w))
def test_each_grammar_accepts_its_sample_value(where: tuple[str, ...]) -> None:
    assert diagnostics(site_with(where, valid_value(where))) == []


@pytest.mark.parametrize("breaker", BREAKERS, ids=[f"U+{ord(c):04X}" for c in BREAKERS])
@pytest.mark.parametrize("where", sorted(GRAMMARS), ids=lambda w: "/".join(w))
def test_no_grammar_field_takes_a_character_that_breaks_out(
    where: tuple[str, ...], breaker: str
) -> None:
    good = valid_value(where)
    bad = good[:-1] + breaker + "x" + good[-1] if len(good) > 2 else good + breaker
    if where[-1] == "<key>" and breaker == " ":
        # One space may join the words of a crawler's name (Sogou web spider): robots.txt
        # reads a User-agent line to its end. Two in a row, or at an end, are refused.
        bad = good + "  x"
    found = diagnostics(site_with(where, bad))
    assert found, f"{'/'.join(where)} accepted {bad!r}"
    assert {rule for rule, _ in found} <= {"schema/pattern", "schema/key-name"}


@pytest.mark.parametrize(
    "url",
    [
        'https://example.com/u"><script>alert(1)</script>/',
        "https://example.com/a b/",
        "javascript:alert(1)//",
        "http://example.com/",
        "https://EXAMPLE.com/",
        "https://例子.com/",
        "https://example.com/%zz/",
        "https://example.com/?q=1/",
        "https://example.com",
        "https://example.com/a\\b/",
        "https://user@example.com/",
    ],
)
def test_base_url_is_https_a_lowercase_host_and_plain_segments(url: str) -> None:
    ((rule, message),) = diagnostics(site_with(("base_url",), url))
    assert rule == "schema/pattern" and message.startswith("base_url: base_url is https://")


def test_a_refused_url_is_located_at_its_value(mini_project: Any) -> None:
    text = SITE_YAML.replace("  url: https://example.com/support", '  url: "https://e.com/\\"x"')
    mini_project.write("site.yaml", text)
    assert ("content/site.yaml", 11, 8, "schema/pattern") in mini_project.found()


# ------------------------------------------------------------------------------------------
# Free text of site.yaml reaches build/mkdocs.yml and the generated snippets escaped.
# ------------------------------------------------------------------------------------------

PAYLOAD = "\"'><script>alert(1)</script>{{ 7*7 }}{% raw %}&amp;"
FREE_TEXT = (
    ("name",),
    ("description",),
    ("editorial_team",),
    ("publisher", "name"),
    ("license", "name"),
    ("feed", "title"),
    ("home", "title"),
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = copy_project(tmp_path_factory.mktemp("site-values"))
    path = project.content_dir / "site.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for where in FREE_TEXT:
        target = data
        for key in where[:-1]:
            target = target[key]
        target[where[-1]] = f"{target[where[-1]]} {PAYLOAD}"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    err = io.StringIO()
    assert commands.generate(project, err, use_cache=False) is not None, err.getvalue()
    return project


CONTENT_KEYS = ("site_name", "site_description", "site_author", "copyright")


def config_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from config_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from config_strings(item)


def test_free_text_reaches_the_engine_configuration_as_html_text(generated: Project) -> None:
    config = yaml.safe_load((generated.build_dir / "mkdocs.yml").read_text(encoding="utf-8"))
    printed = [config[key] for key in CONTENT_KEYS]
    printed += list(config_strings(config["nav"])) + list(config_strings(config["extra"]))
    assert any("alert(1)" in value for value in printed)
    for value in printed:
        assert not re.search(r"[<>\"']", value), value
        assert "&" not in re.sub(r"&(?:amp|lt|gt|quot|#x27);", "", value), value
    assert html.unescape(config["site_name"]).endswith(PAYLOAD)


def test_the_sync_script_embeds_the_base_url_as_a_string_literal(generated: Project) -> None:
    consumers = (generated.build_dir / "docs" / "machine-readable" / "index.md").read_text(
        encoding="utf-8"
    )
    code = consumers.split("```python\n", 1)[1].split("\n```", 1)[0]
    tree = ast.parse(code)
    base = next(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id == "BASE"
    )
    assert isinstance(base, ast.Constant) and base.value == "https://answers.alltkn.com/"
    template = (REPOSITORY / "src" / "answer_center" / SYNC_EXAMPLE).read_text(encoding="utf-8")
    assert f"BASE = {BASE_URL_PLACE}" in template


# ------------------------------------------------------------------------------------------
# Glossary words (class 2).
# ------------------------------------------------------------------------------------------

GLOSSARY = (
    "id: quota\nterm: {term}\ndefinition: 配额是一段时间内允许使用的量。\n"
    "published: 2026-03-01\nupdated: 2026-03-01\n"
)


def word_problems(term: str) -> list[str]:
    text = GLOSSARY.replace("{term}", json.dumps(term, ensure_ascii=False))
    loaded = load_bytes(text.encode("utf-8"), "content/glossary/quota.yaml")
    assert loaded.document is not None
    return [d.rule for d in SCHEMAS.check(loaded.document, "glossary.schema.json")]


@pytest.mark.parametrize(
    "word",
    [
        "a",
        "限",
        "429",
        "...",
        "--",
        "   ",
        " SSE",
        "SSE ",
        "S\nSE",
        "[x]",
        "`x`",
        "**x**",
        "1.0",
        "!!!",
    ],
)
def test_a_glossary_word_that_is_not_a_real_word_is_refused(word: str) -> None:
    assert word_problems(word), word


@pytest.mark.parametrize(
    "word",
    ["SSE", "限流", "HTTP 429", "API Key", "resetAt", "base_url", '" onmouseover="x', "退避重试"],
)
def test_real_words_pass(word: str) -> None:
    assert word_problems(word) == []

"""What an editor sees in VS Code: Chinese hover help, completion snippets that validate,
and a verdict on each file that agrees with the loader's as far as a schema can say.

The YAML extension reads the raw schemas as draft-07 (a ``$ref`` hides its siblings) with
ECMA-262 patterns; :func:`editor_verdict` does the same with jsonschema, reading a final
``$`` as ECMA does (the end of the text, never before a final line break).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator
from referencing import Registry, Resource

from answer_center.kinds import ENTRY_KINDS, KINDS_BY_SECTION, SITE_FILE, SITE_SCHEMA
from answer_center.load import load_bytes
from answer_center.validate.placeholders import is_placeholder
from answer_center.validate.schema import (
    COMMON_SCHEMA,
    SchemaSet,
    _python_pattern,
    bundle,
    dereference,
)

REPOSITORY = Path(__file__).resolve().parents[1]
SCHEMAS = REPOSITORY / "schemas"
INPUT_SCHEMAS = (*(kind.schema_file for kind in ENTRY_KINDS), SITE_SCHEMA, COMMON_SCHEMA)
CJK = re.compile(r"[\u4e00-\u9fff]")
TAB_STOP = re.compile(r"\$\{\d+:((?:[^}\\]|\\.)*)\}")
TODAY = {"${CURRENT_YEAR}": "2026", "${CURRENT_MONTH}": "12", "${CURRENT_DATE}": "02"}


def raw(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


def nodes(node: Any, where: str = "#") -> Iterator[tuple[str, Any]]:
    """Every JSON value in a schema file, with its pointer."""
    yield where, node
    if isinstance(node, dict):
        for key, child in node.items():
            if key != "defaultSnippets":
                yield from nodes(child, f"{where}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from nodes(child, f"{where}/{index}")


@pytest.mark.parametrize("name", INPUT_SCHEMAS)
def test_every_property_has_chinese_hover_help_and_keeps_its_english(name: str) -> None:
    found = [
        (f"{where}/properties/{key}", child)
        for where, node in nodes(raw(name))
        if isinstance(node, dict) and isinstance(node.get("properties"), dict)
        for key, child in node["properties"].items()
    ]
    assert found
    assert [w for w, child in found if not CJK.search(child.get("description", ""))] == []
    assert [w for w, child in found if not child.get("x-description-en")] == []


def load_script() -> Any:
    spec = importlib.util.spec_from_file_location(
        "schema_snippets", REPOSITORY / "scripts/schema_snippets.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_snippets_are_derived_from_the_schemas_as_they_are() -> None:
    # After changing an input schema, run scripts/schema_snippets.py.
    expected = load_script().expected()
    assert sorted(expected) == sorted(INPUT_SCHEMAS)
    stale = [
        name
        for name, text in expected.items()
        if (SCHEMAS / name).read_text(encoding="utf-8") != text
    ]
    assert stale == []


def fill(body: Any) -> Any:
    """A snippet's body as VS Code inserts it when the editor accepts every default."""
    if isinstance(body, dict):
        return {key: fill(value) for key, value in body.items()}
    if isinstance(body, list):
        return [fill(value) for value in body]
    text = str(body)
    for variable, value in TODAY.items():
        text = text.replace(variable, value)
    return re.sub(r"\\(.)", r"\1", TAB_STOP.sub(lambda m: m.group(1), text))


def snippets() -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    for name in INPUT_SCHEMAS:
        for where, node in nodes(raw(name)):
            if isinstance(node, dict):
                for snippet in node.get("defaultSnippets", []):
                    yield name, where, node, snippet


SNIPPETS = list(snippets())


def test_each_kind_and_each_list_of_mappings_has_a_snippet() -> None:
    roots = {name for name, where, _, _ in SNIPPETS if where == "#"}
    assert roots == {kind.schema_file for kind in ENTRY_KINDS}
    lists = {
        (name, where)
        for name in INPUT_SCHEMAS
        for where, node in nodes(raw(name))
        if where.endswith("/items") and isinstance(node, dict) and "properties" in node
    }
    assert lists <= {(name, where) for name, where, _, _ in SNIPPETS}
    assert {
        ("answer.schema.json", "#/properties/evidence_fields/items"),
        ("common.schema.json", "#/$defs/related/items"),
        ("site.schema.json", "#/properties/redirects/items"),
    } <= lists


@pytest.mark.parametrize(
    ("name", "where", "node", "snippet"), SNIPPETS, ids=[f"{n}{w}" for n, w, _, _ in SNIPPETS]
)
def test_a_snippet_filled_as_it_comes_validates(
    name: str, where: str, node: dict[str, Any], snippet: dict[str, Any]
) -> None:
    schema = dereference(bundle(node, raw(COMMON_SCHEMA)))
    value = fill(snippet["body"])
    assert list(Draft202012Validator(schema).iter_errors(value)) == []
    assert CJK.search(snippet["label"]) and CJK.search(snippet["description"])
    # What it leaves to write starts with TODO, so validation points at each value.
    assert any(is_placeholder(v) for v in json_strings(value))


def json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)
    else:
        yield str(value)


# --- the editor's verdict against the loader's ---------------------------------------------------


def ecma(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: _python_pattern(v) if k == "pattern" and isinstance(v, str) else ecma(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [ecma(item) for item in node]
    return node


@functools.cache
def editor(schema_file: str) -> Draft7Validator:
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(ecma(raw(name)))) for name in INPUT_SCHEMAS
    )
    return Draft7Validator(ecma(raw(schema_file)), registry=registry)


def schema_for(relative: str) -> str | None:
    """The schema the editor settings map a content path to."""
    parts = relative.split("/")
    if parts == [SITE_FILE]:
        return SITE_SCHEMA
    kind = KINDS_BY_SECTION.get(parts[0])
    if kind is None or len(parts) != (3 if kind.nested else 2):
        return None
    return kind.schema_file


def content_files() -> Iterator[tuple[str, Path]]:
    for root in (
        REPOSITORY / "content",
        *sorted((REPOSITORY / "tests/bad_input").glob("*/content")),
    ):
        for path in sorted(root.rglob("*.yaml")):
            if path.is_file() and not path.is_symlink():
                yield f"{root.parent.name}:{path.relative_to(root).as_posix()}", path


CASES = [(label, path) for label, path in content_files() if schema_for(label.split(":", 1)[1])]


@pytest.mark.parametrize(("label", "path"), CASES, ids=[label for label, _ in CASES])
def test_the_editor_flags_a_file_exactly_when_the_loader_finds_a_schema_error(
    label: str, path: Path
) -> None:
    relative = label.split(":", 1)[1]
    schema_file = schema_for(relative)
    assert schema_file is not None
    loaded = load_bytes(path.read_bytes(), f"content/{relative}")
    if loaded.document is None:
        pytest.skip("the loader refuses the file before any schema (YAML a schema cannot judge)")
    loader_flags = bool(SCHEMA_SET.check(loaded.document, schema_file))
    editor_flags = not editor(schema_file).is_valid(loaded.document.data)
    assert editor_flags == loader_flags


SCHEMA_SET = SchemaSet(SCHEMAS)


def test_the_comparison_covers_files_both_accept_and_files_both_refuse() -> None:
    verdicts = set()
    for label, path in CASES:
        relative = label.split(":", 1)[1]
        schema_file = schema_for(relative)
        assert schema_file is not None
        loaded = load_bytes(path.read_bytes(), f"content/{relative}")
        if loaded.document is not None:
            verdicts.add(bool(SCHEMA_SET.check(loaded.document, schema_file)))
    assert verdicts == {True, False}

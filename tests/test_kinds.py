"""Kinds and outputs are declared once, and every other place agrees with the declarations.

A kind's module declares its folder, URL, outputs, references and typed fields; the JSON
Schemas (input and published) list kinds too. These tests fail when one of them forgets
a kind, so adding a kind cannot leave a schema, an enum or a typed field behind.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from pathlib import Path
from typing import Any

import pytest

from answer_center.fields import key_of
from answer_center.kinds import ENTRY_KINDS, KINDS_BY_NAME, Kind, reference_kinds
from answer_center.kinds.kind import ENTRY_OUTPUTS, MIRROR, PAGE, SEARCH
from answer_center.output_formats import OUTPUT_FORMATS
from answer_center.validate.schema import SchemaSet, dereference
from answer_center.words import vocabulary

REPOSITORY = Path(__file__).resolve().parents[1]
SCHEMAS = REPOSITORY / "schemas"
SCHEMA_SET = SchemaSet(SCHEMAS)

COMMON_KEYS = frozenset(
    {"id", "title", "term", "lang", "status", "published", "updated", "tags", "author", "related"}
)
"""Keys every entry's Entry holds itself (``kinds/<kind>.py`` types only the rest)."""


def raw(name: str) -> Any:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def test_every_kind_has_a_module_a_schema_and_a_content_folder() -> None:
    assert [k.name for k in ENTRY_KINDS] == [
        "answer",
        "topic",
        "checklist",
        "guide",
        "example",
        "use-case",
        "integration",
        "template",
        "solution",
        "glossary",
    ]
    for kind in ENTRY_KINDS:
        assert (SCHEMAS / kind.schema_file).is_file(), kind.name
        assert (REPOSITORY / "content" / kind.section).is_dir(), kind.name
        assert raw(kind.schema_file)["$id"] == kind.schema_file
    assert len({k.section for k in ENTRY_KINDS}) == len(ENTRY_KINDS)
    assert len({k.order for k in ENTRY_KINDS}) == len(ENTRY_KINDS)


def test_published_schemas_list_exactly_the_declared_kinds() -> None:
    names = [k.name for k in ENTRY_KINDS]
    index = raw("api-index.schema.json")
    assert index["$defs"]["kind"]["enum"] == names
    related = raw("api-entry.schema.json")["$defs"]["relatedLink"]["properties"]["kind"]
    assert related["enum"] == [*names, "home", "external"]
    mirror = raw("mirror.schema.json")["properties"]["kind"]
    assert mirror["enum"] == [*names, "page"]
    redirect = raw("site.schema.json")["properties"]["redirects"]["items"]["properties"]["kind"]
    assert set(redirect["enum"]) == {k.name for k in ENTRY_KINDS if k.has(PAGE)}


def test_every_kind_has_its_words() -> None:
    for language in ("zh-CN", "en"):
        words = vocabulary(language)
        for kind in ENTRY_KINDS:
            assert words(f"kinds.{kind.name}.one") and words(f"kinds.{kind.name}.many")
            if kind.llms_section not in (None, "optional"):
                assert words(str(kind.llms_section))


@pytest.mark.parametrize("kind", ENTRY_KINDS, ids=[k.name for k in ENTRY_KINDS])
def test_typed_fields_follow_the_schema(kind: Kind) -> None:
    """The dataclass of a kind's own fields has an attribute for each key its schema has
    (beyond the keys every Entry holds), optional exactly where the schema says so."""
    schema = dereference(SCHEMA_SET.bundled(kind.schema_file))

    def compare(cls: type[Any], node: dict[str, Any], where: str, top: bool) -> None:
        properties = node["properties"]
        required = set(node.get("required", ()))
        keys = set(properties) - (COMMON_KEYS if top else set())
        fields = {key_of(f): f for f in dataclasses.fields(cls)}
        assert set(fields) == keys, where
        hints = typing.get_type_hints(cls)
        for key, field in fields.items():
            optional = field.default is not dataclasses.MISSING
            assert optional == (key not in required), f"{where}.{key}"
            annotation = hints[field.name]
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            inner = args[0] if typing.get_origin(annotation) is tuple and args else annotation
            if typing.get_origin(annotation) in (typing.Union, type(int | None)) and args:
                inner = args[0]
            if dataclasses.is_dataclass(inner) and isinstance(inner, type):
                sub = properties[key]
                compare(inner, sub.get("items", sub), f"{where}.{key}", False)

    compare(kind.fields, schema, kind.name, True)


@pytest.mark.parametrize("kind", ENTRY_KINDS, ids=[k.name for k in ENTRY_KINDS])
def test_references_name_fields_of_the_schema_and_declared_kinds(kind: Kind) -> None:
    schema = dereference(SCHEMA_SET.bundled(kind.schema_file))
    for reference in kind.references:
        node: Any = schema
        for part in reference.path:
            node = node["items"] if part == "*" else node["properties"][part]
        assert node.get("type") == "string", (kind.name, reference.path)
        assert reference_kinds(reference) <= {*KINDS_BY_NAME, "home"}


@pytest.mark.parametrize("kind", ENTRY_KINDS, ids=[k.name for k in ENTRY_KINDS])
def test_search_text_names_text_fields_of_the_schema(kind: Kind) -> None:
    schema = dereference(SCHEMA_SET.bundled(kind.schema_file))
    if not kind.has(SEARCH):
        assert kind.search_text == (), kind.name
    for path in ((kind.summary_field,), *kind.search_text):
        node: Any = schema
        for part in path:
            node = node["items"] if part == "*" or part.isdigit() else node["properties"][part]
        assert node.get("type") == "string", (kind.name, path)


def test_every_output_of_every_kind_is_declared() -> None:
    for kind in ENTRY_KINDS:
        assert kind.outputs <= set(ENTRY_OUTPUTS), kind.name
        assert kind.has(MIRROR), f"{kind.name}: every entry has a Markdown mirror"
        assert kind.view is not None, f"{kind.name}: a mirror needs a view"
    assert len({o.key for o in OUTPUT_FORMATS}) == len(OUTPUT_FORMATS)
    for output in OUTPUT_FORMATS:
        for location in output.locations:
            assert location.pattern.startswith("/") and location.nginx


def test_anchors_and_topics_are_declared_where_they_exist() -> None:
    groups = [k for k in ENTRY_KINDS if k.groups]
    assert [k.name for k in groups] == ["topic"]
    nested = [k for k in ENTRY_KINDS if k.nested]
    assert [k.name for k in nested] == ["answer"]
    for kind in ENTRY_KINDS:
        if kind.anchors is not None:
            items = raw(kind.schema_file)["properties"][kind.anchors]["items"]
            assert "id" in items["required"], kind.name

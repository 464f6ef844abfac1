"""Schema checks: a compiled fast validator says pass or fail, jsonschema explains failures.

Most files are valid, so the fast path keeps validation of large corpora cheap; only a
failing file pays for jsonschema's detailed errors, which are turned into messages that
point at the offending key or value.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import fastjsonschema
import jsonschema
from jsonschema.exceptions import ValidationError

from answer_center.diagnostic_words import DEFAULT_KEY, LANGUAGES, Param, Translated
from answer_center.diagnostics import Diagnostic, error
from answer_center.load import Document, Where

COMMON_SCHEMA = "common.schema.json"
ERROR_MESSAGE_EN = "x-error-message-en"
"""Beside a schema's ``errorMessage`` (Chinese, what the editor's YAML extension shows):
the same advice in English."""


def describe_value(value: Any) -> str:
    """A loaded YAML value's JSON type (a key of the catalog's terms.found_type)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def error_message(schema: dict[str, Any]) -> Translated | None:
    """The schema's own advice (``errorMessage`` and its English), when it gives one."""
    chinese = schema.get("errorMessage")
    if not isinstance(chinese, str):
        return None
    english = schema.get(ERROR_MESSAGE_EN, chinese)
    return Translated(tuple(zip(LANGUAGES, (chinese, str(english)), strict=True)))


def bundle(schema: dict[str, Any], common: dict[str, Any]) -> dict[str, Any]:
    """Inline the shared definitions so one self-contained schema serves both validators."""
    prefix = f"{COMMON_SCHEMA}#"

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: (
                    value[len(COMMON_SCHEMA) :]
                    if key == "$ref" and isinstance(value, str) and value.startswith(prefix)
                    else _python_pattern(value)
                    if key == "pattern" and isinstance(value, str)
                    else rewrite(value)
                )
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [rewrite(item) for item in node]
        return node

    bundled = cast(dict[str, Any], rewrite(schema))
    bundled.setdefault("$defs", {}).update(rewrite(common.get("$defs", {})))
    bundled.pop("$id", None)
    return bundled


def _python_pattern(pattern: str) -> str:
    """The pattern with a final ``$`` meaning the end of the text, as in JSON Schema.

    ECMA-262's ``$`` (what editors validate with) matches only at the end; Python's also
    matches before a final line break, so ``"abc\\n"`` would pass ``^abc$`` and carry a line
    break into robots.txt or a URL.
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + "\\Z"
    return pattern


def dereference(schema: dict[str, Any]) -> dict[str, Any]:
    """The bundled schema with every local ``$ref`` replaced by its target.

    fastjsonschema compiles each ``$ref`` into a function call that formats the value's
    name on every call; inlined, the answer schema checks four times faster. Our schemas
    are not recursive, which the depth guard enforces.
    """
    definitions = schema.get("$defs", {})

    def inline(node: Any, depth: int) -> Any:
        if depth > 32:
            raise ValueError("schema $ref nesting is too deep (is a definition recursive?)")
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                target = inline(definitions[ref[len("#/$defs/") :]], depth + 1)
                siblings = {k: inline(v, depth + 1) for k, v in node.items() if k != "$ref"}
                return {**target, **siblings}
            return {key: inline(value, depth + 1) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item, depth + 1) for item in node]
        return node

    flat = {k: v for k, v in schema.items() if k not in ("$defs", "$schema")}
    return cast(dict[str, Any], inline(flat, 0))


@dataclass
class _Compiled:
    first_failure: Callable[[Any], str | None]
    explain: jsonschema.protocols.Validator


class SchemaSet:
    """The JSON Schemas of ``schemas/``, compiled once and cached."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._compiled: dict[str, _Compiled] = {}
        self._marked: dict[tuple[str, str], frozenset[Where]] = {}
        """Paths by schema file and ``keyword=value``."""
        self._common = json.loads((directory / COMMON_SCHEMA).read_text(encoding="utf-8"))

    def __reduce__(self) -> tuple[type[SchemaSet], tuple[Path]]:
        # Compiled validators are functions made at run time: a worker compiles its own.
        return SchemaSet, (self.directory,)

    def bundled(self, schema_file: str) -> dict[str, Any]:
        """The schema with shared definitions inlined."""
        raw = json.loads((self.directory / schema_file).read_text(encoding="utf-8"))
        return bundle(raw, self._common)

    def markup_paths(self, schema_file: str) -> frozenset[Where]:
        """Where a kind's text fields are (``*`` for any list index): the strings whose
        inline markup the renderers read (``x-markup`` in the schemas)."""
        return self._marked_paths(schema_file, "x-markup")

    def ordered_paths(self, schema_file: str) -> frozenset[Where]:
        """Where a kind's numbered lists are (``x-ordered`` in the schemas): the page
        numbers their items, so an item must not number itself."""
        return self._marked_paths(schema_file, "x-ordered")

    def holding_paths(self, schema_file: str, what: str) -> frozenset[Where]:
        """Where a kind's structured fields for ``what`` (``table`` or ``code``) are
        (``x-holds`` in the schemas): what a text field cannot show goes there."""
        return self._marked_paths(schema_file, "x-holds", what)

    def _marked_paths(
        self, schema_file: str, keyword: str, value: object = True
    ) -> frozenset[Where]:
        found = self._marked.get((schema_file, f"{keyword}={value}"))
        if found is None:
            schema = dereference(self.bundled(schema_file))
            found = frozenset(_marked_paths(schema, keyword, value, ()))
            self._marked[(schema_file, f"{keyword}={value}")] = found
        return found

    def _get(self, schema_file: str) -> _Compiled:
        compiled = self._compiled.get(schema_file)
        if compiled is None:
            schema = self.bundled(schema_file)
            fast = fastjsonschema.compile(dereference(schema), formats={})

            def first_failure(instance: Any, _fast: Callable[[Any], Any] = fast) -> str | None:
                try:
                    _fast(instance)
                except fastjsonschema.JsonSchemaValueException as exc:
                    return str(exc.message)
                return None

            validator_class = jsonschema.validators.validator_for(schema)
            compiled = _Compiled(first_failure, validator_class(schema))
            self._compiled[schema_file] = compiled
        return compiled

    def usable_part(self, document: Document, schema_file: str) -> Document | None:
        """The document without the values that break its schema, for the checks across
        files (None when nothing of it is usable): what is left is as the schema says, so
        an entry with one bad value still takes part in them and its other problems show
        in the same round. Positions still come from the file as it was written."""
        data = _without(document.data, self._get(schema_file).explain.iter_errors(document.data))
        if data is None:
            return None
        return Document(document.path, data, document.raw, document.origin)

    def check(self, document: Document, schema_file: str) -> list[Diagnostic]:
        """Diagnostics for every way ``document`` breaks its schema (none when it is valid)."""
        compiled = self._get(schema_file)
        fast_message = compiled.first_failure(document.data)
        if fast_message is None:
            return []
        found: dict[Diagnostic, None] = {}  # ordered and without repeats
        for failure in compiled.explain.iter_errors(document.data):
            found.update(dict.fromkeys(_diagnose(document, failure)))
        if not found:
            # The two validators disagree: never let a file the fast one rejects pass silently.
            return [error(document.path, 1, 1, "schema/invalid", detail=fast_message)]
        return list(found)


_KEPT_ON_FAILURE = frozenset({"required", "additionalProperties", "propertyNames", "uniqueItems"})
"""Failures that leave the value itself usable: a key missing or unknown, a bad key name,
an item listed twice (what the checks read of it is still what its keys hold)."""


def _without(data: Any, failures: Iterator[ValidationError]) -> Any:
    """``data`` with every value that breaks its schema taken out (None when the whole
    document is such a value); list items become None, so later items keep their places."""
    kept = copy.deepcopy(data)
    places = {tuple(f.absolute_path) for f in failures if f.validator not in _KEPT_ON_FAILURE}
    for where in sorted(places, key=len):
        if not where:
            return None
        parent = kept
        for part in where[:-1]:
            if isinstance(parent, dict) and isinstance(part, str):
                parent = parent.get(part)
            elif isinstance(parent, list) and isinstance(part, int) and part < len(parent):
                parent = parent[part]
            else:
                parent = None
        last = where[-1]
        if isinstance(parent, dict) and isinstance(last, str):
            parent.pop(last, None)
        elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
            parent[last] = None
    return kept


def _marked_paths(node: Any, keyword: str, value: object, where: Where) -> Iterator[Where]:
    if not isinstance(node, dict):
        return
    if keyword in node and node[keyword] == value and type(node[keyword]) is type(value):
        yield where
    for key, sub in node.get("properties", {}).items():
        yield from _marked_paths(sub, keyword, value, (*where, key))
    if isinstance(node.get("items"), dict):
        yield from _marked_paths(node["items"], keyword, value, (*where, "*"))


def markup_place(where: Where) -> Where:
    """A location with its list indexes as ``*``, to look up in markup_paths."""
    return tuple("*" if isinstance(part, int) else part for part in where)


def _diagnose(document: Document, failure: ValidationError) -> Iterator[Diagnostic]:
    where: Where = tuple(failure.absolute_path)
    schema = failure.schema if isinstance(failure.schema, dict) else {}
    instance = failure.instance
    keyword = str(failure.validator)
    expected: Any = failure.validator_value
    position = document.value_position(where)
    name = _field(where)

    hint = error_message(schema)

    def at(
        rule: str,
        key: str = DEFAULT_KEY,
        /,
        line: int = position.line,
        column: int = position.column,
        **params: Param,
    ) -> Diagnostic:
        return error(document.path, line, column, f"schema/{rule}", key, **params)

    if "propertyNames" in failure.relative_schema_path and isinstance(instance, str):
        # The failing instance is a key of the mapping at `where`: point at that key.
        key_at = document.key_position((*where, instance))
        found = _clip(instance)
        if hint is None:
            yield at(
                "key-name", "pattern", key_at.line, key_at.column, pattern=expected, found=found
            )
        else:
            yield at("key-name", DEFAULT_KEY, key_at.line, key_at.column, hint=hint, found=found)
    elif keyword == "additionalProperties" and isinstance(instance, dict):
        known = sorted(schema.get("properties", {}))
        for key in sorted(set(instance) - set(known)):
            key_at = document.key_position((*where, key))
            message, params = _unknown_key(key, known, where)
            yield at("unknown-key", message, key_at.line, key_at.column, **params)
    elif keyword == "required" and isinstance(instance, dict):
        # A missing key has no position of its own: point at the key naming its object.
        object_at = document.key_position(where)
        for key in expected:
            if key not in instance:
                if where:
                    yield at(
                        "required", "inside", object_at.line, object_at.column, key=key, field=name
                    )
                else:
                    yield at("required", DEFAULT_KEY, object_at.line, object_at.column, key=key)
    elif keyword == "type":
        names = (expected,) if isinstance(expected, str) else tuple(expected)
        yield at("type", field=name, expected_type=names, found_type=describe_value(instance))
    elif keyword == "enum":
        choices = tuple(str(choice) for choice in expected)
        if instance is None:
            yield at("enum", "empty", field=name, choices=choices)
        else:
            yield at("enum", field=name, value=_clip(str(instance)), choices=choices)
    elif keyword == "pattern":
        found = _clip(str(instance))
        if hint is None:
            yield at("pattern", "pattern", field=name, pattern=expected, found=found)
        else:
            yield at("pattern", field=name, hint=hint, found=found)
    elif keyword in ("maxLength", "minLength") and isinstance(instance, str):
        bound = "max" if keyword == "maxLength" else "min" if len(instance) != 1 else "min-one"
        yield at("length", bound, field=name, length=len(instance), limit=expected)
    elif keyword in ("maxItems", "minItems") and isinstance(instance, list):
        bound = "max" if keyword == "maxItems" else "min" if len(instance) != 1 else "min-one"
        yield at("items", bound, field=name, count=len(instance), limit=expected)
    elif keyword == "uniqueItems" and isinstance(instance, list):
        seen: set[str] = set()
        for index, item in enumerate(instance):
            marker = json.dumps(item, sort_keys=True)
            if marker in seen:
                item_at = document.value_position((*where, index))
                yield at(
                    "duplicate-item",
                    DEFAULT_KEY,
                    item_at.line,
                    item_at.column,
                    item=_clip(str(item)),
                    field=name,
                )
            seen.add(marker)
    elif keyword in ("minimum", "maximum"):
        bound = "min" if keyword == "minimum" else "max"
        yield at("range", bound, field=name, value=str(instance), limit=str(expected))
    elif hint is not None:
        yield at(_kebab(keyword), "hint", field=name, hint=hint)
    else:
        yield at(_kebab(keyword), "other", field=name, detail=failure.message)


def _kebab(keyword: str) -> str:
    """A JSON Schema keyword as a rule name: ``oneOf`` is ``one-of``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", keyword).lower()


def _field(where: Where) -> str:
    """A location as an editor reads it: ``evidence_fields[2].note``."""
    if not where:
        return "the entry"
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _unknown_key(key: str, known: list[str], where: Where) -> tuple[str, dict[str, Param]]:
    """The schema/unknown-key message and its values: the closest allowed key, or all."""
    params: dict[str, Param] = {"key": _clip(key)}
    if where:
        params["field"] = _field(where)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    inside = "-inside" if where else ""
    if close:
        return f"suggest{inside}", params | {"suggestion": close[0]}
    return f"list{inside}", params | {"allowed": tuple(known)}


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

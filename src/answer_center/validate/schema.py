"""Schema checks: a compiled fast validator says pass or fail, jsonschema explains failures.

Most files are valid, so the fast path keeps validation of large corpora cheap; only a
failing file pays for jsonschema's detailed errors, which are turned into messages that
point at the offending key or value.
"""

from __future__ import annotations

import copy
import difflib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
from jsonschema.exceptions import ValidationError

from answer_center.diagnostics import Diagnostic, error
from answer_center.load import Document

COMMON_SCHEMA = "common.schema.json"

_TYPE_NAMES = {
    "object": "a mapping of keys",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


def describe_value(value: Any) -> str:
    """Name a loaded YAML value's type the way an editor thinks of it."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def bundle(schema: dict[str, Any], common: dict[str, Any]) -> dict[str, Any]:
    """Inline the shared definitions so one self-contained schema serves both validators."""
    bundled = copy.deepcopy(schema)
    prefix = f"{COMMON_SCHEMA}#"

    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                key: (value[len(COMMON_SCHEMA) :] if key == "$ref" and isinstance(value, str)
                      and value.startswith(prefix) else rewrite(value))
                for key, value in node.items()
            }
        if isinstance(node, list):
            return [rewrite(item) for item in node]
        return node

    bundled = rewrite(bundled)
    bundled.setdefault("$defs", {}).update(copy.deepcopy(common.get("$defs", {})))
    bundled.pop("$id", None)
    return bundled


@dataclass
class _Compiled:
    first_failure: Callable[[Any], str | None]
    explain: jsonschema.protocols.Validator


class SchemaSet:
    """The JSON Schemas of ``schemas/``, compiled once and cached."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._compiled: dict[str, _Compiled] = {}
        self._common = json.loads((directory / COMMON_SCHEMA).read_text(encoding="utf-8"))

    def bundled(self, schema_file: str) -> dict[str, Any]:
        """The schema with shared definitions inlined."""
        raw = json.loads((self.directory / schema_file).read_text(encoding="utf-8"))
        return bundle(raw, self._common)

    def _get(self, schema_file: str) -> _Compiled:
        compiled = self._compiled.get(schema_file)
        if compiled is None:
            schema = self.bundled(schema_file)
            fast_schema = {k: v for k, v in schema.items() if k != "$schema"}
            fast = fastjsonschema.compile(fast_schema, formats={})

            def first_failure(instance: Any, _fast: Callable[[Any], Any] = fast) -> str | None:
                try:
                    _fast(instance)
                except fastjsonschema.JsonSchemaException as exc:
                    return str(exc.message)
                return None

            validator_class = jsonschema.validators.validator_for(schema)
            compiled = _Compiled(first_failure, validator_class(schema))
            self._compiled[schema_file] = compiled
        return compiled

    def check(self, document: Document, schema_file: str) -> list[Diagnostic]:
        """Diagnostics for every way ``document`` breaks its schema (none when it is valid)."""
        compiled = self._get(schema_file)
        fast_message = compiled.first_failure(document.data)
        if fast_message is None:
            return []
        found: list[Diagnostic] = []
        for failure in compiled.explain.iter_errors(document.data):
            found.extend(_diagnose(document, failure))
        if not found:
            # The two validators disagree: never let a file the fast one rejects pass silently.
            found.append(error(document.path, 1, 1, "schema/invalid", fast_message))
        return found


def _diagnose(document: Document, failure: ValidationError) -> Iterator[Diagnostic]:
    where = tuple(failure.absolute_path)
    schema = failure.schema if isinstance(failure.schema, dict) else {}
    instance = failure.instance
    keyword = failure.validator
    position = document.value_position(where)

    def at(rule: str, message: str, line: int = position.line, column: int = position.column) -> (
        Diagnostic
    ):
        return error(document.path, line, column, f"schema/{rule}", message)

    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = sorted(schema.get("properties", {}))
        for key in sorted(set(instance) - set(known)):
            key_at = document.key_position((*where, key))
            yield at("unknown-key", _unknown_key(key, known), key_at.line, key_at.column)
    elif keyword == "required" and isinstance(instance, dict):
        for key in failure.validator_value:
            if key not in instance:
                yield at("required", f"missing required key '{key}'{_inside(where)}")
    elif keyword == "type":
        expected = failure.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_NAMES.get(name, name) for name in names)
        yield at("type", f"expected {wanted}, found {describe_value(instance)}")
    elif keyword == "enum":
        choices = ", ".join(str(choice) for choice in failure.validator_value)
        yield at("enum", f"'{instance}' is not allowed here; use one of: {choices}")
    elif keyword == "pattern":
        message = schema.get("errorMessage") or f"does not match the pattern {failure.validator_value}"
        yield at("pattern", f"{message} (found '{_clip(str(instance))}')")
    elif keyword in ("maxLength", "minLength") and isinstance(instance, str):
        bound = "at most" if keyword == "maxLength" else "at least"
        yield at(
            "length",
            f"text is {len(instance)} characters; it must be {bound} {failure.validator_value}",
        )
    elif keyword in ("maxItems", "minItems") and isinstance(instance, list):
        bound = "at most" if keyword == "maxItems" else "at least"
        yield at(
            "items",
            f"list has {len(instance)} items; it must have {bound} {failure.validator_value}",
        )
    elif keyword == "uniqueItems" and isinstance(instance, list):
        seen: set[str] = set()
        for index, item in enumerate(instance):
            marker = json.dumps(item, sort_keys=True)
            if marker in seen:
                item_at = document.value_position((*where, index))
                yield at("duplicate-item", f"'{_clip(str(item))}' is listed twice",
                         item_at.line, item_at.column)
            seen.add(marker)
    elif keyword in ("minimum", "maximum"):
        bound = "at least" if keyword == "minimum" else "at most"
        yield at("range", f"{instance} is out of range; it must be {bound} {failure.validator_value}")
    else:
        yield at(keyword, failure.message)


def _inside(where: tuple[str | int, ...]) -> str:
    if not where:
        return ""
    return " in " + ".".join(str(part) for part in where)


def _unknown_key(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key '{key}'; did you mean '{close[0]}'?"
    return f"unknown key '{key}'; allowed keys: {', '.join(known)}"


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

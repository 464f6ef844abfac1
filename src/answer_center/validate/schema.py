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

from answer_center.diagnostics import Diagnostic, error
from answer_center.load import Document, Where

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
            return [error(document.path, 1, 1, "schema/invalid", fast_message)]
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

    def at(
        rule: str, message: str, line: int = position.line, column: int = position.column
    ) -> Diagnostic:
        return error(document.path, line, column, f"schema/{rule}", message)

    if "propertyNames" in failure.relative_schema_path and isinstance(instance, str):
        # The failing instance is a key of the mapping at `where`: point at that key.
        key_at = document.key_position((*where, instance))
        message = schema.get("errorMessage") or f"the key does not match {expected}"
        yield at("key-name", f"{message} (found '{_clip(instance)}')", key_at.line, key_at.column)
    elif keyword == "additionalProperties" and isinstance(instance, dict):
        known = sorted(schema.get("properties", {}))
        for key in sorted(set(instance) - set(known)):
            key_at = document.key_position((*where, key))
            yield at("unknown-key", _unknown_key(key, known, where), key_at.line, key_at.column)
    elif keyword == "required" and isinstance(instance, dict):
        # A missing key has no position of its own: point at the key naming its object.
        object_at = document.key_position(where)
        for key in expected:
            if key not in instance:
                inside = f" in {name}" if where else ""
                yield at(
                    "required",
                    f"missing required key '{key}'{inside}; add it",
                    object_at.line,
                    object_at.column,
                )
    elif keyword == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_NAMES.get(str(n), str(n)) for n in names)
        yield at("type", f"{name} must be {wanted}, found {describe_value(instance)}")
    elif keyword == "enum":
        choices = ", ".join(str(choice) for choice in expected)
        shown = _clip(str(instance)) if instance is not None else "an empty value"
        yield at("enum", f"{name} cannot be '{shown}'; use one of: {choices}")
    elif keyword == "pattern":
        message = schema.get("errorMessage") or f"{name} does not match the pattern {expected}"
        yield at("pattern", f"{message} (found '{_clip(str(instance))}')")
    elif keyword in ("maxLength", "minLength") and isinstance(instance, str):
        if keyword == "maxLength":
            advice = f"shorten it to at most {expected}"
        else:
            advice = f"it needs at least {expected}"
        yield at("length", f"{name} is {_count(len(instance), 'character')} long; {advice}")
    elif keyword in ("maxItems", "minItems") and isinstance(instance, list):
        bound = "at most" if keyword == "maxItems" else "at least"
        yield at("items", f"{name} has {_count(len(instance), 'item')}; give it {bound} {expected}")
    elif keyword == "uniqueItems" and isinstance(instance, list):
        seen: set[str] = set()
        for index, item in enumerate(instance):
            marker = json.dumps(item, sort_keys=True)
            if marker in seen:
                item_at = document.value_position((*where, index))
                yield at(
                    "duplicate-item",
                    f"'{_clip(str(item))}' is listed twice in {name}; remove one",
                    item_at.line,
                    item_at.column,
                )
            seen.add(marker)
    elif keyword in ("minimum", "maximum"):
        bound = "at least" if keyword == "minimum" else "at most"
        yield at("range", f"{name} is {instance}, out of range; use {bound} {expected}")
    elif schema.get("errorMessage"):
        yield at(_kebab(keyword), f"{name}: {schema['errorMessage']}")
    else:
        yield at(_kebab(keyword), f"{name}: {failure.message}")


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


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _unknown_key(key: str, known: list[str], where: Where) -> str:
    inside = f" in {_field(where)}" if where else ""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key '{_clip(key)}'{inside}; did you mean '{close[0]}'?"
    return f"unknown key '{_clip(key)}'{inside}; allowed keys: {', '.join(known)}"


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

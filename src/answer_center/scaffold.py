"""Skeletons of new entries, derived from each kind's schema (``answer-center new``).

A skeleton holds every required key of the kind's schema, in the schema's order, each
under a comment with the key's description (Chinese in the input schemas), and a value
that satisfies the schema: the entry's id, its topic, today's date, the first allowed
choice, or a ``TODO`` placeholder an editor must replace. Validation refuses any value
that still starts with ``TODO`` (``content/placeholder``), so a skeleton can never
publish its placeholders. Optional keys are listed in comments at the end.

Everything here is pure: the command in :mod:`answer_center.new_entry` reads and writes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema

from answer_center.diagnostic_words import DEFAULT_KEY, catalog
from answer_center.kinds import RESERVED_IDS, TOPIC, Kind
from answer_center.validate.placeholders import PLACEHOLDER_ID
from answer_center.validate.schema import bundle, dereference, error_message
from answer_center.words import Vocabulary

EXAMPLE_URL = "https://example.com/"
"""A URL before the editor writes one: the documentation domain the allowlist admits."""

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")
# Plain scalars that YAML 1.1 or 1.2 readers (the editor's extension) take for non-text.
_AMBIGUOUS = re.compile(
    r"(?i)(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.?[0-9][0-9_]*)(?:\.[0-9_]*)?(?:e[-+]?[0-9]+)?"
    r"|0x[0-9a-f_]+|0o[0-7_]+|[-+]?\.(?:inf|nan))"
)
_INDENT = "  "


@dataclass(frozen=True)
class Words:
    """What a skeleton says in the editor's language (from ``words/<lang>.yaml``)."""

    placeholder: str
    """The text of every free-text value, starting with TODO."""
    header: str
    """The file's first comment, with ``{kind}`` and ``{id}`` places."""
    optional: str
    """The comment that introduces the optional keys."""
    snippet: str
    """What a completion snippet says it holds."""


@dataclass(frozen=True)
class Entry:
    """What the new entry is: its id, topic (for answers) and date."""

    id: str
    topic: str | None
    today: str


def scaffold_words(w: Vocabulary) -> Words:
    """The skeleton's words in the language of ``w``."""
    return Words(w("new.placeholder"), w("new.header"), w("new.optional"), w("new.snippet"))


def flat_schema(schema: Mapping[str, Any], common: Mapping[str, Any]) -> dict[str, Any]:
    """A kind's schema with the shared definitions inlined and every ``$ref`` resolved."""
    return dereference(bundle(dict(schema), dict(common)))


def content_file(kind: Kind, entry_id: str, topic: str | None) -> str:
    """Where the entry's file lives, relative to the project root."""
    folder = f"content/{kind.section}/{topic}" if kind.nested else f"content/{kind.section}"
    return f"{folder}/{entry_id}.yaml"


def content_glob(kind: Kind) -> str:
    """The glob of every file of the kind, relative to the project root (editor settings)."""
    return content_file(kind, "*", "*")


def id_problem(entry_id: str, common: Mapping[str, Any], language: str) -> str | None:
    """Why ``entry_id`` cannot be an id (validation's rules), in ``language``, or None
    when it can."""
    id_schema = dereference(bundle({"$ref": "#/$defs/id"}, dict(common)))
    if not jsonschema.Draft202012Validator(id_schema).is_valid(entry_id):
        advice = error_message(id_schema)
        return advice.get(language) if advice else None
    if entry_id in RESERVED_IDS:
        params = (("id", entry_id), ("reserved", RESERVED_IDS[entry_id]))
        return catalog().render("id/reserved", DEFAULT_KEY, params, language)
    return None


def skeleton(
    entry: Entry, schema: Mapping[str, Any], words: Words, site_lang: str, label: str
) -> str:
    """The text of a new entry's file: a header, then every required key with guidance.

    ``label`` is what one entry of the kind is called in the editor's language.
    """
    header = words.header.format(kind=label, id=entry.id)
    lines = [f"# {line}" for line in header.splitlines()]
    builder = _Builder(entry, words, site_lang)
    lines.extend(builder.mapping(schema, (), 0))
    optional = [key for key in schema.get("properties", {}) if key not in _required(schema)]
    if optional:
        lines.append(f"# {words.optional}")
        for key in optional:
            description = _description(schema["properties"][key])
            lines.append(f"#   {key}: {description}" if description else f"#   {key}")
    return "\n".join(lines) + "\n"


def _required(schema: Mapping[str, Any]) -> list[str]:
    """The keys a value must have: the schema's own and its first alternative's."""
    keys = [str(key) for key in schema.get("required", [])]
    for branch in schema.get("oneOf", [])[:1]:
        keys.extend(str(key) for key in branch.get("required", []) if key not in keys)
    return [key for key in schema.get("properties", {}) if key in keys]


def _description(schema: Mapping[str, Any]) -> str:
    return " ".join(str(schema.get("description", "")).split())


class _Builder:
    def __init__(self, entry: Entry, words: Words, site_lang: str) -> None:
        self.entry = entry
        self.words = words
        self.site_lang = site_lang

    def mapping(self, schema: Mapping[str, Any], where: tuple[str, ...], depth: int) -> list[str]:
        lines: list[str] = []
        indent = _INDENT * depth
        for key in _required(schema):
            sub = schema["properties"][key]
            description = _description(sub)
            if description:
                lines.append(f"{indent}# {description}")
            lines.extend(self.keyed(key, sub, (*where, key), depth))
        return lines

    def keyed(
        self, key: str, schema: Mapping[str, Any], where: tuple[str, ...], depth: int
    ) -> list[str]:
        indent = _INDENT * depth
        if schema.get("type") == "object":
            return [f"{indent}{key}:", *self.mapping(schema, where, depth + 1)]
        if schema.get("type") == "array":
            return [f"{indent}{key}:", *self.items(schema, where, depth + 1)]
        return [f"{indent}{key}: {_scalar(self.scalar(schema, where))}"]

    def items(self, schema: Mapping[str, Any], where: tuple[str, ...], depth: int) -> list[str]:
        item = schema.get("items", {})
        indent = _INDENT * depth
        lines: list[str] = []
        for _ in range(max(1, int(schema.get("minItems", 1)))):
            if item.get("type") == "object":
                body = self.mapping(item, (*where, "*"), depth + 1)
                # The first key goes on the dash line; its comment stays above the dash.
                first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
                lines.extend(line[len(_INDENT) :] for line in body[:first])
                lines.append(f"{indent}- {body[first].lstrip()}")
                lines.extend(body[first + 1 :])
            elif item.get("type") == "array":
                inner = self.items(item, (*where, "*"), depth + 1)
                lines.append(f"{indent}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{indent}- {_scalar(self.scalar(item, (*where, '*')))}")
        return lines

    def scalar(self, schema: Mapping[str, Any], where: tuple[str, ...]) -> str:
        if where == ("id",):
            return self.entry.id
        if where == (TOPIC.name,) and self.entry.topic is not None:
            return self.entry.topic
        if "enum" in schema:
            return str(schema["enum"][0])
        validator = jsonschema.Draft202012Validator(dict(schema))
        for candidate in self.candidates():
            if validator.is_valid(candidate):
                return candidate
        raise ValueError(f"no skeleton value satisfies {'.'.join(where)}: {json.dumps(schema)}")

    def value(self, schema: Mapping[str, Any], where: tuple[str, ...]) -> Any:
        """The skeleton's value for ``schema``, as data (what :meth:`mapping` writes)."""
        if schema.get("type") == "object":
            return {
                key: self.value(schema["properties"][key], (*where, key))
                for key in _required(schema)
            }
        if schema.get("type") == "array":
            count = max(1, int(schema.get("minItems", 1)))
            return [self.value(schema.get("items", {}), (*where, "*")) for _ in range(count)]
        return self.scalar(schema, where)

    def candidates(self) -> Iterator[str]:
        yield self.words.placeholder
        yield PLACEHOLDER_ID
        yield self.entry.today
        yield "en" if self.site_lang.startswith("zh") else self.site_lang
        yield EXAMPLE_URL


def _scalar(text: str) -> str:
    """The text as a YAML scalar: plain when it reads back as the same text, else quoted."""
    plain = (
        _PLAIN.fullmatch(text) is not None
        and _AMBIGUOUS.fullmatch(text) is None
        and ": " not in text
        and " #" not in text
        and not text.endswith((" ", ":"))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


SNIPPET_DATE = "${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}"
"""A date in a snippet: the editor's today, filled in by VS Code's snippet variables."""
_SAMPLE_DATE = "2000-01-01"
_SNIPPET_MARKUP = re.compile(r"[$}\\]")


def with_snippets(
    raw: Mapping[str, Any], common: Mapping[str, Any], words: Words, label: str | None
) -> dict[str, Any]:
    """The raw schema with ``defaultSnippets`` for completion in the editor: one for the
    whole entry when ``label`` names its kind, one for each item of a list of mappings.

    Each snippet is the skeleton's value with every value a tab stop (dates the editor's
    today), so a snippet filled as it comes validates against its schema.
    """
    entry = Entry(id=PLACEHOLDER_ID, topic=None, today=_SAMPLE_DATE)
    builder = _Builder(entry, words, "zh-CN")

    def snippet(node: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
        # One snippet per alternative of a oneOf (a related entry by id, or a page elsewhere).
        variants = [{**node, "oneOf": [branch]} for branch in node.get("oneOf", [])] or [dict(node)]
        found = []
        for variant in variants:
            flat = dereference(bundle(variant, dict(common)))
            value = builder.value(flat, ("*",))
            label = f"{name}:{', '.join(value)}" if len(variants) > 1 else name
            body = _tab_stops(value, iter(range(1, 10_000)))
            found.append({"label": label, "description": words.snippet, "body": body})
        return found

    def walk(node: Any, item: bool) -> Any:
        if isinstance(node, list):
            return [walk(child, False) for child in node]
        if not isinstance(node, dict):
            return node
        out = {
            key: walk(value, key == "items")
            for key, value in node.items()
            if key != "defaultSnippets"
        }
        if item and (node.get("type") == "object" or "properties" in node):
            out["defaultSnippets"] = snippet(node, _description(node).rstrip("。.") or "-")
        return out

    result: dict[str, Any] = walk(raw, False)
    if label is not None:
        result["defaultSnippets"] = snippet(raw, label)
    return result


def _tab_stops(value: Any, numbers: Iterator[int]) -> Any:
    if isinstance(value, dict):
        return {key: _tab_stops(item, numbers) for key, item in value.items()}
    if isinstance(value, list):
        return [_tab_stops(item, numbers) for item in value]
    if value == _SAMPLE_DATE:
        return SNIPPET_DATE
    escaped = _SNIPPET_MARKUP.sub(lambda m: "\\" + m.group(0), str(value))
    return f"${{{next(numbers)}:{escaped}}}"


def add_member(topic_text: str, member_id: str) -> str | None:
    """The topic file's text with ``member_id`` appended to its ``members`` list (or put
    in place of the placeholder member a new topic's skeleton holds).

    Only the new item's line is added, indented like the items before it, so every comment
    and the layout of the rest of the file stay byte for byte. None when the list is not
    written as a block list this function can extend safely (flow style, or no list).
    """
    lines = topic_text.splitlines(keepends=True)
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"members:[ \t]*(?:#.*)?\r?\n?$", line)),
        None,
    )
    if start is None:
        return None
    last_item, item_indent = None, None
    for index in range(start + 1, len(lines)):
        line = lines[index]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = re.match(r"( *)- ", line)
        if match is not None and (item_indent is None or match.group(1) == item_indent):
            item_indent = match.group(1)
            last_item = index
            continue
        if item_indent is not None and line.startswith(item_indent + " "):
            continue  # a continuation of the item above
        break
    if last_item is None or item_indent is None:
        return None
    ending = "\r\n" if lines[last_item].endswith("\r\n") else "\n"
    placeholder = f"{item_indent}- {PLACEHOLDER_ID}"
    for index in range(start + 1, last_item + 1):
        if lines[index].rstrip("\r\n") == placeholder:
            # A new topic's skeleton holds one placeholder member: the first entry takes it.
            lines[index] = f"{item_indent}- {member_id}{ending}"
            return "".join(lines)
    if not lines[last_item].endswith("\n"):
        lines[last_item] += ending
    lines.insert(last_item + 1, f"{item_indent}- {member_id}{ending}")
    return "".join(lines)

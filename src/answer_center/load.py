"""Strict YAML reading: plain data plus the source position of every key and value.

PyYAML's event stream (libyaml's C parser where present) is turned into plain Python
values here instead of by PyYAML's constructors, so that the rules editors rely on hold
everywhere: no anchors or aliases, no duplicate keys, no explicit tags, only
``true``/``false`` are booleans, dates and times stay the text that was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from answer_center.diagnostics import Diagnostic, error

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing: same rules, slower parser
    _Loader = yaml.SafeLoader

Where = tuple[str | int, ...]
"""A location inside a document: the keys and list indexes from the root."""


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass(frozen=True)
class Limits:
    """Bounds that keep hostile or accidental input from exhausting the build."""

    max_file_bytes: int = 1_000_000
    max_depth: int = 24
    max_string_chars: int = 50_000
    max_nodes: int = 50_000


DEFAULT_LIMITS = Limits()

_ORIGIN = Position(1, 1)


@dataclass(frozen=True)
class Document:
    """One loaded content file: its data and where each part of it was written."""

    path: str
    data: Any
    values: Mapping[Where, Position] = field(repr=False)
    keys: Mapping[Where, Position] = field(repr=False)

    def value_position(self, where: Where) -> Position:
        """Where the value at ``where`` starts, or its nearest written ancestor."""
        for depth in range(len(where), -1, -1):
            found = self.values.get(where[:depth])
            if found is not None:
                return found
        return _ORIGIN

    def key_position(self, where: Where) -> Position:
        """Where the key naming ``where`` is written (the value's position for list items)."""
        return self.keys.get(where) or self.value_position(where)

    def strings(self) -> Iterator[tuple[Where, str]]:
        """Every string value in the document with its location, in source order."""
        yield from _strings(self.data, ())


def _strings(value: Any, where: Where) -> Iterator[tuple[Where, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*where, index))


@dataclass(frozen=True)
class LoadResult:
    """A document, or the reasons it could not be read (never both)."""

    document: Document | None
    diagnostics: tuple[Diagnostic, ...]


class _Rejected(Exception):
    def __init__(self, line: int, column: int, rule: str, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.rule, self.message = line, column, rule, message


def load_file(path: Path, display_path: str, limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Read and load one YAML file; ``display_path`` is how diagnostics name it."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            return _fail(
                display_path,
                1,
                1,
                "load/too-large",
                f"file is {size:,} bytes, over the limit of {limits.max_file_bytes:,}; "
                "split it or move long material into a guide",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return _fail(display_path, 1, 1, "load/unreadable", f"cannot read file: {exc.strerror}")
    return load_bytes(raw, display_path, limits)


def load_bytes(raw: bytes, display_path: str, limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Load one YAML document from bytes, with every rule of the strict dialect."""
    if len(raw) > limits.max_file_bytes:
        return _fail(
            display_path,
            1,
            1,
            "load/too-large",
            f"file is {len(raw):,} bytes, over the limit of {limits.max_file_bytes:,}",
        )
    try:
        text = _decode(raw)
        _check_indentation(text)
        data, values, keys = _Builder(limits).build(text)
    except _Rejected as exc:
        return _fail(display_path, exc.line, exc.column, exc.rule, exc.message)
    return LoadResult(Document(display_path, data, values, keys), ())


def _fail(path: str, line: int, column: int, rule: str, message: str) -> LoadResult:
    return LoadResult(None, (error(path, line, column, rule, message),))


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _Rejected(
            1, 1, "load/bom", "file starts with a byte-order mark; save it as UTF-8 without BOM"
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        raise _Rejected(
            line, column, "load/binary", "file holds a NUL byte: this is not a YAML text file"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        raise _Rejected(
            line,
            column,
            "load/encoding",
            f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
        ) from None
    if not text.strip():
        raise _Rejected(1, 1, "load/empty", "file is empty; write the entry or delete the file")
    return text


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _check_indentation(text: str) -> None:
    match = _TAB_INDENT.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        column = match.end() - match.start()
        raise _Rejected(line, column, "load/tab", "tab character in indentation; indent with spaces")


_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _resolve_plain(value: str) -> Any:
    """YAML 1.2 core rules, narrowed: only whole numbers, booleans and null are not text."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if _INT.match(value):
        return int(value)
    return value


class _Builder:
    """Turns one YAML event stream into plain values and position maps."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.values: dict[Where, Position] = {}
        self.keys: dict[Where, Position] = {}
        self.nodes = 0
        self.events: Iterator[yaml.Event] = iter(())

    def build(self, text: str) -> tuple[Any, dict[Where, Position], dict[Where, Position]]:
        self.events = yaml.parse(text, Loader=_Loader)
        try:
            self._expect(yaml.StreamStartEvent)
            self._expect(yaml.DocumentStartEvent)
            root_event = self._next()
            if not isinstance(root_event, yaml.MappingStartEvent) and not isinstance(
                root_event, yaml.AliasEvent
            ):
                mark = root_event.start_mark
                found = "a list" if isinstance(root_event, yaml.SequenceStartEvent) else "a value"
                raise _Rejected(
                    mark.line + 1,
                    mark.column + 1,
                    "load/not-a-mapping",
                    f"the file holds {found}; an entry is a mapping of keys like `id: ...`",
                )
            data = self._node(root_event, (), 0)
            self._expect(yaml.DocumentEndEvent)
            extra = self._next()
            if isinstance(extra, yaml.DocumentStartEvent):
                raise _Rejected(
                    extra.start_mark.line + 1,
                    extra.start_mark.column + 1,
                    "load/multiple-documents",
                    "a second YAML document (---) in one file; write one entry per file",
                )
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = exc.problem or exc.context or "invalid YAML"
            raise _Rejected(line, column, "yaml/syntax", f"invalid YAML: {problem}") from None
        except yaml.YAMLError as exc:
            raise _Rejected(1, 1, "yaml/syntax", f"invalid YAML: {exc}") from None
        return data, self.values, self.keys

    def _next(self) -> yaml.Event:
        return next(self.events)

    def _expect(self, kind: type[yaml.Event]) -> yaml.Event:
        event = self._next()
        if not isinstance(event, kind):  # pragma: no cover - libyaml guarantees the order
            raise _Rejected(1, 1, "yaml/syntax", f"unexpected {type(event).__name__}")
        return event

    def _node(self, event: yaml.Event, where: Where, depth: int) -> Any:
        mark = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        if isinstance(event, yaml.AliasEvent):
            raise _Rejected(
                line,
                column,
                "yaml/alias",
                f"alias *{event.anchor} is not allowed; write the value out in full",
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Rejected(
                line,
                column,
                "yaml/anchor",
                f"anchor &{anchor} is not allowed; write each value out in full",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise _Rejected(
                line, column, "yaml/tag", f"explicit tag {tag} is not allowed; write a plain value"
            )
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise _Rejected(
                line,
                column,
                "load/too-many-nodes",
                f"more than {self.limits.max_nodes:,} values in one file; split the entry",
            )
        if depth > self.limits.max_depth:
            raise _Rejected(
                line,
                column,
                "load/too-deep",
                f"nested more than {self.limits.max_depth} levels deep",
            )
        self.values[where] = Position(line, column)
        if isinstance(event, yaml.ScalarEvent):
            if len(event.value) > self.limits.max_string_chars:
                raise _Rejected(
                    line,
                    column,
                    "load/string-too-long",
                    f"text of {len(event.value):,} characters, over the limit of "
                    f"{self.limits.max_string_chars:,}",
                )
            if event.implicit[0]:  # a plain (unquoted) scalar: the only kind that is resolved
                return _resolve_plain(event.value)
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            while not isinstance(item := self._next(), yaml.SequenceEndEvent):
                items.append(self._node(item, (*where, len(items)), depth + 1))
            return items
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(where, depth)
        raise _Rejected(line, column, "yaml/syntax", "unexpected YAML structure")  # pragma: no cover

    def _mapping(self, where: Where, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        while not isinstance(key_event := self._next(), yaml.MappingEndEvent):
            mark = key_event.start_mark
            line, column = mark.line + 1, mark.column + 1
            if not isinstance(key_event, yaml.ScalarEvent) or getattr(key_event, "anchor", None):
                raise _Rejected(
                    line, column, "yaml/complex-key", "a key must be a plain name like `title`"
                )
            key = key_event.value
            if key in mapping:
                first = self.keys[(*where, key)]
                raise _Rejected(
                    line,
                    column,
                    "yaml/duplicate-key",
                    f"duplicate key '{key}': first written at line {first.line}; "
                    "keep one of them",
                )
            self.keys[(*where, key)] = Position(line, column)
            mapping[key] = self._node(self._next(), (*where, key), depth + 1)
        return mapping

"""Strict YAML reading: plain data plus the source position of every key and value.

PyYAML's event stream (libyaml's C parser where present) is turned into plain Python
values here instead of by PyYAML's constructors, so that the rules editors rely on hold
everywhere: no anchors or aliases, no duplicate keys, no explicit tags, only
``true``/``false`` are booleans, dates and times stay the text that was written.

Positions are needed only for diagnostics, and most files have none, so a document keeps
its source bytes and finds positions again, on first use, with a second tracking pass.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn, cast

import yaml

from answer_center.diagnostic_words import DEFAULT_KEY, Param
from answer_center.diagnostics import Diagnostic, error
from answer_center.yaml_problems import explain

_CParser: Any
PARSER: str  # which YAML parser reads content here: another may read a file differently
try:
    from yaml._yaml import CParser as _CParser
    from yaml._yaml import get_version_string

    PARSER = f"libyaml {get_version_string()}"
except ImportError:  # pragma: no cover - libyaml missing: same rules, slower parser
    _CParser = None
    PARSER = "PyYAML's pure-Python parser"

Where = tuple[str | int, ...]
"""A location inside a document: the keys and list indexes from the root."""


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a source file; columns count characters, not bytes."""

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

# Finding positions again only re-reads a document that loaded within its own limits.
_POSITION_LIMITS = Limits(
    max_file_bytes=2**62, max_depth=500, max_string_chars=2**62, max_nodes=2**62
)

_ORIGIN = Position(1, 1)


@dataclass(frozen=True)
class Scalar:
    """Where a scalar value was written: its first and last positions and its style."""

    start: Position
    end: Position
    """Just past its last character (a block scalar's ends at the line after it)."""
    style: str
    """``""`` for a plain (unquoted) value, ``'``, ``"``, ``|`` or ``>`` for the others."""


@dataclass(frozen=True)
class Document:
    """One loaded content file: its data, and its source to tell where each part was written."""

    path: str
    data: Any
    raw: bytes = field(default=b"", repr=False, compare=False)
    """The file's bytes when they were kept; empty for documents a worker process loaded."""
    origin: Path | None = field(default=None, repr=False, compare=False)
    """The file to read the bytes from again when ``raw`` is empty."""

    @cached_property
    def source(self) -> bytes:
        """The file's bytes, for positions and for checks that search the written text.

        A document loaded by a worker process left its bytes there and reads its file again
        here; a file edited since then can only misplace a message, never change a verdict.
        """
        if self.raw or self.origin is None:
            return self.raw
        try:
            return self.origin.read_bytes()
        except OSError:
            return b""

    @cached_property
    def _positions(self) -> _Builder:
        builder = _Builder(_POSITION_LIMITS, track=True)
        # The source loaded once already; should it fail now, what was tracked still helps.
        with contextlib.suppress(_RejectedError, UnicodeDecodeError):
            builder.build(self.source.decode("utf-8"))
        return builder

    @property
    def values(self) -> Mapping[Where, Position]:
        """Where each value starts, by location."""
        return self._positions.values

    @property
    def keys(self) -> Mapping[Where, Position]:
        """Where each mapping key is written, by the location of its value."""
        return self._positions.keys

    @property
    def scalars(self) -> Mapping[Where, Scalar]:
        """How each scalar value was written (its span and style), by location."""
        return self._positions.scalars

    def value_position(self, where: Where) -> Position:
        """Where the value at ``where`` starts, or its nearest written ancestor."""
        values = self.values
        for depth in range(len(where), -1, -1):
            found = values.get(where[:depth])
            if found is not None:
                return found
        return _ORIGIN

    def key_position(self, where: Where) -> Position:
        """Where the key naming ``where`` is written (the value's position for list items)."""
        return self.keys.get(where) or self.value_position(where)

    @property
    def stem(self) -> str:
        """The file name without its extension (an entry's id, when the file is right)."""
        return file_stem(self.path)

    @property
    def folder(self) -> str:
        """The name of the folder holding the file (an answer's topic)."""
        return posixpath.basename(posixpath.dirname(self.path))

    def strings(self) -> Sequence[tuple[Where, str]]:
        """Every string value in the document with its location, in source order."""
        return self._strings

    @cached_property
    def _strings(self) -> tuple[tuple[Where, str], ...]:
        return tuple(_strings(self.data, ()))  # several checks read them: walk once

    def key_strings(self) -> list[tuple[Where, str]]:
        """Every mapping key, by the location of the value it names (see key_position)."""
        found: list[tuple[Where, str]] = []
        stack: list[tuple[Where, Any]] = [((), self.data)]
        while stack:
            where, value = stack.pop()
            if isinstance(value, dict):
                for key, item in value.items():
                    found.append(((*where, key), key))
                    stack.append(((*where, key), item))
            elif isinstance(value, list):
                stack.extend(((*where, index), item) for index, item in enumerate(value))
        return found


def file_stem(path: str) -> str:
    """The file name of a display path without its extension: ``a/b/id.yaml`` -> ``id``."""
    return posixpath.splitext(posixpath.basename(path))[0]


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


class _RejectedError(Exception):
    def __init__(
        self, line: int, column: int, rule: str, key: str = DEFAULT_KEY, /, **params: Param
    ) -> None:
        super().__init__(rule)
        self.line, self.column, self.rule, self.key, self.params = line, column, rule, key, params


def load_file(path: Path, display_path: str, limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Read and load one YAML file; ``display_path`` is how diagnostics name it."""
    try:
        # Checked before reading so a huge file is never pulled into memory.
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            return _fail(display_path, 1, 1, "load/too-large", _too_large(size, limits))
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _fail(display_path, 1, 1, "load/unreadable", {"reason": reason})
    return load_bytes(raw, display_path, limits)


def load_bytes(raw: bytes, display_path: str, limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Load one YAML document from bytes, with every rule of the strict dialect."""
    if len(raw) > limits.max_file_bytes:
        return _fail(display_path, 1, 1, "load/too-large", _too_large(len(raw), limits))
    try:
        text = _decode(raw)
        _check_text(text)
        try:
            data = _Builder(limits, track=False).build(text)
        except _RetryTrackingError:
            # The fast pass keeps no positions; the tracking pass meets the same problem and
            # reports it with every position its message needs.
            data = _Builder(limits, track=True).build(text)
    except _RejectedError as exc:
        diagnostic = error(display_path, exc.line, exc.column, exc.rule, exc.key, **exc.params)
        return LoadResult(None, (diagnostic,))
    return LoadResult(Document(display_path, data, raw), ())


def _too_large(size: int, limits: Limits) -> dict[str, Param]:
    return {"size": size, "limit": limits.max_file_bytes}


def _fail(path: str, line: int, column: int, rule: str, params: dict[str, Param]) -> LoadResult:
    return LoadResult(None, (error(path, line, column, rule, DEFAULT_KEY, **params),))


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _RejectedError(1, 1, "load/bom")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _byte_position(raw, nul)
        raise _RejectedError(line, column, "load/binary")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        raise _RejectedError(
            line, column, "load/encoding", byte=f"0x{raw[exc.start]:02x}"
        ) from None
    return text


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    # The bytes before the offset on its line are valid UTF-8, so this counts characters.
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _text_position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
# libyaml (YAML 1.1) breaks lines at these too, while editors do not: every position after
# one would be off by a line, so they are refused instead.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
# libyaml breaks lines at a lone CR too, while the positions here count LF only.
_LONE_CR = re.compile("\r(?!\n)")
# What a double-quoted escape can put into text ("\\e", "\\x07", "\\L") that no page
# should carry: controls other than tab and line feed, and the Unicode line separators.
_ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# Characters that hide or reorder text: a reviewer reads one thing, readers and answer
# engines get another (a key split by a zero-width space passes a scanner, a bidi override
# shows code backwards). Soft hyphens are left to the sensitive-data gate, which skips them.
_INVISIBLE = re.compile(
    "[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\U000e0000-\U000e007f]"
)
# What each is called in messages: keys of the catalog's terms.invisible.
_INVISIBLE_NAMES = {
    **dict.fromkeys(("\u061c", "\u200e", "\u200f"), "bidi-mark"),
    **dict.fromkeys([chr(c) for c in range(0x202A, 0x202F)], "bidi-override"),
    **dict.fromkeys([chr(c) for c in range(0x2066, 0x206A)], "bidi-isolate"),
    **dict.fromkeys([chr(c) for c in range(0xE0000, 0xE0080)], "tag-character"),
    **dict.fromkeys([chr(c) for c in range(0x2061, 0x2065)], "invisible-operator"),
    "\u200b": "zero-width-space",
    "\u200c": "zero-width-non-joiner",
    "\u200d": "zero-width-joiner",
    "\u2060": "word-joiner",
    "\ufeff": "zero-width-no-break-space",
    "\u180e": "mongolian-vowel-separator",
}
_ZWJ = "\u200d"
# Emoji sequences (👨‍👩‍👧) join pictographs with ZWJ, after an optional variation selector
# or skin-tone modifier; a ZWJ between two such characters is allowed.
_PICTOGRAPH = re.compile("[\u2600-\u27bf\u2b00-\u2bff\ufe0f\U0001f000-\U0001faff]")


def invisible_character(text: str) -> int | None:
    """Offset of the first character that hides or reorders text, or None.

    A zero-width joiner inside an emoji sequence is not one.
    """
    for match in _INVISIBLE.finditer(text):
        index = match.start()
        if match.group() != _ZWJ:
            return index
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if not (_PICTOGRAPH.match(before) and _PICTOGRAPH.match(after)):
            return index
    return None


def _invisible(char: str) -> dict[str, Param]:
    """The places of a load/invisible-character message about ``char``."""
    return {"code": f"U+{ord(char):04X}", "invisible": _INVISIBLE_NAMES[char]}


# What YAML accepts in a stream; libyaml reports offenders with a byte offset only.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _check_text(text: str) -> None:
    if not text.strip():
        raise _RejectedError(1, 1, "load/empty", "blank")
    if "\t" in text:
        match = _TAB_INDENT.search(text)
        if match:
            _reject_at(text, match.end() - 1, "load/tab")
    if "\r" in text:
        lone = _LONE_CR.search(text)
        if lone:
            _reject_at(text, lone.start(), "load/line-separator", "lone-cr")
    if not text.isascii():
        hidden = invisible_character(text)
        if hidden is not None:
            _reject_at(
                text, hidden, "load/invisible-character", DEFAULT_KEY, **_invisible(text[hidden])
            )
    # Three substring tests are ten times faster than one regex search over the text.
    odd = (
        _ODD_BREAKS.search(text) if "\x85" in text or "\u2028" in text or "\u2029" in text else None
    )
    if odd:
        _reject_at(
            text, odd.start(), "load/line-separator", "unicode", code=f"U+{ord(odd.group()):04X}"
        )


def _reject_at(
    text: str, index: int, rule: str, key: str = DEFAULT_KEY, /, **params: Param
) -> NoReturn:
    line, column = _text_position(text, index)
    raise _RejectedError(line, column, rule, key, **params)


# Whole numbers only, and short enough for int() (Python refuses over 4,300 digits).
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# First characters of the plain scalars that resolve to something other than text.
_MAY_RESOLVE = frozenset("~nNtTfF-+0123456789")
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


def _event_source(text: str, *, pure: bool = False) -> Callable[[], Any]:
    if _CParser is not None and not pure:
        # get_event() directly: the yaml.parse() generator costs a check_event() per event.
        parser = _CParser(text)
        return cast(Callable[[], Any], parser.get_event)
    return yaml.parse(text, Loader=yaml.SafeLoader).__next__


_SCALAR = yaml.ScalarEvent
_MAPPING_START = yaml.MappingStartEvent
_MAPPING_END = yaml.MappingEndEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_SEQUENCE_END = yaml.SequenceEndEvent
_ALIAS = yaml.AliasEvent


class _Builder:
    """Turns one YAML event stream into plain values (and, when tracking, positions)."""

    def __init__(self, limits: Limits, *, track: bool, pure: bool = False) -> None:
        self.limits = limits
        self.track = track
        self.pure = pure
        """Read with PyYAML's pure-Python parser instead of libyaml."""
        self.values: dict[Where, Position] = {}
        self.keys: dict[Where, Position] = {}
        self.scalars: dict[Where, Scalar] = {}
        self.nodes = 0
        self.next_event: Callable[[], Any] = _no_events

    def build(self, text: str) -> Any:
        """The document's data; raises _RejectedError on the first broken rule."""
        try:
            return self._document(text)
        except RecursionError:  # pragma: no cover - only with a max_depth near Python's limit
            raise _RejectedError(1, 1, "load/too-deep", "unreadable") from None
        except yaml.reader.ReaderError:
            found = _NOT_PRINTABLE.search(text)
            index = found.start() if found else 0
            line, column = _text_position(text, index)
            code = ord(found.group()) if found else 0
            raise _RejectedError(
                line, column, "load/control-character", code=f"U+{code:04X}"
            ) from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark  # positions the error, like an event
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = exc.problem or exc.context or "invalid YAML"
            if "nesting depth" in problem and not self.pure:
                # libyaml reads a run of flow brackets ahead, so its own guard (at 1,000
                # levels) fires before any event reaches ours; the pure-Python parser looks
                # ahead at most 1,024 characters, so the limit is reported where it is passed.
                retry = _Builder(self.limits, track=self.track, pure=True)
                data = retry.build(text)
                self.values, self.keys, self.nodes = retry.values, retry.keys, retry.nodes
                self.scalars = retry.scalars
                return data
            if "nesting depth" in problem:
                raise _RejectedError(
                    line, column, "load/too-deep", limit=min(self.limits.max_depth, 1000)
                ) from None
            context = exc.context_mark
            advice = explain(
                text,
                problem,
                (line, column),
                exc.context,
                (context.line + 1, context.column + 1) if context else None,
            )
            raise _RejectedError(
                advice.line, advice.column, "yaml/syntax", advice.key, **advice.params
            ) from None
        except yaml.YAMLError as exc:  # pragma: no cover - libyaml marks its errors
            raise _RejectedError(1, 1, "yaml/syntax", "other", problem=str(exc)) from None

    def _document(self, text: str) -> Any:
        self.next_event = _event_source(text, pure=self.pure)
        self.next_event()  # StreamStartEvent
        start = self.next_event()
        if isinstance(start, yaml.StreamEndEvent):
            raise _RejectedError(1, 1, "load/empty", "comments")
        root = self.next_event()
        if type(root) is not _MAPPING_START:
            self._check_node(root, 0)
            line, column = _at(root)
            if type(root) is _SCALAR and root.value == "" and root.implicit[0]:
                raise _RejectedError(1, 1, "load/empty", "no-entry")
            found = "list" if type(root) is _SEQUENCE_START else "scalar"
            raise _RejectedError(line, column, "load/not-a-mapping", found)
        data = self._node(root, (), 0) if self.track else self._fast(root, 0)
        # Only a double-quoted escape makes a control character; the tracking pass says where.
        if not self.track and "\\" in text and _holds_control(data):
            raise _RetryTrackingError
        self.next_event()  # DocumentEndEvent
        extra = self.next_event()
        if isinstance(extra, yaml.DocumentStartEvent):
            raise _RejectedError(*_at(extra), "load/multiple-documents")
        return data

    def _check_node(self, event: Any, depth: int) -> None:
        """The rules every node obeys, whatever its kind; raises at the first one broken."""
        kind = type(event)
        if kind is _ALIAS:
            raise _RejectedError(*_at(event), "yaml/alias", name=event.anchor)
        if event.anchor is not None:
            raise _RejectedError(*_at(event), "yaml/anchor", name=event.anchor)
        if kind is _SCALAR and event.style == '"':
            hidden = invisible_character(event.value)
            if hidden is not None:
                raise _RejectedError(
                    *_at(event),
                    "load/invisible-character",
                    "escaped",
                    **_invisible(event.value[hidden]),
                )
            control = _ESCAPED_CONTROL.search(event.value)
            if control:
                raise _RejectedError(
                    *_at(event),
                    "load/control-character",
                    "escaped",
                    code=f"U+{ord(control.group()):04X}",
                )
        if event.tag is not None and event.tag != "!":
            raise _RejectedError(*_at(event), "yaml/tag", tag=event.tag)
        self.nodes += 1
        limits = self.limits
        if self.nodes > limits.max_nodes:
            raise _RejectedError(*_at(event), "load/too-many-nodes", limit=limits.max_nodes)
        if depth > limits.max_depth:
            raise _RejectedError(*_at(event), "load/too-deep", limit=limits.max_depth)
        if kind is _SCALAR and len(event.value) > limits.max_string_chars:
            raise _RejectedError(
                *_at(event),
                "load/string-too-long",
                size=len(event.value),
                limit=limits.max_string_chars,
            )

    def _fast(self, event: Any, depth: int) -> Any:
        """The untracked pass over one node: the same rules, checked with fewer lookups.

        Every load takes this path, so the common case is tested inline (scalars inside a
        collection without a call of their own); anything unusual goes to ``_check_node``,
        which raises with the right message.
        """
        kind = type(event)
        self.nodes += 1
        limits = self.limits
        if (
            event.anchor is not None
            or depth > limits.max_depth
            or self.nodes > limits.max_nodes
            or (kind is _SCALAR and len(event.value) > limits.max_string_chars)
            or (kind is not _ALIAS and event.tag is not None)
        ):
            self.nodes -= 1
            self._check_node(event, depth)
        if kind is _SCALAR:
            value = event.value
            if event.implicit[0] and (not value or value[0] in _MAY_RESOLVE):
                return _resolve_plain(value)
            return value
        next_event = self.next_event
        max_chars = limits.max_string_chars
        # A scalar child is handled inline only when no limit can be near.
        inline = depth + 1 <= limits.max_depth
        if kind is _SEQUENCE_START:
            items: list[Any] = []
            while type(item := next_event()) is not _SEQUENCE_END:
                if (
                    inline
                    and type(item) is _SCALAR
                    and item.anchor is None
                    and item.tag is None
                    and len(item.value) <= max_chars
                    and self.nodes < limits.max_nodes
                ):
                    self.nodes += 1
                    value = item.value
                    if item.implicit[0] and (not value or value[0] in _MAY_RESOLVE):
                        value = _resolve_plain(value)
                    items.append(value)
                else:
                    items.append(self._fast(item, depth + 1))
            return items
        mapping: dict[str, Any] = {}
        while type(key_event := next_event()) is not _MAPPING_END:
            if (
                type(key_event) is not _SCALAR
                or key_event.anchor is not None
                or key_event.tag is not None
                or len(key_event.value) > max_chars
            ):
                raise _RetryTrackingError
            key = key_event.value
            if key in mapping:
                raise _RetryTrackingError
            item = next_event()
            if (
                inline
                and type(item) is _SCALAR
                and item.anchor is None
                and item.tag is None
                and len(item.value) <= max_chars
                and self.nodes < limits.max_nodes
            ):
                self.nodes += 1
                value = item.value
                if item.implicit[0] and (not value or value[0] in _MAY_RESOLVE):
                    value = _resolve_plain(value)
                mapping[key] = value
            else:
                mapping[key] = self._fast(item, depth + 1)
        return mapping

    def _node(self, event: Any, where: Where, depth: int) -> Any:
        """The tracking pass over one node: every check spelt out, every position kept."""
        self._check_node(event, depth)
        start = self.values[where] = Position(*_at(event))
        kind = type(event)
        if kind is _SCALAR:
            end = event.end_mark
            self.scalars[where] = Scalar(
                start, Position(end.line + 1, end.column + 1), event.style or ""
            )
            if event.implicit[0]:  # a plain (unquoted) scalar: the only kind that is resolved
                return _resolve_plain(event.value)
            return event.value
        next_event = self.next_event
        if kind is _SEQUENCE_START:
            items: list[Any] = []
            while type(item := next_event()) is not _SEQUENCE_END:
                items.append(self._node(item, (*where, len(items)), depth + 1))
            return items
        mapping: dict[str, Any] = {}
        while type(key_event := next_event()) is not _MAPPING_END:
            if type(key_event) is not _SCALAR:
                self._check_node(key_event, depth + 1)  # names an alias, if it is one
                raise _RejectedError(*_at(key_event), "yaml/complex-key")
            self._check_node(key_event, depth + 1)
            self.nodes -= 1  # keys are not values: only values count towards max_nodes
            key = key_event.value
            if key in mapping:
                self._duplicate(key_event, where)
            self.keys[(*where, key)] = Position(*_at(key_event))
            mapping[key] = self._node(next_event(), (*where, key), depth + 1)
        return mapping

    def _duplicate(self, key_event: Any, where: Where) -> None:
        key = key_event.value
        first = self.keys[(*where, key)]
        line, column = _at(key_event)
        if first.line == line:
            raise _RejectedError(
                line,
                column,
                "yaml/duplicate-key",
                "same-line",
                name=key,
                line=line,
                first=first.column,
                second=column,
            )
        raise _RejectedError(
            line, column, "yaml/duplicate-key", name=key, first=first.line, second=line
        )


def _holds_control(value: Any) -> bool:
    if isinstance(value, str):
        return _ESCAPED_CONTROL.search(value) is not None or invisible_character(value) is not None
    if isinstance(value, dict):
        return any(_holds_control(k) or _holds_control(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_control(item) for item in value)
    return False


def _at(event: Any) -> tuple[int, int]:
    """The 1-based line and column where an event starts (libyaml counts from 0)."""
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


class _RetryTrackingError(Exception):
    """The fast pass found a problem whose message needs positions it did not keep."""


def _no_events() -> Any:  # pragma: no cover - replaced before use
    raise StopIteration

"""Rewriting one scalar value inside a YAML file's text, leaving every other byte as it was.

A YAML writer would re-emit the whole file: comments gone, quotes and block styles chosen
anew, lines folded elsewhere. An editor's file keeps its layout only if just the changed
characters are replaced where they were written. So each change to a value is mapped back
onto its source text: the scalar's characters as written are matched to the characters of
its value (quotes, block indicators, folded line breaks and escapes are what does not
match), and each changed run of the value is replaced in place. The file is then read
again with the loader: a splice is kept only when the value reads back as intended and
nothing else moved, so a change that cannot be written safely in that scalar's style (a
`` #`` that would start a comment, a space lost at a folded line end) is refused rather
than written wrong.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from answer_center.load import Where, load_bytes


@dataclass(frozen=True)
class Scalar:
    """Where a scalar value is written: character offsets into the file's text."""

    start: int
    end: int
    style: str | None
    """``None`` (plain), ``'``, ``"``, ``|`` or ``>``."""

    def body(self, text: str) -> int:
        """Where the value's own characters may begin: after the opening quote, or after
        a block scalar's header line."""
        if self.style in ("'", '"'):
            return self.start + 1
        if self.style in ("|", ">"):
            return text.index("\n", self.start, self.end) + 1
        return self.start


def scalars(text: str) -> dict[Where, Scalar]:
    """Every scalar value of a document by its location (keys and indexes as the loader
    names them); the file must be one the loader accepted."""
    # The pure-Python parser: its marks count characters of the text, as str indexes do.
    events = iter(yaml.parse(text, Loader=yaml.SafeLoader))
    found: dict[Where, Scalar] = {}
    for event in events:
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            _node(event, events, (), found)
            break
    return found


def _node(event: Any, events: Iterator[Any], where: Where, found: dict[Where, Scalar]) -> None:
    if isinstance(event, yaml.ScalarEvent):
        start, end = event.start_mark, event.end_mark
        assert start is not None and end is not None  # the parser marks every event
        found[where] = Scalar(start.index, end.index, event.style)
    elif isinstance(event, yaml.SequenceStartEvent):
        index = 0
        while not isinstance(item := next(events), yaml.SequenceEndEvent):
            _node(item, events, (*where, index), found)
            index += 1
    elif isinstance(event, yaml.MappingStartEvent):
        while not isinstance(key := next(events), yaml.MappingEndEvent):
            _node(next(events), events, (*where, key.value), found)


def _source_map(text: str, scalar: Scalar, value: str) -> list[int] | None:
    """For each character of ``value``, the offset where it is written; None when the
    written text does not hold the value's characters in order."""
    offsets = []
    position = scalar.body(text)
    for char in value:
        position = text.find(char, position, scalar.end)
        if position < 0:
            return None
        offsets.append(position)
        position += 1
    return offsets


def _edits(
    offsets: list[int], old: str, new: str, spans: Sequence[tuple[int, int, int, int]]
) -> list[tuple[int, int, str]] | None:
    """Source replacements ``(start, end, text)`` for the changed spans of the value; None
    when a replaced run is not written in one piece (it crosses a fold or an escape)."""
    edits = []
    for i1, i2, j1, j2 in spans:
        if i1 < i2:
            run = offsets[i1:i2]
            if run[-1] - run[0] != i2 - i1 - 1:
                return None
            edits.append((run[0], run[-1] + 1, new[j1:j2]))
        else:  # an insertion: right after the character before it, as it is written
            at = offsets[i1 - 1] + 1 if i1 else offsets[0] if old else -1
            if at < 0:
                return None
            edits.append((at, at, new[j1:j2]))
    return edits


def rewrite(
    text: str, path: str, data: Any, changes: dict[Where, tuple[str, Sequence[Any]]]
) -> tuple[str, list[Where]]:
    """``text`` with the values at ``changes`` replaced, and the locations refused.

    ``changes`` maps a location to its new value and the changed spans
    (:func:`answer_center.validate.typography.changes`); ``data`` is the document as the
    loader read ``text``. Values are rewritten from the end of the file backwards, so the
    offsets of those still to do stay valid; each is checked by loading the file again.
    """
    written = scalars(text)
    refused: list[Where] = []
    expected = data
    order = sorted(changes, key=lambda where: written[where].start, reverse=True)
    for where in order:
        new, spans = changes[where]
        old = _lookup(expected, where)
        scalar = written[where]
        offsets = _source_map(text, scalar, old) if old else None
        edits = _edits(offsets, old, new, spans) if offsets is not None else None
        if edits is None:
            refused.append(where)
            continue
        candidate = text
        for start, end, piece in reversed(edits):
            candidate = candidate[:start] + piece + candidate[end:]
        wanted = _replaced(expected, where, new)
        loaded = load_bytes(candidate.encode("utf-8"), path).document
        if loaded is None or loaded.data != wanted:
            refused.append(where)
            continue
        text, expected = candidate, wanted
    return text, sorted(refused, key=lambda where: written[where].start)


def _lookup(data: Any, where: Where) -> Any:
    for part in where:
        data = data[part]
    return data


def _replaced(data: Any, where: Where, value: str) -> Any:
    """A copy of ``data`` with the value at ``where`` replaced (the rest shared)."""
    if not where:
        return value
    head, rest = where[0], where[1:]
    if isinstance(data, dict):
        return {**data, head: _replaced(data[head], rest, value)}
    items = list(data)
    assert isinstance(head, int)
    items[head] = _replaced(items[head], rest, value)
    return items

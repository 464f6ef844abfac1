"""Prose that YAML or the page would not publish as it was written.

Each rule finds a mistake that passes the schema and silently changes the published text:

- ``prose/comment`` (error): `` #`` after an unquoted text value starts a YAML comment, so
  the rest of the line is dropped. Only a ``#`` written against the text that follows it
  (``issue #11``, ``#标签``) is taken for text; ``# note``, with a space, is how a comment
  for editors is written, and is left alone.
- ``prose/merged-item`` (error): a line of an unquoted value that starts with ``- `` is
  not a list item but the continuation of the value above (it was indented deeper), so two
  items are published as one.
- ``prose/table`` and ``prose/code`` (errors): a Markdown table or a fenced code block in a
  text field is flattened into one line of text; the kinds that hold tables and code in
  structured fields (``x-holds`` in the schemas) are named in the message.
- ``prose/list`` (warning): a line of a text field that starts like a list item is
  flattened into the paragraph too; a warning because a wrapped line may start with a
  dash or a number by chance.
- ``prose/numbered-item`` (error in a numbered list, ``x-ordered`` in the schemas, which
  the page would show as "1. 1. ..."; a warning in a bulleted list, where the number
  reads as part of the text).
- ``author/byline`` (error): the byline already prints its label ("作者:", "By") before
  the author, so a label in ``author`` is published twice.

Which strings are text, which lists are numbered and which fields hold tables and code all
come from the schemas (:class:`ProseFields`); the checks read only the document.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from answer_center.diagnostic_words import Param
from answer_center.diagnostics import Diagnostic, error, warning
from answer_center.load import Document, Scalar, Where
from answer_center.validate.locate import TextLocator
from answer_center.validate.schema import markup_place
from answer_center.words import languages, vocabulary

AUTHOR = "author"
"""The key whose text the byline shows (``{author}`` in ``page.byline``)."""


@dataclass(frozen=True)
class Holder:
    """A structured field that holds a table or code: which kind has it, and where."""

    noun: str
    place: Where


@dataclass(frozen=True)
class ProseFields:
    """What the schema of one kind says about its prose, for the checks of this module."""

    noun: str
    """The kind of the file's entry (``answer``; ``site`` for site.yaml): a key of the
    catalog's terms.a_kind."""
    text: frozenset[Where]
    """The text fields (``x-markup``), list indexes as ``*``."""
    ordered: frozenset[Where]
    """The lists the page numbers (``x-ordered``)."""
    tables: tuple[Holder, ...]
    """Where tables go: this kind's own field first when it has one."""
    code: tuple[Holder, ...]
    """Where code goes, likewise."""


# A file's scalars are read again for their spans (a second parse) only where one of these
# suggests a problem: most files have none.
_MAYBE_COMMENT = re.compile(rb"[^\s#][ \t]+#")
_NUMBERING = r"(?:\d{1,3}[.)．）](?!\d)|[（(]\d{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
_MAYBE_BLOCK = re.compile(r"```|~~~|\|.*\|")
_ITEM = rf"([-*+]|{_NUMBERING})[ ]*(\S{{1,8}})"
_MAYBE_ITEM = re.compile(rf"(?:^|\s){_ITEM}")
_LINE_ITEM = re.compile(rf"^[ ]*{_ITEM}", re.MULTILINE)
"""A list marker and the text after it (up to 8 characters): a value holds a list line
or a merged item only where a line of the file starts with the same two, and most of
the values that hold a marker hold a dash in a sentence ("a - b") instead."""
_SUSPECT = re.compile(rf"```|~~~|\||(?:^|\s)(?:[-*+]|{_NUMBERING})")
"""What every rule on a value needs (a fence, a pipe, a list marker or numbering)."""
_COMMENT = re.compile(r"[ \t]+#(?=[^\s#])")
_DASH_LINE = re.compile(r"( *)-(?: |$)")
_FENCE = re.compile(r"(?:```|~~~)")
_TABLE_ROW = re.compile(r"\|.*\|\Z")
_TABLE_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\Z")
_LIST_LINE = re.compile(rf"(?:[-*+]\s+|{_NUMBERING}\s*)\S")
_NUMBERED = re.compile(rf"\s*({_NUMBERING})\s*(?=\S)")
_SHOWN = 30


def check_prose(document: Document, fields: ProseFields) -> list[Diagnostic]:
    """Every place where the document's prose would not be published as written."""
    found: list[Diagnostic] = []
    commented = _MAYBE_COMMENT.search(document.source) is not None
    lines: list[str] | None = None
    starts: frozenset[tuple[str, str]] | None = None
    for where, value in document.strings():
        # The one test most strings end at: nothing here any rule looks for.
        if not (commented or _SUSPECT.search(value)):
            continue
        place = markup_place(where)
        is_text = place in fields.text
        if is_text:
            found.extend(_numbered(document, where, value, place, fields))
        listed = False
        for match in _MAYBE_ITEM.finditer(value):
            if starts is None:
                text = document.source.decode("utf-8", errors="replace")
                starts = frozenset((item[1], item[2]) for item in _LINE_ITEM.finditer(text))
            if (match[1], match[2]) in starts:
                listed = True
                break
        if not (listed or (is_text and (commented or _MAYBE_BLOCK.search(value)))):
            continue
        scalar = document.scalars.get(where)
        if scalar is None:  # pragma: no cover - every string value was written somewhere
            continue
        if lines is None:
            lines = document.source.decode("utf-8", errors="replace").split("\n")
        if not scalar.style:
            found.extend(_merged(document, lines, scalar))
            if is_text:
                found.extend(_comment(document, lines, scalar))
        if is_text:
            found.extend(_blocks(document, lines, scalar, fields, where))
    found.extend(check_byline(document))
    return found


def _comment(document: Document, lines: Sequence[str], scalar: Scalar) -> Iterator[Diagnostic]:
    line = lines[scalar.end.line - 1]
    rest = line[scalar.end.column - 1 :]
    match = _COMMENT.match(rest)
    if match is None:
        return
    column = scalar.end.column + match.end() - 1
    dropped = _clip(rest.strip())
    yield error(document.path, scalar.end.line, column, "prose/comment", dropped=dropped)


def _merged(document: Document, lines: Sequence[str], scalar: Scalar) -> Iterator[Diagnostic]:
    for number in range(scalar.start.line + 1, scalar.end.line + 1):
        match = _DASH_LINE.match(lines[number - 1])
        if match is None:
            continue
        item = lines[number - 1][match.end() :].strip()
        column = len(match.group(1)) + 1
        yield error(document.path, number, column, "prose/merged-item", item=_clip(item))


def _content_lines(lines: Sequence[str], scalar: Scalar) -> Iterator[tuple[int, int, str]]:
    """``(line, column, text)`` of each written line of a scalar, from its first character."""
    if scalar.style in ("|", ">"):
        first, last = scalar.start.line + 1, scalar.end.line - (scalar.end.column == 1)
    else:
        first, last = scalar.start.line, scalar.end.line
    for number in range(first, min(last, len(lines)) + 1):
        line = lines[number - 1]
        begin = 0
        if number == scalar.start.line:
            begin = scalar.start.column - 1 + (1 if scalar.style in ("'", '"') else 0)
        stripped = line[begin:].lstrip(" ")
        column = len(line) - len(stripped) + 1
        if number == scalar.end.line and scalar.style in ("'", '"'):
            stripped = stripped[: max(0, scalar.end.column - column - 1)]
        yield number, column, stripped.rstrip()


def _blocks(
    document: Document,
    lines: Sequence[str],
    scalar: Scalar,
    fields: ProseFields,
    where: Where,
) -> Iterator[Diagnostic]:
    if scalar.start.line == scalar.end.line:
        return
    fence: tuple[int, int] | None = None
    rows: list[tuple[int, int]] = []
    rule_seen = False
    listed: tuple[int, int] | None = None
    inside = False
    for number, column, text in _content_lines(lines, scalar):
        if _FENCE.match(text):
            fence = fence or (number, column)
            inside = not inside
            continue
        if inside:
            continue
        if _TABLE_RULE.match(text):
            rule_seen = True
            rows.append((number, column))
        elif text.startswith("|") and _TABLE_ROW.match(text):
            rows.append((number, column))
        elif (
            listed is None
            and _LIST_LINE.match(text)
            # An unquoted value's '- ' lines are merged items, reported as such.
            and (scalar.style or not text.startswith("-"))
        ):
            listed = (number, column)
    name = _place_name(where)
    if fence is not None:
        key, params = _move(fields.code, fields.noun)
        yield error(document.path, *fence, "prose/code", key, field=name, **params)
    if rows and (rule_seen or len(rows) > 1):
        key, params = _move(fields.tables, fields.noun)
        yield error(document.path, *rows[0], "prose/table", key, field=name, **params)
    if listed is not None:
        lists = _ordered_names(fields)
        if lists:
            yield warning(document.path, *listed, "prose/list", "ordered", field=name, lists=lists)
        else:
            yield warning(document.path, *listed, "prose/list", field=name)


def _move(holders: Sequence[Holder], noun: str) -> tuple[str, dict[str, Param]]:
    """Where a table or code goes instead: the message key and its values."""
    if holders and holders[0].noun == noun:
        return "own", {"place": _place_name(holders[0].place)}
    if not holders:
        return "none", {}
    places = tuple(f"{h.noun} {_place_name(h.place)}" for h in holders)
    return "elsewhere", {"a_kind": noun, "places": places}


def _list_item(place: Where, fields: ProseFields) -> Where | None:
    """The list whose item this text starts (the item, or a field of an item of a
    numbered list); None for text that starts no list item."""
    if place and place[-1] == "*":
        return place[:-1]
    if len(place) >= 2 and place[-2] == "*" and place[:-2] in fields.ordered:
        return place[:-2]
    return None


def _numbered(
    document: Document,
    where: Where,
    value: str,
    place: Where,
    fields: ProseFields,
) -> Iterator[Diagnostic]:
    match = _NUMBERED.match(value)
    listing = _list_item(place, fields)
    if match is None or listing is None:
        return
    line, column = TextLocator(document).locate(where, value, match.start(1), match.end(1))
    marker = match.group(1)
    if listing in fields.ordered:
        yield error(document.path, line, column, "prose/numbered-item", marker=marker)
        return
    lists = _ordered_names(fields)
    if lists:
        yield warning(
            document.path,
            line,
            column,
            "prose/numbered-item",
            "bullets",
            marker=marker,
            lists=lists,
        )
    else:
        yield warning(document.path, line, column, "prose/numbered-item", "no-lists", marker=marker)


def _ordered_names(fields: ProseFields) -> tuple[str, ...]:
    return tuple(sorted(_place_name(place) for place in fields.ordered))


@dataclass(frozen=True)
class _Byline:
    label: str
    """The label as written in the words (``作者``), folded for comparison."""
    shown: str
    """The text the byline prints before the author (``作者:``)."""


@functools.cache
def _bylines() -> tuple[_Byline, ...]:
    found: dict[str, _Byline] = {}
    for language in languages():
        template = vocabulary(language)("page.byline")
        shown = template.partition("{author}")[0]
        label = _folded(shown).rstrip(" :")
        if label:
            found.setdefault(label, _Byline(label, shown))
    return tuple(found.values())


def check_byline(document: Document) -> list[Diagnostic]:
    """An error when ``author`` starts with the label the byline prints before it."""
    author = document.data.get(AUTHOR) if isinstance(document.data, dict) else None
    if not isinstance(author, str):
        return []
    folded = _folded(author)
    for byline in _bylines():
        rest = folded[len(byline.label) :]
        if not folded.startswith(byline.label) or rest[:1] not in (":", " "):
            continue
        name = author.strip()[len(byline.label) :].lstrip(" :：")
        at = TextLocator(document).locate((AUTHOR,), author, 0, len(byline.label))
        shown = byline.shown.strip()
        return [error(document.path, *at, "author/byline", byline=shown, name=name)]
    return []


def _folded(text: str) -> str:
    """Compared as readers see it: full-width forms as ASCII, case folded."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _place_name(place: Where) -> str:
    """A field's place as an editor reads it: ``next_steps``, ``sections[].steps``."""
    name = ""
    for part in place:
        if part == "*" or isinstance(part, int):
            name += "[]"
        else:
            name += f".{part}" if name else str(part)
    return f"`{name}`"


def _clip(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"

"""What a YAML parser error means for the editor who wrote the file.

libyaml reports what its grammar expected ("did not find expected key", "mapping values
are not allowed in this context"); an editor needs to know what they wrote that YAML read
differently, and what to write instead. The common mistakes each leave a recognisable
trace on the line the parser stopped at: a value that starts with a quote and goes on
after it, ``: `` inside a plain value, a value starting with a character YAML reserves, an
unclosed quote or bracket, a line indented unlike its neighbours. Each becomes a message
key of the ``yaml/syntax`` rule, placed where the mistake is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from answer_center.diagnostic_words import Param

_QUOTES = "\"'"
_CLOSING = {"[": "]", "{": "}"}
# `key: ` or `- ` at the start of a line: what comes after is the value.
_VALUE_START = re.compile(r"^(\s*)(?:-\s+)*(?:[^\s#'\"][^:#]*?:\s+|-\s+)?")
_MISSING_SPACE = re.compile(r"^\s*(?:-\s+)?[^\s#'\":-][^:\s]*:[^\s]")


@dataclass(frozen=True)
class SyntaxProblem:
    """A ``yaml/syntax`` message: its key, where it points, the values it names."""

    key: str
    line: int
    column: int
    params: dict[str, Param] = field(default_factory=dict)


def explain(
    text: str,
    problem: str,
    at: tuple[int, int],
    context: str | None,
    context_at: tuple[int, int] | None,
) -> SyntaxProblem:
    """The advice for a parser error ``problem`` at 1-based ``at`` (line, column).

    ``context`` and ``context_at`` are the parser's "while scanning ..." and where that
    began, when it says.
    """
    lines = text.split("\n")
    line, column = at
    here = lines[line - 1] if line <= len(lines) else ""
    started = context_at or at
    if "tab" in problem or "'\\t'" in problem:
        return SyntaxProblem("tab", line, column)
    if "escape" in problem or "hexdecimal" in problem:
        # libyaml points at the backslash, or at the first bad digit of \x, \u or \U.
        backslash = here.rfind("\\", 0, column)
        start = backslash if backslash >= 0 else column - 1
        sequence = here[start : start + 2]
        return SyntaxProblem("escape", line, start + 1, {"sequence": sequence})
    if "scanning an alias" in (context or "") or "scanning an anchor" in (context or ""):
        # Text that starts with * or & (Markdown's **bold**, "*注意*") read as an alias.
        marker = lines[started[0] - 1][started[1] - 1 : started[1]]
        return SyntaxProblem("reserved-start", *started, {"char": marker or "*"})
    if "quoted scalar" in (context or "") and "end of stream" in problem:
        opened = lines[started[0] - 1][started[1] - 1 : started[1]]
        return SyntaxProblem("unclosed-quote", *started, {"quote": opened or '"'})
    if "did not find expected ','" in problem:
        opened = lines[started[0] - 1][started[1] - 1 : started[1]]
        bracket = opened if opened in _CLOSING else "["
        return SyntaxProblem(
            "unclosed-bracket", *started, {"bracket": bracket, "close": _CLOSING[bracket]}
        )
    if "block scalar" in (context or ""):
        marker = lines[started[0] - 1][started[1] - 1 : started[1]]
        return SyntaxProblem("block-indicator", *started, {"char": marker or "|"})
    if "cannot start any token" in problem or "mapping keys are not allowed" in problem:
        char = here[column - 1 : column] or "?"
        return SyntaxProblem("reserved-start", line, column, {"char": char})
    if "block sequence entries are not allowed" in problem:
        return SyntaxProblem("dash-in-value", line, column)
    if "document start" in problem:
        return SyntaxProblem("document-marker", line, column)
    if "expected key" in problem or "expected <block end>" in problem or "'-'" in problem:
        return _after_value(lines, here, line, column)
    if "mapping values are not allowed" in problem:
        return _colon(lines, here, line, column)
    if "could not find expected ':'" in problem:
        written = lines[started[0] - 1]
        if _MISSING_SPACE.match(written):
            return SyntaxProblem("missing-space", started[0], written.index(":") + 1)
        return SyntaxProblem("missing-colon", *started)
    return SyntaxProblem("other", line, column, {"problem": problem})


def _after_value(lines: list[str], here: str, line: int, column: int) -> SyntaxProblem:
    """The parser wanted the next key or item: what stands in its way on this line."""
    before = here[: column - 1].rstrip()
    value_start = _VALUE_START.match(here)
    value = here[value_start.end() if value_start else 0 : column - 1].rstrip()
    if value and before.endswith(value) and len(value) >= 2:
        first, last = value[0], value[-1]
        if first in _QUOTES and last == first:
            return SyntaxProblem("text-after-quote", line, column, {"quote": first})
        if first in _CLOSING and last == _CLOSING[first]:
            return SyntaxProblem("text-after-bracket", line, column, {"bracket": first})
    if here.lstrip().startswith("- "):
        return SyntaxProblem("list-item-misplaced", line, column)
    return SyntaxProblem("indentation", line, column)


def _colon(lines: list[str], here: str, line: int, column: int) -> SyntaxProblem:
    """A ``: `` where no key may start: inside a value, or on a line indented too far."""
    value_start = _VALUE_START.match(here)
    if value_start and value_start.end() < column and ":" in here[: value_start.end()]:
        value = here[value_start.end() : column - 1].rstrip()
        if len(value) >= 2 and value[0] in _QUOTES and value[-1] == value[0]:
            return SyntaxProblem("text-after-quote", line, column, {"quote": value[0]})
        return SyntaxProblem("colon-in-value", line, column)
    previous = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip()), None)
    if previous is not None and _MISSING_SPACE.match(lines[previous - 1]):
        return SyntaxProblem("missing-space", previous, lines[previous - 1].index(":") + 1)
    return SyntaxProblem("indented-key", line, len(here) - len(here.lstrip()) + 1)

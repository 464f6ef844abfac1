"""Diagnostics are values: every check returns them, one printer shows them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is: errors fail the build, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding at a position of a content file (line and column are 1-based)."""

    path: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str


def error(path: str, line: int, column: int, rule: str, message: str) -> Diagnostic:
    """Build an error diagnostic."""
    return Diagnostic(path, line, column, Severity.ERROR, rule, message)


def warning(path: str, line: int, column: int, rule: str, message: str) -> Diagnostic:
    """Build a warning diagnostic."""
    return Diagnostic(path, line, column, Severity.WARNING, rule, message)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


def summary(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    """One line that counts errors and warnings."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"{files_checked} files checked: no problems"
    files = len({d.path for d in diagnostics})
    return (
        f"{files_checked} files checked: {_plural(errors, 'error')}, "
        f"{_plural(warnings, 'warning')} in {_plural(files, 'file')}"
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def format_text(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    """`path:line:col: severity [rule] message` lines, sorted, then the summary.

    One line per diagnostic, always: a line break in a quoted value or a file name is
    shown as ``\\n``, so that editors and CI problem matchers never see half a diagnostic.
    """
    lines = [
        f"{_one_line(d.path)}:{d.line}:{d.column}: {d.severity} [{d.rule}] {_one_line(d.message)}"
        for d in sorted(diagnostics)
    ]
    lines.append(summary(diagnostics, files_checked))
    return "\n".join(lines) + "\n"


_LINE_BREAKS = str.maketrans(
    {"\r": "\\r", "\n": "\\n", "\u2028": "\\u2028", "\u2029": "\\u2029"}
    # The other controls a quoted YAML value can hold ("\v", "\f", "\x85", "\e[2J"): they
    # break the line too, or make the terminal move, hide or restyle what follows.
    | {chr(c): f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in "\t\r\n"}
)


def _one_line(text: str) -> str:
    return text.translate(_LINE_BREAKS)


def format_json(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    """A JSON document with every diagnostic and the counts, for tools."""
    items = [asdict(d) | {"severity": str(d.severity)} for d in sorted(diagnostics)]
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    document = {
        "diagnostics": items,
        "files_checked": files_checked,
        "errors": errors,
        "warnings": len(diagnostics) - errors,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_github(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    """GitHub Actions workflow commands, so findings show up as annotations on the diff."""
    lines = []
    for d in sorted(diagnostics):
        level = "error" if d.severity is Severity.ERROR else "warning"
        lines.append(
            f"::{level} file={_escape_property(d.path)},line={d.line},col={d.column},"
            f"title={_escape_property(d.rule)}::{_escape_data(d.message)}"
        )
    lines.append(summary(diagnostics, files_checked))
    return "\n".join(lines) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}

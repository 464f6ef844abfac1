"""Diagnostics are values: every check returns them, one printer shows them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from answer_center.diagnostic_words import DEFAULT_KEY, Param, Params, Translated, catalog


class Severity(StrEnum):
    """How bad a finding is: errors fail the build, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding at a position of a content file (line and column are 1-based).

    The words are not here: ``key`` names one of the rule's message templates in
    ``words/diagnostics.yaml`` and ``params`` fills its places, so that the printer can
    write it in the reader's language. Building one the catalog cannot write raises.
    """

    path: str
    line: int
    column: int
    severity: Severity
    rule: str
    key: str = DEFAULT_KEY
    params: Params = ()

    def __post_init__(self) -> None:
        catalog().check(self.rule, self.key, self.params)

    def text(self, language: str) -> str:
        """The message in ``language`` (``zh-CN`` or ``en``)."""
        return catalog().render(self.rule, self.key, self.params, language)


def _params(values: dict[str, Param]) -> Params:
    # Sorted by name: equal findings compare equal whatever order a check passed them in.
    return tuple(sorted(values.items()))


def error(
    path: str, line: int, column: int, rule: str, key: str = DEFAULT_KEY, /, **params: Param
) -> Diagnostic:
    """Build an error diagnostic: ``rule``'s message ``key``, its places filled by ``params``."""
    return Diagnostic(path, line, column, Severity.ERROR, rule, key, _params(params))


def warning(
    path: str, line: int, column: int, rule: str, key: str = DEFAULT_KEY, /, **params: Param
) -> Diagnostic:
    """Build a warning diagnostic: ``rule``'s message ``key``, its places filled by ``params``."""
    return Diagnostic(path, line, column, Severity.WARNING, rule, key, _params(params))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


def summary(diagnostics: Sequence[Diagnostic], files_checked: int, language: str) -> str:
    """One line that counts errors and warnings, in ``language``."""
    words = catalog()
    if not diagnostics:
        return words.sentence("none", language, files=files_checked)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    return words.sentence(
        "some",
        language,
        files=files_checked,
        errors=words.counted("error", errors, language),
        warnings=words.counted("warning", len(diagnostics) - errors, language),
        where=words.counted("file", len({d.path for d in diagnostics}), language),
    )


def one_line_text(diagnostic: Diagnostic, language: str) -> str:
    """The message in ``language`` on one line (see :func:`format_text`)."""
    return _one_line(diagnostic.text(language))


def format_text(diagnostics: Sequence[Diagnostic], files_checked: int, language: str) -> str:
    """`path:line:col: severity [rule] message` lines, sorted, then the summary.

    One line per diagnostic, always: a line break in a quoted value or a file name is
    shown as ``\\n``, so that editors and CI problem matchers never see half a diagnostic.
    """
    lines = [
        f"{_one_line(d.path)}:{d.line}:{d.column}: {d.severity} [{d.rule}] "
        f"{one_line_text(d, language)}"
        for d in sorted(diagnostics)
    ]
    lines.append(summary(diagnostics, files_checked, language))
    return "\n".join(lines) + "\n"


_LINE_BREAKS = str.maketrans(
    {"\r": "\\r", "\n": "\\n", "\u2028": "\\u2028", "\u2029": "\\u2029"}
    # The other controls a quoted YAML value can hold ("\v", "\f", "\x85", "\e[2J"): they
    # break the line too, or make the terminal move, hide or restyle what follows.
    | {chr(c): f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in "\t\r\n"}
)


def _one_line(text: str) -> str:
    return text.translate(_LINE_BREAKS)


def as_json(diagnostic: Diagnostic, language: str) -> dict[str, object]:
    """A diagnostic as a JSON object: its rule, template key and values, and the message
    written in ``language`` (control characters escaped, as in the text output)."""
    d = diagnostic
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "severity": str(d.severity),
        "rule": d.rule,
        "key": d.key,
        "params": {name: _json_value(value) for name, value in d.params},
        "message": one_line_text(d, language),
    }


def _json_value(value: Param) -> object:
    if isinstance(value, str):
        return _one_line(value)
    if isinstance(value, Translated):
        return {language: _one_line(text) for language, text in value.texts}
    if isinstance(value, tuple):
        return [_one_line(item) for item in value]
    return value


def format_json(diagnostics: Sequence[Diagnostic], files_checked: int, language: str) -> str:
    """A JSON document with every diagnostic and the counts, for tools."""
    items = [as_json(d, language) for d in sorted(diagnostics)]
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    document = {
        "language": language,
        "diagnostics": items,
        "files_checked": files_checked,
        "errors": errors,
        "warnings": len(diagnostics) - errors,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_github(diagnostics: Sequence[Diagnostic], files_checked: int, language: str) -> str:
    """GitHub Actions workflow commands, so findings show up as annotations on the diff."""
    lines = []
    for d in sorted(diagnostics):
        level = "error" if d.severity is Severity.ERROR else "warning"
        lines.append(
            f"::{level} file={_escape_property(d.path)},line={d.line},col={d.column},"
            f"title={_escape_property(d.rule)}::{_escape_data(d.text(language))}"
        )
    lines.append(summary(diagnostics, files_checked, language))
    return "\n".join(lines) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}

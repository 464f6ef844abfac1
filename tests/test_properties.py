"""Property-based tests (issue #5): no input ever escapes load, validate or render as a crash.

Whatever an editor, a merge conflict or a hostile pull request puts under ``content/``, the
loader and the validator answer with diagnostics (values with a file, line, column, rule and
message), and content that validates renders. Four families of input:

1. random bytes and *almost-YAML* (damaged YAML, YAML-shaped lines, token soup), fed to
   ``load_bytes``, with the default limits and with tiny ones;
2. random structured data in the shape of an answer (real schema keys with values of any
   type), written in several YAML styles into a small project, through ``commands.validate``;
3. mutations of the real sample content (a dropped key, a wrong type, hostile text, a
   duplicated line, dates out of order...), validated and, when valid, rendered in-process;
4. ``answer-center validate`` on random broken trees, in every output format, with its
   result cache cold and warm.

Every example writes into a temporary folder of its own, or restores what it edited
(function-scoped fixtures are not reset between Hypothesis examples). The engine (MkDocs)
never runs here: the generated tree is checked the way the engine will read it.

``ANSWER_CENTER_FUZZ=<n>`` runs ``n`` times as many examples, for a longer hunt; add
``--hypothesis-show-statistics`` to see how often examples get through to rendering.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from answer_center import cli, commands
from answer_center.commands import Report
from answer_center.content import read_content
from answer_center.diagnostics import (
    Diagnostic,
    Severity,
    error,
    format_github,
    format_json,
    format_text,
    has_errors,
)
from answer_center.load import Document, Limits, LoadResult, Where, load_bytes
from answer_center.model import build_catalog
from answer_center.project import Project
from answer_center.render.outputs import published_files
from answer_center.render.site_tree import engine_tree
from answer_center.validate import FileChecker
from answer_center.validate import validate as validate_tree
from answer_center.validate.allowlist import load_allowlist
from answer_center.validate.schema import SchemaSet
from conftest import REPOSITORY, MiniProject
from sample_site import copy_project

FUZZ = max(1, int(os.environ.get("ANSWER_CENTER_FUZZ", "1")))


def examples(count: int) -> settings:
    """``count`` examples (times ANSWER_CENTER_FUZZ); no deadline, file I/O has jitter."""
    return settings(
        max_examples=count * FUZZ,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# ---------------------------------------------------------------------------------------------
# What every diagnostic promises
# ---------------------------------------------------------------------------------------------

RULE = re.compile(r"[a-z]+/[a-z0-9-]+")
"""Every rule id is ``family/name``."""

_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _readings(raw: bytes) -> tuple[list[str], list[str]]:
    """The file's lines as editors may count them: at ``\\n`` only, or at every break.

    libyaml (and many editors) also break lines at a lone CR; the loader's own checks count
    ``\\n``. A position is right if it names a place in either reading.
    """
    text = raw.decode("utf-8", errors="replace")
    return text.split("\n"), _BREAKS.split(text)


def assert_in_file(line: int, column: int, raw: bytes, what: object) -> None:
    """``line:column`` is on a line of the file, at a column within it or just past its end.

    The end of a file without a final line break counts as the start of one more line:
    libyaml places the empty value of a last ``key:`` there.
    """
    readings = _readings(raw)
    assert any(
        (line <= len(lines) and column <= len(lines[line - 1]) + 1)
        or (line == len(lines) + 1 and column == 1)
        for lines in readings
    ), f"{what} is outside the file ({[len(lines) for lines in readings]} lines)"


def assert_well_formed(diagnostic: Diagnostic) -> None:
    """A file, a 1-based position, a severity, a rule id and a message."""
    assert diagnostic.path
    assert diagnostic.line >= 1, diagnostic
    assert diagnostic.column >= 1, diagnostic
    assert isinstance(diagnostic.severity, Severity)
    assert RULE.fullmatch(diagnostic.rule), diagnostic
    assert diagnostic.text("en").strip(), diagnostic


def assert_report(report: Report, root: Path) -> None:
    """Every finding is well formed and points into a real file of the tree."""
    assert isinstance(report, Report)
    assert list(report.diagnostics) == sorted(report.diagnostics)
    assert report.failed == has_errors(report.diagnostics)
    for diagnostic in report.diagnostics:
        assert_well_formed(diagnostic)
        path = root / diagnostic.path
        assert path.is_file(), f"{diagnostic} names no file of the tree"
        assert_in_file(diagnostic.line, diagnostic.column, path.read_bytes(), diagnostic)


def outcome(report: Report) -> str:
    """For ``--hypothesis-show-statistics``: how often examples get through to rendering."""
    return f"invalid: {report.diagnostics[0].rule}" if report.failed else "valid, rendered"


ENGINE_CONFIG = yaml.safe_load((REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8"))
SCHEMA_FILES = {path.name: path.read_bytes() for path in (REPOSITORY / "schemas").glob("*.json")}


def assert_pipeline(report: Report) -> None:
    """Valid content goes through the model and every in-process renderer, and what they
    write parses the way its readers (feed readers, crawlers, the engine) will parse it."""
    if report.failed:
        return
    site = report.validation.site
    assert site is not None
    catalog = build_catalog(site, report.validation.sources)
    # The build dates the site by its newest entry: valid content publishes at least one.
    assert catalog.entries, "valid content with nothing to publish"
    for path, data in published_files(catalog, SCHEMA_FILES).items():
        if path.endswith(".json"):
            json.loads(data)
        elif path.endswith(".xml"):
            ET.fromstring(data)
        elif path == "robots.txt":
            # Only "Field: value" lines: content never adds a line of its own.
            for line in data.decode("utf-8").splitlines():
                assert not line or line.startswith("#") or ROBOTS_LINE.match(line), line
    tree = engine_tree(catalog, ENGINE_CONFIG, SCHEMA_FILES)
    assert isinstance(yaml.safe_load(tree["mkdocs.yml"]), dict)
    for path, data in tree.items():
        text = data.decode("utf-8") if path.endswith(".md") else ""
        if text.startswith("---\n"):
            front = text[4 : text.index("\n---\n", 4)]
            assert isinstance(yaml.safe_load(front), dict), path


# ---------------------------------------------------------------------------------------------
# Random data: hostile text, the answer schema's keys with values of any type, YAML styles
# ---------------------------------------------------------------------------------------------

# A value may hold single spaces (a crawler's name, a list of signals), never a comment.
ROBOTS_LINE = re.compile(
    r"(?:User-agent|Allow|Disallow|Sitemap|Content-Signal|Content-Usage): \S(?:[^#]*\S)?\Z"
)
ANSWER_KEYS = tuple(json.loads(SCHEMA_FILES["answer.schema.json"])["properties"])

HOSTILE_TEXT = (
    "[x](javascript:y)", "[x](javascript:alert(1))", "[a](data:text/html,<b>)", "[a](//evil)",
    "[a](/answers/x/)", "[a](https://example.com/)", "[](x)", "[a]()", "`[a](javascript:b)`",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</textarea>", "<!--", "]]>",
    "&amp;", "&#0;", "**", "**bold**", "`", "``", "```", "`a", "\\", "\\`", "|", "- item",
    "1. item", "# heading", "    code", "{{ jinja }}", "{% raw %}", "${x}", "{: .class}",
    "---", "...", "a\u2028b", "\u2029", "\x85", "\x00", "\x01", "\x1b[31m", "\x7f", "\ufeff",
    "\u200b", "\u202e", "\ufffe", "\r", "\r\n", "\n\n", "\t", " ", "", "😀", "𝔘", "\u0301",
    "长" * 700, "x" * 5000, "sk-proj-" + "a1B2c3D4" * 6, "AKIA" + "Q3ZT7WPLK2M9RXVB",
    "Authorization: Bearer " + "eyJhbGciOi" + "x" * 20, "admin@corp.example.com",
    "ops@internal.lan", "+86 138 1234 5678", "192.168.1.10", "fd12:3456::1", "db.corp",
    "https://user:hunter22@example.com/", "home", "index", "con", "2026-02-30", "9999-12-31",
    "0000-01-01", "true", "null", "~", "yes", "0x10", "-1",
)  # fmt: skip
"""Text an editor should never have typed, and text that is fine but tricky to render."""

KEYS = st.one_of(
    st.sampled_from(ANSWER_KEYS),
    st.sampled_from(("name", "description", "field", "note", "lang", "text", "question")),
    st.text(max_size=12),
    st.integers(-5, 5),
    st.booleans(),
    st.none(),
)

TEXT = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=30),
    st.lists(st.sampled_from(HOSTILE_TEXT) | st.text(max_size=5), max_size=5).map("".join),
)

SCALARS = st.one_of(
    TEXT,
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),
    st.dates().map(str),
)

VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=16,
)

DUMP_STYLES = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([False, True, None]),
        "default_style": st.sampled_from([None] * 8 + ['"', "'", "|", ">"]),
        "allow_unicode": st.booleans(),
        "width": st.sampled_from([20, 80, 10_000]),
        "indent": st.sampled_from([2, 4, 9]),
        "explicit_start": st.booleans(),
        "canonical": st.sampled_from([False] * 7 + [True]),
        "sort_keys": st.booleans(),
    }
)
"""Ways PyYAML writes the same data: flow or block, every scalar style, odd indents."""

PLAIN_DUMP: dict[str, Any] = {"allow_unicode": True, "sort_keys": False, "width": 10_000}
"""The style editors write."""

SLUG = st.from_regex(r"[a-z0-9]{2,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
FILE_NAME = st.one_of(
    SLUG,
    SLUG,
    st.sampled_from(["home", "index", "README", "con", "Alpha", "a_b", "a--b", "-a", "x"]),
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"),
        min_size=1,
        max_size=20,
    ).filter(lambda name: name not in (".", "..")),
)
"""Ids and file names: mostly valid ids, then reserved, cased, malformed, any text."""


def dump(data: Any, style: dict[str, Any]) -> bytes:
    """``data`` as YAML in one of PyYAML's styles."""
    text: str = yaml.safe_dump(data, **style)
    return text.encode("utf-8", errors="surrogatepass")


def _walk(value: Any, where: Where = ()) -> Iterator[tuple[Where, Any]]:
    """Every value of loaded data, the root first, with its location."""
    yield where, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*where, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*where, index))


# ---------------------------------------------------------------------------------------------
# 1. load_bytes: random bytes and almost-YAML
# ---------------------------------------------------------------------------------------------

SYNTAX_TOKENS = (
    # structure
    "id:", "title:", "key:", "a:", ": ", ":", "- ", "-", "? ", "?", ",", "{", "}", "[", "]",
    "{}", "[]", "- - ", "a: b: c", "- a: 1", "? [a]\n: b", "<<: ", "a: b\na: c",
    # node properties and directives
    "&a ", "*a", "&", "*", "!!str ", "!!int ", "!!binary ", "!local ", "! ", "!<tag:x> ",
    "%YAML 1.1\n", "%YAML 1.2\n", "%TAG ! tag:x:\n", "---", "--- ", "...", "---\n",
    # scalar styles
    "|", "|-", "|+", "|2", ">", ">-", ">+", "'", "''", '"', '""', "\\", '"\\"', "#", " #",
    # escapes in double quotes, valid and not (surrogates, short, out of range)
    '"\\ud800"', '"\\udfff"', '"\\ud83d\\ude00"', '"\\U0010ffff"', '"\\U00110000"',
    '"\\x00"', '"\\0\\a\\b\\e"', '"\\L\\P\\N\\_"', '"\\u2028"', '"\\uFEFF"', '"\\q"',
    '"\\x4"', '"\\', "'it''s'",
    # values the strict dialect resolves, or keeps as text
    "~", "null", "Null", "true", "yes", "on", "no", "2026-02-30", "2026-03-01T10:00:00Z",
    "0x1F", "0o17", "1e9", ".inf", ".nan", "+1", "-0", "007", "1_000", "9" * 30, "-" * 5,
    # whitespace and text
    " ", "  ", "    ", "\n", "\n  ", "\n    ", "\n" + " " * 40, "\r\n", "\r", "\u00a0",
    "中文", "问题", "é", "😀", "𝔘", "\u0301", "[x](javascript:y)", "<script>", "sk-",
    "x" * 300, "长" * 200,
)  # fmt: skip
"""Pieces of YAML syntax, escapes and odd values that almost-YAML is built from."""

POISON = (
    "\t", "\t- ", "\ufeff", "\x00", "\x01", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
    "\u200b", "\ufffe", "\uffff", "\r", "\x0c", "\x0b",
)  # fmt: skip
"""Characters editors hide (or show as a break) that the loader must refuse or place right."""

LINE_SHAPES = (
    "{key}: {value}", "{key}: {value}", "{key}:", "- {value}", "- {key}: {value}",
    "{key}: |\n{indent}  {value}", "{key}: >-\n{indent}  {value}\n{indent}  {value}",
    "? {key}\n{indent}: {value}", "{key}: {{{key}: {value}}}", "# {value}", "{value}",
)  # fmt: skip
"""How one YAML line (or two) is laid out."""

DAMAGE = ("token", "duplicate", "indent", "dedent", "drop", "swap")
"""Edits that go wrong: a stray token, a duplicated, re-indented, dropped or moved line."""


def _nested(opening: str, closing: str) -> st.SearchStrategy[str]:
    return st.integers(min_value=1, max_value=1200).map(lambda n: opening * n + closing * n)


_INDENTED = st.integers(min_value=1, max_value=60).map(
    lambda n: "".join(f"{' ' * (2 * level)}k{level}:\n" for level in range(n))
)
"""Block mappings nested ``n`` deep."""

_SOUP = st.lists(
    st.one_of(
        st.sampled_from(SYNTAX_TOKENS),
        st.sampled_from(SYNTAX_TOKENS),
        st.text(max_size=8),
        _nested("[", "]"),
        _nested("{a: ", "}"),
        _nested("- ", "x"),
        _INDENTED,
        st.integers(min_value=1, max_value=60_000).map(lambda n: "y" * n),
    ),
    max_size=30,
).map("".join)
"""Token soup: mostly not YAML at all; deep nesting and very long lines."""

_PRINTABLE = st.characters(blacklist_categories=("Cs", "Cc"))
_KEY = st.one_of(
    st.sampled_from(("id", "title", "summary", "related", "note", "a", "b", "a", "<<", "? x")),
    st.from_regex(r"[a-z_]{1,10}", fullmatch=True),
    st.text(_PRINTABLE, min_size=1, max_size=6),
)
_SCALAR = st.one_of(
    st.sampled_from(SYNTAX_TOKENS),
    st.from_regex(r"[a-z0-9 ]{0,12}", fullmatch=True),
    st.text(max_size=10).map(json.dumps),  # double-quoted, with escapes
    st.text(_PRINTABLE, max_size=10).map(lambda text: "'" + text.replace("'", "''") + "'"),
    st.text(_PRINTABLE, max_size=10),
    st.lists(st.from_regex(r"[a-z0-9]{0,4}", fullmatch=True), max_size=4).map(
        lambda items: "[" + ", ".join(items) + "]"
    ),
)


def _poisoned(draw: st.DrawFn, text: str) -> str:
    """Now and then, an invisible character somewhere in ``text``."""
    for _ in range(draw(st.sampled_from([0, 0, 0, 0, 1, 2]))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + draw(st.sampled_from(POISON)) + text[at:]
    return text


@st.composite
def _yaml_line(draw: st.DrawFn) -> str:
    indent = " " * draw(st.sampled_from([0, 0, 0, 2, 2, 4, 1, 3, 6, 40]))
    shape = draw(st.sampled_from(LINE_SHAPES))
    body = shape.format(key=draw(_KEY), value=draw(_SCALAR), indent=indent)
    end: str = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", ""]))
    return indent + body + end


@st.composite
def _yaml_lines(draw: st.DrawFn) -> str:
    """Lines shaped like YAML entries, some indented wrongly, now and then poisoned."""
    return _poisoned(draw, "".join(draw(st.lists(_yaml_line(), min_size=1, max_size=25))))


@st.composite
def _damaged_dump(draw: st.DrawFn) -> str:
    """Real YAML of random data in a random style, then a few edits gone wrong."""
    data = draw(st.dictionaries(KEYS, VALUES, min_size=1, max_size=6))
    style = draw(DUMP_STYLES)
    if draw(st.sampled_from([True, True, True, False])):
        # Mostly the plain style: quoting every scalar or the canonical form means tags.
        style |= {"canonical": False, "default_style": None}
    lines = dump(data, style).decode("utf-8", "surrogatepass").split("\n")
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2, 3]))):
        at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        damage = draw(st.sampled_from(DAMAGE))
        if damage == "token":
            column = draw(st.integers(min_value=0, max_value=len(lines[at])))
            token = draw(st.sampled_from(SYNTAX_TOKENS))
            lines[at] = lines[at][:column] + token + lines[at][column:]
        elif damage == "duplicate":
            lines.insert(at, lines[at])
        elif damage == "indent":
            lines[at] = " " * draw(st.integers(min_value=1, max_value=5)) + lines[at]
        elif damage == "dedent":
            lines[at] = lines[at].lstrip(" ")
        elif damage == "drop" and len(lines) > 1:
            del lines[at]
        elif damage == "swap":
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    return _poisoned(draw, "\n".join(lines))


ALMOST_YAML = st.one_of(
    _damaged_dump(), _damaged_dump(), _damaged_dump(), _yaml_lines(), _yaml_lines(), _SOUP
)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")


ALMOST_YAML_BYTES = st.one_of(
    ALMOST_YAML.map(_utf8),
    ALMOST_YAML.map(_utf8),
    ALMOST_YAML.map(_utf8),
    # invalid UTF-8 in the middle of otherwise plausible YAML
    st.tuples(ALMOST_YAML, st.binary(min_size=1, max_size=4), ALMOST_YAML).map(
        lambda parts: _utf8(parts[0]) + parts[1] + _utf8(parts[2])
    ),
    st.binary(max_size=400),
)
"""Mostly YAML-shaped text; also broken UTF-8 and plain random bytes."""

SMALL_LIMITS = st.builds(
    Limits,
    max_file_bytes=st.sampled_from([1, 16, 300, 200_000, 200_000, 200_000]),
    max_depth=st.integers(min_value=0, max_value=6),
    max_string_chars=st.integers(min_value=0, max_value=40),
    max_nodes=st.integers(min_value=1, max_value=30),
)


def assert_load_result(result: LoadResult, raw: bytes, limits: Limits) -> None:
    """A document XOR diagnostics, each in the file; a document holds only plain data
    within the limits, and the tracking pass finds every value and key of it."""
    assert isinstance(result, LoadResult)
    assert (result.document is None) == bool(result.diagnostics)
    event(result.diagnostics[0].rule if result.diagnostics else "loaded")
    for diagnostic in result.diagnostics:
        assert_well_formed(diagnostic)
        assert diagnostic.path == "fuzz.yaml"
        assert diagnostic.severity is Severity.ERROR
        assert_in_file(diagnostic.line, diagnostic.column, raw, diagnostic)
    document = result.document
    if document is None:
        return
    assert isinstance(document, Document)
    assert len(raw) <= limits.max_file_bytes
    assert isinstance(document.data, dict)
    nodes = 0
    for where, value in _walk(document.data):
        nodes += 1
        assert len(where) <= limits.max_depth, where
        if isinstance(value, dict):
            assert all(isinstance(key, str) for key in value)
            assert all(len(key) <= limits.max_string_chars for key in value)
        elif isinstance(value, str):
            assert len(value) <= limits.max_string_chars
        elif isinstance(value, int) and not isinstance(value, bool):
            assert abs(value) < 10**18
        else:
            assert value is None or isinstance(value, bool | list), repr(value)
        assert where in document.values, where
        if where and isinstance(where[-1], str):
            assert where in document.keys, where
    assert nodes <= limits.max_nodes
    for where, position in [*document.values.items(), *document.keys.items()]:
        assert_in_file(position.line, position.column, raw, (where, position))


@examples(500)
@given(raw=ALMOST_YAML_BYTES)
def test_almost_yaml_loads_or_is_diagnosed(raw: bytes) -> None:
    limits = Limits(max_file_bytes=200_000)
    assert_load_result(load_bytes(raw, "fuzz.yaml", limits), raw, limits)


@examples(200)
@given(raw=ALMOST_YAML_BYTES, limits=SMALL_LIMITS)
def test_every_limit_is_a_diagnostic(raw: bytes, limits: Limits) -> None:
    assert_load_result(load_bytes(raw, "fuzz.yaml", limits), raw, limits)


# ---------------------------------------------------------------------------------------------
# 2. Structured data in the shape of an answer, through the full validate
# ---------------------------------------------------------------------------------------------


def answer_data(answer_id: str, topic: str) -> dict[str, Any]:
    """The valid minimal answer of conftest.ANSWER_YAML, as data."""
    return {
        "id": answer_id,
        "title": f"问题 {answer_id} 怎么办?",
        "original_question": f"问题 {answer_id} 怎么办?",
        "summary": f"这是问题 {answer_id} 的一句话摘要。",
        "short_answer": f"这是问题 {answer_id} 的简短回答,足够二十个字符长,可以直接引用。",
        "basis": ["判断依据。"],
        "boundaries": ["适用边界。"],
        "next_steps": ["下一步。"],
        "evidence_fields": [{"field": "请求时间", "note": "写明时区。"}],
        "ai_summary": {"lang": "en", "text": ["A short English summary."]},
        "topic": topic,
        "author": "编辑团队",
        "published": "2026-03-01",
        "updated": "2026-03-02",
        "status": "published",
    }


EDITS = (
    "drop", "retype", "key", "text", "text", "text", "id", "dates", "status", "related",
    "topic", "tags", "lang", "members", "redirect",
)  # fmt: skip
"""What ``mutated`` does to an entry, hostile text most often."""

DATES = st.one_of(
    st.dates().map(str),
    st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31)).map(str),
    st.sampled_from(["2026-02-30", "2026-13-01", "2026-00-10", "0000-01-01", "2026-3-1"]),
)
KINDS = st.sampled_from(["answer", "topic", "guide", "checklist", "example", "glossary"])
TAG = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6})?|[\u4e00-\u4e10]{1,3}", fullmatch=True)


def _parent(data: Any, where: Where) -> Any:
    for part in where[:-1]:
        data = data[part]
    return data


def _listed(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


@st.composite
def mutated(draw: st.DrawFn, data: dict[str, Any], ids: tuple[str, ...]) -> Any:
    """``data`` after a few edits an editor (or an attacker) could make.

    Drop a key anywhere, give a value (or a real schema key) a value of another type, put
    hostile text into a string, rename the id, move dates out of order, deprecate it, link
    it, retag it, list other members, redirect an id. ``ids`` are ids that exist, so that
    references sometimes resolve.
    """
    data = copy.deepcopy(data)
    for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2, 2, 3, 5]))):
        edit = draw(st.sampled_from(EDITS))
        paths = [where for where, _ in _walk(data)][1:]
        if edit == "drop" and paths:
            where = draw(st.sampled_from(paths))
            del _parent(data, where)[where[-1]]
        elif edit == "retype" and paths:
            where = draw(st.sampled_from(paths))
            _parent(data, where)[where[-1]] = draw(VALUES)
        elif edit == "key":
            mappings = [where for where, value in _walk(data) if isinstance(value, dict)]
            where = draw(st.sampled_from(mappings))
            _parent(data, (*where, "")).update(draw(st.dictionaries(KEYS, VALUES, max_size=3)))
        elif edit == "text":
            strings = [where for where, value in _walk(data) if isinstance(value, str)]
            if strings:
                where = draw(st.sampled_from(strings))
                before, inserted = _parent(data, where)[where[-1]], draw(TEXT)
                at = draw(st.integers(min_value=0, max_value=len(before)))
                replace = draw(st.booleans())
                text = inserted if replace else before[:at] + inserted + before[at:]
                _parent(data, where)[where[-1]] = text
        elif edit == "id":
            data["id"] = draw(st.sampled_from(ids) | FILE_NAME)
        elif edit == "dates":
            for key in draw(st.sets(st.sampled_from(["published", "updated", "next_review"]))):
                data[key] = draw(DATES)
            if isinstance(data.get("review"), dict):
                data["review"]["reviewed"] = draw(DATES)
        elif edit == "status":
            data["status"] = draw(st.sampled_from(["draft", "published", "deprecated"]) | TEXT)
            if draw(st.booleans()):
                data["superseded_by"] = draw(st.sampled_from(ids) | FILE_NAME)
        elif edit == "related":
            target = draw(st.sampled_from((*ids, "home")) | FILE_NAME)
            data["related"] = [*_listed(data, "related"), {"id": target, "note": draw(TEXT)}]
        elif edit == "topic":
            data["topic"] = draw(st.sampled_from(ids) | FILE_NAME)
        elif edit == "tags":
            data["tags"] = draw(st.lists(TAG | TEXT, max_size=22))
        elif edit == "lang":
            data["lang"] = draw(st.sampled_from(["en", "zh-CN", "en-US", "zh-Hans-CN"]) | TEXT)
        elif edit == "members":
            data["members"] = draw(st.lists(st.sampled_from(ids) | FILE_NAME, max_size=6))
        elif edit == "redirect":
            source, target = draw(st.sampled_from(ids) | SLUG), draw(st.sampled_from(ids) | SLUG)
            redirect = {"from": source, "to": target, "kind": draw(KINDS)}
            data["redirects"] = [*_listed(data, "redirects"), redirect]
    # Now and then the whole entry is not a mapping at all.
    return draw(VALUES) if draw(st.sampled_from([False] * 19 + [True])) else data


@contextlib.contextmanager
def mini_project() -> Iterator[MiniProject]:
    """A fresh MiniProject (site.yaml and the real schemas) for one Hypothesis example."""
    with tempfile.TemporaryDirectory(prefix="properties-") as folder:
        yield MiniProject(Path(folder))


@examples(80)
@given(
    answer_id=st.one_of(SLUG, SLUG, SLUG, FILE_NAME),
    topic=st.one_of(SLUG, SLUG, SLUG, FILE_NAME),
    data=st.data(),
    style=DUMP_STYLES,
    listed=st.sampled_from([True, True, True, False]),
)
def test_random_answers_give_a_report(
    answer_id: str, topic: str, data: st.DataObject, style: dict[str, Any], listed: bool
) -> None:
    entry = data.draw(mutated(answer_data(answer_id, topic), (answer_id, topic)), label="entry")
    with mini_project() as project:
        path = project.root / "content" / "answers" / topic / f"{answer_id}.yaml"
        path.parent.mkdir(parents=True)
        path.write_bytes(dump(entry, style))
        if listed:
            project.topic(topic, [answer_id])
        report = commands.validate(Project(project.root), use_cache=False)
        assert_report(report, project.root)
        event(outcome(report))
        assert_pipeline(report)


# ---------------------------------------------------------------------------------------------
# 3. Mutations of the real sample content, validated and rendered in-process
# ---------------------------------------------------------------------------------------------

SAMPLE_ANSWER = "content/answers/stream-rate-limit/ai-api-stream-429-timeout.yaml"


class Sample:
    """A private copy of the repository's project; every example restores what it edits.

    ``validate`` is ``commands.validate`` without the result cache, with the schemas
    compiled once: an example costs milliseconds before it renders.
    """

    def __init__(self, root: Path) -> None:
        self.project = copy_project(root)
        self.root = root
        self.files = sorted(
            path.relative_to(root).as_posix() for path in root.glob("content/**/*.yaml")
        )
        self.original = {name: (root / name).read_bytes() for name in self.files}
        self.ids = tuple(sorted({Path(name).stem for name in self.files} - {"site"}))
        allowlist = load_allowlist(self.project.allowlist_file)
        self.check = FileChecker(SchemaSet(self.project.schemas_dir), allowlist)

    def data(self, name: str) -> dict[str, Any]:
        """A file's original content, loaded."""
        document = load_bytes(self.original[name], name).document
        assert document is not None
        assert isinstance(document.data, dict)
        return document.data

    def validate(self) -> Report:
        tree = read_content(self.root, self.project.content_dir)
        return Report(validate_tree(tree, self.check), tree.files_read)

    @contextlib.contextmanager
    def edited(self, name: str, raw: bytes) -> Iterator[None]:
        """``name`` holds ``raw`` for the duration, then its original bytes again."""
        path = self.root / name
        path.write_bytes(raw)
        try:
            yield
        finally:
            path.write_bytes(self.original[name])


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """One copy of the sample project for the module."""
    return Sample(tmp_path_factory.mktemp("properties-sample"))


def test_the_unedited_sample_is_valid_and_renders(sample: Sample) -> None:
    report = sample.validate()
    assert report.diagnostics == ()
    assert commands.validate(sample.project, use_cache=False).diagnostics == ()
    assert_pipeline(report)


@st.composite
def line_edits(draw: st.DrawFn, raw: bytes) -> bytes:
    """The file's text with lines duplicated (duplicate keys), dropped, moved or added."""
    lines = raw.decode("utf-8").split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        edit = draw(st.sampled_from(["duplicate", "drop", "swap", "insert", "indent"]))
        if edit == "duplicate":
            lines.insert(draw(st.integers(min_value=0, max_value=len(lines))), lines[at])
        elif edit == "drop":
            del lines[at]
        elif edit == "swap":
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "insert":
            lines.insert(at, draw(_yaml_line()).rstrip("\r\n"))
        else:
            lines[at] = draw(st.sampled_from([" ", "  ", "\t", "- "])) + lines[at]
    return _utf8("\n".join(lines))


@examples(200)
@given(data=st.data())
def test_mutated_sample_validates_and_renders(sample: Sample, data: st.DataObject) -> None:
    # The sample answer most of the time; now and then any other file of the sample.
    name = data.draw(st.sampled_from([SAMPLE_ANSWER] * 3 + sample.files), label="file")
    if data.draw(st.sampled_from([True] * 4 + [False]), label="edit the data"):
        entry = data.draw(mutated(sample.data(name), sample.ids), label="entry")
        raw = dump(entry, PLAIN_DUMP | data.draw(st.just({}) | DUMP_STYLES, label="style"))
    else:
        raw = data.draw(line_edits(sample.original[name]), label="text")
    with sample.edited(name, raw):
        report = sample.validate()
        assert_report(report, sample.root)
        event(outcome(report))
        assert_pipeline(report)


# ---------------------------------------------------------------------------------------------
# 4. The command line on random broken trees, in every format, cache cold and warm
# ---------------------------------------------------------------------------------------------

PLACES = (
    "answers/basics", "answers/other", "answers", "topics", "glossary", "guides",
    "checklists", "examples", "answers/basics/deeper", "misc", ".hidden", "",
)  # fmt: skip
"""Folders under content/: where entries belong, and where they do not."""

FOLDERS = st.one_of(st.sampled_from(PLACES), FILE_NAME.map(lambda name: f"answers/{name}"))
SUFFIXES = st.sampled_from([".yaml", ".yaml", ".yaml", ".yml", ".txt", "", ".YAML"])

ALLOWLIST_DATA = st.dictionaries(
    st.sampled_from(["texts", "patterns", "domains", "networks", "other"]),
    st.lists(
        st.dictionaries(
            st.sampled_from(["text", "pattern", "domain", "network", "reason"]),
            st.sampled_from(["(", "[a-z", "10.0.0.1/8", "::1/128", "example.com", "x", "*"])
            | TEXT
            | VALUES,
            max_size=3,
        )
        | VALUES,
        max_size=3,
    )
    | VALUES,
    max_size=3,
)
"""Allowlists of the right shape with wrong values, and of wrong shapes."""


@st.composite
def broken_trees(draw: st.DrawFn) -> dict[str, bytes]:
    """Files to add to (or replace in) a MiniProject, keyed by path under its root."""
    files: dict[str, bytes] = {}
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        folder, name, suffix = draw(FOLDERS), draw(FILE_NAME), draw(SUFFIXES)
        path = "/".join(part for part in ("content", folder, name + suffix) if part)
        entry = mutated(answer_data(name, folder.rsplit("/", 1)[-1]), (name,))
        files[path] = draw(entry.map(lambda value: dump(value, PLAIN_DUMP)) | ALMOST_YAML_BYTES)
    if draw(st.sampled_from([False] * 3 + [True])):
        files["content/site.yaml"] = draw(ALMOST_YAML_BYTES | st.just(b""))
    if draw(st.sampled_from([False] * 3 + [True])):
        allowlist = ALLOWLIST_DATA.map(lambda value: dump(value, PLAIN_DUMP))
        files["allowlist.yaml"] = draw(allowlist | ALMOST_YAML_BYTES)
    return files


TEXT_LINE = re.compile(r".+:\d+:\d+: (error|warning) \[[a-z]+/[a-z0-9-]+\] .+")
GITHUB_LINE = re.compile(r"::(error|warning) file=[^,]*,line=\d+,col=\d+,title=[^:]+::.+")

LONG_AGO_NS = 1_600_000_000 * 10**9
"""A modification time far outside the result cache's racy window: cached results count."""


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli.main(list(argv))
    return status, out.getvalue()


@examples(50)
@given(files=broken_trees(), valid_base=st.booleans(), extra=st.integers(0, 4))
def test_cli_validate_prints_every_format(
    files: dict[str, bytes], valid_base: bool, extra: int
) -> None:
    with mini_project() as project:
        if valid_base:  # a valid answer and its topic, so that clean trees occur too
            project.answer("alpha")
            project.topic("basics", ["alpha"])
            files = dict(list(files.items())[: extra % 2])  # at most one file spoils it
        for relative, raw in files.items():
            path = project.root / relative
            if path.parent.exists() and not path.parent.is_dir():
                continue  # a file already took the folder's name
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.is_dir():
                path.write_bytes(raw)
        for path in project.root.rglob("*"):
            if path.is_file() and not path.is_symlink():
                os.utime(path, ns=(LONG_AGO_NS, LONG_AGO_NS))
        report = commands.validate(Project(project.root), use_cache=False)
        assert_report(report, project.root)
        event(outcome(report))
        assert_pipeline(report)
        expected = 1 if report.failed else 0
        diagnostics, checked = report.diagnostics, report.files_checked
        root = ["--root", str(project.root), "validate", "--lang", "en", "--format"]
        # The first run fills the result cache, the next two answer from it: same output.
        status, printed = run_cli(*root, "json")
        assert (status, printed) == (expected, format_json(diagnostics, checked, "en"))
        found = json.loads(printed)
        assert expected == (1 if found["errors"] else 0)
        assert found["errors"] + found["warnings"] == len(found["diagnostics"])
        status, printed = run_cli(*root, "text")
        assert (status, printed) == (expected, format_text(diagnostics, checked, "en"))
        # One line per finding, then the summary, whatever the findings quote: a terminal
        # also breaks lines at "\v", "\f", "\x85", U+2028...
        lines = printed.splitlines()
        assert len(lines) == len(diagnostics) + 1
        assert all(TEXT_LINE.fullmatch(line) for line in lines[:-1]), lines
        assert "files checked" in lines[-1]
        status, printed = run_cli(*root, "github")
        assert (status, printed) == (expected, format_github(diagnostics, checked, "en"))
        # The runner reads workflow commands at "\n" only.
        lines = printed.removesuffix("\n").split("\n")
        assert len(lines) == len(diagnostics) + 1
        assert all(GITHUB_LINE.fullmatch(line) for line in lines[:-1]), lines


# ---------------------------------------------------------------------------------------------
# Regressions: what the properties found
# ---------------------------------------------------------------------------------------------


def test_a_site_without_entries_is_an_error_not_a_crash_of_build(tmp_path: Path) -> None:
    """Only site.yaml validated clean, then ``build`` died with ``ValueError: max() arg is
    an empty sequence`` (it dates the site by its newest entry). Without the rule,
    test_cli_validate_prints_every_format fails at ``files={}``."""
    project = MiniProject(tmp_path)
    shutil.copy2(REPOSITORY / "mkdocs.yml", tmp_path / "mkdocs.yml")
    assert [(d.path, d.line, d.column, d.rule) for d in project.validate()] == [
        ("content/site.yaml", 1, 1, "content/nothing-published")
    ]
    out, err = io.StringIO(), io.StringIO()
    assert commands.build(Project(tmp_path, "en"), out, err) == 1
    assert out.getvalue() == ""
    assert err.getvalue().startswith(
        "content/site.yaml:1:1: error [content/nothing-published] there is no published entry"
    )
    assert not (tmp_path / "site").exists()


def test_a_draft_answer_alone_still_publishes_its_topic(tmp_path: Path) -> None:
    project = MiniProject(tmp_path)
    project.answer("alpha", status="draft")
    project.topic("basics", ["alpha"])
    report = commands.validate(Project(tmp_path), use_cache=False)
    assert report.diagnostics == ()
    assert_pipeline(report)


def test_control_characters_in_a_message_keep_it_on_one_line() -> None:
    """Found by test_cli_validate_prints_every_format: a key written ``"\\v"`` (or
    ``"\\e[2J"``, which clears a terminal) reached the text output raw. The loader now
    refuses such escapes; the printer still never lets a control character through."""
    problems = [
        Diagnostic(
            "content/a\nb.yaml",
            1,
            1,
            Severity.ERROR,
            "load/unreadable",
            params=(("reason", "\x0b"),),
        ),
        error("content/c.yaml", 2, 1, "load/unreadable", reason="\x1b[2J \u2028 here"),
    ]
    lines = format_text(problems, 2, "en").splitlines()
    assert lines[:2] == [
        "content/a\\nb.yaml:1:1: error [load/unreadable] cannot read the file (\\x0b); check it",
        "content/c.yaml:2:1: error [load/unreadable] cannot read the file (\\x1b[2J \\u2028 here); "
        "check it",
    ]
    assert len(lines) == 3

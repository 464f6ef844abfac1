"""Serializations shared by the machine-readable outputs: JSON, YAML scalars, dates, links.

Every output is byte-identical for the same content, so each format is written one way
only: here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import jinja2
import orjson

from answer_center import urls
from answer_center.model import Catalog, Link, Site

# Characters PyYAML will not read raw inside a double-quoted scalar (C1 controls, BOM,
# non-characters) or reads as line breaks (NEL, LS, PS); JSON leaves them raw when
# ensure_ascii is off, so they are escaped by hand. Both JSON and YAML read \uXXXX.
# "<" and ">" too: a Markdown reader that does not know front matter renders it as text,
# where they would open raw HTML.
_YAML_UNSAFE = re.compile("[<>\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


_JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE


def json_bytes(data: Any) -> bytes:
    """Published JSON: sorted keys, two-space indent, UTF-8 text, trailing newline.

    The bytes are those of ``json.dumps(data, ensure_ascii=False, indent=2,
    sort_keys=True)`` plus a newline (``tests/test_formats.py`` holds the two together);
    orjson writes them several times faster, and the API is a file per entry.
    """
    return orjson.dumps(data, option=_JSON_OPTIONS)


def thaw(value: Any) -> Any:
    """The model's frozen mappings and tuples as plain dicts and lists, for JSON."""
    if isinstance(value, Mapping):
        return {str(key): thaw(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [thaw(item) for item in value]
    return value


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar that no content can break (JSON strings are YAML)."""
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def front_matter(fields: Mapping[str, str]) -> str:
    """A YAML front matter block, every value a double-quoted string, in the given order."""
    lines = [f"{key}: {yaml_string(value)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def code_fence(code: str, lexer: str) -> str:
    """A fenced code block longer than any backtick run inside the code."""
    longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{lexer}\n{code.rstrip()}\n{fence}"


def markdown_url_of_link(link: Link, catalog: Catalog) -> str | None:
    """Site path of the Markdown mirror a resolved link points to (none outside the site)."""
    if link.kind == "external":
        return None
    if link.kind == "home":
        return urls.HOME_MIRROR
    return catalog.by_id[link.id].markdown_url


def json_url_of_link(link: Link, catalog: Catalog) -> str | None:
    """Site path of the API file a resolved link points to (the home page and pages
    outside the site have none)."""
    if link.kind in ("home", "external"):
        return None
    return catalog.by_id[link.id].json_url


def absolute(site: Site, path: str | None) -> str | None:
    """``Site.absolute`` that passes None through (links without a target file)."""
    return None if path is None else site.absolute(path)


def frame_environment() -> jinja2.Environment:
    """Jinja for the frames of the Markdown outputs (front matter, notes, body): every
    value arrives formatted by a writer, so nothing is escaped here, and a missing value
    is an error."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("answer_center", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown, not HTML: writers escaped every value for its format
        keep_trailing_newline=True,
    )

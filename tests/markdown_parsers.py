"""The real Markdown parsers the outputs are read with, and what a parse leaves.

- the site engine's: Python-Markdown with MkDocs' own extensions (toc, tables,
  fenced_code) and every extension of the project's ``mkdocs.yml``;
- CommonMark: markdown-it-py's reference-conformant ``commonmark`` preset, plus its GFM
  tables and strikethrough, as agents and GitHub render the mirrors.
"""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import yaml
from markdown_it import MarkdownIt

REPOSITORY = Path(__file__).resolve().parents[1]
MKDOCS_DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code")
"""What MkDocs loads before the configuration's own markdown_extensions."""


@functools.cache
def _engine_extensions() -> tuple[list[str], dict[str, Any]]:
    config = yaml.safe_load((REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    settings: dict[str, Any] = {}
    for item in (*MKDOCS_DEFAULT_EXTENSIONS, *config["markdown_extensions"]):
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            settings[name] = options or {}
        elif item not in names:
            names.append(item)
    return names, settings


def engine_html(source: str) -> str:
    """HTML of Markdown as the site engine converts it."""
    names, settings = _engine_extensions()
    return markdown.Markdown(extensions=names, extension_configs=settings).convert(source)


@functools.cache
def _commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def commonmark_html(source: str) -> str:
    """HTML of Markdown as a CommonMark (GFM tables and strikethrough) reader converts it."""
    html: str = _commonmark().render(source)
    return html


class Tree(HTMLParser):
    """The elements and the text of an HTML fragment, character references decoded."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text_parts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        """All text nodes joined, whitespace runs as one space, ends trimmed."""
        return " ".join("".join(self.text_parts).split())

    @property
    def tag_names(self) -> list[str]:
        """Every element's name, in document order."""
        return [tag for tag, _ in self.tags]

"""README.md and CONTRIBUTING.md link only to files inside the repository.

A reader of a fork or an offline checkout must find every file these documents point to,
and a link to an outside site would go stale or take readers off the repository. Links are
read with a real CommonMark parser, so examples of markup in code spans and code blocks are
not links.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markdown_it import MarkdownIt

REPOSITORY = Path(__file__).resolve().parents[1]
DOCUMENTS = ("README.md", "CONTRIBUTING.md")
ALLOWED_OUTSIDE: frozenset[str] = frozenset()
"""Outside addresses a document may link to: none (the preview address is written as text)."""


def links(text: str) -> list[str]:
    """Every link target and image source of a Markdown text, in order."""
    tokens = MarkdownIt("commonmark").parse(text)
    found = []
    for token in tokens:
        for child in [token, *(token.children or ())]:
            if child.type == "link_open":
                found.append(str(child.attrs["href"]))
            elif child.type == "image":
                found.append(str(child.attrs["src"]))
            elif child.type in ("html_block", "html_inline"):
                found.extend(re.findall(r"""(?:href|src)\s*=\s*["']([^"']+)""", child.content))
    return found


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(text: str) -> set[str]:
    tokens = MarkdownIt("commonmark").parse(text)
    return {slug(tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"}


def problems(document: Path, root: Path) -> list[str]:
    """The links of ``document`` that leave ``root`` or lead nowhere."""
    text = document.read_text(encoding="utf-8")
    found = []
    for link in links(text):
        parts = urlsplit(link)
        if parts.scheme or link.startswith("//"):
            if link not in ALLOWED_OUTSIDE:
                found.append(f"outside: {link}")
        elif not parts.path:
            if parts.fragment not in anchors(text):
                found.append(f"no heading: {link}")
        else:
            target = document.parent / unquote(parts.path)
            if not (target.resolve().is_relative_to(root) and target.is_file()):
                found.append(f"no file: {link}")
    return found


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_link_resolves_to_a_file_or_heading_in_the_repository(name: str) -> None:
    document = REPOSITORY / name
    assert links(document.read_text(encoding="utf-8")), f"{name} has links to check"
    assert problems(document, REPOSITORY) == []


def test_broken_outside_and_escaping_links_are_found(tmp_path: Path) -> None:
    (tmp_path / "here.md").write_text("x", encoding="utf-8")
    document = tmp_path / "doc.md"
    document.write_text(
        "# Title\n\n[ok](here.md) [top](#title) [gone](missing.md) [up](../outside.md)\n"
        "[out](https://example.com/) <https://example.org/> [no](#nowhere)\n"
        '`[code](https://x.y/)` <a href="https://example.net/">a</a>\n',
        encoding="utf-8",
    )
    (tmp_path.parent / "outside.md").write_text("x", encoding="utf-8")
    assert problems(document, tmp_path) == [
        "no file: missing.md",
        "no file: ../outside.md",
        "outside: https://example.com/",
        "outside: https://example.org/",
        "no heading: #nowhere",
        "outside: https://example.net/",
    ]

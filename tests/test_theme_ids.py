"""Ids and anchors from content never take the theme's own element ids (issue #9, class 5).

Material finds its configuration, search box, drawer and table of contents by element id
(``__config``, ``__search``, ``__drawer``, ...), and ``getElementById`` returns the first
element with an id. Every heading the generator writes has an explicit id of its own, so
a title written as ``__config`` stays text. Here every field that becomes a heading or a
title is set to a theme id, the sample is built, and each page's ids are compared with the
same page of an ordinary build; then a browser checks that the theme still works.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from answer_center.load import load_file
from browser_support import launch_chromium, search, serve, skip_without_chromium
from sample_site import copy_project, run_build

THEME_IDS = ("__config", "__search", "__drawer", "__toc", "__skip", "__consent", "__palette_0")


def _set(path: Path, edit: Any) -> None:
    loaded = load_file(path, path.name)
    assert loaded.document is not None, loaded.diagnostics
    data = loaded.document.data
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def hostile_titles(content: Path) -> None:
    """Every field the templates turn into a heading or a title names a theme id."""
    names = iter(THEME_IDS * 20)
    # Titles differ within a kind (answer/duplicate-title): one pass of the ids per folder.
    titles: dict[str, Iterator[str]] = {}
    for path in sorted(content.rglob("*.yaml")):
        folder = path.relative_to(content).parts[0]

        def edit(data: dict[str, Any], folder: str = folder) -> None:
            if "title" in data:
                data["title"] = next(titles.setdefault(folder, iter(THEME_IDS)))
            for section in data.get("sections", ()):
                section["heading"] = next(names)
            for group in data.get("groups", ()):
                group["title"] = next(names)
            for scenario in data.get("scenarios", ()):
                scenario["title"] = next(names)
            for item in data.get("follow_ups", ()):
                item["question"] = next(names)
            if folder == "glossary":
                data["term"] = f"{next(names)} {data['id']}"

        if folder != "site.yaml":
            _set(path, edit)


class Ids(HTMLParser):
    """Every element id of a page, with its tag."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: list[tuple[str, str]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.append((value, tag))


def page_ids(site: Path) -> dict[str, list[tuple[str, str]]]:
    return {
        p.relative_to(site).as_posix(): Ids(p.read_text(encoding="utf-8")).ids
        for p in sorted(site.rglob("index.html"))
    }


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    plain = copy_project(tmp_path_factory.mktemp("ids-plain"))
    hostile = copy_project(tmp_path_factory.mktemp("ids-hostile"))
    hostile_titles(hostile.content_dir)
    for project in (plain, hostile):
        status, _, err = run_build(project)
        assert status == 0, err
    return plain.site_dir, hostile.site_dir


def test_theme_ids_are_the_themes_alone(sites: tuple[Path, Path]) -> None:
    plain, hostile = (page_ids(site) for site in sites)
    assert plain.keys() == hostile.keys() and len(plain) >= 15
    for page, ids in hostile.items():
        repeated = [i for i, n in Counter(i for i, _ in ids).items() if n > 1]
        assert repeated == [], (page, repeated)
        theme = [(i, tag) for i, tag in ids if i.startswith("_")]
        assert theme == [(i, tag) for i, tag in plain[page] if i.startswith("_")], page


def test_hostile_titles_are_on_the_pages_as_text(sites: tuple[Path, Path]) -> None:
    page = (sites[1] / "answers" / "ai-api-stream-429-timeout" / "index.html").read_text(
        encoding="utf-8"
    )
    assert '<h1 id="title">' in page
    assert any(f">{name}<" in page or f"{name}</h1>" in page for name in THEME_IDS)


@pytest.mark.browser
def test_the_theme_still_finds_its_elements(sites: tuple[Path, Path]) -> None:
    skip_without_chromium()
    with serve(sites[1]) as base, launch_chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(base + "answers/ai-api-stream-429-timeout/")
        config = page.evaluate("JSON.parse(document.getElementById('__config').textContent)")
        assert "search" in config and "base" in config
        assert page.evaluate("document.getElementById('__search').tagName") == "INPUT"
        assert page.evaluate("document.getElementById('__drawer').tagName") == "INPUT"
        search(page, "限流")
        assert page.locator(".md-search-result__item").count() > 0
        assert errors == []

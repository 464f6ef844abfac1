"""The HTML pages the site publishes, with their Markdown mirrors and last-change dates.

One list serves the sitemap, the Markdown mirrors and the tests, so a page cannot be in
one of them and missing from another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from answer_center.kinds import GLOSSARY, TOPIC
from answer_center.model import Catalog, Entry
from answer_center.render.consumers import CONSUMERS_TITLE

HOME_PATH = "/"
GLOSSARY_PATH = "/glossary/"
TAGS_PATH = "/tags/"
CONSUMERS_PATH = "/machine-readable/"

GLOSSARY_TITLE = "术语表"
TAGS_TITLE = "标签"


@dataclass(frozen=True)
class HtmlPage:
    """One HTML page of the site and where its Markdown mirror lives."""

    name: str
    """``home``, ``glossary``, ``tags``, ``consumers``, or the kind name of an entry page."""
    path: str
    """Site path of the HTML page (``/answers/x/``)."""
    markdown_path: str
    """Site path the page's ``<link rel="alternate" type="text/markdown">`` points to."""
    title: str
    lastmod: dt.date | None
    """Newest content date the page shows; None for pages written by hand (no fake date)."""
    entry: Entry | None = None
    alternates: tuple[tuple[str, str], ...] = ()
    """(hreflang, site path) of the same page in other languages; none exist yet."""

    @property
    def mirror_files(self) -> tuple[str, ...]:
        """Files in site/ holding the mirror: ``x.md`` and ``x/index.md`` (same bytes)."""
        if self.path == HOME_PATH:
            return ("index.md",)
        first = self.markdown_path.lstrip("/")
        folder = self.path.strip("/")
        second = f"{folder}.md" if first.endswith("/index.md") else f"{folder}/index.md"
        return (first, second)


def topic_lastmod(catalog: Catalog, topic: Entry) -> dt.date:
    """A topic page shows its members' titles and answers, so it changes when they do."""
    return max((topic.updated, *(m.updated for m in catalog.members[topic.id])))


def hub_pages(catalog: Catalog) -> tuple[HtmlPage, ...]:
    """Home, glossary (when there are terms), tags, and the consumers' page."""
    entries = catalog.entries
    site = catalog.site
    pages = [
        HtmlPage(
            "home",
            HOME_PATH,
            "/index.md",
            site.home_title,
            max((e.updated for e in entries), default=None),
        )
    ]
    terms = catalog.of_kind(GLOSSARY)
    if terms:
        pages.append(
            HtmlPage(
                "glossary",
                GLOSSARY_PATH,
                "/glossary/index.md",
                GLOSSARY_TITLE,
                max(t.updated for t in terms),
            )
        )
    tagged = [e.updated for e in entries if e.tags]
    pages.append(
        HtmlPage("tags", TAGS_PATH, "/tags/index.md", TAGS_TITLE, max(tagged, default=None))
    )
    # The consumers' page is written by hand in a template: it has no content date, and
    # the sitemap leaves lastmod out rather than invent one.
    pages.append(
        HtmlPage("consumers", CONSUMERS_PATH, "/machine-readable/index.md", CONSUMERS_TITLE, None)
    )
    return tuple(pages)


def entry_pages(catalog: Catalog) -> tuple[HtmlPage, ...]:
    """One page per entry of a kind that has its own page, in catalog order."""
    pages = []
    for entry in catalog.entries:
        if not entry.kind.own_page:
            continue
        lastmod = topic_lastmod(catalog, entry) if entry.kind is TOPIC else entry.updated
        pages.append(
            HtmlPage(entry.kind.name, entry.url, entry.markdown_url, entry.title, lastmod, entry)
        )
    return tuple(pages)


def html_pages(catalog: Catalog) -> tuple[HtmlPage, ...]:
    """Every HTML page the site publishes (redirect stubs and 404 are not pages)."""
    return hub_pages(catalog) + entry_pages(catalog)

"""The pages the site publishes: one list for the engine's pages, the mirrors, the sitemap
and the tests, so a page cannot be in one of them and missing from another.

A page is an entry page (an entry whose kind has a page), a hub (home, glossary, tags, the
consumers' page, the listing of each kind the navigation lists, one page or more per tag),
or a mirror-only entry (a glossary term: no page of its own, yet a Markdown mirror and an
API file).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from answer_center import dates, urls
from answer_center.kinds import ENTRY_KINDS
from answer_center.kinds.kind import MIRROR, PAGE, SITEMAP, Kind
from answer_center.model import Catalog, Entry
from answer_center.words import vocabulary


@dataclass(frozen=True)
class HtmlPage:
    """One page of the site, where its Markdown mirror lives, and its date."""

    name: str
    """``home``, ``glossary``, ``tags``, ``consumers``, or the kind name of an entry page."""
    path: str
    """Site path of the HTML page (``/answers/x/``)."""
    markdown_path: str
    """Site path the page's ``<link rel="alternate" type="text/markdown">`` points to."""
    title: str
    """The page's title as written (an entry's title field may hold inline markup)."""
    lastmod: dt.date | None
    """Newest content date the page shows; None for pages written by hand (no fake date)."""
    entry: Entry | None = None
    hub: urls.Hub | None = None
    alternates: tuple[tuple[str, str], ...] = ()
    """(hreflang, site path) of the same page in other languages; none exist yet."""
    listed: tuple[Entry, ...] = ()
    """What a listing or a tag page lists (this part of it)."""
    kind: Kind | None = None
    """The kind a listing lists."""
    tag: str = ""
    """The tag of a tag page."""
    part: int = 1
    """Which page of its tag a tag page is, from 1."""
    parts: int = 1
    """How many pages its tag has."""

    @property
    def doc(self) -> str:
        """The page's document in the engine's docs folder."""
        if self.hub is not None:
            return self.hub.doc
        assert self.entry is not None
        return urls.doc(self.entry.kind, self.entry.id)

    @property
    def mirror_files(self) -> tuple[str, ...]:
        """Files in site/ holding the mirror: ``x.md`` and ``x/index.md`` (same bytes)."""
        return urls.mirror_files(self.path, self.markdown_path)


def hub_title(catalog: Catalog, hub: urls.Hub) -> str:
    """A hub page's title: the site's home title, or the hub's title in the site's words."""
    if hub is urls.HOME_HUB:
        return catalog.site.home_title
    return vocabulary(catalog.site.language)(f"{hub.name}.title")


def page_description(catalog: Catalog, page: HtmlPage) -> str:
    """The page's one-line description (meta description, mirror summary, llms.txt note)."""
    if page.entry is not None:
        return page.entry.summary
    if page.hub is urls.HOME_HUB:
        return catalog.site.description
    words = vocabulary(catalog.site.language)
    if page.kind is not None:
        return words("listing.description", kind=page.title)
    if page.tag:
        return words("tags.page_description", tag=page.tag)
    return words(f"{page.name}.description")


def listed_kinds(catalog: Catalog) -> tuple[Kind, ...]:
    """The kinds the navigation lists that have entries: each has a listing page."""
    return tuple(k for k in ENTRY_KINDS if k.in_nav and catalog.of_kind(k))


def hub_pages(catalog: Catalog) -> tuple[HtmlPage, ...]:
    """Home, glossary (when there are terms), tags, the consumers' page, the listings,
    then the tag pages."""
    pages = []
    for hub in urls.HUBS:
        if hub is urls.GLOSSARY_HUB and not any(not e.kind.own_page for e in catalog.entries):
            continue
        title = hub_title(catalog, hub)
        updated = dates.hub_updated(catalog, hub)
        pages.append(HtmlPage(hub.name, hub.path, hub.mirror, title, updated, hub=hub))
    return (*pages, *listing_pages(catalog), *tag_pages(catalog))


def listing_pages(catalog: Catalog) -> tuple[HtmlPage, ...]:
    """One page per kind the navigation lists, with every entry of the kind."""
    words = vocabulary(catalog.site.language)
    pages = []
    for kind in listed_kinds(catalog):
        hub = urls.listing(kind)
        entries = catalog.of_kind(kind)
        newest = dates.listed_updated(catalog, entries)
        title = words(f"kinds.{kind.name}.many")
        pages.append(
            HtmlPage(
                hub.name, hub.path, hub.mirror, title, newest, hub=hub, listed=entries, kind=kind
            )
        )
    return tuple(pages)


def tag_pages(catalog: Catalog) -> tuple[HtmlPage, ...]:
    """The entries of each tag, at most ``bounds.tag_page_entries`` a page."""
    words = vocabulary(catalog.site.language)
    size = catalog.bounds.tag_page_entries
    pages = []
    for tag, entries in catalog.tags().items():
        chunks = [entries[start : start + size] for start in range(0, len(entries), size)]
        for number, chunk in enumerate(chunks, start=1):
            hub = urls.tag_page(tag, number)
            title = words("tags.page_title", tag=tag)
            if number > 1:
                title = words("tags.part_title", title=title, part=str(number))
            newest = dates.listed_updated(catalog, chunk)
            pages.append(
                HtmlPage(
                    hub.name,
                    hub.path,
                    hub.mirror,
                    title,
                    newest,
                    hub=hub,
                    listed=chunk,
                    tag=tag,
                    part=number,
                    parts=len(chunks),
                )
            )
    return tuple(pages)


def entry_pages(catalog: Catalog) -> tuple[HtmlPage, ...]:
    """One page per entry of a kind that has its own page, in catalog order."""
    return tuple(
        HtmlPage(
            entry.kind.name,
            entry.url,
            entry.markdown_url,
            entry.title,
            dates.updated(catalog, entry),
            entry,
        )
        for entry in catalog.entries
        if entry.kind.has(PAGE)
    )


def html_pages(catalog: Catalog) -> tuple[HtmlPage, ...]:
    """Every HTML page the site publishes (redirect stubs and 404 are not pages)."""
    return hub_pages(catalog) + entry_pages(catalog)


def sitemap_pages(catalog: Catalog) -> tuple[HtmlPage, ...]:
    """The pages the sitemap lists: hubs, and entry pages of kinds with a sitemap URL."""
    return tuple(
        page for page in html_pages(catalog) if page.entry is None or page.entry.kind.has(SITEMAP)
    )


def mirror_only(catalog: Catalog) -> tuple[Entry, ...]:
    """Entries with a Markdown mirror but no page of their own (glossary terms)."""
    return tuple(e for e in catalog.entries if e.kind.has(MIRROR) and not e.kind.has(PAGE))

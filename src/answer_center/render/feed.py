"""``/feed.json``: JSON Feed 1.1 of every entry whose kind has a feed item (answers, use
cases, integrations, templates, solutions), newest ``updated`` first, paginated.

An item holds its page's view without the navigation (related pages, more like this,
tags), in the page's order. The item id is the entry's canonical URL, which derives from
its stable id, so a feed reader never sees an entry twice. Dates are midnight UTC of the
content's dates; the build clock appears nowhere. The ``_answer_center`` extension carries
what a syncing consumer needs (status, content hash, mirror and API URLs, successor).
"""

from __future__ import annotations

from typing import Any

from answer_center import dates, urls
from answer_center.markup import to_plain
from answer_center.model import Catalog, Entry
from answer_center.render.api import review_document
from answer_center.render.formats import json_bytes
from answer_center.render.views import Views
from answer_center.render.writers import HtmlWriter, TextWriter

VERSION = "https://jsonfeed.org/version/1.1"
FEED_PATH = urls.FEED
EXTENSION = "_answer_center"
ABOUT_PATH = urls.CONSUMERS_HUB.path


def page_path(number: int) -> str:
    """Site path of a feed page: ``/feed.json``, then ``/feed/2.json``, ``/feed/3.json``."""
    return urls.feed_page(number)


def feed_item(catalog: Catalog, entry: Entry, views: Views) -> dict[str, Any]:
    """One JSON Feed item: the entry's page view without its navigation sections."""
    site = catalog.site
    url = site.absolute(entry.url)
    blocks = views.of_entry(entry).blocks(navigation=False)
    topic = catalog.topic_of.get(entry.id)
    extension: dict[str, Any] = {
        "about": site.absolute(ABOUT_PATH),
        "id": entry.id,
        "kind": entry.kind.name,
        "topic": topic.id if topic else None,
        "status": entry.status,
        "content_hash": entry.content_hash,
        "markdown_url": site.absolute(entry.markdown_url),
        "json_url": site.absolute(entry.json_url),
    }
    review = review_document(catalog, entry)
    if review is not None:
        extension["review"] = review
    successor = catalog.successor(entry) if entry.deprecated else None
    if entry.deprecated:
        extension["superseded_by"] = successor.id if successor else None
    item: dict[str, Any] = {
        "id": url,
        "url": url,
        "title": to_plain(entry.title),
        "summary": to_plain(str(entry.body.get("short_answer") or entry.summary)),
        "content_html": HtmlWriter(site.base_url, views.words).body(blocks),
        "content_text": TextWriter(views.words).body(blocks),
        "date_published": dates.rfc3339(entry.published),
        "date_modified": dates.rfc3339(entry.updated),
        "language": entry.lang,
        "authors": [{"name": to_plain(entry.author)}],
        EXTENSION: extension,
    }
    if entry.tags:
        item["tags"] = list(entry.tags)
    return item


def feed_chunks(catalog: Catalog, page_size: int | None = None) -> list[tuple[Entry, ...]]:
    """The entries of each feed page, newest first: the JSON Feed and the Atom feed page
    alike, so page n of one holds the items of page n of the other."""
    size = page_size or catalog.site.feed_page_size
    entries = catalog.recent
    return [entries[start : start + size] for start in range(0, len(entries), size)] or [()]


def feed_documents(
    catalog: Catalog, views: Views, page_size: int | None = None
) -> dict[str, dict[str, Any]]:
    """Every feed page keyed by its site path; ``next_url`` links each to the next."""
    site = catalog.site
    chunks = feed_chunks(catalog, page_size)
    pages: dict[str, dict[str, Any]] = {}
    for number, chunk in enumerate(chunks, start=1):
        feed: dict[str, Any] = {
            "version": VERSION,
            "title": to_plain(site.feed_title),
            "home_page_url": site.base_url,
            # feed_url identifies the feed, so every page names the first one.
            "feed_url": site.absolute(FEED_PATH),
            "description": to_plain(site.description),
            "language": site.language,
            "authors": [{"name": site.publisher_name, "url": site.publisher_url}],
            "items": [feed_item(catalog, entry, views) for entry in chunk],
        }
        if number < len(chunks):
            feed["next_url"] = site.absolute(page_path(number + 1))
        pages[page_path(number)] = feed
    return pages


def feed_files(catalog: Catalog, views: Views, page_size: int | None = None) -> dict[str, bytes]:
    """Every feed page as published bytes, keyed by path in site/."""
    return {
        path.lstrip("/"): json_bytes(feed)
        for path, feed in feed_documents(catalog, views, page_size).items()
    }

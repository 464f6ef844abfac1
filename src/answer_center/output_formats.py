"""Every machine-readable output, declared once: its name, media type, paths, how hosts
serve it, whether pages link to it.

The published files' media types (``_headers``, the nginx snippet), the ``<link>``
elements in every page's head, the consumers' page and the home page's list all iterate
these declarations, so an output cannot be documented in one place and forgotten in
another.
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_center import urls

MARKDOWN = "text/markdown; charset=utf-8"
PLAIN_TEXT = "text/plain; charset=utf-8"
FEED_JSON = "application/feed+json"
ATOM = "application/atom+xml"
# One JSON text per line (jsonlines.org); the media type most loaders and hosts accept.
JSON_LINES = "application/jsonl; charset=utf-8"
# RFC 8259: JSON is UTF-8 and application/json defines no charset parameter.
JSON = "application/json"
XML = "application/xml"


@dataclass(frozen=True)
class Location:
    """Files one host rule matches: the ``_headers`` pattern and the nginx location."""

    pattern: str
    """``_headers`` pattern (``*`` is a splat)."""
    nginx: str
    """The equivalent nginx ``location`` argument."""
    comment: str


@dataclass(frozen=True)
class OutputFormat:
    """One machine-readable output."""

    key: str
    """Its name in the words files (``consumers.outputs.<key>``) and in tests."""
    name: str
    """What it is called on the consumers' and home pages."""
    media_type: str
    paths: tuple[str, ...]
    """Its addresses as documented (``<id>`` stands for an id)."""
    url: str | None
    """The address the home page and a page's head link to (None: no single one)."""
    locations: tuple[Location, ...] = ()
    """Host rules that give its files their media type and caching."""
    head_link: bool = False
    """True when every HTML page declares it with ``<link rel="alternate">``."""
    page_link: str | None = None
    """The relation with which every HTML page's ``Link`` header names it (RFC 8288).
    ``alternate`` is the page itself in this media type, at the page's own address (the
    output has no single ``url``); the nginx snippet serves it for that media type in
    ``Accept``."""
    home: bool = True
    """True when the home page lists it."""


OUTPUT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat(
        "llms",
        "llms.txt",
        PLAIN_TEXT,
        (urls.LLMS, urls.topic_llms("<id>")),
        urls.LLMS,
        (
            Location(urls.LLMS, f"= {urls.LLMS}", "llms.txt index"),
            Location("/topics/*/llms.txt", r"~ ^/topics/[^/]+/llms\.txt$", "Per-topic llms.txt"),
        ),
        head_link=True,
        # The llms.txt proposal: the index that describes the whole site for agents.
        page_link="describedby",
    ),
    OutputFormat(
        "llms-full",
        "llms-full.txt",
        PLAIN_TEXT,
        (urls.LLMS_FULL, urls.topic_llms_full("<id>")),
        urls.LLMS_FULL,
        (
            Location(urls.LLMS_FULL, f"= {urls.LLMS_FULL}", "Full text of every answer"),
            Location(
                "/topics/*/llms-full.txt",
                r"~ ^/topics/[^/]+/llms-full\.txt$",
                "Per-topic full text",
            ),
        ),
    ),
    OutputFormat(
        "markdown",
        "Markdown",
        MARKDOWN,
        ("/answers/<id>.md", "/answers/<id>/index.md", urls.HOME_MIRROR, "/glossary/<id>.md"),
        None,
        (Location("/*.md", r"~ \.md$", "Markdown mirrors of every page"),),
        home=False,
        page_link="alternate",
    ),
    OutputFormat(
        "feed",
        "JSON Feed 1.1",
        FEED_JSON,
        (urls.FEED, urls.feed_page(2)),
        urls.FEED,
        (
            Location(urls.FEED, f"= {urls.FEED}", "JSON Feed 1.1, first page"),
            Location("/feed/*", "^~ /feed/", "JSON Feed 1.1, later pages"),
        ),
        head_link=True,
    ),
    OutputFormat(
        "atom",
        "Atom",
        ATOM,
        (urls.ATOM, urls.atom_page(2)),
        urls.ATOM,
        (
            Location(urls.ATOM, f"= {urls.ATOM}", "Atom feed (RFC 4287), first page"),
            Location("/atom/*", "^~ /atom/", "Atom feed, later pages (RFC 5005)"),
        ),
        head_link=True,
    ),
    OutputFormat(
        "api",
        "JSON API v1",
        JSON,
        (
            urls.API_INDEX,
            urls.api_index_page(2),
            urls.API_ROOT + "<section>/<id>.json",
            urls.API_SCHEMAS,
        ),
        urls.API_INDEX,
        (Location("/api/*", "^~ /api/", "Static JSON API and its schemas"),),
    ),
    OutputFormat(
        "jsonl",
        "schema.org JSON Lines",
        JSON_LINES,
        (urls.JSONL, urls.jsonl_part(2)),
        urls.JSONL,
        (
            Location(urls.JSONL, f"= {urls.JSONL}", "Every entry as a schema.org object per line"),
            Location("/entries/*", "^~ /entries/", "JSON Lines, later parts"),
        ),
    ),
    OutputFormat("sitemap", "sitemap.xml", XML, (urls.SITEMAP,), urls.SITEMAP),
    OutputFormat("robots", "robots.txt", PLAIN_TEXT, (urls.ROBOTS,), urls.ROBOTS, home=False),
    OutputFormat(
        "indexnow",
        "IndexNow key",
        PLAIN_TEXT,
        (urls.indexnow_key_file("<key>"),),
        None,
        home=False,
    ),
)

"""``/atom.xml``: the feed as Atom (RFC 4287), for readers and crawlers that take no JSON Feed.

It holds the JSON Feed's entries in the same pages (``/atom/2.xml`` follows, linked with
RFC 5005's ``rel="next"``), and each entry's ``<id>`` is its JSON Feed item id, the
canonical URL, so a consumer that reads both sees one entry once. The content is the same
view laid out by the same HTML writer. Every value reaches the XML through
:func:`~answer_center.render.inline.escape_xml` only.
"""

from __future__ import annotations

from answer_center import dates, urls
from answer_center.markup import to_plain
from answer_center.model import Catalog, Entry
from answer_center.output_formats import ATOM, MARKDOWN
from answer_center.render.feed import feed_chunks
from answer_center.render.inline import escape_xml
from answer_center.render.views import Views
from answer_center.render.writers import HtmlWriter

ATOM_NS = "http://www.w3.org/2005/Atom"
HTML = "text/html"
_HEADER = '<?xml version="1.0" encoding="utf-8"?>\n'


def _link(rel: str, href: str, media_type: str | None = None) -> str:
    kind = f' type="{escape_xml(media_type)}"' if media_type else ""
    return f'<link rel="{rel}"{kind} href="{escape_xml(href)}"/>'


def _text(tag: str, value: str, indent: str) -> str:
    return f"{indent}<{tag}>{escape_xml(value)}</{tag}>"


def atom_entry(catalog: Catalog, entry: Entry, views: Views) -> list[str]:
    """The lines of one ``<entry>``: the entry's page view without its navigation."""
    site = catalog.site
    url = site.absolute(entry.url)
    blocks = views.of_entry(entry).blocks(navigation=False)
    content = HtmlWriter(site.base_url, views.words).body(blocks)
    pad = "    "
    lines = [
        f'  <entry xml:lang="{escape_xml(entry.lang)}">',
        _text("id", url, pad),
        f'{pad}<title type="text">{escape_xml(to_plain(entry.title))}</title>',
        pad + _link("alternate", url, HTML),
        pad + _link("alternate", site.absolute(entry.markdown_url), MARKDOWN.split(";")[0]),
        pad + _link("related", site.absolute(entry.json_url), "application/json"),
        _text("published", dates.rfc3339(entry.published), pad),
        _text("updated", dates.rfc3339(entry.updated), pad),
        f"{pad}<author>{_text('name', to_plain(entry.author), '')}</author>",
    ]
    lines += [f'{pad}<category term="{escape_xml(tag)}"/>' for tag in entry.tags]
    summary = to_plain(str(entry.body.get("short_answer") or entry.summary))
    lines += [
        f'{pad}<summary type="text">{escape_xml(summary)}</summary>',
        f'{pad}<content type="html">{escape_xml(content)}</content>',
        "  </entry>",
    ]
    return lines


def atom_documents(catalog: Catalog, views: Views, page_size: int | None = None) -> dict[str, str]:
    """Every Atom page keyed by its site path."""
    site = catalog.site
    chunks = feed_chunks(catalog, page_size)
    newest = catalog.recent[0].updated if catalog.recent else dates.newest(catalog)
    if newest is None:
        # Validation requires a published entry: a site without one has no date at all.
        raise ValueError("an Atom feed needs at least one published entry for its date")
    updated = dates.rfc3339(newest)
    pages: dict[str, str] = {}
    for number, chunk in enumerate(chunks, start=1):
        path = urls.atom_page(number)
        lines = [
            f'<feed xmlns="{ATOM_NS}" xml:lang="{escape_xml(site.language)}">',
            # One id for every page: they are parts of one feed (RFC 5005).
            _text("id", site.absolute(urls.ATOM), "  "),
            f'  <title type="text">{escape_xml(to_plain(site.feed_title))}</title>',
            f'  <subtitle type="text">{escape_xml(to_plain(site.description))}</subtitle>',
            _text("updated", updated, "  "),
            "  " + _link("self", site.absolute(path), ATOM),
            "  " + _link("alternate", site.base_url, HTML),
            "  " + _link("first", site.absolute(urls.ATOM), ATOM),
        ]
        if number > 1:
            lines.append("  " + _link("previous", site.absolute(urls.atom_page(number - 1)), ATOM))
        if number < len(chunks):
            lines.append("  " + _link("next", site.absolute(urls.atom_page(number + 1)), ATOM))
        lines += [
            "  <author>",
            _text("name", site.publisher_name, "    "),
            _text("uri", site.publisher_url, "    "),
            "  </author>",
            _text("rights", site.license_name, "  "),
        ]
        for entry in chunk:
            lines += atom_entry(catalog, entry, views)
        lines.append("</feed>")
        pages[path] = _HEADER + "\n".join(lines) + "\n"
    return pages


def atom_files(catalog: Catalog, views: Views, page_size: int | None = None) -> dict[str, bytes]:
    """Every Atom page as published bytes, keyed by path in site/."""
    return {
        path.lstrip("/"): text.encode("utf-8")
        for path, text in atom_documents(catalog, views, page_size).items()
    }

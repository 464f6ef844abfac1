"""``/sitemap.xml`` (and its gzip): every HTML page with the date its content last changed.

It replaces the engine's own sitemap, which stamps every page with the build date; here
``lastmod`` is the entry's ``updated`` (a hub's is the newest of what it lists, a page
written by hand has none). Past the protocol's 50,000 URLs per file (or past the size of
any file of ours, well below its 50 MB), ``/sitemap.xml`` becomes a sitemap index of
``/sitemaps/sitemap-<n>.xml``.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from answer_center import urls
from answer_center.bounds import BOUNDS
from answer_center.model import Catalog
from answer_center.render.site_pages import HtmlPage, sitemap_pages

MAX_URLS = BOUNDS.sitemap_urls
"""URLs per sitemap file allowed by sitemaps.org."""
MAX_BYTES = BOUNDS.file_bytes
"""Bytes per sitemap file: the protocol allows 50 MB, and no file of ours is over
``file_bytes``."""

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SITEMAP_PATH = urls.SITEMAP

_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _url(catalog: Catalog, page: HtmlPage) -> list[str]:
    site = catalog.site
    lines = ["  <url>", f"    <loc>{escape(site.absolute(page.path))}</loc>"]
    if page.lastmod is not None:
        lines.append(f"    <lastmod>{page.lastmod.isoformat()}</lastmod>")
    # hreflang: the page itself and each translation, as Google asks for.
    if page.alternates:
        for lang, path in ((catalog.site.language, page.path), *page.alternates):
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang={quoteattr(lang)} '
                f"href={quoteattr(site.absolute(path))}/>"
            )
    lines.append("  </url>")
    return lines


def urlset(catalog: Catalog, pages: Sequence[HtmlPage]) -> str:
    """A ``<urlset>`` of some pages."""
    namespaces = f'xmlns="{SITEMAP_NS}"'
    if any(page.alternates for page in pages):
        namespaces += f' xmlns:xhtml="{XHTML_NS}"'
    lines = [f"<urlset {namespaces}>"]
    for page in pages:
        lines += _url(catalog, page)
    lines.append("</urlset>")
    return _HEADER + "\n".join(lines) + "\n"


def sitemap_index(catalog: Catalog, parts: Sequence[tuple[str, dt.date | None]]) -> str:
    """A ``<sitemapindex>`` of (site path, newest lastmod) pairs."""
    lines = [f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for path, lastmod in parts:
        lines += ["  <sitemap>", f"    <loc>{escape(catalog.site.absolute(path))}</loc>"]
        if lastmod is not None:
            lines.append(f"    <lastmod>{lastmod.isoformat()}</lastmod>")
        lines.append("  </sitemap>")
    lines.append("</sitemapindex>")
    return _HEADER + "\n".join(lines) + "\n"


def gzip_bytes(data: bytes) -> bytes:
    """Gzip without a timestamp or file name, so the same input gives the same bytes."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def _chunks(
    catalog: Catalog, pages: Sequence[HtmlPage], max_urls: int, max_bytes: int
) -> list[Sequence[HtmlPage]]:
    """Consecutive runs of pages, each at most ``max_urls`` long and its urlset at most
    ``max_bytes`` (a page's lines plus the urlset's frame, counted generously)."""
    frame = len(urlset(catalog, ()).encode("utf-8")) + 200
    chunks: list[Sequence[HtmlPage]] = []
    start, used = 0, frame
    for index, page in enumerate(pages):
        size = len("\n".join(_url(catalog, page)).encode("utf-8")) + 1
        if index > start and (index - start == max_urls or used + size > max_bytes):
            chunks.append(pages[start:index])
            start, used = index, frame
        used += size
    chunks.append(pages[start:])
    return chunks


def sitemap_files(
    catalog: Catalog,
    pages: Sequence[HtmlPage] | None = None,
    max_urls: int = MAX_URLS,
    max_bytes: int = MAX_BYTES,
) -> dict[str, bytes]:
    """``sitemap.xml`` and ``sitemap.xml.gz`` (and the parts of an index), by path in site/.

    The engine writes its own ``sitemap.xml.gz`` too; publishing ours under the same name
    replaces it, so no stale copy with build dates survives.
    """
    pages = sitemap_pages(catalog) if pages is None else pages
    root = urlset(catalog, pages).encode("utf-8")
    if len(pages) <= max_urls and len(root) <= max_bytes:
        return {"sitemap.xml": root, "sitemap.xml.gz": gzip_bytes(root)}
    files: dict[str, bytes] = {}
    parts = []
    for number, chunk in enumerate(_chunks(catalog, pages, max_urls, max_bytes), start=1):
        path = urls.sitemap_part(number)
        files[path.lstrip("/")] = urlset(catalog, chunk).encode("utf-8")
        parts.append((path, max((p.lastmod for p in chunk if p.lastmod), default=None)))
    root = sitemap_index(catalog, parts).encode("utf-8")
    files["sitemap.xml"] = root
    files["sitemap.xml.gz"] = gzip_bytes(root)
    return files

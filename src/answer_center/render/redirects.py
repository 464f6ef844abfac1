"""Pages that keep renamed ids working: the old URL sends readers and crawlers on.

Redirects are declared in ``content/site.yaml`` and validated there (no chains, no loops,
no redirect over a live page). A static host cannot answer 301 by itself, so every old
page URL gets a small HTML page (immediate refresh, canonical link, visible link, and a
script that keeps the ``#fragment``); ``_redirects`` gives hosts that read it (Netlify,
Cloudflare Pages) real 301s for the old page, Markdown and JSON URLs; the nginx snippet
on the consumers' page does the same for nginx.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from answer_center import urls
from answer_center.markup import to_plain
from answer_center.model import Catalog, Entry
from answer_center.render.jsonld import script_json
from answer_center.render.writers import HtmlWriter
from answer_center.view import Field, Link, Target, Words
from answer_center.words import vocabulary


@dataclass(frozen=True)
class Moved:
    """An old id and the live entry it now points to."""

    old_id: str
    target: Entry

    @property
    def old_page(self) -> str:
        """Site path of the old HTML page (redirects never change kind)."""
        return urls.page(self.target.kind, self.old_id)

    def path_pairs(self) -> list[tuple[str, str]]:
        """(old, new) site paths of the page, both Markdown spellings and the API file."""
        return urls.moved_paths(self.target.kind, self.old_id, self.target.id)


def moved_entries(catalog: Catalog) -> tuple[Moved, ...]:
    """Redirects whose target is published, sorted by old path."""
    found = []
    for redirect in catalog.site.redirects:
        target = catalog.by_id.get(redirect.target_id)
        # Validation guarantees a live target of the same kind; a draft target has no
        # page yet, and a redirect to a missing page would only trade one 404 for another.
        if target is not None and target.kind is redirect.kind:
            found.append(Moved(redirect.old_id, target))
    return tuple(sorted(found, key=lambda m: m.old_page))


def redirect_page(catalog: Catalog, moved: Moved) -> str:
    """The HTML left at an old URL."""
    site = catalog.site
    url = site.absolute(moved.target.url)
    title = html.escape(to_plain(moved.target.title))
    href = html.escape(url)
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(site.language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<link rel="canonical" href="{href}">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        # Keep the fragment (#direct-answer) that a meta refresh would drop.
        f"<script>location.replace({script_json(url)}+location.hash)</script>\n"
        "</head>\n"
        "<body>\n"
        f"<p>{moved_line(site.language, Field(moved.target.title), url)}</p>\n"
        f'<p lang="en">{moved_line("en", Words(url), url)}</p>\n'
        "</body>\n"
        "</html>\n"
    )


def moved_line(language: str, label: Field | Words, url: str) -> str:
    """ "This page has moved to <a>...</a>" in a language's words, as HTML."""
    words = vocabulary(language)
    link = Link(label, Target(url, url))
    return HtmlWriter(url, words).inline(words.inline("redirect.moved", link=(link,)))


def redirect_pages(catalog: Catalog) -> dict[str, str]:
    """One HTML page per old page URL, keyed by its path in site/."""
    return {
        f"{m.old_page.lstrip('/')}index.html": redirect_page(catalog, m)
        for m in moved_entries(catalog)
    }


def redirects_file(catalog: Catalog) -> str:
    """``_redirects`` for Netlify and Cloudflare Pages: permanent redirects of old paths."""
    lines = ["# Renamed ids, from content/site.yaml redirects. Generated: do not edit."]
    for moved in moved_entries(catalog):
        lines += [f"{old} {new} 301" for old, new in moved.path_pairs()]
    return "\n".join(lines) + "\n"

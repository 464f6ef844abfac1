"""Markdown mirrors of every page: clean CommonMark for answer engines and agents.

A mirror holds what its page says, from the same view (never from the HTML): no
navigation, no attribute lists, admonitions or abbreviations, links as absolute URLs of
other mirrors. It starts with YAML front matter (every value a quoted string, see
``schemas/mirror.schema.json``) and one blockquote line that points to ``/llms.txt``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from answer_center import dates, urls
from answer_center.markup import to_plain
from answer_center.model import Catalog, Entry
from answer_center.provenance import provenance
from answer_center.render.formats import frame_environment, front_matter
from answer_center.render.site_pages import HtmlPage, html_pages, mirror_only
from answer_center.render.views import Views
from answer_center.render.writers import CommonMarkWriter


def body_hash(body: str) -> str:
    """Hash of a hub page's Markdown: hubs have no entry, so their text is what changes."""
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


class MirrorRenderer:
    """Renders the Markdown mirror of every page of a Catalog."""

    def __init__(self, views: Views) -> None:
        self.catalog = views.catalog
        self.site = views.catalog.site
        self.views = views
        self.writer = CommonMarkWriter(self.site.base_url, self.views.words)
        self.template = frame_environment().get_template("mirror/page.md.j2")
        # llms-full.txt repeats every answer's mirror body: render each entry once.
        self._bodies: dict[str, str] = {}

    def note(self, page_path: str) -> str:
        """The blockquote line right after the front matter."""
        site = self.site
        return self.views.words(
            "page.mirror_note",
            page=site.absolute(page_path),
            llms=site.absolute(urls.LLMS),
            full=site.absolute(urls.LLMS_FULL),
        )

    def assemble(self, fields: Mapping[str, str], page_path: str, body: str) -> str:
        """Front matter, the pointer to llms.txt, then the body."""
        return self.template.render(
            front_matter=front_matter(fields), note=self.note(page_path), body=body
        )

    def entry_fields(self, entry: Entry) -> dict[str, str]:
        """Front matter of an entry's mirror."""
        site = self.site
        fields = {
            "id": entry.id,
            "kind": entry.kind.name,
            "title": to_plain(entry.title),
            "url": site.absolute(entry.url),
            "markdown_url": site.absolute(entry.markdown_url),
            "json_url": site.absolute(entry.json_url),
            "lang": entry.lang,
            "status": entry.status,
            "published": entry.published.isoformat(),
            "updated": dates.updated(self.catalog, entry).isoformat(),
            "content_hash": entry.content_hash,
        }
        successor = self.catalog.successor(entry) if entry.deprecated else None
        if successor is not None:
            fields["superseded_by"] = successor.id
        record = provenance(self.catalog, entry)
        if record is not None:
            if record.reviewed is not None:
                fields["reviewed"] = record.reviewed.isoformat()
            if record.reviewer is not None:
                fields["reviewer"] = to_plain(record.reviewer)
            if record.next_review is not None:
                fields["next_review"] = record.next_review.isoformat()
            if record.valid_until is not None:
                fields["valid_until"] = record.valid_until.isoformat()
                # Front matter values are all strings (schemas/mirror.schema.json).
                fields["expired"] = "true" if record.expired else "false"
        return fields

    def entry_body(self, entry: Entry) -> str:
        """The Markdown of an entry without front matter (llms-full.txt uses it)."""
        if entry.id not in self._bodies:
            self._bodies[entry.id] = self.writer.body(self.views.of_entry(entry))
        return self._bodies[entry.id]

    def entry_mirror(self, entry: Entry) -> str:
        """The complete mirror of an entry's page."""
        return self.assemble(self.entry_fields(entry), entry.url, self.entry_body(entry))

    def hub_mirror(self, page: HtmlPage) -> str:
        """The complete mirror of a hub page; its hash is the hash of its body."""
        body = self.writer.body(self.views.of_page(page))
        fields = {
            "id": page.name,
            "kind": "page",
            "title": to_plain(page.title),
            "url": self.site.absolute(page.path),
            "markdown_url": self.site.absolute(page.markdown_path),
            "lang": self.site.language,
        }
        if page.lastmod is not None:
            fields["updated"] = page.lastmod.isoformat()
        fields["content_hash"] = body_hash(body)
        return self.assemble(fields, page.path, body)


def mirror_files(catalog: Catalog, renderer: MirrorRenderer) -> dict[str, str]:
    """Every Markdown mirror keyed by its path in site/ (both spellings where a page has two)."""
    files: dict[str, str] = {}
    for page in html_pages(catalog):
        text = (
            renderer.hub_mirror(page) if page.entry is None else renderer.entry_mirror(page.entry)
        )
        for path in page.mirror_files:
            files[path] = text
    # Glossary terms share one page, yet each has its own mirror at its markdown_url.
    for entry in mirror_only(catalog):
        files[entry.markdown_url.lstrip("/")] = renderer.entry_mirror(entry)
    return files

"""Markdown mirrors of every HTML page: clean Markdown for answer engines and agents.

A mirror holds what its page says, rendered from the model (never from the HTML): no
navigation, no attribute lists, admonitions or abbreviation lines, links as absolute
URLs of other mirrors. It starts with YAML front matter (every value a quoted string)
and one blockquote line that points to ``/llms.txt``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from answer_center.kinds import ANSWER, CHECKLIST, EXAMPLE, GLOSSARY, GUIDE, TOPIC
from answer_center.markup import to_plain
from answer_center.model import Catalog, Entry, Link
from answer_center.render.formats import front_matter, markdown_environment, markdown_url_of_link
from answer_center.render.pages import HANDOFF_FIELDS, KIND_LABELS, SNIPPET_LANGUAGES
from answer_center.render.site_pages import HtmlPage, entry_pages, hub_pages

LLMS_PATH = "/llms.txt"
LLMS_FULL_PATH = "/llms-full.txt"


def body_hash(body: str) -> str:
    """Hash of a hub page's Markdown: hubs have no entry, so their text is what changes."""
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


class MirrorRenderer:
    """Renders the Markdown mirror of every page of a Catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.site = catalog.site
        self.env = markdown_environment(engine=False)
        # llms-full.txt repeats every answer's mirror body: render each entry once.
        self._bodies: dict[str, str] = {}

    # Links -----------------------------------------------------------------------------

    def ref(self, entry: Entry) -> dict[str, str]:
        """A linked entry as a mirror shows it: title, absolute mirror URL, one line."""
        body = entry.body
        return {
            "id": entry.id,
            "title": entry.title,
            "url": self.site.absolute(entry.markdown_url),
            "text": str(body.get("short_answer") or entry.summary),
            "label": KIND_LABELS[entry.kind.name],
            "updated": entry.updated.isoformat(),
        }

    def links(self, links: Iterable[Link]) -> list[dict[str, str]]:
        """Resolved related links with absolute mirror URLs."""
        return [
            {
                "title": link.title,
                "url": self.site.absolute(markdown_url_of_link(link, self.catalog)),
                "note": link.note,
            }
            for link in links
        ]

    def note(self, page_path: str) -> str:
        """The blockquote line right after the front matter."""
        return (
            f"Markdown mirror of <{self.site.absolute(page_path)}>. "
            f"Index of every answer: <{self.site.absolute(LLMS_PATH)}>; "
            f"full text of every answer: <{self.site.absolute(LLMS_FULL_PATH)}>."
        )

    def assemble(self, fields: Mapping[str, str], page_path: str, body: str) -> str:
        """Front matter, the pointer to llms.txt, then the body."""
        return f"{front_matter(fields)}\n> {self.note(page_path)}\n\n{body}"

    # Entries ---------------------------------------------------------------------------

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
            "updated": entry.updated.isoformat(),
            "content_hash": entry.content_hash,
        }
        successor = self.catalog.successor(entry) if entry.deprecated else None
        if successor is not None:
            fields["superseded_by"] = successor.id
        return fields

    def entry_context(self, entry: Entry) -> dict[str, Any]:
        """What an entry's template lays out."""
        context: dict[str, Any] = {
            "entry": entry,
            "b": entry.body,
            "links": self.links(self.catalog.links[entry.id]),
        }
        if entry.kind is ANSWER:
            successor = self.catalog.successor(entry) if entry.deprecated else None
            context |= {
                "successor": self.ref(successor) if successor else None,
                "similar": [self.ref(e) for e in self.catalog.similar[entry.id]],
                "handoff_fields": HANDOFF_FIELDS,
            }
        elif entry.kind is TOPIC:
            context["members"] = [self.ref(m) for m in self.catalog.members[entry.id]]
        elif entry.kind is EXAMPLE:
            context["languages"] = SNIPPET_LANGUAGES
        elif entry.kind is GLOSSARY:
            context |= {
                "aliases": list(entry.body.get("aliases", ())),
                "glossary_title": "术语表",
                "glossary_url": self.site.absolute("/glossary/index.md"),
            }
        return context

    def entry_body(self, entry: Entry) -> str:
        """The Markdown of an entry without front matter (llms-full.txt uses answers')."""
        if entry.id not in self._bodies:
            template = "glossary_term" if entry.kind is GLOSSARY else entry.kind.name
            self._bodies[entry.id] = self.env.get_template(f"mirrors/{template}.md.j2").render(
                self.entry_context(entry)
            )
        return self._bodies[entry.id]

    def entry_mirror(self, entry: Entry) -> str:
        """The complete mirror of an entry's page."""
        return self.assemble(self.entry_fields(entry), entry.url, self.entry_body(entry))

    # Hubs ------------------------------------------------------------------------------

    def hub_body(self, page: HtmlPage, consumers_body: str) -> str:
        """The Markdown of a hub page."""
        if page.name == "consumers":
            return consumers_body
        template = self.env.get_template(f"mirrors/{page.name}.md.j2")
        if page.name == "home":
            return template.render(self.home_context())
        if page.name == "glossary":
            terms = [
                {
                    "entry": term,
                    "aliases": list(term.body.get("aliases", ())),
                    "links": self.links(self.catalog.links[term.id]),
                }
                for term in sorted(self.catalog.of_kind(GLOSSARY), key=lambda t: t.title.casefold())
            ]
            return template.render(title=page.title, terms=terms)
        tags = [
            {"name": tag, "entries": [self.ref(e) for e in entries]}
            for tag, entries in self.catalog.tags().items()
        ]
        return template.render(title=page.title, tags=tags)

    def home_context(self) -> dict[str, Any]:
        """The home page's lists, with mirror URLs."""
        catalog, site = self.catalog, self.site
        hubs = [self.ref(e) for kind in (CHECKLIST, GUIDE, EXAMPLE) for e in catalog.of_kind(kind)]
        for hub in hubs:
            hub["text"] = catalog.by_id[hub["id"]].summary
        for page in hub_pages(catalog):
            if page.name != "home":
                hubs.append(
                    {"title": page.title, "url": site.absolute(page.markdown_path), "text": ""}
                )
        return {
            "site": site,
            "topics": [self.ref(t) for t in catalog.of_kind(TOPIC)],
            "recent": [self.ref(a) for a in catalog.recent_answers[: site.home_recent]],
            "hubs": hubs,
            "outputs": machine_readable_outputs(catalog),
        }

    def hub_mirror(self, page: HtmlPage, consumers_body: str) -> str:
        """The complete mirror of a hub page; its hash is the hash of its body."""
        body = self.hub_body(page, consumers_body)
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


def machine_readable_outputs(catalog: Catalog) -> list[dict[str, str]]:
    """The machine-readable files, by absolute URL, for the home page's mirror."""
    site = catalog.site
    outputs = [
        ("llms.txt", LLMS_PATH, "全部答案的索引,供大模型读取"),
        ("llms-full.txt", LLMS_FULL_PATH, "全部答案的 Markdown 全文"),
        ("JSON Feed", "/feed.json", "按更新时间排列的答案"),
        ("JSON API v1", "/api/v1/index.json", "每个条目的结构化数据和内容哈希"),
        ("sitemap.xml", "/sitemap.xml", "全部页面"),
        ("机器可读输出说明", "/machine-readable/index.md", "字段、稳定性承诺和增量同步"),
    ]
    return [{"title": t, "url": site.absolute(p), "text": text} for t, p, text in outputs]


def mirror_files(
    catalog: Catalog, consumers_body: str, renderer: MirrorRenderer | None = None
) -> dict[str, str]:
    """Every Markdown mirror keyed by its path in site/ (both spellings where a page has two)."""
    renderer = renderer or MirrorRenderer(catalog)
    files: dict[str, str] = {}
    for page in hub_pages(catalog):
        text = renderer.hub_mirror(page, consumers_body)
        for path in page.mirror_files:
            files[path] = text
    for page in entry_pages(catalog):
        if page.entry is None:  # never for entry pages; narrows the type
            continue
        text = renderer.entry_mirror(page.entry)
        for path in page.mirror_files:
            files[path] = text
    # Glossary terms share one page, yet each has its own mirror at its markdown_url.
    for term in catalog.of_kind(GLOSSARY):
        files[term.markdown_url.lstrip("/")] = renderer.entry_mirror(term)
    return files

"""Markdown pages for the site engine, one Jinja2 template per page kind.

Links between pages are relative ``.md`` paths, so the engine checks every one of them
in strict mode and rewrites them to its own URL style.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

from answer_center.kinds import ANSWER, CHECKLIST, EXAMPLE, GLOSSARY, GUIDE, TOPIC, Kind
from answer_center.markup import to_plain
from answer_center.model import Catalog, Entry, Link
from answer_center.render.consumers import (
    CONSUMERS_DESCRIPTION,
    CONSUMERS_DOC,
    CONSUMERS_TITLE,
    consumers_body,
)
from answer_center.render.formats import markdown_environment, yaml_string
from answer_center.render.inline import Term, Tooltips, html_text
from answer_center.render.jsonld import entry_jsonld, listing_jsonld, script_json

HOME_DOC = "index.md"
GLOSSARY_DOC = "glossary/index.md"
TAGS_DOC = "tags/index.md"

KIND_LABELS = {
    "answer": "短答案",
    "topic": "主题",
    "checklist": "清单",
    "guide": "指南",
    "example": "示例",
    "glossary": "术语",
}
HANDOFF_FIELDS = (
    ("负责人", "owner"),
    ("当前环境", "environment"),
    ("选用能力", "capability"),
    ("最近一次正常结果", "last_known_good"),
    ("观察到的现象", "symptom"),
    ("已收集的证据", "evidence"),
    ("下次复查", "next_review"),
)
SNIPPET_LANGUAGES = {
    "python": {"label": "Python", "lexer": "python"},
    "nodejs": {"label": "Node.js", "lexer": "javascript"},
    "curl": {"label": "curl", "lexer": "bash"},
}
_OG_LOCALES = {"zh-CN": "zh_CN", "en": "en_US"}


def doc_path(entry: Entry) -> str:
    """The generated Markdown file of an entry's page, relative to the docs folder."""
    if entry.kind is GLOSSARY:
        return f"{GLOSSARY_DOC}#{entry.id}"
    return f"{entry.kind.section}/{entry.id}.md"


def relative_href(source_doc: str, target_doc: str) -> str:
    """A link from one generated page to another, as the engine expects it."""
    target, _, anchor = target_doc.partition("#")
    href = posixpath.relpath(target, posixpath.dirname(source_doc) or ".")
    return f"{href}#{anchor}" if anchor else href


def tag_anchor(tag: str) -> str:
    """Anchor of a tag on the tags page."""
    return "tag-" + re.sub(r"[^a-z0-9\u4e00-\u9fff-]", "-", tag)


def _environment() -> jinja2.Environment:
    return markdown_environment(engine=True, trim_blocks=False)


@dataclass(frozen=True)
class _Ref:
    """A link target as templates see it: title, relative href, and a line of text."""

    id: str
    title: str
    href: str
    text: str
    label: str
    updated: str
    short_answer: str


TOOLTIP_CHARS = 120
"""A tooltip is the definition's first sentence, cut to this length: a term may be used on
every page, so its tooltip must not carry a whole definition to each of them."""


def tooltip(definition: str) -> str:
    """The tooltip of a glossary term: its definition's first sentence, at most
    TOOLTIP_CHARS characters (cut at a space where there is one, then "…")."""
    plain = to_plain(definition)
    match = re.match(r"(.+?[。!?]|.+?[.!?](?=\s|$))", plain)
    sentence = (match.group(1) if match else plain).strip()
    if len(sentence) <= TOOLTIP_CHARS:
        return sentence
    cut = sentence[: TOOLTIP_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > TOOLTIP_CHARS // 2 else cut).rstrip() + "…"


class PageRenderer:
    """Renders every page of a Catalog into Markdown for the docs folder."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.env = _environment()
        self.glossary = catalog.of_kind(GLOSSARY)
        self.terms = tuple(
            Term(
                term.id,
                (term.title, *term.body.get("aliases", ())),
                tooltip(str(term.body["definition"])),
            )
            for term in self.glossary
        )

    def ref(self, source_doc: str, entry: Entry) -> _Ref:
        body = entry.body
        text = str(body.get("short_answer") or entry.summary)
        return _Ref(
            entry.id,
            entry.title,
            relative_href(source_doc, doc_path(entry)),
            text,
            KIND_LABELS[entry.kind.name],
            entry.updated.isoformat(),
            str(body.get("short_answer", "")),
        )

    def link_refs(self, source_doc: str, links: Iterable[Link]) -> list[dict[str, str]]:
        refs = []
        for link in links:
            target = HOME_DOC if link.kind == "home" else doc_path(self.catalog.by_id[link.id])
            refs.append(
                {"title": link.title, "note": link.note, "href": relative_href(source_doc, target)}
            )
        return refs

    def front_matter(
        self,
        *,
        title: str,
        description: str,
        path: str,
        markdown_path: str,
        og_type: str,
        lang: str,
        jsonld: Mapping[str, Any],
    ) -> str:
        site = self.catalog.site
        # The engine prints title and description as HTML (overrides/main.html does too).
        fields = {
            "title": html_text(title),
            "description": html_text(description),
            "og_title": html_text(title),
            "og_type": og_type,
            "og_locale": _OG_LOCALES.get(lang, lang.replace("-", "_")),
            "canonical": site.absolute(path),
            "markdown_url": site.absolute(markdown_path),
            "jsonld": script_json(jsonld),
        }
        # JSON strings are valid YAML scalars, so no content can break the front matter.
        return "\n".join(f"{key}: {yaml_string(value)}" for key, value in fields.items())

    def agent_note(self, markdown_path: str) -> str:
        site = self.catalog.site
        return (
            f"For AI agents: this page is also available as Markdown at "
            f"{site.absolute(markdown_path)}; an index of every answer is at "
            f"{site.absolute('/llms.txt')}."
        )

    def render(self, template: str, context: dict[str, Any], meta: dict[str, Any]) -> str:
        # One Tooltips per page: each glossary term is marked at its first use only.
        return self.env.get_template(template).render(
            front_matter=self.front_matter(**meta),
            agent_note=self.agent_note(meta["markdown_path"]),
            tooltips=Tooltips(self.terms),
            **context,
        )

    def entry_page(self, entry: Entry) -> str:
        doc = doc_path(entry)
        context: dict[str, Any] = {
            "entry": entry,
            "b": entry.body,
            "links": self.link_refs(doc, self.catalog.links[entry.id]),
            "tags": [
                {"name": tag, "href": relative_href(doc, f"{TAGS_DOC}#{tag_anchor(tag)}")}
                for tag in entry.tags
            ],
        }
        if entry.kind is ANSWER:
            successor = self.catalog.successor(entry) if entry.deprecated else None
            context |= {
                "successor": self.ref(doc, successor) if successor else None,
                "similar": [self.ref(doc, e) for e in self.catalog.similar[entry.id]],
                "handoff_fields": HANDOFF_FIELDS,
            }
        elif entry.kind is TOPIC:
            context["members"] = [self.ref(doc, m) for m in self.catalog.members[entry.id]]
        elif entry.kind is EXAMPLE:
            context["languages"] = SNIPPET_LANGUAGES
        meta = {
            "title": entry.title,
            "description": entry.summary,
            "path": entry.url,
            "markdown_path": entry.markdown_url,
            "lang": entry.lang,
            "og_type": "article" if entry.kind in (ANSWER, GUIDE) else "website",
            "jsonld": entry_jsonld(self.catalog, entry),
        }
        return self.render(f"pages/{entry.kind.name}.md.j2", context, meta)

    def hub_meta(
        self, path: str, markdown_path: str, title: str, description: str
    ) -> dict[str, Any]:
        return {
            "title": title,
            "description": description,
            "path": path,
            "markdown_path": markdown_path,
            "lang": self.catalog.site.language,
            "og_type": "website",
            "jsonld": listing_jsonld(self.catalog, path, title, description),
        }

    def glossary_page(self) -> str:
        terms = [
            {
                "entry": term,
                "aliases": list(term.body.get("aliases", ())),
                "links": self.link_refs(GLOSSARY_DOC, self.catalog.links[term.id]),
            }
            for term in sorted(self.glossary, key=lambda t: t.title.casefold())
        ]
        meta = self.hub_meta(
            "/glossary/", "/glossary/index.md", "术语表", "答案中常用名词的简短解释。"
        )
        return self.render("pages/glossary.md.j2", {"terms": terms}, meta)

    def tags_page(self) -> str:
        tags = [
            {
                "name": tag,
                "anchor": tag_anchor(tag),
                "entries": [self.ref(TAGS_DOC, e) for e in entries],
            }
            for tag, entries in self.catalog.tags().items()
        ]
        meta = self.hub_meta("/tags/", "/tags/index.md", "标签", "按标签浏览全部内容。")
        return self.render("pages/tags.md.j2", {"tags": tags}, meta)

    def consumers_page(self) -> str:
        """The consumers' page: every machine-readable output, in Chinese and English."""
        meta = self.hub_meta(
            "/machine-readable/",
            "/machine-readable/index.md",
            CONSUMERS_TITLE,
            CONSUMERS_DESCRIPTION,
        )
        body = consumers_body(self.catalog, anchors=True)
        return self.render("pages/consumers.md.j2", {"body": body}, meta)

    def home_page(self, hubs: list[dict[str, str]], outputs: list[dict[str, str]]) -> str:
        site = self.catalog.site
        context = {
            "site": site,
            "topics": [self.ref(HOME_DOC, t) for t in self.catalog.of_kind(TOPIC)],
            "recent": [
                self.ref(HOME_DOC, a) for a in self.catalog.recent_answers[: site.home_recent]
            ],
            "hubs": hubs,
            "outputs": outputs,
        }
        meta = self.hub_meta("/", "/index.md", site.home_title, site.description)
        return self.render("pages/home.md.j2", context, meta)


def hub_links(catalog: Catalog) -> list[dict[str, str]]:
    """Checklists, guides and examples, then the glossary and tags, for the home page."""
    hubs = [
        {"title": e.title, "href": relative_href(HOME_DOC, doc_path(e)), "text": e.summary}
        for kind in (CHECKLIST, GUIDE, EXAMPLE)
        for e in catalog.of_kind(kind)
    ]
    hubs.append({"title": "术语表", "href": relative_href(HOME_DOC, GLOSSARY_DOC), "text": ""})
    hubs.append({"title": "标签", "href": relative_href(HOME_DOC, TAGS_DOC), "text": ""})
    return hubs


def machine_outputs(catalog: Catalog) -> list[dict[str, str]]:
    """The machine-readable files, linked from the home page by absolute URL."""
    site = catalog.site
    return [
        {
            "title": "llms.txt",
            "href": site.absolute("/llms.txt"),
            "text": "全部答案的索引,供大模型读取",
        },
        {
            "title": "llms-full.txt",
            "href": site.absolute("/llms-full.txt"),
            "text": "全部答案的 Markdown 全文",
        },
        {"title": "JSON Feed", "href": site.absolute("/feed.json"), "text": "按更新时间排列的答案"},
        {
            "title": "JSON API v1",
            "href": site.absolute("/api/v1/index.json"),
            "text": "每个条目的结构化数据和内容哈希",
        },
        {"title": "sitemap.xml", "href": site.absolute("/sitemap.xml"), "text": "全部页面"},
        {
            "title": "机器可读输出说明",
            "href": relative_href(HOME_DOC, CONSUMERS_DOC),
            "text": "每种输出的字段、稳定性承诺和增量同步方法",
        },
    ]


def render_pages(catalog: Catalog) -> dict[str, str]:
    """Every generated Markdown page, keyed by its path in the docs folder."""
    renderer = PageRenderer(catalog)
    pages: dict[str, str] = {}
    for entry in catalog.entries:
        if entry.kind.own_page:
            pages[doc_path(entry)] = renderer.entry_page(entry)
    if renderer.glossary:
        pages[GLOSSARY_DOC] = renderer.glossary_page()
    pages[TAGS_DOC] = renderer.tags_page()
    pages[CONSUMERS_DOC] = renderer.consumers_page()
    pages[HOME_DOC] = renderer.home_page(hub_links(catalog), machine_outputs(catalog))
    return pages


def nav(catalog: Catalog) -> list[Any]:
    """The engine's navigation: home, topics and hubs, never every answer (builds stay linear)."""

    def section(kind: Kind, title: str) -> list[Any]:
        entries = catalog.of_kind(kind)
        return [{title: [{html_text(e.title): doc_path(e)} for e in entries]}] if entries else []

    # Navigation titles are HTML to the engine, like the page titles.
    items: list[Any] = [{html_text(catalog.site.home_title): HOME_DOC}]
    items += section(TOPIC, "主题")
    items += section(CHECKLIST, "清单")
    items += section(GUIDE, "指南")
    items += section(EXAMPLE, "示例")
    if catalog.of_kind(GLOSSARY):
        items.append({"术语表": GLOSSARY_DOC})
    items.append({"标签": TAGS_DOC})
    items.append({"机器可读输出": CONSUMERS_DOC})
    return items

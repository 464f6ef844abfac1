"""Markdown pages for the site engine: every page's view laid out by the engine writer.

Links between pages are relative ``.md`` paths, so the engine checks every one of them
in strict mode and rewrites them to its own URL style.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from answer_center import urls
from answer_center.kinds import GLOSSARY
from answer_center.model import Catalog
from answer_center.render.formats import frame_environment, yaml_string
from answer_center.render.inline import Term, Tooltips, html_text, tooltip
from answer_center.render.jsonld import entry_jsonld, listing_jsonld, script_json
from answer_center.render.site_pages import (
    HtmlPage,
    html_pages,
    hub_title,
    listed_kinds,
    page_description,
)
from answer_center.render.views import Views
from answer_center.render.writers import EngineWriter
from answer_center.words import vocabulary

_OG_LOCALES = {"zh-CN": "zh_CN", "en": "en_US"}
ARTICLE_TYPES = frozenset({"Article", "TechArticle"})
"""JSON-LD page types that Open Graph calls ``article`` (the others are ``website``)."""


class PageRenderer:
    """Renders every page of a Catalog into Markdown for the docs folder."""

    def __init__(self, views: Views) -> None:
        catalog = self.catalog = views.catalog
        self.views = views
        self.words = self.views.words
        self.template = frame_environment().get_template("engine/page.md.j2")
        self.terms = tuple(
            Term(
                term.id,
                (term.title, *term.body.get("aliases", ())),
                tooltip(str(term.body["definition"])),
            )
            for term in catalog.of_kind(GLOSSARY)
        )

    def front_matter(self, page: HtmlPage) -> str:
        site = self.catalog.site
        entry = page.entry
        lang = entry.lang if entry is not None else site.language
        description = page_description(self.catalog, page)
        if entry is not None:
            jsonld = entry_jsonld(self.catalog, entry)
            og_type = "article" if entry.kind.jsonld_type in ARTICLE_TYPES else "website"
        else:
            jsonld = listing_jsonld(self.catalog, page.path, page.title, description)
            og_type = "website"
        # The engine prints title and description as HTML (overrides/main.html does too).
        fields = {
            "title": html_text(page.title),
            "description": html_text(description),
            "og_title": html_text(page.title),
            "og_type": og_type,
            "og_locale": _OG_LOCALES.get(lang, lang.replace("-", "_")),
            "canonical": site.absolute(page.path),
            "markdown_url": site.absolute(page.markdown_path),
            "jsonld": script_json(jsonld),
        }
        # JSON strings are valid YAML scalars, so no content can break the front matter.
        return "\n".join(f"{key}: {yaml_string(value)}" for key, value in fields.items())

    def render(self, page: HtmlPage) -> str:
        """One page: front matter, the note for agents, then its view."""
        site = self.catalog.site
        note = self.words(
            "page.agent_note",
            markdown=site.absolute(page.markdown_path),
            llms=site.absolute(urls.LLMS),
        )
        # One Tooltips per page: each glossary term is marked at its first use only.
        writer = EngineWriter(page.path, self.words, Tooltips(self.terms))
        return self.template.render(
            front_matter=self.front_matter(page),
            agent_note=html_text(note),
            body=writer.body(self.views.of_page(page)),
        )


def render_pages(
    catalog: Catalog, schemas: Mapping[str, Any], views: Views | None = None
) -> dict[str, str]:
    """Every generated Markdown page, keyed by its path in the docs folder; ``views``
    when the machine outputs lay out the same views (see :class:`Views`)."""
    renderer = PageRenderer(views or Views(catalog, schemas))
    return {page.doc: renderer.render(page) for page in html_pages(catalog)}


def nav(catalog: Catalog) -> list[Any]:
    """The engine's navigation: home, the first entries of the kinds that list them there
    with a link to each kind's listing, and the hubs. Every page carries it, so it never
    grows with the site: at most ``bounds.nav_entries`` entries per kind."""
    words = vocabulary(catalog.site.language)
    shown = catalog.bounds.nav_entries
    # Navigation titles are HTML to the engine, like the page titles.
    items: list[Any] = [{html_text(catalog.site.home_title): urls.HOME_DOC}]
    for kind in listed_kinds(catalog):
        entries = catalog.of_kind(kind)
        title = words(f"kinds.{kind.name}.many")
        listed = [{html_text(e.title): urls.doc(e.kind, e.id)} for e in entries[:shown]]
        every = words("nav.all", kind=title, count=len(entries))
        listed.append({html_text(every): urls.listing(kind).doc})
        items.append({title: listed})
    for hub in (urls.GLOSSARY_HUB, urls.TAGS_HUB, urls.CONSUMERS_HUB):
        if hub is urls.GLOSSARY_HUB and not catalog.of_kind(GLOSSARY):
            continue
        title = words("consumers.nav") if hub is urls.CONSUMERS_HUB else hub_title(catalog, hub)
        items.append({html_text(title): hub.doc})
    return items

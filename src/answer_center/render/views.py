"""The view of every page, built once per page for all its outputs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from answer_center import urls
from answer_center.model import Catalog, Entry
from answer_center.render import consumers, hubs
from answer_center.render.context import PageContext
from answer_center.render.site_pages import HtmlPage
from answer_center.view import View
from answer_center.words import vocabulary


class Views:
    """Builds the views of a Catalog's pages; ``schemas`` are the published JSON Schemas
    (by file name), which the consumers' page documents."""

    def __init__(self, catalog: Catalog, schemas: Mapping[str, Any]) -> None:
        self.catalog = catalog
        self.schemas = schemas
        self.words = vocabulary(catalog.site.language)
        # The page, the mirror and the feed item lay out the same view: build it once.
        self._entries: dict[str, View] = {}

    def context(self, entry: Entry | None = None) -> PageContext:
        """The context a view builder of a page reads."""
        return PageContext(self.catalog, self.words, entry)

    def of_entry(self, entry: Entry) -> View:
        """The view of an entry's page (or, for a glossary term, of its mirror)."""
        view = self._entries.get(entry.id)
        if view is None:
            build = entry.kind.view
            if build is None:
                raise ValueError(f"kind {entry.kind.name} declares no view")
            view = self._entries[entry.id] = build(entry, self.context(entry))
        return view

    def of_page(self, page: HtmlPage) -> View:
        """The view of any page of the site."""
        if page.entry is not None:
            return self.of_entry(page.entry)
        context = self.context()
        if page.kind is not None:
            return hubs.listing(context, page)
        if page.tag:
            return hubs.tag_page(context, page)
        if page.hub is urls.HOME_HUB:
            return hubs.home(context)
        if page.hub is urls.GLOSSARY_HUB:
            return hubs.glossary(context)
        if page.hub is urls.TAGS_HUB:
            return hubs.tags(context)
        if page.hub is urls.CONSUMERS_HUB:
            return consumers.view(context, self.schemas)
        raise ValueError(f"no view for page {page.name}")

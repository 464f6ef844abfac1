"""Every file published beside the engine's HTML, rendered from the Catalog alone.

The build writes these into the staged site after the engine ran, so a file here with
the engine's name (``sitemap.xml``, ``sitemap.xml.gz``) replaces the engine's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from answer_center import urls
from answer_center.model import Catalog
from answer_center.render.api import api_files
from answer_center.render.atom import atom_files
from answer_center.render.feed import feed_files
from answer_center.render.hosting import headers_file
from answer_center.render.jsonl import jsonl_files
from answer_center.render.llms import llms_files, llms_full_files
from answer_center.render.mirrors import MirrorRenderer, mirror_files
from answer_center.render.redirects import redirect_pages, redirects_file
from answer_center.render.robots import robots_txt
from answer_center.render.sitemap import sitemap_files
from answer_center.render.views import Views

SCHEMA_SUFFIX = ".schema.json"


def parsed_schemas(schemas: Mapping[str, bytes]) -> dict[str, Any]:
    """The JSON Schemas among ``schemas/`` files, parsed, by file name."""
    return {
        name: json.loads(data) for name, data in schemas.items() if name.endswith(SCHEMA_SUFFIX)
    }


def published_files(
    catalog: Catalog, schemas: Mapping[str, bytes], views: Views | None = None
) -> dict[str, bytes]:
    """Machine-readable outputs keyed by their path in site/ (see :func:`published_outputs`;
    a build writes them as they come instead)."""
    return dict(sorted(published_outputs(catalog, schemas, views)))


def published_outputs(
    catalog: Catalog, schemas: Mapping[str, bytes], views: Views | None = None
) -> Iterator[tuple[str, bytes]]:
    """Machine-readable outputs as (path in site/, bytes), one kind of output after
    another, so a build writes each before the next is rendered instead of holding every
    file at once (a tenth of a megabyte per answer).

    ``schemas`` maps file names in ``schemas/`` to their bytes; those ending in
    ``.schema.json`` are published under ``/api/v1/schema/`` so the ``$schema`` of every
    API file (and the input schemas its ``fields`` refer to) resolves. Where growing files
    split is the catalog's ``bounds``, so tests reach the large-site forms with a few
    entries. ``views`` are those the engine tree was laid out from, when it was. No path
    comes twice.
    """
    parsed = parsed_schemas(schemas)
    views = views or Views(catalog, parsed)
    mirrors = MirrorRenderer(views)
    yield urls.ROBOTS.lstrip("/"), robots_txt(catalog.site).encode()
    texts: tuple[Callable[[], Mapping[str, str]], ...] = (
        lambda: llms_files(catalog, catalog.bounds.llms_chars),
        lambda: mirror_files(catalog, mirrors),
        lambda: llms_full_files(catalog, mirrors),
        lambda: redirect_pages(catalog),
        lambda: {"_headers": headers_file(catalog.site), "_redirects": redirects_file(catalog)},
    )
    for text in texts:
        for path, value in text().items():
            yield path, value.encode("utf-8")
    published = {name: data for name, data in schemas.items() if name.endswith(SCHEMA_SUFFIX)}
    bounds = catalog.bounds
    files: tuple[Callable[[], Mapping[str, bytes]], ...] = (
        lambda: feed_files(catalog, views),
        lambda: atom_files(catalog, views),
        lambda: jsonl_files(catalog, views),
        lambda: api_files(catalog, published),
        lambda: sitemap_files(catalog, max_urls=bounds.sitemap_urls, max_bytes=bounds.file_bytes),
    )
    for group in files:
        yield from group().items()
    key = catalog.site.indexnow_key
    if key is not None:
        yield urls.indexnow_key_file(key).lstrip("/"), key.encode("ascii")

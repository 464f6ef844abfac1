"""Every file published beside the engine's HTML, rendered from the Catalog alone.

The build writes these into the staged site after the engine ran, so a file here with
the engine's name (``sitemap.xml``, ``sitemap.xml.gz``) replaces the engine's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
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
    """Machine-readable outputs keyed by their path in site/.

    ``schemas`` maps file names in ``schemas/`` to their bytes; those ending in
    ``.schema.json`` are published under ``/api/v1/schema/`` so the ``$schema`` of every
    API file (and the input schemas its ``fields`` refer to) resolves. Where growing files
    split is the catalog's ``bounds``, so tests reach the large-site forms with a few
    entries. ``views`` are those the engine tree was laid out from, when it was.
    """
    parsed = parsed_schemas(schemas)
    files: dict[str, bytes] = {urls.ROBOTS.lstrip("/"): robots_txt(catalog.site).encode()}
    views = views or Views(catalog, parsed)
    mirrors = MirrorRenderer(views)
    text: dict[str, str] = {}
    text |= llms_files(catalog, catalog.bounds.llms_chars)
    text |= mirror_files(catalog, mirrors)
    text |= llms_full_files(catalog, mirrors)
    text |= redirect_pages(catalog)
    text["_headers"] = headers_file()
    text["_redirects"] = redirects_file(catalog)
    files |= {path: value.encode("utf-8") for path, value in text.items()}
    files |= feed_files(catalog, views)
    files |= atom_files(catalog, views)
    files |= jsonl_files(catalog, views)
    published = {name: data for name, data in schemas.items() if name.endswith(SCHEMA_SUFFIX)}
    files |= api_files(catalog, published)
    bounds = catalog.bounds
    files |= sitemap_files(catalog, max_urls=bounds.sitemap_urls, max_bytes=bounds.file_bytes)
    key = catalog.site.indexnow_key
    if key is not None:
        files[urls.indexnow_key_file(key).lstrip("/")] = key.encode("ascii")
    return dict(sorted(files.items()))

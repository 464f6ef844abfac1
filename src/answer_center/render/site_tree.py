"""The tree the site engine builds from: configuration, theme overrides and Markdown pages."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from typing import Any

import yaml

from answer_center.model import Catalog
from answer_center.render.engine_config import (
    DOCS_FOLDER,
    OVERRIDES_FOLDER,
    SEARCH_SCRIPT,
    STYLESHEET,
    engine_config,
    language_partial,
)
from answer_center.render.outputs import parsed_schemas
from answer_center.render.pages import render_pages
from answer_center.render.views import Views

ENGINE_CONFIG_FILE = "mkdocs.yml"


def _package_file(*parts: str) -> bytes:
    return resources.files("answer_center").joinpath("templates", *parts).read_bytes()


def engine_tree(
    catalog: Catalog,
    base_config: Mapping[str, Any],
    schemas: Mapping[str, bytes],
    views: Views | None = None,
) -> dict[str, bytes]:
    """Every file of the generated engine tree, keyed by path relative to ``build/``.

    ``schemas`` are the files of ``schemas/`` by name (the consumers' page documents the
    published ones). A build passes the ``views`` :func:`published_files` lays out too,
    so each page's view is built once.
    """
    config = engine_config(base_config, catalog)
    files: dict[str, bytes] = {
        ENGINE_CONFIG_FILE: yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode(),
        f"{OVERRIDES_FOLDER}/main.html": _package_file("overrides", "main.html"),
        f"{OVERRIDES_FOLDER}/partials/languages/custom.html": language_partial(
            catalog.site.language
        ).encode(),
        f"{OVERRIDES_FOLDER}/partials/pagefind.html": _package_file(
            "overrides", "partials", "pagefind.html"
        ),
        f"{DOCS_FOLDER}/{STYLESHEET}": _package_file("assets", "answer-center.css"),
        f"{DOCS_FOLDER}/{SEARCH_SCRIPT}": _package_file("assets", "answer-center-search.js"),
    }
    for path, text in render_pages(catalog, parsed_schemas(schemas), views).items():
        files[f"{DOCS_FOLDER}/{path}"] = text.encode()
    return files

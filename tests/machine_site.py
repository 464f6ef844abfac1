"""A site of machine-readable files only (llms.txt, mirrors, JSON API), written from an
in-memory catalog: what agents, ``answer-center eval`` and the MCP server read, without
running the site engine."""

from __future__ import annotations

from pathlib import Path

from answer_center.model import Catalog
from answer_center.render.outputs import published_files
from catalogs import SCHEMA_FILES


def write_site(catalog: Catalog, folder: Path) -> Path:
    """Write the catalog's published files into ``folder``; returns it."""
    for path, data in published_files(catalog, SCHEMA_FILES).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder

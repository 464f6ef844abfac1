"""The Pagefind index of a built site, read back as a reader's browser would fetch it."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

FRAGMENT_SIGNATURE = b"pagefind_dcd"
"""What Pagefind writes before the JSON of every (gzipped) page fragment."""


@dataclass(frozen=True)
class IndexedPage:
    """One page as search shows it: its URL, title and the text excerpts are cut from."""

    url: str
    title: str
    content: str
    """The indexed text; Chinese words are separated by zero-width spaces."""


def indexed_pages(site: Path) -> dict[str, IndexedPage]:
    """Every page in ``site/pagefind/``, by URL path (``/answers/<id>/``)."""
    pages = {}
    for path in sorted((site / "pagefind" / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(FRAGMENT_SIGNATURE), path
        fragment = json.loads(data[len(FRAGMENT_SIGNATURE) :])
        page = IndexedPage(fragment["url"], fragment["meta"]["title"], fragment["content"])
        pages[page.url] = page
    return pages

"""What no single page or file may outgrow, declared once.

A site of ten thousand answers must publish pages no larger than a site of a thousand:
every list that grows with the site (the navigation, the tag index, the API index, the
full text for language models, the sitemap) is cut into parts of at most these sizes,
each part at a stable URL (see :mod:`answer_center.urls`). The build refuses any file
over ``file_bytes`` whatever made it. Tests pass smaller bounds to reach the split forms
with a few entries.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bounds:
    """The sizes at which the generator splits a growing output."""

    file_bytes: int = 5_000_000
    """No published page or file may be larger (crawlers and answer engines stop reading
    large files, and a reader's browser downloads every byte of a page)."""
    nav_entries: int = 12
    """Entries of one kind the navigation lists; past it, a link to the kind's listing."""
    tag_page_entries: int = 200
    """Entries one tag page lists; a tag with more has pages ``/tags/<tag>/2/``, ..."""
    api_index_entries: int = 1_000
    """Entries one page of the API index holds; later pages follow ``next_url``."""
    llms_chars: int = 50_000
    """Past this size the root llms.txt links one llms.txt per topic instead of every
    answer."""
    llms_full_bytes: int = 4_000_000
    """Past this size llms-full.txt is an index of one full-text file per topic."""
    jsonl_bytes: int = 4_000_000
    """Past this size the JSON Lines dump continues in ``/entries/2.jsonl``, ..."""
    sitemap_urls: int = 50_000
    """URLs per sitemap file (the sitemaps.org limit)."""


BOUNDS = Bounds()
"""The bounds every build uses."""

"""The search index's records, from the model: what readers search for, not the pages' HTML.

Each entry of a kind with the ``search`` output gets one record: its title, its summary, the
fields its kind lists in :attr:`~answer_center.kinds.kind.Kind.search_text`, and its tags.
The excerpt a result shows is cut from this text, so it is the entry's own words, never
the theme's navigation or the note for agents. Indexing records instead of whole pages
keeps the index, and the memory and time to build it, proportional to what is searched.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from answer_center.kinds import kinds_with
from answer_center.kinds.kind import SEARCH
from answer_center.markup import to_plain
from answer_center.model import Catalog, Entry


@dataclass(frozen=True)
class SearchRecord:
    """One searchable entry."""

    url: str
    """Its page's path from the site's root (``/answers/<id>/``)."""
    title: str
    content: str
    """Plain text, one field a line; a result's excerpt is cut from it."""
    weight: float
    """How much its words count in ranking (its kind's ``search_weight``)."""


def search_records(catalog: Catalog) -> tuple[SearchRecord, ...]:
    """The records of every searchable entry, in catalog order."""
    searchable = set(kinds_with(SEARCH))
    return tuple(_record(entry) for entry in catalog.entries if entry.kind in searchable)


def search_language(catalog: Catalog) -> str:
    """The index's language, as Pagefind names it (``zh-cn``)."""
    return catalog.site.language.lower()


def records_digest(records: Sequence[SearchRecord], language: str) -> str:
    """A fingerprint of the records: an index built from the same one is the same."""
    data = json.dumps([language, [asdict(r) for r in records]], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def _record(entry: Entry) -> SearchRecord:
    kind = entry.kind
    paths = ((kind.summary_field,), *kind.search_text)
    texts = [to_plain(text) for path in paths for text in field_texts(entry.body, path)]
    texts.append(" ".join(entry.tags))
    content = "\n".join(t for t in texts if t)
    return SearchRecord(entry.url, to_plain(entry.title), content, kind.search_weight)


def field_texts(data: Any, path: tuple[str, ...]) -> Iterator[str]:
    """The texts at ``path`` in an entry's data (``*`` for every item of a list, a number
    for one item), as a kind's ``search_text`` names them."""
    if not path:
        if isinstance(data, str):
            yield data
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for item in data if isinstance(data, (list, tuple)) else ():
            yield from field_texts(item, rest)
    elif head.isdigit():
        if isinstance(data, (list, tuple)) and int(head) < len(data):
            yield from field_texts(data[int(head)], rest)
    elif isinstance(data, Mapping) and head in data:
        yield from field_texts(data[head], rest)

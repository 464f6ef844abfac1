"""``/entries.jsonl``: every published entry as one schema.org object per line.

The form NLWeb-style loaders ingest: a line is a whole JSON-LD object (``@context``,
``@type``, ``@id``) with the page's text, so a loader needs no HTML and no second
request. It is the page's JSON-LD node (same ``@id``, so both describe one thing) with
the site inlined instead of referred to, the topic as ``about`` and the text a feed item
carries. Entries in catalog order (kind, then id); every line validates against
``schemas/jsonl-entry.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from answer_center import urls
from answer_center.markup import to_plain
from answer_center.model import Catalog, Entry
from answer_center.render.jsonld import SCHEMA_ORG, page_node, website
from answer_center.render.views import Views
from answer_center.render.writers import TextWriter

SCHEMA = "jsonl-entry.schema.json"


def jsonl_object(catalog: Catalog, entry: Entry, views: Views) -> dict[str, Any]:
    """The schema.org object of one entry, standing on its own."""
    site = catalog.site
    node = page_node(catalog, entry)
    # A line is read alone: what the page graph refers to by @id is written out here.
    node.pop("breadcrumb", None)
    node["isPartOf"] = website(site)
    blocks = views.of_entry(entry).blocks(navigation=False)
    node["text"] = TextWriter(views.words).body(blocks)
    node["identifier"] = entry.id
    topic = catalog.topic_of.get(entry.id)
    if topic is not None:
        node["about"] = {
            "@type": "Thing",
            "@id": site.absolute(topic.url) + "#page",
            "name": to_plain(topic.title),
            "url": site.absolute(topic.url),
        }
    return {"@context": SCHEMA_ORG} | node


def jsonl_files(catalog: Catalog, views: Views) -> dict[str, bytes]:
    """The dump by site path: one compact JSON object per line, keys sorted, UTF-8, in
    parts of at most ``catalog.bounds.jsonl_bytes`` (a part holds at least one line):
    ``/entries.jsonl``, then ``/entries/2.jsonl``, ... in entry order."""
    parts: list[bytearray] = [bytearray()]
    for entry in catalog.entries:
        line = (
            json.dumps(
                jsonl_object(catalog, entry, views),
                ensure_ascii=False,
                sort_keys=True,
                separators=(",", ":"),
            ).encode("utf-8")
            + b"\n"
        )
        if parts[-1] and len(parts[-1]) + len(line) > catalog.bounds.jsonl_bytes:
            parts.append(bytearray())
        parts[-1] += line
    return {
        urls.jsonl_part(number).lstrip("/"): bytes(part) for number, part in enumerate(parts, 1)
    }

"""The static JSON API, version 1: an index of every entry and one file per entry.

``fields`` is exactly the validated entry an editor wrote, so the SHA-256 of its
canonical JSON is the entry's ``content_hash`` and a consumer can check it. Everything
else (plain-text title, URLs, resolved links) is derived from the model. v1 only grows:
fields may be added, never renamed or removed; the schemas in ``schemas/`` say so too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from answer_center import dates, urls
from answer_center.kinds import ANSWER
from answer_center.markup import to_plain
from answer_center.model import Catalog, Entry, Link
from answer_center.provenance import provenance
from answer_center.render.formats import (
    absolute,
    json_bytes,
    json_url_of_link,
    markdown_url_of_link,
    thaw,
)
from answer_center.render.redirects import moved_entries

API_VERSION = "1"
INDEX_PATH = urls.API_INDEX
SCHEMA_ROOT = urls.API_SCHEMAS
INDEX_SCHEMA = "api-index.schema.json"
ENTRY_SCHEMA = "api-entry.schema.json"


def schema_url(catalog: Catalog, name: str) -> str:
    """Absolute URL of a published JSON Schema."""
    return catalog.site.absolute(SCHEMA_ROOT + name)


def _common(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    """The fields every entry has, in the index and in its own file."""
    site = catalog.site
    return {
        "id": entry.id,
        "kind": entry.kind.name,
        "title": to_plain(entry.title),
        "summary": to_plain(entry.summary),
        "lang": entry.lang,
        "status": entry.status,
        "published": entry.published.isoformat(),
        "updated": dates.updated(catalog, entry).isoformat(),
        "content_hash": entry.content_hash,
        "url": site.absolute(entry.url),
        "markdown_url": site.absolute(entry.markdown_url),
        "json_url": site.absolute(entry.json_url),
    }


def _successor_id(catalog: Catalog, entry: Entry) -> str | None:
    successor = catalog.successor(entry) if entry.deprecated else None
    return successor.id if successor else None


def index_entry(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    """One item of ``index.json``."""
    topic = catalog.topic_of.get(entry.id)
    return _common(catalog, entry) | {
        "topic": topic.id if topic else None,
        "superseded_by": _successor_id(catalog, entry),
    }


def index_document(catalog: Catalog, entries: Sequence[Entry] | None = None) -> dict[str, Any]:
    """``/api/v1/index.json``: every entry of every kind (or the ``entries`` of one page),
    and the renamed ids."""
    site = catalog.site
    newest = dates.newest(catalog)
    return {
        "$schema": schema_url(catalog, INDEX_SCHEMA),
        "api_version": API_VERSION,
        "site": {
            "name": to_plain(site.name),
            "url": site.base_url,
            "language": site.language,
            "description": to_plain(site.description),
        },
        "updated": newest.isoformat() if newest else None,
        "count": len(catalog.entries),
        "feed_url": site.absolute(urls.FEED),
        "llms_url": site.absolute(urls.LLMS),
        "entries": [
            index_entry(catalog, e) for e in (catalog.entries if entries is None else entries)
        ],
        "redirects": [
            {
                "from": m.old_id,
                "to": m.target.id,
                "kind": m.target.kind.name,
                "url": site.absolute(m.old_page),
                "target_url": site.absolute(m.target.url),
            }
            for m in moved_entries(catalog)
        ],
    }


def index_documents(catalog: Catalog) -> dict[str, dict[str, Any]]:
    """The pages of the index keyed by site path, ``bounds.api_index_entries`` entries
    each: ``/api/v1/index.json``, then ``/api/v1/index/2.json``, ...; ``next_url`` links
    each page to the next (null on the last), ``count`` counts the entries of all pages."""
    size = catalog.bounds.api_index_entries
    entries = catalog.entries
    chunks = [entries[start : start + size] for start in range(0, len(entries), size)] or [()]
    pages: dict[str, dict[str, Any]] = {}
    for number, chunk in enumerate(chunks, start=1):
        following = urls.api_index_page(number + 1) if number < len(chunks) else None
        pages[urls.api_index_page(number)] = index_document(catalog, chunk) | {
            "page": number,
            "next_url": catalog.site.absolute(following) if following else None,
        }
    return pages


def entry_ref(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    """A link to another entry: who it is, where it lives, one line about it."""
    site = catalog.site
    return {
        "id": entry.id,
        "kind": entry.kind.name,
        "title": to_plain(entry.title),
        "summary": to_plain(entry.summary),
        "updated": dates.updated(catalog, entry).isoformat(),
        "url": site.absolute(entry.url),
        "markdown_url": site.absolute(entry.markdown_url),
        "json_url": site.absolute(entry.json_url),
    }


def link_ref(catalog: Catalog, link: Link) -> dict[str, Any]:
    """A related link with the editor's note (it may point to the home page)."""
    site = catalog.site
    return {
        "id": link.id,
        "kind": link.kind,
        "title": to_plain(link.title),
        "note": to_plain(link.note),
        "url": link.url if link.kind == "external" else site.absolute(link.url),
        "markdown_url": absolute(site, markdown_url_of_link(link, catalog)),
        "json_url": absolute(site, json_url_of_link(link, catalog)),
    }


def entry_links(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    """Resolved links: related for every kind; topic, more like this and successor for
    answers; members for topics."""
    links: dict[str, Any] = {"related": [link_ref(catalog, x) for x in catalog.links[entry.id]]}
    if entry.kind is ANSWER:
        topic = catalog.topic_of.get(entry.id)
        successor = catalog.successor(entry) if entry.deprecated else None
        links |= {
            "topic": entry_ref(catalog, topic) if topic else None,
            "more_like_this": [entry_ref(catalog, e) for e in catalog.similar[entry.id]],
            "superseded_by": entry_ref(catalog, successor) if successor else None,
        }
    elif entry.kind.groups:
        links["members"] = [entry_ref(catalog, m) for m in catalog.members[entry.id]]
    return links


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def review_document(catalog: Catalog, entry: Entry) -> dict[str, Any] | None:
    """The review record as the API and the feed publish it (None: the entry has none)."""
    record = provenance(catalog, entry)
    if record is None:
        return None
    return {
        "reviewed": _iso(record.reviewed),
        "reviewer": to_plain(record.reviewer) if record.reviewer else None,
        "next_review": _iso(record.next_review),
        "valid_until": _iso(record.valid_until),
        "expired": record.expired,
        "as_of": _iso(record.as_of),
    }


def entry_document(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    """``/api/v1/<section>/<id>.json``: the whole entry and its resolved links."""
    return _common(catalog, entry) | {
        "$schema": schema_url(catalog, ENTRY_SCHEMA),
        "api_version": API_VERSION,
        "author": to_plain(entry.author),
        "tags": list(entry.tags),
        "fields": thaw(entry.body),
        "links": entry_links(catalog, entry),
        "review": review_document(catalog, entry),
        "claims": [
            {
                "id": claim.id,
                "field": claim.field,
                "index": claim.index,
                "text": to_plain(claim.text),
                "url": catalog.site.absolute(entry.url) + "#" + claim.id,
            }
            for claim in entry.claims
        ],
    }


def api_files(catalog: Catalog, schemas: Mapping[str, bytes] | None = None) -> dict[str, bytes]:
    """Every API file keyed by path in site/, with the JSON Schemas given (by file name)."""
    files = {path.lstrip("/"): json_bytes(page) for path, page in index_documents(catalog).items()}
    for entry in catalog.entries:
        files[entry.json_url.lstrip("/")] = json_bytes(entry_document(catalog, entry))
    for name, data in sorted((schemas or {}).items()):
        files[(SCHEMA_ROOT + name).lstrip("/")] = data
    return files

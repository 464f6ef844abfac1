"""JSON-LD for every page, from the model, serialized so content cannot leave the script."""

from __future__ import annotations

import json
from typing import Any

from answer_center import dates
from answer_center.kinds import ANSWER
from answer_center.markup import to_plain
from answer_center.model import Catalog, Entry, Site
from answer_center.provenance import provenance

SCHEMA_ORG = "https://schema.org"
EXPIRED = "Expired"
"""``creativeWorkStatus`` of an answer past its ``valid_until`` on the content date."""

_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(data: Any) -> str:
    """JSON safe inside ``<script>``: no ``</script>``, ``<!--`` or raw line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _SCRIPT_UNSAFE.items():
        text = text.replace(char, escape)
    return text


def _organization(name: str, url: str | None = None) -> dict[str, Any]:
    org: dict[str, Any] = {"@type": "Organization", "name": name}
    if url:
        org["url"] = url
    return org


def website(site: Site) -> dict[str, Any]:
    """The site as a schema.org WebSite, with the ``@id`` pages refer to."""
    return {
        "@type": "WebSite",
        "@id": site.base_url + "#website",
        "url": site.base_url,
        "name": site.name,
        "inLanguage": site.language,
        "publisher": _organization(site.publisher_name, site.publisher_url),
    }


def _breadcrumbs(site: Site, url: str, trail: list[tuple[str, str]]) -> dict[str, Any]:
    items = [(site.home_title, site.base_url), *trail]
    return {
        "@type": "BreadcrumbList",
        "@id": url + "#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": name, "item": item_url}
            for index, (name, item_url) in enumerate(items, start=1)
        ],
    }


def page_node(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    """The schema.org object of an entry's page (the JSON-LD graph's first node, and the
    line of the JSON Lines dump)."""
    site = catalog.site
    url = site.absolute(entry.url)
    page: dict[str, Any] = {
        "@type": entry.kind.jsonld_type,
        # A term on a shared page is that page's anchor already: its URL is its id.
        "@id": url + "#page" if entry.kind.own_page else url,
        "url": url,
        "name": to_plain(entry.title),
        "headline": to_plain(entry.title),
        "description": to_plain(entry.summary),
        "inLanguage": entry.lang,
        "datePublished": entry.published.isoformat(),
        "dateModified": dates.updated(catalog, entry).isoformat(),
        "author": _organization(entry.author),
        "publisher": _organization(site.publisher_name, site.publisher_url),
        "isPartOf": {"@id": site.base_url + "#website"},
        "breadcrumb": {"@id": url + "#breadcrumb"},
        "license": site.license_url,
    }
    if entry.tags:
        page["keywords"] = ", ".join(entry.tags)
    record = provenance(catalog, entry)
    if record is not None:
        if record.reviewed is not None:
            page["lastReviewed"] = record.reviewed.isoformat()
        if record.reviewer is not None:
            page["reviewedBy"] = _organization(to_plain(record.reviewer))
        if record.valid_until is not None:
            page["expires"] = record.valid_until.isoformat()
        if record.expired:
            page["creativeWorkStatus"] = EXPIRED
    if entry.kind is ANSWER:
        body = entry.body
        page["mainEntity"] = {
            "@type": "Question",
            "name": to_plain(entry.title),
            "text": to_plain(body["original_question"]),
            "inLanguage": entry.lang,
            "acceptedAnswer": {
                "@type": "Answer",
                "text": to_plain(body["short_answer"]),
                "url": url + "#direct-answer",
                "inLanguage": entry.lang,
            },
        }
    return page


def entry_jsonld(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    """The JSON-LD graph of an entry's page: the page, the site, and the breadcrumb trail."""
    site = catalog.site
    url = site.absolute(entry.url)
    trail: list[tuple[str, str]] = []
    topic = catalog.topic_of.get(entry.id)
    if topic is not None:
        trail.append((to_plain(topic.title), site.absolute(topic.url)))
    trail.append((to_plain(entry.title), url))
    return {
        "@context": SCHEMA_ORG,
        "@graph": [page_node(catalog, entry), website(site), _breadcrumbs(site, url, trail)],
    }


def listing_jsonld(catalog: Catalog, path: str, title: str, description: str) -> dict[str, Any]:
    """JSON-LD for a hub page (home, glossary, tags): a collection within the site."""
    site = catalog.site
    url = site.absolute(path)
    trail = [] if path == "/" else [(title, url)]
    page = {
        "@type": "CollectionPage",
        "@id": url + "#page",
        "url": url,
        "name": title,
        "description": description,
        "inLanguage": site.language,
        "isPartOf": {"@id": site.base_url + "#website"},
        "breadcrumb": {"@id": url + "#breadcrumb"},
    }
    return {
        "@context": SCHEMA_ORG,
        "@graph": [page, website(site), _breadcrumbs(site, url, trail)],
    }

"""Every date a page shows or publishes, computed here once.

A page changes when what it shows changes: an entry page when the entry does, a topic page
also when one of its members does (it lists their titles and answers), a hub when the
newest of what it lists does. The sitemap's ``lastmod``, the mirror's ``updated``, the
JSON-LD ``dateModified`` and the API's ``updated`` all take the same date from here.
Dates come from content, never from the clock.

Validity too: an answer with ``valid_until`` is expired when that day is before the
content date, the newest ``updated`` of any published entry (the date of the whole site,
the API index's ``updated``). A build of the same content marks the same answers, however
late it runs; editing any entry moves the content date on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from answer_center.urls import CONSUMERS_HUB, GLOSSARY_HUB, HOME_HUB, TAGS_HUB, Hub

if TYPE_CHECKING:
    # The model dates the catalog with content_date below: types only, no import cycle.
    from answer_center.model import Catalog, Entry


def updated(catalog: Catalog, entry: Entry) -> dt.date:
    """The date an entry's page last changed."""
    if entry.kind.groups:
        return max((entry.updated, *(m.updated for m in catalog.members[entry.id])))
    return entry.updated


def newest(catalog: Catalog) -> dt.date | None:
    """The newest change of any page: the build date of the whole site."""
    return catalog.content_date


def content_date(updated_dates: Iterable[dt.date]) -> dt.date | None:
    """The date of the content as a whole: the newest of the published entries' dates."""
    return max(updated_dates, default=None)


def valid_until(entry: Entry) -> dt.date | None:
    """The last day an entry holds, when its editor set one."""
    value = entry.body.get("valid_until")
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def is_past(valid_until: dt.date | None, as_of: dt.date | None) -> bool:
    """True when a validity ended before the content date."""
    return valid_until is not None and as_of is not None and valid_until < as_of


def expired(catalog: Catalog, entry: Entry) -> bool:
    """True for an entry past its validity, on the content date."""
    return is_past(valid_until(entry), catalog.content_date)


def listed_updated(catalog: Catalog, entries: Iterable[Entry]) -> dt.date | None:
    """The date a page that lists entries (a kind's listing, a tag page) last changed."""
    return max((updated(catalog, e) for e in entries), default=None)


def hub_updated(catalog: Catalog, hub: Hub) -> dt.date | None:
    """The date a hub page last changed, or None for a page written by hand (the
    consumers' page has no content date, and no output invents one)."""
    if hub is HOME_HUB:
        return newest(catalog)
    if hub is GLOSSARY_HUB:
        terms = [e.updated for e in catalog.entries if not e.kind.own_page]
        return max(terms, default=None)
    if hub is TAGS_HUB:
        return max((e.updated for e in catalog.entries if e.tags), default=None)
    if hub is CONSUMERS_HUB:
        return None
    raise ValueError(f"unknown hub {hub.name}")


def rfc3339(date: dt.date) -> str:
    """Midnight UTC of a content date, as JSON Feed and most consumers expect it."""
    return dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC).isoformat()


def epoch(date: dt.date) -> int:
    """Seconds since 1970 at midnight UTC of a content date (SOURCE_DATE_EPOCH)."""
    return int(dt.datetime.combine(date, dt.time(), tzinfo=dt.UTC).timestamp())
